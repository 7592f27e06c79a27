// The operations' tables for `describe`: the operations, their mandates, strengths, relations.
#include <fmt/format.h>

#include <algorithm>

#include "models/conflict_theatre/describe.hpp"
#include "models/conflict_theatre/describe_util.hpp"
#include "theatre/schedule.hpp"

namespace peacesim::models::conflict_theatre {

using namespace fmt_util;  // NOLINT(google-build-using-namespace): formatting helpers only

namespace {
std::string strength_summary(const theatre::Operation& op) {
  if (op.actual.empty()) return "not recorded";
  const auto peak = std::max_element(op.actual.begin(), op.actual.end(),
                                     [](const auto& a, const auto& b) { return a.total() < b.total(); });
  return fmt::format("{} ({}); peak {} ({}); last {} ({})", thousands(op.actual.front().total()),
                     op.actual.front().when.str(), thousands(peak->total()), peak->when.str(),
                     thousands(op.actual.back().total()), op.actual.back().when.str());
}

}  // namespace

Table operations_table(const TheatreWorld& w) {
  const auto& t = w.theatre;
  Table table{"Operations",
              {"operation", "organizations", "legal basis", "decided", "start", "end", "authorized",
               "actual (military + police)", "funding", "bases"},
              {},
              "Actual strength: first, peak and last recorded figure; a figure holds until the next "
              "(docs/theatre.md)."};
  for (const auto& op : t.operations) {
    std::vector<std::string> legal;
    for (const auto& l : op.legal_basis) {
      legal.push_back(l.instrument + (l.when ? " (" + l.when->str() + ")" : "") +
                      (l.chapter.empty() ? "" : ", Chapter " + l.chapter));
    }
    std::vector<std::string> authorized;
    for (const auto& p : theatre::authorized_schedule(op))
      authorized.push_back(strength_text(p) + " (" + p.when.str() + ")");
    for (const auto& p : op.planned)
      authorized.push_back("planned/pledged " + strength_text(p) + " (" + p.when.str() + ")");
    std::vector<std::string> funding;
    for (const auto& b : op.budgets) {
      funding.push_back(
          b.funding + (b.usd_per_year ? fmt::format(" {} M USD/yr", thousands(*b.usd_per_year / 1e6)) : "") +
          " (" + period(b.from, b.to) + ")");
    }
    std::vector<std::string> bases;
    for (const auto& b : op.bases) {
      const auto* p = t.find_place(b.place.id);
      bases.push_back((p ? p->name : b.place.id) + (b.kind == "base" ? "" : " (" + b.kind + ")"));
    }
    if (!op.spread_snapshots.empty()) {
      bases.push_back(fmt::format("+ {} deployment-map snapshots {}..{}", op.spread_snapshots.size(),
                                  op.spread_snapshots.front().date.year_month(),
                                  op.spread_snapshots.back().date.year_month()));
    }
    table.rows.push_back(
        {fmt::format("{} ({})", op.short_name, op.status == "deployed" ? op.kind : "planned, never deployed"),
         ids_text(t, op.organizations), joined(legal, "; "), opt(op.decided), opt(op.start), opt(op.end),
         authorized.empty() ? "—" : joined(authorized, "; "), strength_summary(op), joined(funding, "; "),
         bases.empty() ? "—" : joined(bases)});
  }
  return table;
}

Table strength_table(const TheatreWorld& w) {
  Table table{"Strength records", {"operation", "date", "kind", "strength", "note", "source"}, {}, ""};
  for (const auto& op : w.theatre.operations) {
    for (const auto& p : theatre::authorized_schedule(op)) {
      table.rows.push_back(
          {op.short_name, p.when.str(), "authorized", strength_text(p), p.note, p.source.text});
    }
    for (const auto& p : op.planned) {
      table.rows.push_back({op.short_name, p.when.str(), "planned", strength_text(p), p.note, p.source.text});
    }
    for (const auto& f : op.actual_files) {
      std::size_t n = 0;
      for (const auto& p : op.actual) n += p.field == f.field ? 1 : 0;
      table.rows.push_back(
          {op.short_name, f.from.str() + ".." + f.to.str(), "actual (file)",
           fmt::format("{} monthly figures, mission '{}', {} + {}", n, f.mission,
                       joined(f.military_columns, "+"),
                       f.police_columns.empty() ? "no police" : joined(f.police_columns, "+")),
           "", f.source.text});
    }
    for (const auto& p : op.actual) {
      const bool from_file = std::any_of(op.actual_files.begin(), op.actual_files.end(),
                                         [&](const auto& f) { return f.field == p.field; });
      if (!from_file)
        table.rows.push_back(
            {op.short_name, p.when.str(), "actual", strength_text(p), p.note, p.source.text});
    }
    for (const auto& u : op.units) {
      for (const auto& p : u.strength) {
        table.rows.push_back({op.short_name + " / " + u.name, p.when.str(), "actual (unit)", strength_text(p),
                              p.note, p.source.text});
      }
    }
  }
  return table;
}

namespace {
std::string tasks_text(const theatre::Mandate& m, const std::string& priority) {
  std::vector<std::string> out;
  char letter = 'a';
  for (const auto& task : m.tasks) {
    if (task.priority != priority) continue;
    out.push_back(fmt::format("{}) {} [{}]", letter++, task.text, task.category));
  }
  return out.empty() ? "—" : joined(out, "; ");
}

}  // namespace

Table mandate_table(const theatre::Operation& op) {
  const bool resolutions = std::all_of(op.mandates.begin(), op.mandates.end(),
                                       [](const auto& m) { return m.instrument.rfind("S/RES/", 0) == 0; });
  Table table{op.short_name + (resolutions ? " mandates by resolution" : " mandate"),
              {"resolution", "adopted", "military", "police", "priority tasks", "other tasks", "highlights",
               "source"},
              {},
              "Generated from the scenario's mandates. Categories in brackets are the model's task "
              "vocabulary; a ceiling "
              "of — means the instrument set none (the previous one holds)."};
  for (const auto& m : op.mandates) {
    std::string other = tasks_text(m, "additional");
    const std::string rest = tasks_text(m, "other");
    if (rest != "—") other = other == "—" ? rest : other + "; " + rest;
    table.rows.push_back({m.instrument, m.adopted.str(), m.military ? thousands(*m.military) : "—",
                          m.police ? thousands(*m.police) : "—", tasks_text(m, "priority"), other,
                          m.highlights.empty() ? "—" : joined(m.highlights, "; "), m.source.text});
  }
  return table;
}

Table relations_table(const TheatreWorld& w) {
  const auto& t = w.theatre;
  Table table{"Caveats, relations and units",
              {"operation", "item", "with / unit", "period", "text", "source"},
              {},
              ""};
  for (const auto& op : t.operations) {
    for (const auto& [text, source] : op.caveats)
      table.rows.push_back({op.short_name, "caveat", "", "", text, source.text});
    for (const auto& r : op.relations) {
      table.rows.push_back(
          {op.short_name, r.kind, t.actor_name(r.with.id), period(r.from, r.to), r.text, r.source.text});
    }
    for (const auto& u : op.units) {
      std::string who = u.name + " (" + u.kind + ", " + u.command +
                        (u.contributor ? ", " + t.actor_name(u.contributor->id) : "") + ")";
      table.rows.push_back({op.short_name, "unit", who, period(u.from, u.to), u.text, u.source.text});
    }
  }
  return table;
}

}  // namespace peacesim::models::conflict_theatre
