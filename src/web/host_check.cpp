#include "web/host_check.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>

#include <algorithm>
#include <cctype>

namespace peacesim::web {

namespace {
bool all_digits(std::string_view s) {
  return !s.empty() && s.size() <= 5 &&
         std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool is_loopback(const std::string& name) {
  if (name == "localhost") return true;
  in_addr v4{};
  if (::inet_pton(AF_INET, name.c_str(), &v4) == 1) return (ntohl(v4.s_addr) >> 24) == 127;
  in6_addr v6{};
  if (::inet_pton(AF_INET6, name.c_str(), &v6) == 1) {
    if (IN6_IS_ADDR_LOOPBACK(&v6)) return true;
    return IN6_IS_ADDR_V4MAPPED(&v6) && v6.s6_addr[12] == 127;
  }
  return false;
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}
}  // namespace

std::string host_name(std::string_view value) {
  std::string_view name;
  if (!value.empty() && value.front() == '[') {  // an IPv6 address: [addr] or [addr]:port
    const auto close = value.find(']');
    if (close == std::string_view::npos) return {};
    name = value.substr(1, close - 1);
    const std::string_view rest = value.substr(close + 1);
    if (!rest.empty() && (rest.front() != ':' || !all_digits(rest.substr(1)))) return {};
  } else {
    const auto colon = value.find(':');
    name = value.substr(0, colon);
    if (colon != std::string_view::npos && !all_digits(value.substr(colon + 1))) return {};
  }
  if (!name.empty() && name.back() == '.') name.remove_suffix(1);
  const bool plain = std::all_of(name.begin(), name.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '.' || c == ':' || c == '_' ||
           c == '%';
  });
  return plain ? lower(name) : std::string();
}

std::string given_host_name(const std::string& given) {
  const bool bare_ipv6 =
      std::count(given.begin(), given.end(), ':') > 1 && given.front() != '[';  // not empty: it has colons
  return host_name(bare_ipv6 ? "[" + given + "]" : given);
}

HostCheck::HostCheck(const std::string& bound, const std::vector<std::string>& allowed) {
  for (const auto& n : allowed) names_.push_back(given_host_name(n));
  names_.push_back(given_host_name(bound));
  names_.erase(std::remove(names_.begin(), names_.end(), std::string()), names_.end());
}

bool HostCheck::allows(std::string_view host_header) const {
  const std::string name = host_name(host_header);
  if (name.empty()) return false;
  return is_loopback(name) || std::find(names_.begin(), names_.end(), name) != names_.end();
}

}  // namespace peacesim::web
