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

std::map<std::string, std::string> parse_query(const std::string& text) {
  std::map<std::string, std::string> query;
  std::size_t start = 0;
  while (start <= text.size()) {
    const auto end = text.find('&', start);
    const std::string pair = text.substr(start, end == std::string::npos ? std::string::npos : end - start);
    const auto eq = pair.find('=');
    query[pair.substr(0, eq)] = eq == std::string::npos ? "" : pair.substr(eq + 1);
    if (end == std::string::npos) break;
    start = end + 1;
  }
  return query;
}

json json_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return json(json::value_t::discarded);
  return json::parse(in, nullptr, false);
}

}  // namespace peacesim::web
