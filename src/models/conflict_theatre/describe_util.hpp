// Formatting helpers shared by the describe tables.
#pragma once

#include <fmt/format.h>

#include <cmath>
#include <optional>
#include <string>
#include <vector>

#include "theatre/theatre.hpp"

namespace peacesim::models::conflict_theatre::fmt_util {

using theatre::Role;
using theatre::When;

inline std::string thousands(double v) {
  const auto n = static_cast<long long>(std::llround(v));
  std::string digits = std::to_string(n < 0 ? -n : n);
  std::string out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return n < 0 ? "-" + out : out;
}

inline std::string opt(const std::optional<When>& w) { return w ? w->str() : "—"; }

inline std::string period(const std::optional<When>& from, const std::optional<When>& to) {
  if (!from && !to) return "";
  return fmt::format("{}–{}", from ? from->str() : "", to ? to->str() : "");
}

inline std::string role_tag(Role role) {
  return role == Role::Input ? "" : std::string(theatre::role_name(role));
}

inline std::string strength_text(const theatre::StrengthPoint& p) {
  if (p.police > 0 && p.military > 0)
    return fmt::format("{} + {} police", thousands(p.military), thousands(p.police));
  if (p.police > 0) return thousands(p.police) + " police";
  return thousands(p.military);
}

inline std::string ids_text(const theatre::Theatre& t, const std::vector<theatre::Ref>& refs) {
  std::vector<std::string> names;
  for (const auto& r : refs) names.push_back(t.actor_name(r.id));
  return fmt::format("{}", fmt::join(names, ", "));
}

inline std::string joined(const std::vector<std::string>& v, const char* sep = ", ") {
  return fmt::format("{}", fmt::join(v, sep));
}

}  // namespace peacesim::models::conflict_theatre::fmt_util
