// Read-only access to a run folder's results.sqlite for the web API: the series catalogue, one
// series by region, and the events. Opened with SQLITE_OPEN_READONLY: the API never writes.
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace peacesim::web {

struct SeriesInfo {
  std::string name, unit, kind, cadence, description;
};

// One series: its dates, and for each region its values on those dates.
struct SeriesData {
  std::vector<std::string> dates;
  std::map<std::string, std::vector<double>> regions;
};

struct EventRow {
  std::string id, date, type, sub_type, actor1, actor2, country, admin1, admin2, location;
  double lat = 0, lon = 0;
  int fatalities = 0;
};

class StoreReader {
 public:
  // Throws std::runtime_error naming the file if it cannot be opened.
  explicit StoreReader(const std::filesystem::path& run_folder);
  ~StoreReader();
  StoreReader(const StoreReader&) = delete;
  StoreReader& operator=(const StoreReader&) = delete;

  [[nodiscard]] std::vector<SeriesInfo> series() const;
  // Empty (no dates) for an unknown name.
  [[nodiscard]] SeriesData series(const std::string& name) const;
  // The regions each series has values for, by name (in name order): found through the index, not
  // by reading every value.
  [[nodiscard]] std::map<std::string, std::vector<std::string>> regions_by_series() const;
  // One region of a series, read through the index: its values in step order, and whether it has a
  // value at the series' last step.
  struct RegionValues {
    std::vector<double> values;
    bool has_last_step = false;
  };
  [[nodiscard]] RegionValues series_in(const std::string& name, const std::string& region) const;
  [[nodiscard]] std::vector<EventRow> events() const;
  [[nodiscard]] std::vector<std::pair<std::string, std::string>> summary() const;
  // The model's first region: its national total where it has one (analysis/outcomes.hpp).
  [[nodiscard]] std::string first_region() const;

 private:
  struct Db;
  Db* db_;
};

}  // namespace peacesim::web
