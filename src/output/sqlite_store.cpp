#include "output/sqlite_store.hpp"

#include <fmt/format.h>
#include <sqlite3.h>

#include <string>

#include "output/csv_writer.hpp"
#include "output/output_error.hpp"
#include "output/store_format.hpp"
#include "peacesim/version.hpp"

namespace peacesim::output {

namespace {
// SQLite's message, with the file it is about and what a write failure usually means.
std::string sqlite_failure(sqlite3* db, const std::filesystem::path& path, const std::string& why) {
  const int code = sqlite3_errcode(db) & 0xFF;
  const bool space = code == SQLITE_FULL || code == SQLITE_IOERR;
  return fmt::format("{}: SQLite: {}{}", path.filename().string(), why,
                     space ? " (disk full, or over the file-size limit?)" : "");
}

class Database {
 public:
  explicit Database(const std::filesystem::path& path) : path_(path) {
    if (sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) !=
        SQLITE_OK) {
      const std::string why = db_ ? sqlite3_errmsg(db_) : "out of memory";
      sqlite3_close(db_);
      throw OutputError(fmt::format("cannot create {}: {}", path.string(), why));
    }
  }
  ~Database() { sqlite3_close(db_); }
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  void exec(const std::string& sql) {
    char* error = nullptr;
    if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &error) != SQLITE_OK) {
      const std::string why = error ? error : "unknown error";
      sqlite3_free(error);
      throw OutputError(sqlite_failure(db_, path_, why));
    }
  }
  sqlite3* get() { return db_; }
  [[nodiscard]] const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
  sqlite3* db_ = nullptr;
};

// One prepared INSERT, reused for every row.
class Insert {
 public:
  Insert(Database& db, const std::string& sql) : db_(db) {
    if (sqlite3_prepare_v2(db.get(), sql.c_str(), -1, &stmt_, nullptr) != SQLITE_OK) {
      throw OutputError(sqlite_failure(db.get(), db.path(), sqlite3_errmsg(db.get())));
    }
  }
  ~Insert() { sqlite3_finalize(stmt_); }
  Insert(const Insert&) = delete;
  Insert& operator=(const Insert&) = delete;

  Insert& bind(int i, const std::string& v) {
    sqlite3_bind_text(stmt_, i, v.c_str(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
    return *this;
  }
  Insert& bind(int i, double v) {
    sqlite3_bind_double(stmt_, i, v);
    return *this;
  }
  Insert& bind(int i, std::int64_t v) {
    sqlite3_bind_int64(stmt_, i, v);
    return *this;
  }
  void run() {
    if (sqlite3_step(stmt_) != SQLITE_DONE) {
      throw OutputError(sqlite_failure(db_.get(), db_.path(), sqlite3_errmsg(db_.get())));
    }
    sqlite3_reset(stmt_);
  }

 private:
  Database& db_;
  sqlite3_stmt* stmt_ = nullptr;
};

constexpr const char* kSchema = R"sql(
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE parameters (name TEXT PRIMARY KEY, value REAL NOT NULL, kind TEXT NOT NULL, unit TEXT NOT NULL,
  min REAL NOT NULL, max REAL NOT NULL, source TEXT NOT NULL, origin TEXT NOT NULL);
CREATE TABLE regions (id INTEGER PRIMARY KEY, name TEXT NOT NULL);
CREATE TABLE series (id INTEGER PRIMARY KEY, name TEXT NOT NULL, unit TEXT NOT NULL, kind TEXT NOT NULL,
  cadence TEXT NOT NULL, description TEXT NOT NULL);
CREATE TABLE timeseries (step INTEGER NOT NULL, date TEXT NOT NULL, series_id INTEGER NOT NULL,
  region_id INTEGER NOT NULL, value REAL NOT NULL);
CREATE TABLE events (event_id_cnty TEXT PRIMARY KEY, event_date TEXT NOT NULL, year INTEGER NOT NULL,
  event_type TEXT NOT NULL, sub_event_type TEXT NOT NULL, actor1 TEXT NOT NULL, actor2 TEXT NOT NULL,
  interaction INTEGER NOT NULL, country TEXT NOT NULL, admin1 TEXT NOT NULL, admin2 TEXT NOT NULL, location TEXT NOT NULL,
  latitude REAL NOT NULL, longitude REAL NOT NULL, fatalities INTEGER NOT NULL);
CREATE TABLE summary (position INTEGER PRIMARY KEY, label TEXT NOT NULL, value TEXT NOT NULL);
CREATE VIEW series_long AS
  SELECT t.date, t.step, r.name AS region, s.name AS series, t.value
  FROM timeseries t JOIN series s ON s.id = t.series_id JOIN regions r ON r.id = t.region_id;
)sql";
}  // namespace

void write_sqlite(const std::filesystem::path& path, const RunRecord& run) {
  Database db(path);
  // The file is staged and renamed afterwards, so durability comes from the final fsync; a
  // rollback journal in memory is enough and keeps the folder to one file.
  db.exec("PRAGMA journal_mode=MEMORY; PRAGMA synchronous=OFF;");
  db.exec("BEGIN;");
  db.exec(kSchema);

  Insert meta(db, "INSERT INTO meta VALUES (?, ?)");
  const auto& s = run.scenario;
  for (const auto& [k, v] : std::initializer_list<std::pair<const char*, std::string>>{
           {"peacesim_version", kVersion},
           {"run_store_format", std::to_string(kRunStoreFormat)},
           {"git_commit", kGitCommit},
           {"scenario_name", s.name},
           {"scenario_hash", s.hash},
           {"model", s.model},
           {"seed", std::to_string(s.seed)},
           {"people_per_agent", fmt::format("{}", s.people_per_agent)},
           {"start", s.start.iso()},
           {"end", s.end.iso()},
           {"completed", run.result.completed ? "true" : "false"},
           {"steps_done", std::to_string(run.result.steps_done)}}) {
    meta.bind(1, std::string(k)).bind(2, v).run();
  }

  Insert param(db, "INSERT INTO parameters VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
  for (const auto& spec : run.parameters.specs()) {
    const auto& origin = run.parameters.origin(spec.name);
    param.bind(1, spec.name)
        .bind(2, run.parameters.value(spec.name))
        .bind(3, engine::kind_name(spec.kind))
        .bind(4, spec.unit)
        .bind(5, spec.min)
        .bind(6, spec.max)
        .bind(7, origin.source)
        .bind(8, origin.where)
        .run();
  }

  const auto& recorder = run.recorder;
  Insert region(db, "INSERT INTO regions VALUES (?, ?)");
  for (std::size_t i = 0; i < recorder.regions().size(); ++i) {
    region.bind(1, static_cast<std::int64_t>(i)).bind(2, recorder.regions()[i]).run();
  }
  Insert series(db, "INSERT INTO series VALUES (?, ?, ?, ?, ?, ?)");
  for (std::size_t i = 0; i < recorder.series().size(); ++i) {
    const auto& spec = recorder.series()[i];
    series.bind(1, static_cast<std::int64_t>(i))
        .bind(2, spec.name)
        .bind(3, spec.unit)
        .bind(4, std::string(spec.kind == engine::SeriesKind::Gauge ? "gauge" : "flow"))
        .bind(5, std::string(engine::cadence_name(spec.cadence)))
        .bind(6, spec.description)
        .run();
  }
  Insert row(db, "INSERT INTO timeseries VALUES (?, ?, ?, ?, ?)");
  IsoDates dates;
  for (const auto& r : recorder.rows()) {
    row.bind(1, static_cast<std::int64_t>(r.step))
        .bind(2, dates.of(r.date))
        .bind(3, static_cast<std::int64_t>(r.series))
        .bind(4, static_cast<std::int64_t>(r.region))
        .bind(5, r.value)
        .run();
  }
  Insert event(db, "INSERT INTO events VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  const auto& events = recorder.events();
  for (std::size_t i = 0; i < events.size(); ++i) {
    const auto& e = events[i];
    event.bind(1, event_id(i))
        .bind(2, e.event_date.iso())
        .bind(3, static_cast<std::int64_t>(e.event_date.year()))
        .bind(4, e.event_type)
        .bind(5, e.sub_event_type)
        .bind(6, e.actor1)
        .bind(7, e.actor2)
        .bind(8, static_cast<std::int64_t>(e.interaction))
        .bind(9, e.country)
        .bind(10, e.admin1)
        .bind(11, e.admin2)
        .bind(12, e.location)
        .bind(13, e.latitude)
        .bind(14, e.longitude)
        .bind(15, static_cast<std::int64_t>(e.fatalities))
        .run();
  }
  Insert summary(db, "INSERT INTO summary VALUES (?, ?, ?)");
  for (std::size_t i = 0; i < run.summary.size(); ++i) {
    summary.bind(1, static_cast<std::int64_t>(i))
        .bind(2, run.summary[i].first)
        .bind(3, run.summary[i].second)
        .run();
  }
  db.exec("CREATE INDEX timeseries_by_series ON timeseries (series_id, region_id, step);");
  db.exec("COMMIT;");
}

}  // namespace peacesim::output
