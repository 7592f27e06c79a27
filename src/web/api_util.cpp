#include "web/api_util.hpp"

#include <fstream>

namespace peacesim::web {

using json = nlohmann::json;

Response error(int status, const std::string& message) {
  return {status, json{{"error", message}}.dump(-1, ' ', false, json::error_handler_t::replace),
          "application/json"};
}

Response ok(const json& j) {
  return {200, j.dump(-1, ' ', false, json::error_handler_t::replace), "application/json"};
}

json json_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return json(json::value_t::discarded);
  return json::parse(in, nullptr, false);
}

}  // namespace peacesim::web
