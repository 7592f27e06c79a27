#include "engine/parameters.hpp"

#include <fmt/format.h>

#include <cmath>
#include <stdexcept>

namespace peacesim::engine {

ParameterSet::ParameterSet(std::vector<ParameterSpec> specs) : specs_(std::move(specs)) {
  values_.reserve(specs_.size());
  origins_.reserve(specs_.size());
  for (std::size_t i = 0; i < specs_.size(); ++i) {
    const auto& spec = specs_[i];
    if (!index_.emplace(spec.name, i).second) {
      throw std::logic_error("parameter declared twice: " + spec.name);
    }
    if (auto problem = check_value(spec, spec.default_value)) {
      throw std::logic_error(fmt::format("default of parameter {} {}", spec.name, *problem));
    }
    values_.push_back(spec.default_value);
    origins_.push_back({"default", spec.source});
  }
}

const ParameterSpec* ParameterSet::find(const std::string& name) const {
  const auto it = index_.find(name);
  return it == index_.end() ? nullptr : &specs_[it->second];
}

std::size_t ParameterSet::index_of(const std::string& name) const {
  const auto it = index_.find(name);
  if (it == index_.end()) throw std::logic_error("unknown parameter: " + name);
  return it->second;
}

void ParameterSet::set(const std::string& name, double value, ParameterOrigin origin) {
  const std::size_t i = index_of(name);
  values_[i] = value;
  origins_[i] = std::move(origin);
}

double ParameterSet::value(const std::string& name) const { return values_[index_of(name)]; }
double ParameterSet::real(const std::string& name) const { return value(name); }
std::int64_t ParameterSet::integer(const std::string& name) const {
  return static_cast<std::int64_t>(value(name));
}
bool ParameterSet::boolean(const std::string& name) const { return value(name) != 0.0; }
const ParameterOrigin& ParameterSet::origin(const std::string& name) const {
  return origins_[index_of(name)];
}

std::optional<std::string> check_value(const ParameterSpec& spec, double value) {
  if (!std::isfinite(value)) return "must be a finite number";
  if (spec.kind == ParameterKind::Integer && std::floor(value) != value) return "must be a whole number";
  if (spec.kind == ParameterKind::Boolean && value != 0.0 && value != 1.0) return "must be true or false";
  if (value < spec.min || value > spec.max) {
    return fmt::format("is {} but must lie in [{}, {}] {}", value, spec.min, spec.max, spec.unit);
  }
  return std::nullopt;
}

std::string kind_name(ParameterKind kind) {
  switch (kind) {
    case ParameterKind::Real:
      return "real";
    case ParameterKind::Integer:
      return "integer";
    case ParameterKind::Boolean:
      return "boolean";
  }
  return "unknown";
}

}  // namespace peacesim::engine
