#include "sim/cli/cli_util.h"

#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>

#include <fmt/format.h>

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

bool bug_applies(Bug bug, Protocol protocol) {
  const std::string_view name = bug_name(bug);
  if (name.starts_with("raft.")) return protocol == Protocol::kRaft;
  if (name.starts_with("paxos.")) return protocol != Protocol::kRaft;
  return protocol == Protocol::kMultiPaxos;
}

FilePtr open_output(const std::string& path) {
  if (path == "-") return FilePtr(fdopen(dup(fileno(stdout)), "w"));
  FilePtr f(std::fopen(path.c_str(), "w"));
  if (!f) fmt::print(stderr, "error: cannot write {}: {}\n", path, std::strerror(errno));
  return f;
}

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
