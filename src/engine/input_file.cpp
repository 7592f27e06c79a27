#include "engine/input_file.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>

namespace peacesim::engine {

namespace {
using Reason = InputFileError::Reason;

InputFileError open_error(int error) {
  switch (error) {
    case ENOENT:
      return {Reason::NotFound, "file not found"};
    case ENOTDIR:
      return {Reason::NotFound, "file not found (a part of its path is not a folder)"};
    case ELOOP:
      return {Reason::SymlinkLoop, "is a loop of symbolic links (or a chain too long to follow)"};
    case EACCES:
    case EPERM:
      return {Reason::Unreadable, "cannot be read (permission denied)"};
    default:
      return {Reason::Unreadable, fmt::format("cannot be read ({})", std::strerror(error))};
  }
}

InputFileError too_large(std::uint64_t size, const InputLimit& limit) {
  return {Reason::TooLarge, fmt::format("is {}, more than the {} allowed for {}", describe_size(size),
                                        describe_size(limit.max_bytes), limit.what)};
}

InputFileError grew(const InputLimit& limit) {
  return {Reason::TooLarge,
          fmt::format("holds more than the {} allowed for {}", describe_size(limit.max_bytes), limit.what)};
}

// A folder, a device, a pipe or a socket is refused by its type, before it is read.
void check_stat(const struct stat& st, const InputLimit& limit) {
  if (S_ISDIR(st.st_mode)) throw InputFileError(Reason::Folder, "is a folder, not a file");
  if (!S_ISREG(st.st_mode)) {
    throw InputFileError(Reason::NotRegular,
                         "is not a regular file (devices, pipes and sockets are not read)");
  }
  if (static_cast<std::uint64_t>(st.st_size) > limit.max_bytes)
    throw too_large(static_cast<std::uint64_t>(st.st_size), limit);
}

class Descriptor {
 public:
  explicit Descriptor(int fd) : fd_(fd) {}
  ~Descriptor() { ::close(fd_); }
  Descriptor(const Descriptor&) = delete;
  Descriptor& operator=(const Descriptor&) = delete;
  [[nodiscard]] int get() const { return fd_; }

 private:
  int fd_;
};
}  // namespace

void check_input_file(const std::filesystem::path& path, const InputLimit& limit) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) throw open_error(errno);
  check_stat(st, limit);
}

std::string read_input_file(const std::filesystem::path& path, const InputLimit& limit) {
  // Checked by name first so that no device is ever opened (opening some has effects), then by
  // descriptor in case the name was swapped in between. O_NONBLOCK keeps a FIFO swapped in from
  // blocking the open; it changes nothing for regular files.
  check_input_file(path, limit);
  const int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
  if (fd < 0) throw open_error(errno);
  const Descriptor file(fd);
  struct stat st {};
  if (::fstat(fd, &st) != 0) throw open_error(errno);
  check_stat(st, limit);

  std::string bytes;
  bytes.reserve(static_cast<std::size_t>(st.st_size));
  std::array<char, 1 << 16> buffer{};
  // At most max_bytes + 1 bytes are read: the one extra byte tells a file that outgrew the cap.
  while (true) {
    const std::uint64_t room = limit.max_bytes + 1 - bytes.size();
    const ssize_t n =
        ::read(fd, buffer.data(), static_cast<std::size_t>(std::min<std::uint64_t>(buffer.size(), room)));
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) throw open_error(errno);
    if (n == 0) break;
    bytes.append(buffer.data(), static_cast<std::size_t>(n));
    if (bytes.size() > limit.max_bytes) throw grew(limit);
  }
  return bytes;
}

std::string describe_size(std::uint64_t bytes) {
  if (bytes < kMiB) return fmt::format("{} bytes", bytes);
  if (bytes % kMiB == 0) return fmt::format("{} MiB", bytes / kMiB);
  // The exact count too: "16.0 MiB" would not show why a file of 16 MiB and one byte is refused.
  return fmt::format("{:.1f} MiB ({} bytes)", static_cast<double>(bytes) / static_cast<double>(kMiB), bytes);
}

}  // namespace peacesim::engine
