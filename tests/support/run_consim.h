// Running the real consim binary from a test, as a user would: arguments
// quoted for the shell, stdout and stderr captured through temp files.
#pragma once

#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

namespace consim_test {

struct CommandResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

inline std::string shell_quote(const std::string& s) {
  std::string q = "'";
  for (char c : s) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return q + "'";
}

inline std::string slurp(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// A fresh directory under the temp dir, removed when this goes out of scope.
class TempDir {
 public:
  explicit TempDir(const std::string& tag) {
    static int count = 0;
    path_ = std::filesystem::temp_directory_path() /
            ("consim-" + tag + "-" + std::to_string(getpid()) + "-" + std::to_string(count++));
    std::filesystem::remove_all(path_);
    std::filesystem::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  std::filesystem::path operator/(const std::string& name) const { return path_ / name; }
  std::string str(const std::string& name) const { return (path_ / name).string(); }

 private:
  std::filesystem::path path_;
};

// Runs a shell command line, capturing stdout and stderr.
inline CommandResult run_shell(const std::string& command_line) {
  const TempDir dir("cmd");
  const std::string cmd =
      command_line + " >" + shell_quote(dir.str("out")) + " 2>" + shell_quote(dir.str("err")) + " </dev/null";
  const int status = std::system(cmd.c_str());
  CommandResult r;
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.out = slurp(dir / "out");
  r.err = slurp(dir / "err");
  return r;
}

inline void write_file(const std::filesystem::path& p, const std::string& text) {
  std::ofstream(p, std::ios::binary) << text;
}

// Runs CONSIM_BINARY with `args`.
inline CommandResult run_consim(const std::vector<std::string>& args) {
  std::string cmd = shell_quote(CONSIM_BINARY);
  for (const auto& a : args) cmd += " " + shell_quote(a);
  return run_shell(cmd);
}

}  // namespace consim_test
