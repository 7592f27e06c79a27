// The one error type for bad scenario input: where it is, which field, and what is wrong.
#pragma once

#include <stdexcept>
#include <string>

#include "scenario/node.hpp"

namespace peacesim::scenario {

class ScenarioError : public std::runtime_error {
 public:
  ScenarioError(Location where, std::string field, std::string message);

  [[nodiscard]] const Location& where() const { return where_; }
  [[nodiscard]] const std::string& field() const { return field_; }
  [[nodiscard]] const std::string& message() const { return message_; }

 private:
  Location where_;
  std::string field_;
  std::string message_;
};

}  // namespace peacesim::scenario
