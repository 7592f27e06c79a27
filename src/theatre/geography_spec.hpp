// The `geography` and `population` sections: which boundary files and census file to read, how to
// split population below the census's regions, the biome bands, and the communities and
// livelihoods by region (MODEL.md §3, Space and People).
#pragma once

#include <algorithm>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "theatre/read.hpp"

namespace peacesim::theatre {

// One boundary layer: a vector file GDAL can read and the attribute names to use.
struct BoundaryLayer {
  FileRef file;
  std::string name_field;    // e.g. adm1 / adm2
  std::string code_field;    // e.g. adm1_pcode / adm2_pcode
  std::string parent_field;  // cercles: the region name (adm1); regions: country_field, the
                             // region's country (ISO alpha-3), needed when the theatre has several states
  // Regions only: the spellings of the regions in observed sources (CSV `alias,region,source`), by
  // which validation harmonizes them; absent = the layer's names alone.
  std::optional<FileRef> aliases;
  // Regions only: units of the file left out of the theatre (`exclude: {regions: [...], source}`),
  // with their cercles and census rows: a conflict of its own the theatre does not model.
  std::vector<std::string> excluded;
  std::optional<Source> excluded_source;
  scenario::Location excluded_where;  // the `exclude` entry, for errors
  [[nodiscard]] bool leaves_out(const std::string& region) const {
    return std::find(excluded.begin(), excluded.end(), region) != excluded.end();
  }
};

struct GeographySpec {
  BoundaryLayer regions;
  BoundaryLayer cercles;
  // Neighbouring countries, drawn on maps only (no code field): absent = none.
  std::optional<BoundaryLayer> neighbours;
  // Optional biome by latitude band (no biome layer is read): Saharan north of `saharan_north_of`,
  // Sudanian south of `sudanian_south_of`, Sahelian between (degrees north). Absent: no biomes.
  struct BiomeBands {
    double saharan_north_of = 0, sudanian_south_of = 0;
    Source source;
  };
  std::optional<BiomeBands> biome_bands;
  double margin_deg = 0.5;  // grid margin around the country and the places abroad
  Source source;
};

enum class CercleSplit : std::uint8_t { Equal, Area };

// Shares of a region's people by community or livelihood (each list sums to 1).
struct RegionShares {
  Ref region;
  std::vector<std::pair<Ref, double>> shares;
  Source source;
  Location where;
  std::string field;
};

struct Category {
  std::string id;
  std::string name;
  Source source;
  // Communities only: countries (ISO3) where the community also lives, across the border (the
  // displaced of the community are drawn to places there, M7), and the source for them.
  std::vector<Ref> kin_abroad;
  std::optional<Source> kin_source;
};

// One census file: its regions' counts on its date. A theatre of several states has one per state
// (or one file whose rows a country column tells apart).
struct Census {
  FileRef file;
  std::string region_column;
  std::string count_column;
  std::string country_column;  // with `country`: only the rows of that country (empty: every row)
  std::string country;
  When date;
  Source source;
  std::string field;  // where the scenario gives it
};

struct PopulationSpec {
  // `census:` one mapping, or a list of them (several states); the first's date is the reference:
  // the others' counts are carried to it at population_growth_rate.
  std::vector<Census> censuses;
  When census_date;      // the first census's
  Source census_source;  // the first census's
  CercleSplit split = CercleSplit::Equal;
  Source split_source;
  std::vector<Category> communities;
  std::vector<Category> livelihoods;
  std::vector<RegionShares> community_shares;
  std::vector<RegionShares> livelihood_shares;
};

GeographySpec read_geography(const Node& root);
PopulationSpec read_population(const Node& root);

}  // namespace peacesim::theatre
