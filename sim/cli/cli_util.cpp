#include "sim/cli/cli_util.h"
#include "sim/cli/parse_error.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <csignal>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <filesystem>
#include <mutex>
#include <sstream>
#include <utility>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "scenarios/json_reader.h"
#include "scenarios/scenario_fields.h"

namespace consim::cli {

std::optional<std::vector<Bug>> parse_bugs(const std::vector<std::string>& names) {
  std::vector<Bug> bugs;
  for (const auto& name : names) {
    const auto bug = bug_from_name(name);
    if (!bug) {
      std::string known;
      for (const auto& info : all_bugs()) known += fmt::format("\n  {:<28} {}", info.name, info.mistake);
      std::vector<std::string_view> bug_names;
      for (const auto& info : all_bugs()) bug_names.push_back(info.name);
      fmt::print(stderr, "{}--bug: unknown bug \"{}\"{}; known bugs:{}\n", error_prefix(), name, did_you_mean(name, bug_names),
                 known);
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
      fmt::print(stderr, "{}--bug {} does not apply to protocol {}\n", error_prefix(), bug_name(b), protocol_name(protocol));
      return std::nullopt;
    }
  return bugs;
}

namespace {

// The temporary files of OutputFiles not yet committed or discarded, in a
// form a signal handler may read: fixed storage, published with an atomic flag.
struct PendingOutput {
  std::atomic<bool> used{false};
  char path[4096] = {};
};
std::array<PendingOutput, 32> g_pending;

std::mutex g_pending_mu;  // between threads; the signal handler only reads

void register_pending(const std::string& temp_path) {
  if (temp_path.size() >= sizeof(PendingOutput::path)) return;
  const std::lock_guard lock(g_pending_mu);
  for (PendingOutput& slot : g_pending)
    if (!slot.used.load()) {
      std::memcpy(slot.path, temp_path.c_str(), temp_path.size() + 1);
      slot.used.store(true);
      return;
    }
  // More than 32 open outputs: still correct, only not removed on a signal.
}

void unregister_pending(const std::string& temp_path) {
  const std::lock_guard lock(g_pending_mu);
  for (PendingOutput& slot : g_pending)
    if (slot.used.load() && temp_path == slot.path) {
      slot.used.store(false);
      return;
    }
}

extern "C" void remove_outputs_and_die(int sig) {
  remove_uncommitted_outputs();
  std::signal(sig, SIG_DFL);
  std::raise(sig);
}

// On the first output file, SIGINT, SIGTERM and SIGHUP (where nothing else
// handles them) remove temporary files before the process dies of them.
void install_cleanup_handlers() {
  static std::once_flag once;
  std::call_once(once, [] {
    for (int sig : {SIGINT, SIGTERM, SIGHUP}) {
      struct sigaction old {};
      if (sigaction(sig, nullptr, &old) != 0 || old.sa_handler != SIG_DFL) continue;
      struct sigaction sa {};
      sa.sa_handler = remove_outputs_and_die;
      sigemptyset(&sa.sa_mask);
      sigaction(sig, &sa, nullptr);
    }
  });
}

std::string temp_name_for(const std::filesystem::path& target) {
  static std::atomic<unsigned> count{0};
  const std::string name = fmt::format(".{}.consim-tmp-{}-{}", target.filename().string(), getpid(), count++);
  return (target.parent_path() / name).string();
}

void print_cannot_write(const std::string& path, const std::string& why) {
  fmt::print(stderr, "{}cannot write {}: {}\n", error_prefix(), path, why);
}

}  // namespace

void remove_uncommitted_outputs() noexcept {
  for (PendingOutput& slot : g_pending)
    if (slot.used.load()) unlink(slot.path);
}

OutputFile::~OutputFile() {
  if (!file_) return;
  if (std::uncaught_exceptions() > 0) discard();
  else commit();
}

OutputFile::OutputFile(OutputFile&& other) noexcept
    : file_(std::exchange(other.file_, nullptr)),
      path_(std::move(other.path_)),
      temp_path_(std::move(other.temp_path_)) {}

OutputFile& OutputFile::operator=(OutputFile&& other) noexcept {
  if (this != &other) {
    if (file_) commit();
    file_ = std::exchange(other.file_, nullptr);
    path_ = std::move(other.path_);
    temp_path_ = std::move(other.temp_path_);
  }
  return *this;
}

bool OutputFile::commit() {
  if (!file_) return true;
  bool ok = std::fflush(file_) == 0 && std::ferror(file_) == 0;
  const int write_errno = errno;
  ok = std::fclose(std::exchange(file_, nullptr)) == 0 && ok;
  if (temp_path_.empty()) {
    if (!ok) print_cannot_write(path_, std::strerror(write_errno));
    return ok;
  }
  if (ok && std::rename(temp_path_.c_str(), path_.c_str()) != 0) ok = false;
  if (!ok) {
    print_cannot_write(path_, std::strerror(errno ? errno : write_errno));
    std::remove(temp_path_.c_str());
  }
  unregister_pending(temp_path_);
  return ok;
}

void OutputFile::discard() {
  if (!file_) return;
  std::fclose(std::exchange(file_, nullptr));
  if (temp_path_.empty()) return;
  std::remove(temp_path_.c_str());
  unregister_pending(temp_path_);
}

OutputFile open_output(const std::string& path) {
  namespace fs = std::filesystem;
  OutputFile out;
  out.path_ = path;
  if (path == "-") {
    out.file_ = fdopen(dup(fileno(stdout)), "w");
    return out;
  }
  std::error_code ec;
  fs::path target(path);
  if (fs::is_symlink(fs::symlink_status(target, ec))) {
    // The link stays a link: the file it points to is the one replaced.
    const fs::path resolved = fs::weakly_canonical(target, ec);
    if (!ec) target = resolved;
  }
  const fs::file_status status = fs::status(target, ec);
  if (fs::is_directory(status) || target.filename().empty()) {
    print_cannot_write(path, "is a directory");
    return OutputFile();
  }
  if (fs::exists(status) && !fs::is_regular_file(status)) {
    // A device or a FIFO is written as it is: renaming over it would replace it.
    out.file_ = std::fopen(path.c_str(), "w");
    if (!out.file_) print_cannot_write(path, std::strerror(errno));
    return out;
  }
  if (fs::exists(status) && access(target.c_str(), W_OK) != 0) {
    print_cannot_write(path, std::strerror(errno));
    return OutputFile();
  }
  install_cleanup_handlers();
  out.temp_path_ = temp_name_for(target);
  const int fd = ::open(out.temp_path_.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
  if (fd < 0 || !(out.file_ = fdopen(fd, "w"))) {
    print_cannot_write(path, std::strerror(errno));
    if (fd >= 0) {
      close(fd);
      std::remove(out.temp_path_.c_str());
    }
    return OutputFile();
  }
  // The replacement keeps the permissions of the file it replaces (a private
  // trace stays private).
  if (fs::exists(status)) fchmod(fd, static_cast<mode_t>(status.permissions() & fs::perms::all));
  register_pending(out.temp_path_);
  // The final name gets its own target's path (a link's destination).
  out.path_ = target.string();
  return out;
}

bool stderr_is_terminal() { return isatty(fileno(stderr)) != 0; }

std::vector<std::string> stdout_claims(bool json,
                                       std::initializer_list<std::pair<std::string_view, const std::string*>> files) {
  std::vector<std::string> claims;
  if (json) claims.emplace_back("--json");
  for (const auto& [flag, path] : files)
    if (*path == "-") claims.push_back(fmt::format("{} -", flag));
  return claims;
}

bool stdout_conflict(const std::vector<std::string>& claims) {
  if (claims.size() <= 1) return false;
  fmt::print(stderr, "{}{} {} write to stdout, which holds one of them; give the others a file\n", error_prefix(),
             fmt::join(claims, " and "), claims.size() == 2 ? "both" : "all");
  return true;
}

CLI::Validator one_of(std::vector<std::string> names) {
  const std::string description = fmt::format("{}", fmt::join(names, "|"));
  return CLI::Validator(
      [names](std::string& value) -> std::string {
        if (std::find(names.begin(), names.end(), value) != names.end()) return {};
        const std::vector<std::string_view> known(names.begin(), names.end());
        return fmt::format("expected one of {} (got \"{}\"){}", fmt::join(names, ", "), value,
                           did_you_mean(value, known));
      },
      description);
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

namespace consim::cli {

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
