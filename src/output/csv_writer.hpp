// CSV exports: the time series (long format) and the events (ACLED's column names).
#pragma once

#include <filesystem>

#include "engine/recorder.hpp"

namespace peacesim::output {

// Columns: date,step,region,series,value
void write_series_csv(const std::filesystem::path& path, const engine::Recorder& recorder);

// Columns, as in ACLED exports: event_id_cnty,event_date,year,event_type,sub_event_type,actor1,
// actor2,interaction,country,admin1,admin2,location,latitude,longitude,fatalities
void write_events_csv(const std::filesystem::path& path, const engine::Recorder& recorder);

// The id a simulated event gets (the same in CSV and SQLite).
std::string event_id(std::size_t index);

}  // namespace peacesim::output
