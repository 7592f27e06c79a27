#include "validation/regions.hpp"

#include <map>
#include <set>
#include <stdexcept>
#include <string_view>

#include "theatre/csv.hpp"

namespace peacesim::validation {

std::string_view region_aliases_csv();  // generated from data/regions/mali_admin1_aliases.csv

namespace {

struct AliasTable {
  std::map<std::string, std::string> by_folded_alias;
  std::vector<std::string> regions;
};

// The compiled-in table; a malformed file is a build-time mistake, caught by the tests.
const AliasTable& table() {
  static const AliasTable t = [] {
    const theatre::CsvTable csv = theatre::parse_csv(std::string(region_aliases_csv()));
    const auto alias = csv.column("alias"), region = csv.column("region"), source = csv.column("source");
    if (!alias || !region || !source)
      throw std::logic_error("data/regions/mali_admin1_aliases.csv: columns alias, region, source expected");
    AliasTable out;
    std::set<std::string> regions;
    for (std::size_t r = 0; r < csv.rows.size(); ++r) {
      const auto& row = csv.rows[r];
      if (row[*source].empty())
        throw std::logic_error("data/regions/mali_admin1_aliases.csv:" + std::to_string(csv.lines[r]) +
                               ": an alias without a source");
      out.by_folded_alias[fold_name(row[*alias])] = row[*region];
      regions.insert(row[*region]);
    }
    // Every region is an alias of itself.
    for (const auto& name : regions) out.by_folded_alias[fold_name(name)] = name;
    out.regions.assign(regions.begin(), regions.end());
    return out;
  }();
  return t;
}

}  // namespace

std::string fold_name(const std::string& raw) {
  const std::string text = theatre::repair_mojibake(raw);
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    auto c = static_cast<unsigned char>(text[i]);
    char ascii = 0;
    if (c == 0xC3 && i + 1 < text.size()) {
      const auto d = static_cast<unsigned char>(text[++i]);
      // U+00C0..U+00FF: map the accented letters to their base letter.
      static const char* const kBase = "AAAAAAACEEEEIIIIDNOOOOOxOUUUUYTsaaaaaaaceeeeiiiidnooooo/ouuuuyty";
      if (d >= 0x80 && d <= 0xBF) ascii = kBase[d - 0x80];
    } else if (c < 0x80) {
      ascii = static_cast<char>(c);
    }
    if (ascii == 0) continue;
    if (ascii == '-' || ascii == '_' || ascii == '\t') ascii = ' ';
    if (ascii >= 'A' && ascii <= 'Z') ascii = static_cast<char>(ascii - 'A' + 'a');
    if (ascii == ' ' && (out.empty() || out.back() == ' ')) continue;
    out += ascii;
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

const std::vector<std::string>& canonical_regions() { return table().regions; }

std::optional<std::string> harmonize_admin1(const std::string& name) {
  const auto& aliases = table().by_folded_alias;
  const auto it = aliases.find(fold_name(name));
  if (it == aliases.end()) return std::nullopt;
  return it->second;
}

}  // namespace peacesim::validation
