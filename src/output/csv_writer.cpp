#include "output/csv_writer.hpp"

#include <fmt/format.h>
#include <fmt/os.h>

#include <cstdio>
#include <iterator>
#include <string>
#include <string_view>
#include <system_error>
#include <utility>

#include "output/output_error.hpp"

namespace peacesim::output {

namespace {
// RFC 4180 quoting: only when needed, doubling inner quotes.
std::string quoted(const std::string& text) {
  if (text.find_first_of(",\"\r\n") == std::string::npos) return text;
  std::string out = "\"";
  for (char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
  return out;
}

// A FILE* that reports write failures (disk full) as OutputError when closed.
class CsvFile {
 public:
  explicit CsvFile(const std::filesystem::path& path) : path_(path), file_(std::fopen(path.c_str(), "wb")) {
    if (file_ == nullptr) throw OutputError(fmt::format("cannot create {}", path.string()));
  }
  ~CsvFile() {
    if (file_ != nullptr) std::fclose(file_);
  }
  CsvFile(const CsvFile&) = delete;
  CsvFile& operator=(const CsvFile&) = delete;
  // fmt reports a failed write (ENOSPC as soon as a buffer cannot be flushed) as system_error:
  // it is the user's disk, not a bug, so it becomes an OutputError naming the file.
  template <class... Args>
  void print(fmt::format_string<Args...> format, Args&&... args) {
    try {
      fmt::print(file_, format, std::forward<Args>(args)...);
    } catch (const std::system_error& e) {
      throw OutputError(
          fmt::format("could not write {} (disk full?): {}", path_.string(), e.code().message()));
    }
  }
  // Writes text as it is (a buffer of formatted rows).
  void write(std::string_view text) {
    if (!text.empty() && std::fwrite(text.data(), 1, text.size(), file_) != text.size())
      throw OutputError(fmt::format("could not write {} (disk full?)", path_.string()));
  }
  void close() {
    const bool failed = std::ferror(file_) != 0;
    const int rc = std::fclose(file_);
    file_ = nullptr;
    if (failed || rc != 0) throw OutputError(fmt::format("could not write {} (disk full?)", path_.string()));
  }

 private:
  std::filesystem::path path_;
  std::FILE* file_;
};
}  // namespace

std::string event_id(std::size_t index) { return fmt::format("SIM{}", index + 1); }

void write_series_csv(const std::filesystem::path& path, const engine::Recorder& recorder) {
  CsvFile out(path);
  out.print("date,step,region,series,value\n");
  // Hundreds of thousands of rows naming a few dozen regions and series and one date per period:
  // the names are quoted once, a period's date is written once, and the rows go out a buffer at a
  // time (the same text as printing each row).
  std::vector<std::string> regions, series;
  for (const auto& name : recorder.regions()) regions.push_back(quoted(name));
  for (const auto& spec : recorder.series()) series.push_back(quoted(spec.name));
  constexpr std::size_t kFlushBytes = 1 << 20;
  fmt::memory_buffer buffer;
  IsoDates dates;
  for (const auto& row : recorder.rows()) {
    fmt::format_to(std::back_inserter(buffer), "{},{},{},{},{}\n", dates.of(row.date), row.step,
                   regions[row.region], series[row.series], row.value);
    if (buffer.size() >= kFlushBytes) {
      out.write({buffer.data(), buffer.size()});
      buffer.clear();
    }
  }
  out.write({buffer.data(), buffer.size()});
  out.close();
}

void write_events_csv(const std::filesystem::path& path, const engine::Recorder& recorder) {
  CsvFile out(path);
  out.print(
      "event_id_cnty,event_date,year,event_type,sub_event_type,actor1,actor2,interaction,country,admin1,"
      "admin2,location,latitude,longitude,fatalities\n");
  const auto& events = recorder.events();
  for (std::size_t i = 0; i < events.size(); ++i) {
    const auto& e = events[i];
    out.print("{},{},{},{},{},{},{},{},{},{},{},{},{:.4f},{:.4f},{}\n", event_id(i), e.event_date.iso(),
              e.event_date.year(), quoted(e.event_type), quoted(e.sub_event_type), quoted(e.actor1),
              quoted(e.actor2), e.interaction, quoted(e.country), quoted(e.admin1), quoted(e.admin2),
              quoted(e.location), e.latitude, e.longitude, e.fatalities);
  }
  out.close();
}

}  // namespace peacesim::output
