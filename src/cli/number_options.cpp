#include "cli/number_options.hpp"

#include <fmt/format.h>

#include <charconv>
#include <cmath>
#include <cstdlib>
#include <regex>

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

CLI::Validator decimal_number() {
  return CLI::Validator(
      [](std::string& text) -> std::string {
        static const std::regex decimal(R"([+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?)");
        if (!std::regex_match(text, decimal)) return fmt::format("'{}' is not a decimal number", text);
        if (!std::isfinite(std::strtod(text.c_str(), nullptr))) return fmt::format("{} is too large", text);
        return {};
      },
      "");
}

}  // namespace peacesim::cli
