#include "web/api.hpp"

#include <algorithm>
#include <fstream>
#include <new>
#include <nlohmann/json.hpp>
#include <set>
#include <stdexcept>

#include "output/store_format.hpp"
#include "web/answer_cache.hpp"
#include "web/api_util.hpp"
#include "web/store_reader.hpp"
#include "web/store_version.hpp"

namespace peacesim::web {

namespace fs = std::filesystem;
using json = nlohmann::json;

namespace {

std::vector<std::string> split_path(const std::string& path) {
  std::vector<std::string> parts;
  std::string part;
  for (const char c : path) {
    if (c == '/') {
      if (!part.empty()) parts.push_back(part);
      part.clear();
    } else {
      part += c;
    }
  }
  if (!part.empty()) parts.push_back(part);
  return parts;
}

// Quantile by linear interpolation of sorted values.
double quantile(std::vector<double> v, double q) {
  std::sort(v.begin(), v.end());
  const double pos = q * static_cast<double>(v.size() - 1);
  const auto lo = static_cast<std::size_t>(pos);
  const std::size_t hi = std::min(lo + 1, v.size() - 1);
  return v[lo] + (v[hi] - v[lo]) * (pos - static_cast<double>(lo));
}

}  // namespace

std::vector<Source> open_sources(const std::vector<std::string>& paths) {
  std::vector<Source> out;
  for (const auto& p : paths) {
    Source s;
    s.id = std::to_string(out.size());
    s.folder = fs::path(p);
    s.name = s.folder.filename().empty() ? s.folder.parent_path().filename().string()
                                         : s.folder.filename().string();
    if (fs::exists(s.folder / "ensemble.json")) {
      s.kind = "ensemble";
      s.members = output::member_folders(s.folder);
      if (s.members.empty()) throw std::runtime_error(p + ": an ensemble folder without members");
    } else {
      s.kind = "run";
      s.members.push_back(s.folder);
    }
    for (const auto& m : s.members) {
      if (auto problem = output::run_store_problem(m)) throw std::runtime_error(*problem);
      const auto db = m / "results.sqlite";
      if (!fs::exists(db)) throw std::runtime_error(m.string() + ": no results.sqlite");
      try {  // a store that SQLite cannot even read the catalogue of is refused now, not on every request
        (void)StoreReader(m).series();
      } catch (const std::runtime_error& e) {
        throw std::runtime_error(db.string() + ": cannot be read (" + e.what() + "): damaged? run it again");
      }
    }
    out.push_back(std::move(s));
  }
  return out;
}

Api::Api(std::vector<Source> sources, std::optional<ValidationInput> validation, std::size_t cache_bytes)
    : sources_(std::move(sources)),
      validation_(std::move(validation)),
      cache_(std::make_unique<AnswerCache>(cache_bytes)) {}

Api::~Api() = default;
Api::Api(Api&&) noexcept = default;
Api& Api::operator=(Api&&) noexcept = default;

const Source* Api::find(const std::string& id) const {
  const auto it = std::find_if(sources_.begin(), sources_.end(), [&](const Source& s) { return s.id == id; });
  return it == sources_.end() ? nullptr : &*it;
}

Api::Route Api::route(const Request& r) const {
  Route out;
  const auto answer = [&](Response response) {
    out.answer = std::move(response);
    return out;
  };
  if (r.method != "GET" && r.method != "HEAD") return answer(error(405, "read-only API: only GET and HEAD"));
  const auto parts = split_path(r.path);
  if (!page_.empty() && (parts.empty() || (parts.size() == 1 && parts[0] == "index.html")))
    return answer({200, std::string(page_), "text/html; charset=utf-8"});
  if (parts.empty() || (parts.size() == 1 && parts[0] == "api")) {
    return answer(
        ok({{"peacesim", "API over run stores; see docs/web-api.md"},
            {"endpoints",
             {"/api/runs", "/api/runs/{id}", "/api/runs/{id}/series", "/api/runs/{id}/series/{name}",
              "/api/runs/{id}/events", "/api/runs/{id}/map", "/api/runs/{id}/operations",
              "/api/runs/{id}/network", "/api/runs/{id}/validation", "/api/runs/{id}/observed",
              "/api/compare?base={id}&variant={id}", "/api/backtest"}}}));
  }
  if (parts[0] != "api") return answer(error(404, "not found"));
  if (parts.size() == 2 && parts[1] == "runs") {
    out.key = "runs";
    for (const auto& s : sources_) out.reads.push_back(&s);
    out.compute = [this] { return runs(); };
    return out;
  }
  if (parts.size() == 2 && parts[1] == "backtest") return answer(backtest());  // read once, at start
  if (parts.size() == 2 && parts[1] == "compare") {
    const auto base_it = r.query.find("base");
    const auto variant_it = r.query.find("variant");
    if (base_it == r.query.end() || variant_it == r.query.end())
      return answer(error(400, "compare needs ?base=ID&variant=ID (ids from /api/runs)"));
    const Source* base = find(base_it->second);
    const Source* variant = find(variant_it->second);
    if (base == nullptr) return answer(error(404, "no run with id '" + base_it->second + "'"));
    if (variant == nullptr) return answer(error(404, "no run with id '" + variant_it->second + "'"));
    out.key = "compare/" + base->id + "/" + variant->id;
    out.reads = {base, variant};
    out.compute = [this, base, variant] { return compare(*base, *variant); };
    out.expensive = true;
    return out;
  }
  if (parts.size() < 3 || parts[1] != "runs") return answer(error(404, "not found"));
  const Source* source = find(parts[2]);
  if (source == nullptr) return answer(error(404, "no run with id '" + parts[2] + "'"));
  const Source& it = *source;
  out.key = "runs/" + it.id;
  out.reads = {source};
  const bool ensemble = it.members.size() > 1;
  if (parts.size() == 3) {
    out.compute = [this, source] { return run(*source); };
  } else if (parts.size() == 4 && parts[3] == "series") {
    out.key += "/series";
    out.compute = [this, source] { return catalogue(*source); };
  } else if (parts.size() == 5 && parts[3] == "series") {
    out.key += "/series/" + parts[4];
    out.compute = [this, source, name = parts[4]] { return series(*source, name); };
    out.expensive = ensemble;  // every member's store
  } else if (parts.size() == 4 && parts[3] == "events") {
    const auto member = r.query.find("member");
    out.key += "/events?member=" + (member == r.query.end() ? std::string() : member->second);
    out.compute = [this, source, query = r.query] { return events(*source, query); };
  } else if (parts.size() == 4 && parts[3] == "map") {
    out.key += "/map";
    out.compute = [this, source] { return map(*source); };
  } else if (parts.size() == 4 && parts[3] == "operations") {
    out.key += "/operations";
    out.compute = [this, source] { return operations(*source); };
  } else if (parts.size() == 4 && parts[3] == "network") {
    out.key += "/network";
    out.compute = [this, source] { return network(*source); };
  } else if (parts.size() == 4 && parts[3] == "validation") {
    out.key += "/validation";
    out.compute = [this, source] { return validate(*source); };
    out.expensive = true;
  } else if (parts.size() == 4 && parts[3] == "observed") {
    out.key += "/observed";
    out.compute = [this, source] { return observed(*source); };
    out.expensive = true;
  } else {
    return answer(error(404, "not found"));
  }
  return out;
}

std::string Api::version_of(const Route& route) {
  std::string version;
  for (const Source* s : route.reads) version += store_version(*s) + '|';
  return version;
}

Response Api::handle(const Request& r) const {
  const Route to = route(r);
  if (to.answer) return *to.answer;
  try {
    return *cache_->get(to.key, version_of(to), to.compute);
  } catch (const std::bad_alloc&) {
    throw;  // not the store's fault: the server's (HTTP 500)
  } catch (const std::exception& e) {
    // The stores were readable at start (open_sources): one has been damaged or replaced since, or
    // holds what its format does not allow.
    std::string names;
    for (const Source* s : to.reads)
      names += (names.empty() ? "'" : ", '") + s->name + "' (id " + s->id + ")";
    return error(
        422, "cannot read the store of " + names + ": " + e.what() + " (damaged or replaced? run it again)");
  }
}

bool Api::is_expensive(const Request& r) const {
  const Route to = route(r);
  return !to.answer && to.expensive && !cache_->holds(to.key, version_of(to));
}

Response Api::runs() const {
  json list = json::array();
  for (const auto& s : sources_) {
    const auto m = manifest_of(s.members.front());
    json row{{"id", s.id}, {"kind", s.kind}, {"name", s.name}, {"members", s.members.size()}};
    if (m.contains("scenario")) {
      row["title"] = m["scenario"].value("title", "");
      row["model"] = m["scenario"].value("model", "");
    }
    if (m.contains("calendar")) {
      row["start"] = m["calendar"].value("start", "");
      row["end"] = m["calendar"].value("end", "");
    }
    if (m.contains("run") && s.kind == "run") row["seed"] = m["run"].value("seed", 0);
    list.push_back(row);
  }
  return ok(list);
}

Response Api::run(const Source& s) const {
  const auto m = manifest_of(s.members.front());
  json j{{"id", s.id}, {"kind", s.kind}, {"name", s.name}, {"members", s.members.size()}};
  for (const char* key : {"peacesim_version", "git_commit", "calendar", "run"}) {
    if (m.contains(key)) j["manifest"][key] = m[key];
  }
  if (m.contains("scenario"))
    j["manifest"]["scenario"] = {{"name", m["scenario"].value("name", "")},
                                 {"hash", m["scenario"].value("hash", "")}};
  json summary = json::array();
  for (const auto& [label, value] : StoreReader(s.members.front()).summary())
    summary.push_back({{"label", label}, {"value", value}});
  j["summary"] = summary;
  return ok(j);
}

Response Api::catalogue(const Source& s) const {
  const StoreReader store(s.members.front());
  const auto regions_of = store.regions_by_series();
  json list = json::array();
  for (const auto& info : store.series()) {
    const auto it = regions_of.find(info.name);
    const json regions = it == regions_of.end() ? json::array() : json(it->second);
    list.push_back({{"name", info.name},
                    {"unit", info.unit},
                    {"kind", info.kind},
                    {"cadence", info.cadence},
                    {"description", info.description},
                    {"regions", regions}});
  }
  return ok(list);
}

Response Api::series(const Source& s, const std::string& name) const {
  std::vector<SeriesData> members;
  std::string national;  // the store's first region is the whole country (engine/recorder.hpp)
  for (const auto& m : s.members) {
    const StoreReader store(m);
    if (members.empty()) national = store.first_region();
    members.push_back(store.series(name));
  }
  if (members.front().dates.empty()) return error(404, "no series '" + name + "'");
  const auto& first = members.front();
  json j{{"name", name}, {"dates", first.dates}, {"members", members.size()}};
  j["national"] = national;  // the views' national figure
  for (const auto& [region, values] : first.regions) {
    if (members.size() == 1) {
      j["regions"][region] = {{"values", values}};
      continue;
    }
    // An ensemble: the median and the 5-95 % band over members, date by date.
    std::vector<double> median(values.size()), low(values.size()), high(values.size());
    for (std::size_t d = 0; d < values.size(); ++d) {
      std::vector<double> at;
      for (const auto& m : members) {
        const auto it = m.regions.find(region);
        if (it != m.regions.end() && d < it->second.size()) at.push_back(it->second[d]);
      }
      median[d] = quantile(at, 0.5);
      low[d] = quantile(at, 0.05);
      high[d] = quantile(at, 0.95);
    }
    j["regions"][region] = {{"values", median}, {"low", low}, {"high", high}};
  }
  return ok(j);
}

Response Api::events(const Source& s, const std::map<std::string, std::string>& query) const {
  std::size_t member = 0;
  if (const auto it = query.find("member"); it != query.end()) {
    const std::string& text = it->second;
    if (text.empty() || text.size() > 9 ||
        !std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; }))
      return error(400, "member: not a member index");
    member = std::stoul(text);
    if (member >= s.members.size()) return error(404, "no member " + text);
  }
  std::set<std::string> types, actors;
  json list = json::array();
  for (const auto& e : StoreReader(s.members[member]).events()) {
    types.insert(e.type);
    actors.insert(e.actor1);
    if (!e.actor2.empty()) actors.insert(e.actor2);
    list.push_back({{"id", e.id},
                    {"date", e.date},
                    {"type", e.type},
                    {"sub_type", e.sub_type},
                    {"actor1", e.actor1},
                    {"actor2", e.actor2},
                    {"country", e.country},
                    {"admin1", e.admin1},
                    {"admin2", e.admin2},
                    {"location", e.location},
                    {"lat", e.lat},
                    {"lon", e.lon},
                    {"fatalities", e.fatalities}});
  }
  return ok({{"member", member}, {"types", types}, {"actors", actors}, {"events", list}});
}

}  // namespace peacesim::web
