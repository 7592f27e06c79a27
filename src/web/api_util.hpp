// What the API's handlers share: JSON answers and errors, and a run folder's JSON files.
#pragma once

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>

#include "web/api.hpp"

namespace peacesim::web {

// Messages may quote the request, whose bytes need not be UTF-8: replace what is not.
Response error(int status, const std::string& message);
// Names come from scenario files, which are UTF-8 (checked when loaded); replace anything else.
Response ok(const nlohmann::json& j);
// A JSON file of a folder, parsed; a discarded value if absent or unreadable.
nlohmann::json json_file(const std::filesystem::path& path);
inline nlohmann::json manifest_of(const std::filesystem::path& folder) {
  auto j = json_file(folder / "manifest.json");
  return j.is_discarded() ? nlohmann::json::object() : j;
}

}  // namespace peacesim::web
