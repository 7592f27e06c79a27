#include "cli/number_options.hpp"

#include <fmt/format.h>

#include <charconv>
#include <cmath>
#include <cstdlib>

namespace peacesim::cli {

CLI::Validator whole_number(std::uint64_t max) {
  return CLI::Validator(
      [max](std::string& text) -> std::string {
        const bool digits_only = !text.empty() && text.find_first_not_of("0123456789") == std::string::npos;
        if (!digits_only) return fmt::format("'{}' is not a whole number 0 to {}", text, max);
        std::uint64_t value = 0;
        const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
        if (error != std::errc() || end != text.data() + text.size() || value > max)
          return fmt::format("{} is out of range: at most {}", text, max);
        text = std::to_string(value);  // no leading zeros, which CLI11 would read as octal
        return {};
      },
      "");  // the help shows the option's type and range
}

namespace {
// [+-] digits [. digits] [e [+-] digits], with a digit before or after the point.
bool is_decimal(const std::string& t) {
  const auto digit = [&](std::size_t i) { return i < t.size() && t[i] >= '0' && t[i] <= '9'; };
  std::size_t i = 0, digits = 0;
  if (i < t.size() && (t[i] == '+' || t[i] == '-')) ++i;
  for (; digit(i); ++i) ++digits;
  if (i < t.size() && t[i] == '.') {
    for (++i; digit(i); ++i) ++digits;
  }
  if (digits == 0) return false;
  if (i < t.size() && (t[i] == 'e' || t[i] == 'E')) {
    ++i;
    if (i < t.size() && (t[i] == '+' || t[i] == '-')) ++i;
    if (!digit(i)) return false;
    while (digit(i)) ++i;
  }
  return i == t.size();
}
}  // namespace

CLI::Validator decimal_number() {
  return CLI::Validator(
      [](std::string& text) -> std::string {
        if (!is_decimal(text)) return fmt::format("'{}' is not a decimal number", text);
        if (!std::isfinite(std::strtod(text.c_str(), nullptr))) return fmt::format("{} is too large", text);
        return {};
      },
      "");
}

}  // namespace peacesim::cli
