// The fuzzers' inputs go through the same file readers users' files do: each input is written to
// a private temporary file (one per process, reused), so the targets exercise the real code paths.
#pragma once

#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>

namespace peacesim::fuzz {

inline std::filesystem::path input_file(const std::string& extension, const std::uint8_t* data,
                                        std::size_t size) {
  static const auto path =
      std::filesystem::temp_directory_path() / ("peacesim_fuzz_" + std::to_string(::getpid()) + extension);
  std::ofstream(path, std::ios::binary | std::ios::trunc)
      .write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
  return path;
}

}  // namespace peacesim::fuzz
