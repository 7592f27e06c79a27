#include "cli/json_file.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>

#include "output/output_error.hpp"

namespace peacesim::cli {

namespace fs = std::filesystem;

void check_output_file(const std::string& path) {
  std::error_code ec;
  if (fs::exists(fs::symlink_status(path, ec)))
    throw output::OutputError(path + ": already exists; choose another --out");
  if (path.empty() || path.back() == '/')
    throw output::OutputError("'" + path + "': not a file name; choose another --out");
  const fs::path tmp = path + ".partial";
  const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0644);
  if (fd < 0) {
    throw output::OutputError(
        fmt::format("{}: cannot be written ({}); choose another --out", path, std::strerror(errno)));
  }
  ::close(fd);
  fs::remove(tmp, ec);
}

void write_text_atomically(const fs::path& path, const std::string& text) {
  const fs::path tmp = path.string() + ".partial";
  {
    std::ofstream out(tmp, std::ios::binary);
    if (!out) throw output::OutputError(path.string() + ": cannot open for writing");
    out << text;
    if (!out.flush()) {
      out.close();
      std::error_code ignored;
      fs::remove(tmp, ignored);
      throw output::OutputError(path.string() + ": write failed (disk full?)");
    }
  }
  std::error_code ec;
  fs::rename(tmp, path, ec);
  if (ec) {
    fs::remove(tmp, ec);
    throw output::OutputError(path.string() + ": cannot write: " + ec.message());
  }
}

void write_json_atomically(const fs::path& path, const nlohmann::json& j) {
  write_text_atomically(path, j.dump(1) + "\n");
}

}  // namespace peacesim::cli
