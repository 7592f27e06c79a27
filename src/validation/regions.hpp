// The regions a theatre's observations are compared in, and every spelling of them the observed
// sources use. The regions are the theatre's own (its boundary layer's names, which the model's
// events carry); the spellings come from the scenario's alias table (geography.regions.aliases, a
// CSV file `alias,region,source`), so nothing here knows a country. Names are compared after
// folding: accents, case, hyphens, runs of spaces and mojibake ("SÃ©gou") do not matter.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace peacesim::validation {

class RegionNames {
 public:
  RegionNames() = default;
  // `regions`: the theatre's; `aliases`: (spelling, region) pairs, each region one of `regions`
  // (std::invalid_argument otherwise: the callers check and locate it first).
  RegionNames(std::vector<std::string> regions, std::vector<std::pair<std::string, std::string>> aliases);

  // The regions, sorted.
  [[nodiscard]] const std::vector<std::string>& regions() const { return regions_; }
  [[nodiscard]] bool empty() const { return regions_.empty(); }
  // The region a spelling names, or nullopt for a name the table does not know.
  [[nodiscard]] std::optional<std::string> harmonize(const std::string& name) const;
  // Regions of the boundaries the theatre leaves out (geography.regions.exclude): observed rows
  // there belong to no region of the theatre and are not counted.
  void set_left_out(std::vector<std::string> names);
  [[nodiscard]] bool left_out(const std::string& name) const;

  // A theatre of several states: the country (ISO3) of each region, the left-out ones' too, so what
  // is compared country by country (UNHCR's national stocks) knows which states the theatre holds
  // whole. A map of fewer than two countries sets none (a theatre of one state).
  void set_countries(std::map<std::string, std::string> country_of_region);
  // The region's country, or "" (no countries set, or a name it does not know).
  [[nodiscard]] std::string country_of(const std::string& region) const;
  // The countries of the regions and left-out regions, sorted; empty without set_countries.
  [[nodiscard]] std::vector<std::string> countries() const;
  // Of those, the countries none of whose regions the theatre leaves out, sorted: a state's
  // national figures compare with the sum of its regions only when the theatre holds all of it.
  [[nodiscard]] std::vector<std::string> whole_countries() const;

  // The table as a run folder keeps it (kRegionNamesFile): `alias,region`, each region first as
  // itself, then its other spellings, then each region left out with an empty region; with
  // countries set, a third column `country` (the region's, or the left-out region's).
  [[nodiscard]] std::string to_csv() const;
  // Reads to_csv's form back; throws InputError naming `origin` and the line.
  static RegionNames from_csv(const std::string& text, const std::string& origin);

 private:
  std::vector<std::string> regions_;
  std::vector<std::pair<std::string, std::string>> aliases_;  // (spelling, region), as given
  std::map<std::string, std::string> by_folded_;
  std::vector<std::string> left_out_;           // as given
  std::vector<std::string> left_out_folded_;    // their comparison keys
  std::map<std::string, std::string> country_;  // region (or left-out region) -> ISO3
};

// The file in a run folder that holds the run's RegionNames.
inline constexpr const char* kRegionNamesFile = "regions.csv";

// The comparison key of a name: lower-case ASCII, Latin-1 accents dropped, mojibake repaired,
// hyphens and underscores as spaces, runs of spaces as one, no leading or trailing space.
std::string fold_name(const std::string& name);

}  // namespace peacesim::validation
