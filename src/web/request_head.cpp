#include "web/request_head.hpp"

#include <cctype>

namespace peacesim::web {

namespace {
bool starts_with_name(std::string_view line, std::string_view name) {
  if (line.size() <= name.size() || line[name.size()] != ':') return false;
  for (std::size_t i = 0; i < name.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(line[i])) != name[i]) return false;
  }
  return true;
}

std::string_view trimmed(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}
}  // namespace

std::optional<std::size_t> head_length(std::string_view received) {
  const auto at = received.find("\n\r\n");
  if (at == std::string_view::npos) return std::nullopt;
  return at + 3;
}

bool announces_body(std::string_view head) {
  std::size_t start = head.find('\n');  // the request line is no header
  while (start != std::string_view::npos && start + 1 < head.size()) {
    const std::size_t end = head.find('\n', start + 1);
    const std::string_view line =
        head.substr(start + 1, end == std::string_view::npos ? std::string_view::npos : end - start - 1);
    if (starts_with_name(line, "transfer-encoding")) return true;
    if (starts_with_name(line, "content-length") && trimmed(line.substr(15)) != "0") return true;
    start = end;
  }
  return false;
}

}  // namespace peacesim::web
