#include "validation/regions.hpp"

#include <algorithm>
#include <set>
#include <stdexcept>

#include "theatre/csv.hpp"
#include "validation/input_error.hpp"

namespace peacesim::validation {

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

RegionNames::RegionNames(std::vector<std::string> regions,
                         std::vector<std::pair<std::string, std::string>> aliases)
    : regions_(std::move(regions)), aliases_(std::move(aliases)) {
  // A region listed as its own spelling (alias tables do so) is a region, not an alias.
  std::erase_if(aliases_, [](const auto& a) { return a.first == a.second; });
  std::sort(regions_.begin(), regions_.end());
  regions_.erase(std::unique(regions_.begin(), regions_.end()), regions_.end());
  for (const auto& r : regions_) by_folded_[fold_name(r)] = r;
  for (const auto& [alias, region] : aliases_) {
    if (!std::binary_search(regions_.begin(), regions_.end(), region))
      throw std::invalid_argument("alias '" + alias + "' names '" + region +
                                  "', not a region of the theatre");
    by_folded_[fold_name(alias)] = region;
  }
  // A region is always itself, whatever an alias says.
  for (const auto& r : regions_) by_folded_[fold_name(r)] = r;
}

void RegionNames::set_left_out(std::vector<std::string> names) {
  left_out_ = std::move(names);
  left_out_folded_.clear();
  for (const auto& n : left_out_) left_out_folded_.push_back(fold_name(n));
}

bool RegionNames::left_out(const std::string& name) const {
  return std::find(left_out_folded_.begin(), left_out_folded_.end(), fold_name(name)) !=
         left_out_folded_.end();
}

void RegionNames::set_countries(std::map<std::string, std::string> country_of_region) {
  country_ = std::move(country_of_region);
  if (countries().size() < 2) country_.clear();  // one state: nothing to tell apart
}

std::string RegionNames::country_of(const std::string& region) const {
  const auto it = country_.find(region);
  return it == country_.end() ? std::string() : it->second;
}

std::vector<std::string> RegionNames::countries() const {
  std::set<std::string> all;
  for (const auto& [region, country] : country_) {
    if (!country.empty()) all.insert(country);
  }
  return {all.begin(), all.end()};
}

std::vector<std::string> RegionNames::whole_countries() const {
  std::vector<std::string> out;
  for (const auto& c : countries()) {
    const bool cut =
        std::any_of(left_out_.begin(), left_out_.end(), [&](const auto& n) { return country_of(n) == c; });
    if (!cut) out.push_back(c);
  }
  return out;
}

std::optional<std::string> RegionNames::harmonize(const std::string& name) const {
  const auto it = by_folded_.find(fold_name(name));
  if (it == by_folded_.end()) return std::nullopt;
  return it->second;
}

namespace {
std::string csv_cell(const std::string& text) {
  if (text.find_first_of(",\"\n\r") == std::string::npos) return text;
  std::string out = "\"";
  for (const char c : text) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}
}  // namespace

std::string RegionNames::to_csv() const {
  const bool countries = !country_.empty();
  // The country column only where countries are set: a theatre of one state keeps its two columns.
  auto country = [&](const std::string& region) {
    return countries ? "," + csv_cell(country_of(region)) : "";
  };
  std::string out = countries ? "alias,region,country\n" : "alias,region\n";
  for (const auto& r : regions_) out += csv_cell(r) + "," + csv_cell(r) + country(r) + "\n";
  for (const auto& [alias, region] : aliases_)
    out += csv_cell(alias) + "," + csv_cell(region) + country(region) + "\n";
  for (const auto& name : left_out_) out += csv_cell(name) + "," + country(name) + "\n";
  return out;
}

RegionNames RegionNames::from_csv(const std::string& text, const std::string& origin) {
  theatre::CsvTable csv;
  try {
    csv = theatre::parse_csv(text);
  } catch (const std::exception& e) {
    throw InputError(origin + ": " + e.what());
  }
  const auto alias = csv.column("alias"), region = csv.column("region");
  if (!alias || !region) throw InputError(origin + ": columns alias and region expected");
  std::vector<std::string> regions;
  std::vector<std::pair<std::string, std::string>> aliases;
  std::vector<std::string> left_out;
  const auto country = csv.column("country");  // a theatre of several states
  std::map<std::string, std::string> countries;
  for (std::size_t r = 0; r < csv.rows.size(); ++r) {
    const auto& row = csv.rows[r];
    const std::string where = origin + ":" + std::to_string(csv.lines[r]);
    if (row[*alias].empty()) throw InputError(where + ": an empty alias");
    if (country && row[*region].empty()) countries[row[*alias]] = row[*country];
    if (country && row[*alias] == row[*region]) countries[row[*region]] = row[*country];
    if (row[*region].empty()) {  // a region the theatre leaves out
      left_out.push_back(row[*alias]);
    } else if (row[*alias] == row[*region]) {
      regions.push_back(row[*region]);
    } else {
      aliases.emplace_back(row[*alias], row[*region]);
    }
  }
  std::sort(regions.begin(), regions.end());
  for (std::size_t r = 0; r < csv.rows.size(); ++r) {
    const auto& row = csv.rows[r];
    if (!row[*region].empty() && !std::binary_search(regions.begin(), regions.end(), row[*region]))
      throw InputError(origin + ":" + std::to_string(csv.lines[r]) + ": region '" + row[*region] +
                       "' has no line of its own (alias = region)");
  }
  RegionNames out(std::move(regions), std::move(aliases));
  out.set_left_out(std::move(left_out));
  if (country) out.set_countries(std::move(countries));
  return out;
}

}  // namespace peacesim::validation
