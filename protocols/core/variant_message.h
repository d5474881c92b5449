// How a protocol's messages and journal records reach the engine, one home
// for all of them (STYLE.md 11). A protocol names its message structs (and
// its record structs) in one std::variant; the engine sees only the Message
// (Record) base, and the node gets the variant back to dispatch on with
// std::visit and no catch-all, so a new message does not build until every
// handler exists (STYLE.md 3).
//
// Every struct in the variant names itself: `static constexpr
// std::string_view kName`, the paper's name for it. A message's canonical
// fields for the trace and its hash are the protocol's to choose: it hands
// its own `Encode` function.
#pragma once

#include <array>
#include <memory>
#include <span>
#include <string_view>
#include <type_traits>
#include <utility>
#include <variant>

#include "protocols/core/fields.h"
#include "protocols/core/message.h"

namespace consim {

template <typename Payload, void (*Encode)(const Payload&, FieldSink&)>
class VariantMessage final : public Message {
 public:
  explicit VariantMessage(Payload payload) : payload_(std::move(payload)) {}
  std::string_view type() const override {
    return std::visit([](const auto& m) { return std::decay_t<decltype(m)>::kName; }, payload_);
  }
  void encode(FieldSink& out) const override { Encode(payload_, out); }
  const Payload& payload() const { return payload_; }

  template <typename T>
  static MessagePtr make(T body) {
    return std::make_shared<const VariantMessage>(Payload(std::move(body)));
  }

 private:
  Payload payload_;
};

template <typename Body>
class VariantRecord final : public Record {
 public:
  explicit VariantRecord(Body body) : body_(std::move(body)) {}
  std::string_view type() const override {
    return std::visit([](const auto& r) { return std::decay_t<decltype(r)>::kName; }, body_);
  }
  const Body& body() const { return body_; }

  template <typename T>
  static RecordPtr make(T body) {
    return std::make_shared<const VariantRecord>(Body(std::move(body)));
  }

 private:
  Body body_;
};

// The kName of every alternative of a payload variant: a protocol's message
// types, in the variant's order.
template <typename Payload>
std::span<const std::string_view> payload_type_names() {
  static constexpr auto kNames = []<size_t... I>(std::index_sequence<I...>) {
    return std::array<std::string_view, sizeof...(I)>{std::variant_alternative_t<I, Payload>::kName...};
  }(std::make_index_sequence<std::variant_size_v<Payload>>{});
  return kNames;
}

}  // namespace consim
