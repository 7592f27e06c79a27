#include "cli/pattern_runs.hpp"

#include <fmt/format.h>

namespace peacesim::cli {

std::vector<validation::PatternResult> check_patterns(const std::vector<validation::Pattern>& patterns,
                                                      const engine::Recorder& run) {
  std::vector<validation::PatternResult> out;
  for (const auto& p : patterns) out.push_back(validation::evaluate(p, run));
  return out;
}

nlohmann::json patterns_json(const PatternTable& t) {
  nlohmann::json out = nlohmann::json::array();
  for (std::size_t k = 0; k < t.patterns.size(); ++k) {
    const auto& p = t.patterns[k];
    std::size_t holds = 0;
    nlohmann::json runs = nlohmann::json::array();
    for (std::size_t m = 0; m < t.results.size(); ++m) {
      const auto& r = t.results[m][k];
      holds += r.holds ? 1 : 0;
      runs.push_back({{"seed", t.seeds[m]}, {"holds", r.holds}, {"detail", r.detail}});
    }
    out.push_back(
        {{"id", p.id},
         {"kind", validation::kind_name(p.kind)},
         {"text", p.text},
         {"source", p.source},
         {"holds_in", holds},
         {"runs", t.results.size()},
         {"share",
          t.results.empty() ? 0.0 : static_cast<double>(holds) / static_cast<double>(t.results.size())},
         {"by_run", std::move(runs)}});
  }
  return out;
}

void print_patterns(const PatternTable& t) {
  fmt::print("  {:<28} {:>9}  {}\n", "pattern", "holds in", "what it says; first run's measurement");
  for (std::size_t k = 0; k < t.patterns.size(); ++k) {
    std::size_t holds = 0;
    for (const auto& r : t.results) holds += r[k].holds ? 1 : 0;
    fmt::print("  {:<28} {:>4}/{:<4}  {}\n", t.patterns[k].id, holds, t.results.size(), t.patterns[k].text);
    if (!t.results.empty())
      fmt::print("  {:<28} {:>9}  seed {}: {}\n", "", "", t.seeds.front(), t.results.front()[k].detail);
  }
}

}  // namespace peacesim::cli
