#include "reports/link_state.h"

#include <algorithm>
#include <charconv>

#include <fmt/format.h>
#include <fmt/ranges.h>

namespace consim {
namespace {

// Reads the decimal number at the front of `s` and drops it from `s`.
bool take_number(std::string_view& s, int& out) {
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  if (ec != std::errc() || end == s.data()) return false;
  s.remove_prefix(static_cast<size_t>(end - s.data()));
  return true;
}

bool take(std::string_view& s, std::string_view prefix) {
  if (s.substr(0, prefix.size()) != prefix) return false;
  s.remove_prefix(prefix.size());
  return true;
}

}  // namespace

LinkState::LinkState(int nodes)
    : nodes_(std::max(nodes, 0)), blocked_(static_cast<size_t>(nodes_) * static_cast<size_t>(nodes_), 0) {}

bool LinkState::apply(std::string_view type, std::string_view detail) {
  if (type == "heal") {
    std::fill(blocked_.begin(), blocked_.end(), 0);
    return true;
  }
  if (type == "partition" && take(detail, "partition")) return partition(detail);
  if (type == "isolate" && take(detail, "isolate node ")) {
    int node = 0;
    if (!take_number(detail, node) || !valid(node)) return false;
    for (int other = 1; other <= nodes_; ++other)
      if (other != node) blocked_[index(node, other)] = blocked_[index(other, node)] = 1;
    return true;
  }
  if (type == "cut" && take(detail, "cut ")) return cut(detail);
  return false;
}

// " {1,2} {3,4,5}": nodes in no group are isolated.
bool LinkState::partition(std::string_view groups) {
  std::vector<int> group_of(static_cast<size_t>(nodes_) + 1, -1);
  int group = 0;
  while (take(groups, " {")) {
    for (bool first = true; !take(groups, "}"); first = false) {
      if (!first && !take(groups, ",")) return false;
      int node = 0;
      if (!take_number(groups, node) || !valid(node)) return false;
      group_of[static_cast<size_t>(node)] = group;
    }
    ++group;
  }
  if (!groups.empty()) return false;
  for (int a = 1; a <= nodes_; ++a)
    for (int b = 1; b <= nodes_; ++b) {
      const int ga = group_of[static_cast<size_t>(a)];
      const int gb = group_of[static_cast<size_t>(b)];
      blocked_[index(a, b)] = a != b && (ga < 0 || gb < 0 || ga != gb);
    }
  return true;
}

// "3 -> 4" or "3 <-> 4".
bool LinkState::cut(std::string_view link) {
  int from = 0;
  int to = 0;
  if (!take_number(link, from)) return false;
  const bool both = take(link, " <-> ");
  if (!both && !take(link, " -> ")) return false;
  if (!take_number(link, to) || !valid(from) || !valid(to) || from == to || !link.empty()) return false;
  blocked_[index(from, to)] = 1;
  if (both) blocked_[index(to, from)] = 1;
  return true;
}

bool LinkState::reaches_majority(int node) const {
  int reached = 1;
  for (int other = 1; other <= nodes_; ++other)
    if (other != node && link_up(node, other) && link_up(other, node)) ++reached;
  return reached > nodes_ / 2;
}

std::string LinkState::cut_off_label(int node) const {
  if (!valid(node)) return "";
  std::vector<int> both;
  std::vector<int> out_only;
  std::vector<int> in_only;
  for (int other = 1; other <= nodes_; ++other) {
    if (other == node) continue;
    const bool out = !link_up(node, other);
    const bool in = !link_up(other, node);
    if (out && in)
      both.push_back(other);
    else if (out)
      out_only.push_back(other);
    else if (in)
      in_only.push_back(other);
  }
  if (static_cast<int>(both.size()) == nodes_ - 1 && nodes_ > 1) return "isolated";
  std::vector<std::string> parts;
  if (!both.empty()) parts.push_back(fmt::format("cut off from {}", fmt::join(both, ",")));
  if (!out_only.empty()) parts.push_back(fmt::format("cannot send to {}", fmt::join(out_only, ",")));
  if (!in_only.empty()) parts.push_back(fmt::format("cannot hear from {}", fmt::join(in_only, ",")));
  return fmt::format("{}", fmt::join(parts, "; "));
}

}  // namespace consim
