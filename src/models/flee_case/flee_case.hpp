// The Flee-case model: the displacement mechanism (M7) run alone on a case of Flee's own
// (Flee's CSV inputs: locations, routes, closures, conflicts; UNHCR camp counts with registration
// corrections), scored with Flee's averaged relative difference (ARD). See
// docs/model/displacement.md.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "mechanisms/displacement/displacement.hpp"
#include "models/registry.hpp"

namespace peacesim::models::flee_case {

ModelInfo flee_case_info();

// A closure from Flee's closures.csv: between two countries (type "country") or two places
// ("link"), or of a place ("location"), from `start` (inclusive) to `end` (exclusive), in days.
struct Closure {
  std::string type;
  std::string a;
  std::string b;
  int start = 0;
  int end = 0;
};

// Flee's inputs, read.
struct FleeCase {
  std::vector<mechanisms::displacement::Place> places;
  std::vector<double> population;  // residents (towns) from locations.csv
  std::vector<int> conflict_date;  // from locations.csv (-1 = none); used when there is no conflicts file
  std::vector<mechanisms::displacement::Link> links;
  std::vector<Closure> closures;
  std::vector<std::vector<double>> conflicts;  // [day][place], empty without a conflicts file
  // Observed camps (data_layout order) and their daily UNHCR counts as Flee derives them: linear
  // interpolation between reports truncated to whole people, after registration corrections.
  std::vector<std::string> camps;
  std::vector<mechanisms::displacement::PlaceId> camp_place;
  std::vector<std::vector<double>> observed;  // [camp][day]

  [[nodiscard]] double violence(std::size_t day, std::size_t place) const;
  [[nodiscard]] bool link_closed(std::size_t link, int day) const;
};

// The file paths of a case (resolved against the scenario file).
struct FleeFiles {
  std::filesystem::path locations, routes, closures, conflicts, registration_corrections, camp_data;
};

// The files of a case in FabFlee's configuration layout: `dir`/input_csv/{locations, routes,
// closures, conflicts, registration_corrections}.csv and `dir`/source_data/data_layout.csv.
FleeFiles fabflee_layout(const std::filesystem::path& dir);

// Reads the files; `days` is the run length (observed counts are made for days 0..days-1).
// Throws std::runtime_error naming the file and row.
FleeCase read_flee_case(const FleeFiles& files, const std::string& start_date, std::size_t days);

// The case a scenario's `flee_case` section names, read, with its hosts' pulls (`hosts`) given to
// their places. Throws scenario::ScenarioError naming the scenario's file, line and field.
FleeCase load_case(const ModelInput& input);

// `peacesim describe`'s section for a case (describe.cpp): its places, routes, closures, observed
// camps and hosts' pulls.
std::string describe_case(const ModelInput& input, DescribeFormat format);

// Flee's ARD for one day: sum over camps of |simulated - observed| over the observed total in
// camps (at least 1).
double relative_difference(const std::vector<double>& simulated, const std::vector<double>& observed);

}  // namespace peacesim::models::flee_case
