#include "scenario/error.hpp"

#include <fmt/format.h>

namespace peacesim::scenario {

namespace {
std::string compose(const Location& where, const std::string& field, const std::string& message) {
  if (field.empty()) return fmt::format("{}: {}", where.str(), message);
  return fmt::format("{}: field '{}': {}", where.str(), field, message);
}
}  // namespace

ScenarioError::ScenarioError(Location where, std::string field, std::string message)
    : std::runtime_error(compose(where, field, message)),
      where_(std::move(where)),
      field_(std::move(field)),
      message_(std::move(message)) {}

}  // namespace peacesim::scenario
