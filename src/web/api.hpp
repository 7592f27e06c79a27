// The dashboard's JSON API over the run stores given to `peacesim serve` (docs/web-api.md). The
// router is a pure function from a request to a response, with no socket, so that it can be tested
// and fuzzed directly; server.hpp puts it behind HTTP.
//
// Sources are identified by their position ("0", "1", ...): no part of a URL ever becomes a file
// path, so a request can reach only the stores it was given. Every endpoint is read-only (GET or
// HEAD); anything else is 405.
//
// Answers read from the stores are cached while the stores are unchanged (answer_cache.hpp), and
// computed once however many ask for them at the same time.
#pragma once

#include <cstddef>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/calendar.hpp"
#include "validation/metrics.hpp"

namespace peacesim::web {

struct Source {
  std::string id;    // its position
  std::string kind;  // run or ensemble
  std::string name;  // the folder's name
  std::filesystem::path folder;
  std::vector<std::filesystem::path> members;  // run folders (one for a run)
};

// Checks each path is a run folder (manifest.json, a results.sqlite SQLite can read, this run-store
// format) or an ensemble folder (ensemble.json, member-NNNN/); throws std::runtime_error naming the
// path.
std::vector<Source> open_sources(const std::vector<std::string>& paths);

struct Request {
  std::string method;
  std::string path;  // decoded path, without the query
  std::map<std::string, std::string> query;
};

// A query string ("a=1&b=2", not percent-decoded) as key-value pairs; a key without '=' gets "".
std::map<std::string, std::string> parse_query(const std::string& text);

struct Response {
  int status = 200;
  std::string body;
  std::string content_type = "application/json";
};

// Observed data for the validation view (`serve --observed`), with the window to judge.
struct ValidationInput {
  validation::Observed observed;
  engine::Date from, to;
};

class AnswerCache;

inline constexpr std::size_t kAnswerCacheBytes = 256 * 1024 * 1024;  // answers kept, in all

class Api {
 public:
  explicit Api(std::vector<Source> sources, std::optional<ValidationInput> validation = std::nullopt,
               std::size_t cache_bytes = kAnswerCacheBytes);
  ~Api();
  Api(Api&&) noexcept;
  Api& operator=(Api&&) noexcept;

  [[nodiscard]] Response handle(const Request& request) const;
  // Whether the answer must be computed from every member's store (a comparison, a validation, an
  // ensemble's series, ...) and is not cached yet: the server gives such requests workers of their
  // own (server.hpp).
  [[nodiscard]] bool is_expensive(const Request& request) const;
  [[nodiscard]] const std::vector<Source>& sources() const { return sources_; }
  [[nodiscard]] const AnswerCache& cache() const { return *cache_; }
  // The dashboard's page, answered at `/` (without one, `/` lists the endpoints as `/api` does).
  void set_page(std::string_view html) { page_ = html; }
  // The report of `peacesim backtest --out` (`serve --backtest`), answered at /api/backtest as it
  // is; its origins are marked on the time-series view.
  void set_backtest(nlohmann::json report);

 private:
  // Where a request leads: an answer known at once (an error, the page), or the key its answer is
  // cached under, the sources it reads, and how to compute it.
  struct Route {
    std::optional<Response> answer;
    std::string key;
    std::vector<const Source*> reads;
    std::function<Response()> compute;
    bool expensive = false;
  };
  [[nodiscard]] Route route(const Request& request) const;
  [[nodiscard]] static std::string version_of(const Route& route);

  [[nodiscard]] Response runs() const;
  [[nodiscard]] Response run(const Source& s) const;
  [[nodiscard]] Response catalogue(const Source& s) const;
  [[nodiscard]] Response series(const Source& s, const std::string& name) const;
  [[nodiscard]] Response events(const Source& s, const std::map<std::string, std::string>& query) const;
  // api_theatre.cpp: what the run folder's map.geojson and theatre.json say.
  [[nodiscard]] Response map(const Source& s) const;
  [[nodiscard]] Response operations(const Source& s) const;
  [[nodiscard]] Response network(const Source& s) const;
  // api_analysis.cpp: comparison of two sources and validation against observed data.
  [[nodiscard]] Response compare(const Source& base, const Source& variant) const;
  [[nodiscard]] Response validate(const Source& s) const;
  // api_observed.cpp: the backtest report, and the observed series beside a run's.
  [[nodiscard]] Response backtest() const;
  [[nodiscard]] Response observed(const Source& s) const;
  [[nodiscard]] const Source* find(const std::string& id) const;

  std::vector<Source> sources_;
  std::optional<ValidationInput> validation_;
  std::optional<nlohmann::json> backtest_;
  Response backtest_answer_;  // made once: the report does not change
  std::string_view page_;
  std::unique_ptr<AnswerCache> cache_;
};

}  // namespace peacesim::web
