// A mechanism's parameters declared once, each bound to the member of the mechanism's parameter
// struct it sets. One row gives the name, the range, the unit, the source and the description, and
// names the member; the kind follows the member's type (double: real, int: integer, bool: boolean)
// and the default is the member's initializer, so nothing is written twice:
//
//     struct Params { bool enabled = true; double rate = 0.02; };
//     const ParameterTable<Params> table{
//         on_off("peace_enabled", &Params::enabled, "assumption: ...", "Run ..."),
//         parameter("peace_rate", &Params::rate, 0.0, 0.5, "1/month", "002 ...", "Monthly ..."),
//     };
//     Params p = table.bind(parameter_set);  // every member from the run's values
//
// A name declared twice, or a member bound twice, is an error when the table is made.
#pragma once

#include <functional>
#include <initializer_list>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <vector>

#include "engine/parameters.hpp"

namespace peacesim::engine {

template <class P>
struct BoundParameter {
  ParameterSpec spec;  // its default is filled in by the table, from P{}
  // The member it reads and sets (a value of the parameter's kind: 0/1 for a switch).
  std::function<double(const P&)> get;
  std::function<void(P&, double)> set;
  // Which member, to refuse a member bound twice: exactly one is set.
  double P::*real = nullptr;
  int P::*integer = nullptr;
  bool P::*flag = nullptr;

  [[nodiscard]] bool same_member(const BoundParameter& o) const {
    return real == o.real && integer == o.integer && flag == o.flag;
  }
};

// A real or integer parameter with its plausible range (inclusive).
template <class P, class T>
BoundParameter<P> parameter(std::string name, T P::*member, double min, double max, std::string unit,
                            std::string source, std::string description) {
  static_assert(std::is_same_v<T, double> || std::is_same_v<T, int>,
                "a parameter binds a double (real) or an int (integer) member; on_off binds a bool");
  BoundParameter<P> b;
  b.spec = {std::move(name),   ParameterKind::Real,   0.0, min, max, std::move(unit),
            std::move(source), std::move(description)};
  if constexpr (std::is_same_v<T, int>) {
    b.spec.kind = ParameterKind::Integer;
    b.integer = member;
  } else {
    b.real = member;
  }
  b.get = [member](const P& p) { return static_cast<double>(p.*member); };
  b.set = [member](P& p, double v) { p.*member = static_cast<T>(v); };
  return b;
}

// A switch (boolean, unit 1).
template <class P>
BoundParameter<P> on_off(std::string name, bool P::*member, std::string source, std::string description) {
  BoundParameter<P> b;
  b.spec = {std::move(name),   ParameterKind::Boolean, 0.0, 0.0, 1.0, "1",
            std::move(source), std::move(description)};
  b.flag = member;
  b.get = [member](const P& p) { return p.*member ? 1.0 : 0.0; };
  b.set = [member](P& p, double v) { p.*member = v != 0.0; };
  return b;
}

template <class P>
class ParameterTable {
 public:
  ParameterTable(std::initializer_list<BoundParameter<P>> rows) : rows_(rows) {
    static_assert(std::is_default_constructible_v<P>, "the parameter struct gives every default");
    const P defaults{};
    for (std::size_t i = 0; i < rows_.size(); ++i) {
      auto& row = rows_[i];
      row.spec.default_value = row.get(defaults);
      for (std::size_t j = 0; j < i; ++j) {
        if (rows_[j].spec.name == row.spec.name)
          throw std::logic_error("parameter declared twice in one table: " + row.spec.name);
        if (rows_[j].same_member(row))
          throw std::logic_error("parameters " + rows_[j].spec.name + " and " + row.spec.name +
                                 " bind the same member");
      }
    }
  }

  [[nodiscard]] std::vector<ParameterSpec> specs() const {
    std::vector<ParameterSpec> out;
    out.reserve(rows_.size());
    for (const auto& row : rows_) out.push_back(row.spec);
    return out;
  }

  // The struct with every bound member set from the run's values (the others keep their
  // initializers). Throws std::logic_error for a name the set does not declare.
  [[nodiscard]] P bind(const ParameterSet& set) const {
    P p{};
    for (const auto& row : rows_) {
      row.set(p, set.value(row.spec.name));
    }
    return p;
  }

 private:
  std::vector<BoundParameter<P>> rows_;
};

}  // namespace peacesim::engine
