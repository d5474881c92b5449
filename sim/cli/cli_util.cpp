#include "sim/cli/cli_util.h"

#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <sstream>

#include <fmt/format.h>

#include "scenarios/scenario_fields.h"

namespace consim::cli {

std::optional<std::vector<Bug>> parse_bugs(const std::vector<std::string>& names) {
  std::vector<Bug> bugs;
  for (const auto& name : names) {
    const auto bug = bug_from_name(name);
    if (!bug) {
      std::string known;
      for (const auto& info : all_bugs()) known += fmt::format("\n  {:<28} {}", info.name, info.mistake);
      fmt::print(stderr, "error: --bug: unknown bug \"{}\"; known bugs:{}\n", name, known);
      return std::nullopt;
    }
    bugs.push_back(*bug);
  }
  return bugs;
}

std::optional<std::vector<Bug>> parse_bugs_for(const std::vector<std::string>& names, Protocol protocol) {
  auto bugs = parse_bugs(names);
  if (!bugs) return std::nullopt;
  for (Bug b : *bugs)
    if (!bug_applies(b, protocol)) {
      fmt::print(stderr, "error: --bug {} does not apply to protocol {}\n", bug_name(b), protocol_name(protocol));
      return std::nullopt;
    }
  return bugs;
}

FilePtr open_output(const std::string& path) {
  if (path == "-") return FilePtr(fdopen(dup(fileno(stdout)), "w"));
  FilePtr f(std::fopen(path.c_str(), "w"));
  if (!f) fmt::print(stderr, "error: cannot write {}: {}\n", path, std::strerror(errno));
  return f;
}

bool stderr_is_terminal() { return isatty(fileno(stderr)) != 0; }

bool use_color() { return isatty(fileno(stdout)) != 0 && std::getenv("NO_COLOR") == nullptr; }

std::string shell_quote(const std::string& arg) {
  const bool plain = !arg.empty() && arg.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                                                           "0123456789-_./=:,+") == std::string::npos;
  if (plain) return arg;
  std::string out = "'";
  for (char c : arg) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

}  // namespace consim::cli

namespace consim::cli {
namespace {

std::optional<uint64_t> parse_u64(std::string_view s) {
  if (s.empty() || s.size() > 20) return std::nullopt;
  uint64_t v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return std::nullopt;
    const uint64_t digit = static_cast<uint64_t>(c - '0');
    if (v > (UINT64_MAX - digit) / 10) return std::nullopt;
    v = v * 10 + digit;
  }
  return v;
}

}  // namespace

std::optional<SeedRange> parse_seed_range(const std::string& text, std::string& error) {
  const auto dots = text.find("..");
  const auto first = parse_u64(std::string_view(text).substr(0, dots));
  const auto last = dots == std::string::npos ? first : parse_u64(std::string_view(text).substr(dots + 2));
  if (!first || !last || *first > *last) {
    error = fmt::format("expected A..B with 0 <= A <= B < 2^64, or one seed (got \"{}\")", text);
    return std::nullopt;
  }
  return SeedRange{*first, *last};
}

std::optional<Shard> parse_shard(const std::string& text, std::string& error) {
  const auto slash = text.find('/');
  const auto bad = [&] {
    error = fmt::format("expected K/N with 0 <= K < N (got \"{}\")", text);
    return std::nullopt;
  };
  if (slash == std::string::npos) return bad();
  const auto k = parse_u64(std::string_view(text).substr(0, slash));
  const auto n = parse_u64(std::string_view(text).substr(slash + 1));
  if (!k || !n || *n == 0 || *k >= *n) return bad();
  return Shard{*k, *n};
}

std::optional<std::vector<Protocol>> parse_protocols(const std::string& list, const char* option) {
  std::vector<Protocol> out;
  std::stringstream in(list);
  std::string name;
  while (std::getline(in, name, ',')) {
    const auto protocols = all_protocols();
    const auto it =
        std::find_if(protocols.begin(), protocols.end(), [&](Protocol p) { return protocol_name(p) == name; });
    if (it == protocols.end()) {
      fmt::print(stderr, "{}: unknown protocol \"{}\" (expected raft, basic-paxos or multi-paxos)\n", option, name);
      return std::nullopt;
    }
    out.push_back(*it);
  }
  if (out.empty()) {
    fmt::print(stderr, "{}: expected a comma-separated list such as raft,multi-paxos\n", option);
    return std::nullopt;
  }
  return out;
}

}  // namespace consim::cli
