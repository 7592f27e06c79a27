// The map, the operations and the network: read from the files a run (or an ensemble, once for
// all members) wrote beside its results (output/theatre_files.hpp).
#include "output/theatre_files.hpp"
#include "web/api.hpp"
#include "web/api_util.hpp"

namespace peacesim::web {

using json = nlohmann::json;

namespace {
// An ensemble keeps the file in its own folder; a run in its folder.
json dashboard_file(const Source& s, const char* name) {
  json j = json_file(s.folder / name);
  if (j.is_discarded() && !s.members.empty()) j = json_file(s.members.front() / name);
  return j;
}

Response missing(const Source& s, const char* name) {
  return error(404, "'" + s.name + "' has no " + name +
                        " (only scenarios with a geography have one, and runs made before the dashboard lack "
                        "it: run again)");
}
}  // namespace

Response Api::map(const Source& s) const {
  const json j = dashboard_file(s, output::kMapFile);
  if (j.is_discarded()) return missing(s, output::kMapFile);
  return ok(j);
}

Response Api::operations(const Source& s) const {
  const json j = dashboard_file(s, output::kTheatreFile);
  if (j.is_discarded()) return missing(s, output::kTheatreFile);
  return ok(j.value("operations", json::array()));
}

Response Api::network(const Source& s) const {
  const json j = dashboard_file(s, output::kTheatreFile);
  if (j.is_discarded()) return missing(s, output::kTheatreFile);
  return ok(j.value("network", json::object()));
}

}  // namespace peacesim::web
