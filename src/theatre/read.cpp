#include "theatre/read.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "scenario/error.hpp"

namespace peacesim::theatre {

using scenario::ScenarioError;

std::string When::str() const {
  switch (precision) {
    case Precision::Year:
      return std::to_string(date.year());
    case Precision::Month:
      return date.year_month();
    case Precision::Day:
      break;
  }
  return date.iso();
}

Date truncate(Date d, Precision precision) {
  if (precision == Precision::Month) return Date(d.year(), d.month(), 1);
  if (precision == Precision::Year) return Date(d.year(), 1, 1);
  return d;
}

bool out_of_order(const When& earlier, const When& later) {
  return later.date < truncate(earlier.date, later.precision);
}

std::string_view role_name(Role role) {
  switch (role) {
    case Role::Input:
      return "input";
    case Role::Observation:
      return "observation";
    case Role::Reference:
      return "reference";
  }
  return "input";
}

std::string path_of(const MapReader& r) {
  const std::string f = r.field("_");
  return f.size() > 2 ? f.substr(0, f.size() - 2) : std::string();
}

std::string read_country_code(const Node& node, const std::string& field) {
  const std::string text = scenario::read_string(node, field);
  const bool ok =
      text.size() == 3 && std::all_of(text.begin(), text.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
  if (!ok) {
    throw ScenarioError(
        node.where(), field,
        fmt::format("expected an ISO 3166-1 alpha-3 code (three capital letters), got '{}'", text));
  }
  return text;
}

// A citation names a document of the project's sources (docs/sources.md): a numbered seed
// document ("004 §4.2"), a facts file (a theatre's "<NAME>_FACTS"), the
// conceptual model, a data file, a doc, the public record, or an assumption with its reason.
bool is_valid_source(const std::string& text) {
  static const std::vector<std::string> prefixes{"MODEL", "data/", "docs/", "public record"};
  if (text.rfind("assumption:", 0) == 0) {
    return text.find_first_not_of(" ", 11) != std::string::npos;  // a reason must follow
  }
  auto is_digit = [](char c) { return c >= '0' && c <= '9'; };
  if (text.size() >= 3 && is_digit(text[0]) && is_digit(text[1]) && is_digit(text[2]) &&
      (text.size() == 3 || !is_digit(text[3]))) {
    return true;  // a seed document by its number
  }
  const auto facts = text.find("_FACTS");
  if (facts != std::string::npos && facts > 0 &&
      std::all_of(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(facts),
                  [](char c) { return (c >= 'A' && c <= 'Z') || c == '_'; })) {
    return true;
  }
  return std::any_of(prefixes.begin(), prefixes.end(),
                     [&](const std::string& p) { return text.rfind(p, 0) == 0; });
}

Source read_source(MapReader& r, const std::string& key) {
  const Node& node = r.required(key);
  Source s{scenario::read_string(node, r.field(key)), node.where()};
  if (!is_valid_source(s.text)) {
    throw ScenarioError(
        node.where(), r.field(key),
        fmt::format("'{}' is not a citation: start with a seed and section ('004 §4.2'), "
                    "a facts file ('<NAME>_FACTS'), a data file ('data/...'), 'public record', or "
                    "'assumption: <reason>'",
                    s.text));
  }
  return s;
}

std::optional<Source> optional_source(MapReader& r, const std::string& key) {
  if (r.optional(key) == nullptr) return std::nullopt;
  return read_source(r, key);
}

When read_when(const Node& node, const std::string& field) {
  if (!node.is_scalar()) {
    throw ScenarioError(node.where(), field,
                        "expected a date (YYYY-MM-DD, YYYY-MM or YYYY), got " + node.kind_name());
  }
  const std::string& text = node.text();
  When w;
  w.where = node.where();
  w.field = field;
  std::optional<Date> date;
  if (text.size() == 10) {
    date = Date::parse(text);
  } else if (text.size() == 7) {
    date = Date::parse(text + "-01");
    w.precision = Precision::Month;
  } else if (text.size() == 4) {
    date = Date::parse(text + "-01-01");
    w.precision = Precision::Year;
  }
  if (!date) {
    throw ScenarioError(node.where(), field,
                        fmt::format("expected a date YYYY-MM-DD (or YYYY-MM, YYYY when only the month "
                                    "or year is known), got '{}'",
                                    text));
  }
  w.date = *date;
  return w;
}

When when_field(MapReader& r, const std::string& key) { return read_when(r.required(key), r.field(key)); }

std::optional<When> optional_when(MapReader& r, const std::string& key) {
  const Node* n = r.optional(key);
  return n ? std::optional<When>(read_when(*n, r.field(key))) : std::nullopt;
}

namespace {
void check_id(const Node& node, const std::string& field, const std::string& text) {
  const bool ok =
      !text.empty() && text[0] >= 'a' && text[0] <= 'z' && std::all_of(text.begin(), text.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
      });
  if (!ok) {
    throw ScenarioError(node.where(), field,
                        fmt::format("'{}' is not an id: use lower-case letters, digits and '_'", text));
  }
}

Ref make_ref(const Node& node, const std::string& field) {
  const std::string text = scenario::read_string(node, field);
  check_id(node, field, text);
  return {text, node.where(), field};
}
}  // namespace

std::string id_field(MapReader& r, const std::string& key) {
  return make_ref(r.required(key), r.field(key)).id;
}

Ref ref_field(MapReader& r, const std::string& key) { return make_ref(r.required(key), r.field(key)); }

std::optional<Ref> optional_ref(MapReader& r, const std::string& key) {
  const Node* n = r.optional(key);
  return n ? std::optional<Ref>(make_ref(*n, r.field(key))) : std::nullopt;
}

std::vector<Ref> ref_list(MapReader& r, const std::string& key) {
  std::vector<Ref> refs;
  const Node* n = r.optional(key);
  if (n == nullptr) return refs;
  if (n->is_scalar()) {
    refs.push_back(make_ref(*n, r.field(key)));
    return refs;
  }
  if (!n->is_sequence())
    throw ScenarioError(n->where(), r.field(key), "expected a list of ids, got " + n->kind_name());
  for (std::size_t i = 0; i < n->items().size(); ++i) {
    refs.push_back(make_ref(n->items()[i], fmt::format("{}[{}]", r.field(key), i)));
  }
  return refs;
}

std::vector<std::string> string_list(MapReader& r, const std::string& key) {
  std::vector<std::string> out;
  const Node* n = r.optional(key);
  if (n == nullptr) return out;
  if (n->is_scalar()) return {scenario::read_string(*n, r.field(key))};
  if (!n->is_sequence())
    throw ScenarioError(n->where(), r.field(key), "expected a list, got " + n->kind_name());
  for (std::size_t i = 0; i < n->items().size(); ++i) {
    out.push_back(scenario::read_string(n->items()[i], fmt::format("{}[{}]", r.field(key), i)));
  }
  return out;
}

Role read_role(MapReader& r) {
  const auto word = optional_choice(r, "role", {"input", "observation", "reference"});
  if (!word || *word == "input") return Role::Input;
  return *word == "observation" ? Role::Observation : Role::Reference;
}

FileRef file_field(MapReader& r, const std::string& key) {
  const Node& node = r.required(key);
  FileRef f;
  f.text = scenario::read_string(node, r.field(key));
  f.where = node.where();
  f.field = r.field(key);
  f.path = std::filesystem::path(f.text);
  if (f.path.is_relative()) f.path = std::filesystem::path(node.where().file).parent_path() / f.path;
  return f;
}

double non_negative(MapReader& r, const std::string& key) {
  const Node& node = r.required(key);
  const double v = scenario::read_number(node, r.field(key));
  if (v < 0) throw ScenarioError(node.where(), r.field(key), fmt::format("must not be negative, got {}", v));
  return v;
}

std::optional<double> optional_non_negative(MapReader& r, const std::string& key) {
  if (r.optional(key) == nullptr) return std::nullopt;
  return non_negative(r, key);
}

double factor(MapReader& r, const std::string& key) {
  const double v = non_negative(r, key);
  if (v > 100.0)
    throw ScenarioError(r.required(key).where(), r.field(key), fmt::format("must be at most 100, got {}", v));
  return v;
}

std::optional<double> optional_factor(MapReader& r, const std::string& key) {
  if (r.optional(key) == nullptr) return std::nullopt;
  return factor(r, key);
}

std::string choice(MapReader& r, const std::string& key, const std::vector<std::string>& allowed) {
  const Node& node = r.required(key);
  const std::string text = scenario::read_string(node, r.field(key));
  if (std::find(allowed.begin(), allowed.end(), text) == allowed.end()) {
    std::string message = fmt::format("'{}' is not one of: {}", text, fmt::join(allowed, ", "));
    if (auto near = scenario::closest_name(text, allowed))
      message += fmt::format(" (did you mean '{}'?)", *near);
    throw ScenarioError(node.where(), r.field(key), message);
  }
  return text;
}

std::optional<std::string> optional_choice(MapReader& r, const std::string& key,
                                           const std::vector<std::string>& allowed) {
  if (r.optional(key) == nullptr) return std::nullopt;
  return choice(r, key, allowed);
}

void for_each_in(const Node& seq, const std::string& field,
                 const std::function<void(MapReader& item, std::size_t index)>& item) {
  if (!seq.is_sequence()) throw ScenarioError(seq.where(), field, "expected a list, got " + seq.kind_name());
  for (std::size_t i = 0; i < seq.items().size(); ++i) {
    MapReader reader(seq.items()[i], fmt::format("{}[{}]", field, i));
    item(reader, i);
    reader.finish();
  }
}

void for_each(MapReader& r, const std::string& key,
              const std::function<void(MapReader& item, std::size_t index)>& item, bool required) {
  const Node* n = required ? &r.required(key) : r.optional(key);
  if (n == nullptr) return;
  for_each_in(*n, r.field(key), item);
}

}  // namespace peacesim::theatre
