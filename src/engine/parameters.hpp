// Model parameters: every one declared with a default, a range, a unit and a source.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace peacesim::engine {

enum class ParameterKind : std::uint8_t { Real, Integer, Boolean };

// What a model declares about one of its parameters (MODEL.md §5).
struct ParameterSpec {
  std::string name;
  ParameterKind kind = ParameterKind::Real;
  double default_value = 0.0;
  double min = 0.0;  // plausible range, inclusive: values outside it are rejected
  double max = 0.0;
  std::string unit;    // e.g. "1" (dimensionless), "cells", "steps", "people", "USD/year"
  std::string source;  // document and section, data file, or "assumption: <reason>"
  std::string description;
};

// Where a parameter's value came from, for the manifest and for error messages.
struct ParameterOrigin {
  std::string where;   // "default", "scenario.yaml:12:5", "--set"
  std::string source;  // the citation in force (the scenario's own, or the spec's)
};

// The values a run uses, one per declared parameter, in declaration order.
class ParameterSet {
 public:
  explicit ParameterSet(std::vector<ParameterSpec> specs);

  [[nodiscard]] const std::vector<ParameterSpec>& specs() const { return specs_; }
  [[nodiscard]] const ParameterSpec* find(const std::string& name) const;

  // Sets a value; the caller has checked kind and range (see check_value).
  void set(const std::string& name, double value, ParameterOrigin origin);

  [[nodiscard]] double real(const std::string& name) const;
  [[nodiscard]] std::int64_t integer(const std::string& name) const;
  [[nodiscard]] bool boolean(const std::string& name) const;
  [[nodiscard]] double value(const std::string& name) const;
  [[nodiscard]] const ParameterOrigin& origin(const std::string& name) const;

 private:
  [[nodiscard]] std::size_t index_of(const std::string& name) const;

  std::vector<ParameterSpec> specs_;
  std::vector<double> values_;
  std::vector<ParameterOrigin> origins_;
  std::map<std::string, std::size_t, std::less<>> index_;
};

// Why a value does not fit a spec ("must be an integer", "outside [0, 1]"), or nullopt if it does.
std::optional<std::string> check_value(const ParameterSpec& spec, double value);

std::string kind_name(ParameterKind kind);

}  // namespace peacesim::engine
