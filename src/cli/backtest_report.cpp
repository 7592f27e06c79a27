#include "cli/backtest_report.hpp"

#include <fmt/format.h>

#include <string>

namespace peacesim::cli {

namespace {

std::string cell(const nlohmann::json& x) {
  return x.is_null() ? std::string("-") : fmt::format("{:.3f}", x.get<double>());
}

// The model's standard deviation over the resamples of its members ("-" without them).
std::string spread(const nlohmann::json& m) {
  if (!m.contains("model_resampled") || m["model_resampled"].is_null()) return "-";
  return fmt::format("±{:.3f}", m["model_resampled"]["sd"].get<double>());
}

// "yes" or "NO", and with resamples the share of them in which the model beats the best baseline.
std::string beats_cell(const nlohmann::json& m) {
  const auto& beats = m["model_beats_best"];
  if (beats.is_null()) return "n/a";
  std::string out = beats.get<bool>() ? "yes" : "NO";
  if (m.contains("model_resampled") && !m["model_resampled"].is_null() &&
      !m["model_resampled"]["beats_best_share"].is_null())
    out += fmt::format(" ({:.0f} % of resamples)",
                       100.0 * m["model_resampled"]["beats_best_share"].get<double>());
  return out;
}

// The discrepancy's σ on ln(1 + x) by quantity and lead, from the hindcasts before the origin.
void print_discrepancy(const nlohmann::json& d) {
  std::string from;
  for (const auto& h : d["hindcast_origins"])
    from += (from.empty() ? "" : ", ") + h["origin"].get<std::string>();
  fmt::print(
      "  Model discrepancy from hindcasts of {} members from {} (sigma on ln(1+x), by lead in years):\n",
      d["members"].get<std::size_t>(), from);
  for (const auto& [quantity, by_lead] : d["sigma"].items()) {
    std::string leads;
    for (const auto& [lead, e] : by_lead.items())
      leads +=
          fmt::format("{}{}: {:.3f} ({} cells{})", leads.empty() ? "" : ", ", lead, e["sigma"].get<double>(),
                      e["cells"].get<std::size_t>(), e.value("used", true) ? "" : ", too few: not used");
    fmt::print("    {:<62} {}\n", quantity, leads);
  }
}

}  // namespace

void print_origin(const nlohmann::json& o) {
  const auto& years = o["scores"]["scored_years"];
  std::string span = "nothing";
  if (!years.empty()) {
    span = std::to_string(years.front().get<int>());
    if (years.size() > 1) span += "–" + std::to_string(years.back().get<int>());
  }
  fmt::print("\nOrigin {} — scored {}, {} members\n", o["origin"].get<std::string>(), span,
             o["scores"]["members"].get<std::size_t>());
  // Older reports (before the forecast origin) have no such field: they simulated through.
  const bool from_origin = o.contains("forecast_origin") && !o["forecast_origin"].is_null();
  fmt::print("  {}\n", from_origin
                           ? "The forecast starts from the state observed at the origin (the scenario's "
                             "observations dated then)."
                           : "The forecast simulates from the scenario's start (--simulate-through).");
  if (o["fit"].is_null()) {
    fmt::print("  Not fitted (--no-fit): the scenario's own values.\n");
  } else {
    const auto& f = o["fit"];
    std::string values;
    for (const auto& p : f["parameters"])
      values +=
          fmt::format("{}{}={:.6g} (was {:.6g})", values.empty() ? "" : ", ", p["name"].get<std::string>(),
                      p["fitted"].get<double>(), p["start"].get<double>());
    fmt::print("  Fitted on {} → {} ({} evaluations of {} members): {}\n", f["from"].get<std::string>(),
               f["to"].get<std::string>(), f["evaluations"].get<std::size_t>(),
               f["members"].get<std::size_t>(), values);
    fmt::print("  Fit loss {:.4f} at the scenario's values, {:.4f} at the chosen ones{}\n",
               f["loss_start"].get<double>(), f["loss_chosen"].get<double>(),
               f["fresh_loss_chosen"].is_null()
                   ? std::string()
                   : fmt::format(" (fresh seeds: {:.4f} against {:.4f})",
                                 f["fresh_loss_chosen"].get<double>(), f["fresh_loss_start"].get<double>()));
    if (!f["left_out"].get<std::string>().empty())
      fmt::print("  Refused for the fit (dated after the origin): {}\n", f["left_out"].get<std::string>());
  }
  if (o.contains("discrepancy") && !o["discrepancy"].is_null()) print_discrepancy(o["discrepancy"]);
  fmt::print("\n  {:<66} {:>8} {:>7} {:>8} {:>8} {:>8}  {:<12} {}\n", "metric", "model", "sd", "persist.",
             "mean3", "NB reg.", "best", "model beats best");
  for (const auto& m : o["scores"]["metrics"]) {
    fmt::print("  {:<66} {:>8} {:>7} {:>8} {:>8} {:>8}  {:<12} {}\n", m["name"].get<std::string>(),
               cell(m["model"]), spread(m), cell(m["persistence"]), cell(m["mean3"]), cell(m["nb"]),
               m["best_baseline"].is_null() ? "-" : m["best_baseline"].get<std::string>(), beats_cell(m));
  }
  const auto& v = o["scores"]["verdict"];
  std::string names;
  for (const auto& n : v["not_beaten"]) names += (names.empty() ? "" : "; ") + n.get<std::string>();
  fmt::print("\n  Verdict: the model beats the best baseline on {} of {} metrics.{}\n",
             v["model_beats_best_baseline"].get<std::size_t>(), v["metrics_judged"].get<std::size_t>(),
             names.empty() ? std::string() : " It does not beat it on: " + names + ".");
  if (v.contains("model_beats_best_in_90_percent_of_resamples"))
    fmt::print(
        "  It beats it in at least 90 % of {} resamples of its members on {} metrics (sd: each score's "
        "spread from which members the ensemble drew).\n",
        o["scores"]["resampling"]["replicates"].get<std::size_t>(),
        v["model_beats_best_in_90_percent_of_resamples"].get<std::size_t>());
  if (o.contains("patterns") && !o["patterns"].empty()) {
    fmt::print("\n  Patterns (share of the {} members in which each holds):\n",
               o["scores"]["members"].get<std::size_t>());
    for (const auto& p : o["patterns"]) {
      fmt::print("  {:<28} {:>4}/{:<4}  {}\n", p["id"].get<std::string>(), p["holds_in"].get<std::size_t>(),
                 p["runs"].get<std::size_t>(), p["text"].get<std::string>());
    }
  }
  std::fflush(stdout);
}

}  // namespace peacesim::cli
