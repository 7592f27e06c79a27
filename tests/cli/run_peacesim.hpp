// Runs the real `peacesim` binary from the repository root and captures what it says.
#pragma once

#include <sys/wait.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace peacesim::testing {

struct CommandResult {
  int exit_code = -1;
  std::string out;
  std::string err;
  [[nodiscard]] std::string first_error_line() const { return err.substr(0, err.find('\n')); }
};

inline std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// `args` is pasted into a shell command line: tests pass only simple, trusted words.
inline CommandResult run_peacesim(const std::string& args, const std::string& prefix = "") {
  static int counter = 0;
  const auto base = std::filesystem::temp_directory_path() /
                    ("peacesim_cli_capture_" + std::to_string(::getpid()) + "_" + std::to_string(counter++));
  const std::string command = "cd '" PEACESIM_SOURCE_DIR "' && " + prefix + "'" PEACESIM_BINARY "' " + args +
                              " > '" + base.string() + ".out' 2> '" + base.string() + ".err' < /dev/null";
  const int status = std::system(command.c_str());
  CommandResult r;
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  r.out = read_file(base.string() + ".out");
  r.err = read_file(base.string() + ".err");
  std::filesystem::remove(base.string() + ".out");
  std::filesystem::remove(base.string() + ".err");
  return r;
}

}  // namespace peacesim::testing
