// The overload set for std::visit over a record or message variant: one
// lambda per alternative, as in the protocols' journal replay.
#pragma once

namespace consim {

template <typename... Fs>
struct Overloaded : Fs... {
  using Fs::operator()...;
};
template <typename... Fs>
Overloaded(Fs...) -> Overloaded<Fs...>;

}  // namespace consim
