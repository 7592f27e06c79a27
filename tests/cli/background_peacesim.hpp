// A `peacesim` started in the background, for tests that interrupt or kill it at a known point.
// The test never waits for a length of time: it waits for a sign from the process, a line on its
// standard output (which comes through a pipe) or a change in a folder (inotify), and learns that
// the process has ended when the pipe closes. Its standard error goes to a file.
#pragma once

#include <fcntl.h>
#include <poll.h>
#include <sys/inotify.h>
#include <sys/wait.h>
#include <unistd.h>

#include <csignal>
#include <filesystem>
#include <functional>
#include <string>

#include "run_peacesim.hpp"

namespace peacesim::testing {

class BackgroundPeacesim {
 public:
  // `args` is pasted into a shell command line, run from the repository root (trusted words only).
  BackgroundPeacesim(const std::string& args, const std::filesystem::path& err_file) {
    int fds[2];
    if (::pipe2(fds, O_CLOEXEC) != 0) return;
    const std::string command = "cd '" PEACESIM_SOURCE_DIR "' && exec '" PEACESIM_BINARY "' " + args +
                                " 2> '" + err_file.string() + "' < /dev/null";
    pid_ = ::fork();
    if (pid_ == 0) {  // the child: only async-signal-safe calls until exec
      ::dup2(fds[1], STDOUT_FILENO);
      ::execl("/bin/sh", "sh", "-c", command.c_str(), static_cast<char*>(nullptr));
      ::_exit(127);
    }
    ::close(fds[1]);
    out_ = fds[0];
  }
  ~BackgroundPeacesim() {
    if (pid_ > 0 && !waited_) {
      ::kill(pid_, SIGKILL);
      (void)wait();
    }
    if (out_ >= 0) ::close(out_);
  }
  BackgroundPeacesim(const BackgroundPeacesim&) = delete;
  BackgroundPeacesim& operator=(const BackgroundPeacesim&) = delete;

  [[nodiscard]] bool started() const { return pid_ > 0 && out_ >= 0; }
  [[nodiscard]] const std::string& output() const { return output_; }

  // Reads standard output until it holds `text` (true) or ends because the process did (false).
  bool wait_for_output(const std::string& text) {
    while (output_.find(text) == std::string::npos) {
      if (!read_some()) return output_.find(text) != std::string::npos;
    }
    return true;
  }

  // Waits until `done()` holds, checking again whenever something is created, renamed or written in
  // `folder`; false if the process ended first (and `done()` still does not hold).
  bool wait_for_change(const std::filesystem::path& folder, const std::function<bool()>& done) {
    const int watch = ::inotify_init1(IN_CLOEXEC);
    if (watch < 0) return false;
    ::inotify_add_watch(watch, folder.c_str(), IN_CREATE | IN_MOVED_TO | IN_CLOSE_WRITE);
    bool ended = false;
    while (!done() && !ended) {  // checked after the watch is set, so no change is missed
      pollfd fds[2] = {{watch, POLLIN, 0}, {out_, POLLIN, 0}};
      if (::poll(fds, 2, -1) < 0) continue;
      if (fds[0].revents & POLLIN) {
        char events[4096];
        (void)::read(watch, events, sizeof events);
      }
      if (fds[1].revents & (POLLIN | POLLHUP)) ended = !read_some();
    }
    ::close(watch);
    return done();
  }

  void signal(int sig) const {
    if (pid_ > 0 && !waited_) ::kill(pid_, sig);
  }

  // Reads standard output to its end and waits for the process: its exit code, or 128 + the
  // signal that killed it.
  int wait() {
    while (read_some()) {
    }
    int status = 0;
    while (::waitpid(pid_, &status, 0) < 0 && errno == EINTR) {
    }
    waited_ = true;
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  }

 private:
  // One blocking read of standard output; false at its end.
  bool read_some() {
    if (out_ < 0) return false;
    char buffer[4096];
    const ssize_t n = ::read(out_, buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) return true;
    if (n <= 0) return false;
    output_.append(buffer, static_cast<std::size_t>(n));
    return true;
  }

  pid_t pid_ = -1;
  int out_ = -1;
  bool waited_ = false;
  std::string output_;
};

}  // namespace peacesim::testing
