#include "theatre/region_aliases.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "scenario/error.hpp"
#include "theatre/csv.hpp"

namespace peacesim::theatre {

std::vector<std::pair<std::string, std::string>> read_region_aliases(
    const FileRef& file, const std::vector<std::string>& regions, const std::vector<std::string>& left_out) {
  using scenario::ScenarioError;
  CsvTable csv;
  try {
    csv = read_csv(file.path);
  } catch (const std::exception& e) {
    throw ScenarioError(file.where, file.field,
                        fmt::format("cannot read data file '{}': {}", file.text, e.what()));
  }
  const std::string name = file.path.string();
  std::vector<std::size_t> columns;
  for (const char* column : {"alias", "region", "source"}) {
    const auto c = csv.column(column);
    if (!c) {
      throw ScenarioError(
          file.where, file.field,
          fmt::format("data file '{}' has no column '{}' (alias, region, source)", file.text, column));
    }
    columns.push_back(*c);
  }
  std::vector<std::pair<std::string, std::string>> out;
  for (std::size_t r = 0; r < csv.rows.size(); ++r) {
    const auto& row = csv.rows[r];
    const auto at = [&](std::size_t c) {
      return scenario::Location{name, static_cast<int>(csv.lines[r]), static_cast<int>(columns[c] + 1)};
    };
    const std::string &alias = row[columns[0]], &region = row[columns[1]];
    if (alias.empty()) throw ScenarioError(at(0), "alias", "is empty");
    if (row[columns[2]].empty()) throw ScenarioError(at(2), "source", "an alias needs its source");
    if (std::find(left_out.begin(), left_out.end(), region) != left_out.end())
      continue;  // not in the theatre
    if (std::find(regions.begin(), regions.end(), region) == regions.end()) {
      throw ScenarioError(at(1), "region",
                          fmt::format("'{}' (alias '{}') is not a region of the boundaries", region, alias));
    }
    out.emplace_back(alias, region);
  }
  return out;
}

}  // namespace peacesim::theatre
