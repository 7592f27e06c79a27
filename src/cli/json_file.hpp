// Writing a result file so that a crash or a full disk never leaves half of it: the text goes to
// a sibling `.partial` file, which is flushed and renamed over the target.
#pragma once

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>

namespace peacesim::cli {

// Called before any computing, so a bad --out fails at once: throws output::OutputError when
// `path` exists (even as a symbolic link to nothing: result files are never overwritten, nor
// written through a link) or when no file can be made there (no such folder, a read-only or
// special file system such as /proc, permission denied). It proves the latter by creating and
// removing the `.partial` file the atomic write will use.
void check_output_file(const std::string& path);

// Throws output::OutputError naming the file on any failure; the target is then untouched.
void write_text_atomically(const std::filesystem::path& path, const std::string& text);
void write_json_atomically(const std::filesystem::path& path, const nlohmann::json& j);

}  // namespace peacesim::cli
