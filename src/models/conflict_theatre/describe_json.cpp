// `describe --format json`: the operations as typed objects, every other table as an array of rows.
#include <cctype>
#include <nlohmann/json.hpp>

#include "models/conflict_theatre/describe.hpp"
#include "theatre/schedule.hpp"

namespace peacesim::models::conflict_theatre {

namespace {
using theatre::When;

nlohmann::ordered_json table_json(const Table& t) {
  auto rows = nlohmann::ordered_json::array();
  for (const auto& row : t.rows) {
    nlohmann::ordered_json o;
    for (std::size_t i = 0; i < row.size() && i < t.header.size(); ++i) o[t.header[i]] = row[i];
    rows.push_back(std::move(o));
  }
  return rows;
}

nlohmann::ordered_json point_json(const theatre::StrengthPoint& p) {
  return {{"date", p.when.str()},
          {"military", p.military},
          {"police", p.police},
          {"note", p.note},
          {"source", p.source.text}};
}

nlohmann::ordered_json operations_json(const TheatreWorld& w) {
  const auto& t = w.theatre;
  auto out = nlohmann::ordered_json::array();
  auto when = [](const std::optional<When>& x) {
    return x ? nlohmann::ordered_json(x->str()) : nlohmann::ordered_json();
  };
  auto ids = [](const std::vector<theatre::Ref>& refs) {
    auto a = nlohmann::ordered_json::array();
    for (const auto& r : refs) a.push_back(r.id);
    return a;
  };
  for (const auto& op : t.operations) {
    nlohmann::ordered_json o;
    o["id"] = op.id;
    o["name"] = op.name;
    o["short"] = op.short_name;
    o["kind"] = op.kind;
    o["status"] = op.status;
    o["organizations"] = ids(op.organizations);
    auto legal = nlohmann::ordered_json::array();
    for (const auto& l : op.legal_basis) {
      legal.push_back({{"instrument", l.instrument},
                       {"date", when(l.when)},
                       {"chapter", l.chapter},
                       {"source", l.source.text}});
    }
    o["legal_basis"] = legal;
    o["dates"] = {{"decided", when(op.decided)},
                  {"start", when(op.start)},
                  {"end", when(op.end)},
                  {"source", op.dates_source.text}};
    o["predecessor"] = op.predecessor ? nlohmann::ordered_json(op.predecessor->id) : nlohmann::ordered_json();
    o["area"] = {{"countries", op.area_countries},
                 {"regions", ids(op.area_regions)},
                 {"text", op.area_text},
                 {"source", op.area_source.text}};
    auto pts = [&](const std::vector<theatre::StrengthPoint>& v) {
      auto a = nlohmann::ordered_json::array();
      for (const auto& p : v) a.push_back(point_json(p));
      return a;
    };
    o["authorized_strength"] = pts(theatre::authorized_schedule(op));
    o["planned_strength"] = pts(op.planned);
    o["actual_strength"] = pts(op.actual);
    auto mandates = nlohmann::ordered_json::array();
    for (const auto& m : op.mandates) {
      auto tasks = nlohmann::ordered_json::array();
      for (const auto& task : m.tasks)
        tasks.push_back({{"category", task.category}, {"priority", task.priority}, {"text", task.text}});
      mandates.push_back(
          {{"id", m.id},
           {"instrument", m.instrument},
           {"adopted", m.adopted.str()},
           {"military", m.military ? nlohmann::ordered_json(*m.military) : nlohmann::ordered_json()},
           {"police", m.police ? nlohmann::ordered_json(*m.police) : nlohmann::ordered_json()},
           {"tasks", tasks},
           {"highlights", m.highlights},
           {"source", m.source.text}});
    }
    o["mandates"] = mandates;
    auto budgets = nlohmann::ordered_json::array();
    for (const auto& b : op.budgets) {
      budgets.push_back({{"from", b.from.str()},
                         {"to", when(b.to)},
                         {"usd_per_year", b.usd_per_year ? nlohmann::ordered_json(*b.usd_per_year)
                                                         : nlohmann::ordered_json()},
                         {"funding", b.funding},
                         {"note", b.note},
                         {"source", b.source.text}});
    }
    o["budget"] = budgets;
    auto bases = nlohmann::ordered_json::array();
    for (const auto& b : op.bases) {
      bases.push_back({{"place", b.place.id},
                       {"kind", b.kind},
                       {"from", when(b.from)},
                       {"to", when(b.to)},
                       {"source", b.source.text}});
    }
    o["bases"] = bases;
    auto spread = nlohmann::ordered_json::array();
    for (const auto& s : op.spread_snapshots) {
      nlohmann::ordered_json sites;
      for (const auto& site : s.sites) sites[t.places[site.place].id] = site.troops;
      spread.push_back(
          {{"month", s.date.year_month()}, {"revision", s.revision}, {"troops_by_place", sites}});
    }
    o["spread_snapshots"] = spread;
    auto caveats = nlohmann::ordered_json::array();
    for (const auto& [text, source] : op.caveats)
      caveats.push_back({{"text", text}, {"source", source.text}});
    o["caveats"] = caveats;
    auto relations = nlohmann::ordered_json::array();
    for (const auto& r : op.relations) {
      relations.push_back({{"with", r.with.id},
                           {"kind", r.kind},
                           {"from", when(r.from)},
                           {"to", when(r.to)},
                           {"text", r.text},
                           {"source", r.source.text}});
    }
    o["relations"] = relations;
    auto units = nlohmann::ordered_json::array();
    for (const auto& u : op.units) {
      units.push_back({{"id", u.id},
                       {"name", u.name},
                       {"kind", u.kind},
                       {"contributor",
                        u.contributor ? nlohmann::ordered_json(u.contributor->id) : nlohmann::ordered_json()},
                       {"command", u.command},
                       {"from", when(u.from)},
                       {"to", when(u.to)},
                       {"strength", pts(u.strength)},
                       {"text", u.text},
                       {"source", u.source.text}});
    }
    o["units"] = units;
    o["source"] = op.source.text;
    out.push_back(std::move(o));
  }
  return out;
}
}  // namespace

std::string describe_json(const TheatreWorld& w, const std::vector<Table>& tables) {
  nlohmann::ordered_json j;
  j["operations"] = operations_json(w);
  nlohmann::ordered_json theatre_tables;
  for (const auto& t : tables) {
    if (t.title == "Operations") continue;
    std::string key;
    for (char c : t.title) {
      const bool word = std::isalnum(static_cast<unsigned char>(c)) != 0;
      if (word) key.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
      if (!word && !key.empty() && key.back() != '_') key.push_back('_');
    }
    theatre_tables[key] = table_json(t);
  }
  j["theatre"] = theatre_tables;
  return j.dump();
}

}  // namespace peacesim::models::conflict_theatre
