// A consim child process a test can signal: started with fork/exec (so
// SIGINT has its default disposition, whatever the test runner does with
// it), stdout and stderr to files, and waited for with a deadline.
#pragma once

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include <fcntl.h>

namespace consim_test {

class ChildProcess {
 public:
  ChildProcess(const std::vector<std::string>& args, const std::string& out_path, const std::string& err_path) {
    pid_ = fork();
    if (pid_ == 0) {
      const int in = open("/dev/null", O_RDONLY);
      const int out = open(out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
      const int err = open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
      if (in < 0 || out < 0 || err < 0) _exit(126);
      dup2(in, 0);
      dup2(out, 1);
      dup2(err, 2);
      signal(SIGINT, SIG_DFL);
      signal(SIGTERM, SIG_DFL);
      std::vector<char*> argv;
      for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
      argv.push_back(nullptr);
      execv(argv[0], argv.data());
      _exit(127);
    }
  }
  ~ChildProcess() {
    if (pid_ > 0 && !reaped_) {
      kill(pid_, SIGKILL);
      waitpid(pid_, nullptr, 0);
    }
  }
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;

  bool started() const { return pid_ > 0; }
  void signal_it(int sig) const { kill(pid_, sig); }

  // The wait status once the child ends, or -1 if it has not within `limit`
  // (it is then killed).
  int wait_for_exit(std::chrono::seconds limit) {
    const auto deadline = std::chrono::steady_clock::now() + limit;
    int status = 0;
    while (std::chrono::steady_clock::now() < deadline) {
      if (waitpid(pid_, &status, WNOHANG) == pid_) {
        reaped_ = true;
        return status;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return -1;
  }

 private:
  pid_t pid_ = -1;
  bool reaped_ = false;
};

// Waits until `dir` holds a file whose name contains `part` and that has at
// least `min_bytes`; false after `limit`.
inline bool wait_for_file(const std::filesystem::path& dir, const std::string& part, uintmax_t min_bytes,
                          std::chrono::seconds limit) {
  const auto deadline = std::chrono::steady_clock::now() + limit;
  while (std::chrono::steady_clock::now() < deadline) {
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator(dir, ec))
      if (entry.path().filename().string().find(part) != std::string::npos && entry.file_size(ec) >= min_bytes && !ec)
        return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return false;
}

// The temporary files an output leaves while it is written (sim/cli/cli_util.h).
inline bool has_temp_files(const std::filesystem::path& dir) {
  for (const auto& entry : std::filesystem::directory_iterator(dir))
    if (entry.path().filename().string().find(".consim-tmp-") != std::string::npos) return true;
  return false;
}

}  // namespace consim_test
