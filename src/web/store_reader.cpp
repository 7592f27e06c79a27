#include "web/store_reader.hpp"

#include <sqlite3.h>

#include <stdexcept>

namespace peacesim::web {

struct StoreReader::Db {
  sqlite3* handle = nullptr;
};

namespace {
// A prepared statement, finalized on scope exit.
class Query {
 public:
  Query(sqlite3* db, const char* sql) {
    if (sqlite3_prepare_v2(db, sql, -1, &stmt_, nullptr) != SQLITE_OK)
      throw std::runtime_error(std::string("results.sqlite: ") + sqlite3_errmsg(db));
  }
  ~Query() { sqlite3_finalize(stmt_); }
  Query(const Query&) = delete;
  Query& operator=(const Query&) = delete;
  bool step() { return sqlite3_step(stmt_) == SQLITE_ROW; }
  void bind(int i, const std::string& v) {
    sqlite3_bind_text(stmt_, i, v.c_str(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
  }
  [[nodiscard]] std::string text(int c) const {
    const auto* p = sqlite3_column_text(stmt_, c);
    return p == nullptr ? std::string() : std::string(reinterpret_cast<const char*>(p));
  }
  [[nodiscard]] double real(int c) const { return sqlite3_column_double(stmt_, c); }
  [[nodiscard]] int integer(int c) const { return sqlite3_column_int(stmt_, c); }

 private:
  sqlite3_stmt* stmt_ = nullptr;
};
}  // namespace

StoreReader::StoreReader(const std::filesystem::path& folder) : db_(new Db) {
  const auto file = folder / "results.sqlite";
  if (sqlite3_open_v2(file.c_str(), &db_->handle, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
    const std::string why = db_->handle ? sqlite3_errmsg(db_->handle) : "cannot open";
    sqlite3_close(db_->handle);
    delete db_;
    throw std::runtime_error(file.string() + ": " + why);
  }
}

StoreReader::~StoreReader() {
  sqlite3_close(db_->handle);
  delete db_;
}

std::vector<SeriesInfo> StoreReader::series() const {
  Query q(db_->handle, "SELECT name, unit, kind, cadence, description FROM series ORDER BY id");
  std::vector<SeriesInfo> out;
  while (q.step()) out.push_back({q.text(0), q.text(1), q.text(2), q.text(3), q.text(4)});
  return out;
}

std::string StoreReader::first_region() const {
  Query q(db_->handle, "SELECT name FROM regions ORDER BY id LIMIT 1");
  return q.step() ? q.text(0) : std::string{};
}

SeriesData StoreReader::series(const std::string& name) const {
  Query q(db_->handle,
          "SELECT t.date, r.name, t.value FROM timeseries t JOIN series s ON s.id = t.series_id "
          "JOIN regions r ON r.id = t.region_id WHERE s.name = ?1 ORDER BY t.step, t.region_id");
  q.bind(1, name);
  SeriesData out;
  while (q.step()) {
    const std::string date = q.text(0);
    if (out.dates.empty() || out.dates.back() != date) out.dates.push_back(date);
    auto& values = out.regions[q.text(1)];
    values.resize(out.dates.size(), 0.0);
    values.back() = q.real(2);
  }
  for (auto& [region, values] : out.regions) values.resize(out.dates.size(), 0.0);
  return out;
}

std::map<std::string, std::vector<std::string>> StoreReader::regions_by_series() const {
  Query q(db_->handle,
          "SELECT s.name, r.name FROM series s, regions r WHERE EXISTS (SELECT 1 FROM timeseries t WHERE "
          "t.series_id = s.id AND t.region_id = r.id) ORDER BY s.id, r.name");
  std::map<std::string, std::vector<std::string>> out;
  while (q.step()) out[q.text(0)].push_back(q.text(1));
  return out;
}

StoreReader::RegionValues StoreReader::series_in(const std::string& name, const std::string& region) const {
  Query q(
      db_->handle,
      "SELECT t.step, t.value FROM timeseries t WHERE t.series_id = (SELECT id FROM series WHERE name = ?1) "
      "AND t.region_id = (SELECT id FROM regions WHERE name = ?2) ORDER BY t.step");
  q.bind(1, name);
  q.bind(2, region);
  RegionValues out;
  int last = 0;
  while (q.step()) {
    last = q.integer(0);
    out.values.push_back(q.real(1));
  }
  Query end(db_->handle,
            "SELECT MAX(step) FROM timeseries WHERE series_id = (SELECT id FROM series WHERE name = ?1)");
  end.bind(1, name);
  out.has_last_step = !out.values.empty() && end.step() && end.integer(0) == last;
  return out;
}

std::vector<EventRow> StoreReader::events() const {
  Query q(db_->handle,
          "SELECT event_id_cnty, event_date, event_type, sub_event_type, actor1, actor2, country, admin1, "
          "admin2, "
          "location, latitude, longitude, fatalities FROM events ORDER BY rowid");
  std::vector<EventRow> out;
  while (q.step()) {
    out.push_back({q.text(0), q.text(1), q.text(2), q.text(3), q.text(4), q.text(5), q.text(6), q.text(7),
                   q.text(8), q.text(9), q.real(10), q.real(11), q.integer(12)});
  }
  return out;
}

std::vector<std::pair<std::string, std::string>> StoreReader::summary() const {
  Query q(db_->handle, "SELECT label, value FROM summary ORDER BY position");
  std::vector<std::pair<std::string, std::string>> out;
  while (q.step()) out.emplace_back(q.text(0), q.text(1));
  return out;
}

}  // namespace peacesim::web
