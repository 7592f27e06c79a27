// Reading a file a user names (a scenario, a data file, a boundary file, a checkpoint) without
// trusting it: only a regular file is read, and never more than a stated number of bytes. A
// device (/dev/zero), a pipe, or a file that grows while it is read would otherwise make a reader
// run on and take all the memory; a loop of symbolic links would surface as a library exception.
#pragma once

#include <cstdint>
#include <filesystem>
#include <stdexcept>
#include <string>

namespace peacesim::engine {

inline constexpr std::uint64_t kMiB = 1024 * 1024;

// What may be read, and how it is named in messages ("a scenario file", "a CSV data file").
struct InputLimit {
  std::uint64_t max_bytes = 0;
  std::string what;
};

// Why a file was refused. The message does not repeat the path (callers say where the file was
// named) and never quotes the file's contents.
class InputFileError : public std::runtime_error {
 public:
  enum class Reason { NotFound, SymlinkLoop, Folder, NotRegular, Unreadable, TooLarge };
  InputFileError(Reason reason, const std::string& message) : std::runtime_error(message), reason_(reason) {}
  [[nodiscard]] Reason reason() const { return reason_; }

 private:
  Reason reason_;
};

// Checks that `path` names a regular file of at most limit.max_bytes, without reading it (for
// files another library opens, such as GDAL's). Throws InputFileError.
void check_input_file(const std::filesystem::path& path, const InputLimit& limit);

// Reads a whole regular file of at most limit.max_bytes. The size is checked before reading and
// again while reading, so a file that grows (or a special file that claims to be empty) stops at
// the cap. Throws InputFileError.
std::string read_input_file(const std::filesystem::path& path, const InputLimit& limit);

// "16 MiB", "1.5 MiB", "300 bytes": sizes in messages.
std::string describe_size(std::uint64_t bytes);

}  // namespace peacesim::engine
