#include "web/report.hpp"

#include <nlohmann/json.hpp>
#include <stdexcept>

#include "web/store_reader.hpp"

namespace peacesim::web {

namespace {

Request get(const std::string& path_and_query) {
  Request r;
  r.method = "GET";
  const auto q = path_and_query.find('?');
  r.path = path_and_query.substr(0, q);
  if (q != std::string::npos) r.query = parse_query(path_and_query.substr(q + 1));
  return r;
}

// Inside <script>, "</script" or "<!--" in the data would end or confuse the element: JSON lets
// "/" and "!" be written as escapes, which the browser's JSON.parse reads back unchanged.
std::string script_safe(std::string json) {
  std::string out;
  out.reserve(json.size());
  for (std::size_t i = 0; i < json.size(); ++i) {
    if (json[i] == '<' && i + 1 < json.size() && (json[i + 1] == '/' || json[i + 1] == '!')) {
      out += json[i + 1] == '/' ? "<\\/" : "<\\u0021";
      ++i;
    } else {
      out += json[i];
    }
  }
  return out;
}

}  // namespace

std::vector<std::string> report_paths(const Api& api) {
  std::vector<std::string> paths{"/api/runs", "/api/backtest"};
  for (const auto& s : api.sources()) {
    const std::string base = "/api/runs/" + s.id;
    for (const char* tail :
         {"", "/series", "/events", "/map", "/operations", "/network", "/validation", "/observed"})
      paths.push_back(base + tail);
    for (const auto& info : StoreReader(s.members.front()).series())
      paths.push_back(base + "/series/" + info.name);
  }
  for (const auto& a : api.sources()) {
    for (const auto& b : api.sources()) {
      if (a.id != b.id) paths.push_back("/api/compare?base=" + a.id + "&variant=" + b.id);
    }
  }
  return paths;
}

std::string report_html(const Api& api, std::string_view page) {
  static constexpr std::string_view kMarker = "<!--peacesim-data-->";
  const auto at = page.find(kMarker);
  if (at == std::string_view::npos) throw std::runtime_error("the dashboard page has no data marker");
  std::string data = "{";
  bool first = true;
  for (const auto& path : report_paths(api)) {
    const Response r = api.handle(get(path));
    if (r.status != 200) continue;
    data += (first ? "" : ",") + nlohmann::json(path).dump() + ":" + r.body;
    first = false;
  }
  data += "}";
  std::string html;
  html.reserve(page.size() + data.size() + 100);
  html.append(page.substr(0, at));
  html += R"(<script type="application/json" id="peacesim-data">)";
  html += script_safe(std::move(data));
  html += "</script>";
  html.append(page.substr(at + kMarker.size()));
  return html;
}

}  // namespace peacesim::web
