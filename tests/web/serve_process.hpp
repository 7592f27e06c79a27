// `peacesim serve` as a child process, for the tests of what the command itself does (the port, the
// banner, the warning). It waits for signs the process gives (a line on its output, its exit),
// never for a fixed time, and every wait is bounded: a test using it cannot hang.
#pragma once

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace peacesim::web::testing {

class ServeProcess {
 public:
  // Starts PEACESIM_BINARY with `args` from the source folder.
  explicit ServeProcess(const std::vector<std::string>& args) {
    // Everything the child needs is made before fork: after it, only async-signal-safe calls.
    std::string binary = PEACESIM_BINARY;
    std::vector<std::string> copy = args;
    std::vector<char*> argv{binary.data()};
    for (auto& a : copy) argv.push_back(a.data());
    argv.push_back(nullptr);
    int out[2], err[2];
    if (::pipe2(out, O_CLOEXEC) != 0 || ::pipe2(err, O_CLOEXEC) != 0) return;
    pid_ = ::fork();
    if (pid_ == 0) {
      ::dup2(out[1], 1);
      ::dup2(err[1], 2);
      if (::chdir(PEACESIM_SOURCE_DIR) != 0) ::_exit(127);
      ::execv(argv[0], argv.data());
      ::_exit(127);
    }
    ::close(out[1]);
    ::close(err[1]);
    out_ = out[0];
    err_ = err[0];
  }
  ~ServeProcess() {
    if (pid_ > 0 && !exit_code_) {
      ::kill(pid_, SIGKILL);
      ::waitpid(pid_, nullptr, 0);
    }
    if (out_ >= 0) ::close(out_);
    if (err_ >= 0) ::close(err_);
  }
  ServeProcess(const ServeProcess&) = delete;
  ServeProcess& operator=(const ServeProcess&) = delete;

  // Reads the output until a line of stdout holds `marker`, the process exits, or `limit` passes;
  // returns that line.
  std::optional<std::string> wait_for_line(const std::string& marker,
                                           std::chrono::seconds limit = std::chrono::seconds(60)) {
    const auto until = std::chrono::steady_clock::now() + limit;
    for (;;) {
      const auto at = out_text_.find(marker);
      if (at != std::string::npos) {
        const auto start = out_text_.rfind('\n', at);
        const auto end = out_text_.find('\n', at);
        if (end != std::string::npos)
          return out_text_.substr(start == std::string::npos ? 0 : start + 1,
                                  end - (start == std::string::npos ? 0 : start + 1));
      }
      if (!pump(until)) return std::nullopt;
    }
  }

  // Waits (bounded) for the process to exit and returns its exit code (-1 if it did not).
  int wait_for_exit(std::chrono::seconds limit = std::chrono::seconds(60)) {
    const auto until = std::chrono::steady_clock::now() + limit;
    while (!exit_code_ && pump(until)) {
    }
    return exit_code_.value_or(-1);
  }

  // Ctrl-C, then its exit code.
  int interrupt() {
    if (pid_ > 0 && !exit_code_) ::kill(pid_, SIGINT);
    return wait_for_exit();
  }

  [[nodiscard]] const std::string& out() const { return out_text_; }
  [[nodiscard]] const std::string& err() const { return err_text_; }

 private:
  // Reads what is available on stdout and stderr, waiting at most until `until`; false when the
  // process has exited and said everything, or the time is up.
  bool pump(std::chrono::steady_clock::time_point until) {
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(until - std::chrono::steady_clock::now());
    if (left.count() <= 0) return false;
    pollfd fds[2] = {{out_, POLLIN, 0}, {err_, POLLIN, 0}};
    const int ready = ::poll(fds, 2, static_cast<int>(std::min<long>(left.count(), 200)));
    bool open = false;
    for (int i = 0; i < 2; ++i) {
      int& fd = i == 0 ? out_ : err_;
      if (fd < 0) continue;
      if (ready > 0 && (fds[i].revents & (POLLIN | POLLHUP | POLLERR))) {
        char buf[4096];
        const auto n = ::read(fd, buf, sizeof buf);
        if (n > 0) {
          (i == 0 ? out_text_ : err_text_).append(buf, static_cast<std::size_t>(n));
        } else {
          ::close(fd);
          fd = -1;
          continue;
        }
      }
      open = true;
    }
    if (!open && !exit_code_) {
      int status = 0;
      if (::waitpid(pid_, &status, 0) == pid_)
        exit_code_ = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    }
    return open;
  }

  pid_t pid_ = -1;
  int out_ = -1, err_ = -1;
  std::string out_text_, err_text_;
  std::optional<int> exit_code_;
};

}  // namespace peacesim::web::testing
