// CSV exports: the time series (long format) and the events (ACLED's column names).
#pragma once

#include <filesystem>
#include <optional>
#include <string>

#include "engine/recorder.hpp"

namespace peacesim::output {

// Columns: date,step,region,series,value
void write_series_csv(const std::filesystem::path& path, const engine::Recorder& recorder);

// Columns, as in ACLED exports: event_id_cnty,event_date,year,event_type,sub_event_type,actor1,
// actor2,interaction,country,admin1,admin2,location,latitude,longitude,fatalities
void write_events_csv(const std::filesystem::path& path, const engine::Recorder& recorder);

// The ISO text ("YYYY-MM-DD") of the dates of rows met in order: the rows of one period share their
// date, which is formatted once (the same in CSV and SQLite).
class IsoDates {
 public:
  const std::string& of(engine::Date date) {
    if (last_ != date) {
      text_ = date.iso();
      last_ = date;
    }
    return text_;
  }

 private:
  std::optional<engine::Date> last_;
  std::string text_;
};

// The id a simulated event gets (the same in CSV and SQLite).
std::string event_id(std::size_t index);

}  // namespace peacesim::output
