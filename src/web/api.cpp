#include "web/api.hpp"

#include <algorithm>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <stdexcept>

#include "output/store_format.hpp"
#include "web/api_util.hpp"
#include "web/store_reader.hpp"

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
      for (const auto& e : fs::directory_iterator(s.folder)) {
        if (e.is_directory() && e.path().filename().string().rfind("member-", 0) == 0)
          s.members.push_back(e.path());
      }
      std::sort(s.members.begin(), s.members.end());
      if (s.members.empty()) throw std::runtime_error(p + ": an ensemble folder without members");
    } else {
      s.kind = "run";
      s.members.push_back(s.folder);
    }
    for (const auto& m : s.members) {
      if (auto problem = output::run_store_problem(m)) throw std::runtime_error(*problem);
      if (!fs::exists(m / "results.sqlite")) throw std::runtime_error(m.string() + ": no results.sqlite");
    }
    out.push_back(std::move(s));
  }
  return out;
}

Api::Api(std::vector<Source> sources, std::optional<ValidationInput> validation)
    : sources_(std::move(sources)), validation_(std::move(validation)) {}

const Source* Api::find(const std::string& id) const {
  const auto it = std::find_if(sources_.begin(), sources_.end(), [&](const Source& s) { return s.id == id; });
  return it == sources_.end() ? nullptr : &*it;
}

Response Api::handle(const Request& r) const {
  if (r.method != "GET" && r.method != "HEAD") return error(405, "read-only API: only GET and HEAD");
  const auto parts = split_path(r.path);
  if (!page_.empty() && (parts.empty() || (parts.size() == 1 && parts[0] == "index.html")))
    return {200, std::string(page_), "text/html; charset=utf-8"};
  if (parts.empty() || (parts.size() == 1 && parts[0] == "api")) {
    return ok(
        {{"peacesim", "API over run stores; see docs/web-api.md"},
         {"endpoints",
          {"/api/runs", "/api/runs/{id}", "/api/runs/{id}/series", "/api/runs/{id}/series/{name}",
           "/api/runs/{id}/events", "/api/runs/{id}/map", "/api/runs/{id}/operations",
           "/api/runs/{id}/network", "/api/runs/{id}/validation", "/api/compare?base={id}&variant={id}"}}});
  }
  if (parts[0] != "api") return error(404, "not found");
  try {
    if (parts.size() == 2 && parts[1] == "runs") return runs();
    if (parts.size() == 2 && parts[1] == "compare") return compare(r.query);
    if (parts.size() < 3 || parts[1] != "runs") return error(404, "not found");
    const Source* source = find(parts[2]);
    if (source == nullptr) return error(404, "no run with id '" + parts[2] + "'");
    const Source& it = *source;
    if (parts.size() == 3) return run(it);
    if (parts.size() == 4 && parts[3] == "series") return catalogue(it);
    if (parts.size() == 5 && parts[3] == "series") return series(it, parts[4]);
    if (parts.size() == 4 && parts[3] == "events") return events(it, r.query);
    if (parts.size() == 4 && parts[3] == "map") return map(it);
    if (parts.size() == 4 && parts[3] == "operations") return operations(it);
    if (parts.size() == 4 && parts[3] == "network") return network(it);
    if (parts.size() == 4 && parts[3] == "validation") return validate(it);
  } catch (const std::runtime_error& e) {
    return error(500, e.what());
  }
  return error(404, "not found");
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
  json list = json::array();
  for (const auto& info : store.series()) {
    const auto data = store.series(info.name);
    json regions = json::array();
    for (const auto& [region, values] : data.regions) regions.push_back(region);
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
  for (const auto& m : s.members) members.push_back(StoreReader(m).series(name));
  if (members.front().dates.empty()) return error(404, "no series '" + name + "'");
  const auto& first = members.front();
  json j{{"name", name}, {"dates", first.dates}, {"members", members.size()}};
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
