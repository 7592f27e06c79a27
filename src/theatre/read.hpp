// Reading helpers shared by the theatre's sections: citations, dates with a precision, ids and
// references to other entities (kept with their location so that cross-reference errors point at
// the reference), lists of mappings, and data-file paths resolved relative to the file that
// named them.
#pragma once

#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "engine/calendar.hpp"
#include "scenario/node.hpp"
#include "scenario/reader.hpp"

namespace peacesim::theatre {

using engine::Date;
using scenario::Location;
using scenario::MapReader;
using scenario::Node;

// Where a value came from (docs/sources.md): a seed and section ("004 §4.2"), a data file
// ("data/..."), a facts file ("<NAME>_FACTS"), "public record", or "assumption: <reason>".
struct Source {
  std::string text;
  Location where;
};

// How precisely a date is known: "2013-01-11" (day), "2012-06" (month), "2015" (year). The
// date itself is the first day of the period.
enum class Precision : std::uint8_t { Day, Month, Year };

struct When {
  Date date;
  Precision precision = Precision::Day;
  Location where;
  std::string field;
  [[nodiscard]] std::string str() const;  // written as precisely as it is known
};

// The first day of the month or year containing `d`, to compare with a less precise date.
Date truncate(Date d, Precision precision);

// Whether `later` is before `earlier`, comparing at the precision of `later` ("2012-04" is not
// before "2012-04-06": it is the same month).
bool out_of_order(const When& earlier, const When& later);

// What a dated item is for (MODEL.md §6): an exogenous input played by the model; an observation
// kept for calibration and validation, never played; or a reference shown by `describe` only
// (facts after the observation cut-off that are not operations' own record).
enum class Role : std::uint8_t { Input, Observation, Reference };
std::string_view role_name(Role role);

// A reference to another entity by id, with where it was written.
struct Ref {
  std::string id;
  Location where;
  std::string field;
};

// A data file named in the scenario: the path as written, resolved against the directory of the
// file that wrote it (so a variant in another folder can reuse a base's paths).
struct FileRef {
  std::string text;
  std::filesystem::path path;
  Location where;
  std::string field;
};

// The dotted path of the mapping a reader reads ("operations[2]").
std::string path_of(const MapReader& r);

bool is_valid_source(const std::string& text);
// An ISO 3166-1 alpha-3 country code (three capital letters) at `node`; a
// ScenarioError naming `field` otherwise.
std::string read_country_code(const Node& node, const std::string& field);
Source read_source(MapReader& r, const std::string& key = "source");
std::optional<Source> optional_source(MapReader& r, const std::string& key = "source");

When read_when(const Node& node, const std::string& field);
When when_field(MapReader& r, const std::string& key);
std::optional<When> optional_when(MapReader& r, const std::string& key);

// An id: lower-case letters, digits and '_', starting with a letter.
std::string id_field(MapReader& r, const std::string& key = "id");
Ref ref_field(MapReader& r, const std::string& key);
std::optional<Ref> optional_ref(MapReader& r, const std::string& key);
std::vector<Ref> ref_list(MapReader& r, const std::string& key);  // absent = empty
std::vector<std::string> string_list(MapReader& r, const std::string& key);

Role read_role(MapReader& r);  // optional `role`: input (default), observation, reference
FileRef file_field(MapReader& r, const std::string& key);
double non_negative(MapReader& r, const std::string& key);
std::optional<double> optional_non_negative(MapReader& r, const std::string& key);
// A multiplier on a rate or a weight: a number from 0 to 100.
double factor(MapReader& r, const std::string& key);
std::optional<double> optional_factor(MapReader& r, const std::string& key);

// Reads an enumerated word; the error lists the allowed words.
std::string choice(MapReader& r, const std::string& key, const std::vector<std::string>& allowed);
std::optional<std::string> optional_choice(MapReader& r, const std::string& key,
                                           const std::vector<std::string>& allowed);

// Calls `item` for each element of the sequence at `key` (absent = none), each a mapping read
// with its own MapReader whose unknown fields are reported when `item` returns.
void for_each(MapReader& r, const std::string& key,
              const std::function<void(MapReader& item, std::size_t index)>& item, bool required = false);
void for_each_in(const Node& seq, const std::string& field,
                 const std::function<void(MapReader& item, std::size_t index)>& item);

}  // namespace peacesim::theatre
