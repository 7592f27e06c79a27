// Writing a result file so that a crash or a full disk never leaves half of it: the text goes to
// a sibling `.partial` file, which is flushed and renamed over the target.
#pragma once

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>

namespace peacesim::cli {

// Result files are never overwritten: throws output::OutputError ("already exists; choose another
// --out") when `path` exists.
void refuse_existing_output(const std::string& path);

// Throws output::OutputError naming the file on any failure; the target is then untouched.
void write_text_atomically(const std::filesystem::path& path, const std::string& text);
void write_json_atomically(const std::filesystem::path& path, const nlohmann::json& j);

}  // namespace peacesim::cli
