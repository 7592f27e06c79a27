#include "validation/member_resampling.hpp"

#include <cmath>
#include <map>
#include <string>
#include <vector>

#include "engine/percentile.hpp"
#include "engine/random.hpp"

namespace peacesim::validation {

namespace {

// The draws that pick each resample's members: one key per replicate.
constexpr engine::StreamId kResamplingStream = 0x0B57;

}  // namespace

void add_member_resampling(nlohmann::json& scores, const ForecastInput& input, const Resampling& options) {
  const std::size_t m = input.members.size();
  if (options.replicates == 0 || m == 0) return;
  ForecastInput resample = input;
  resample.regression = false;
  std::map<std::string, std::vector<double>> values;  // each metric's model value, replicate by replicate
  for (std::size_t b = 0; b < options.replicates; ++b) {
    engine::RandomDraws draws(options.seed, kResamplingStream, 0, b);
    for (std::size_t i = 0; i < m; ++i)
      resample.members[i] = input.members[draws.below(static_cast<std::uint32_t>(m))];
    const nlohmann::json j = score_forecast(resample);
    for (const auto& metric : j["metrics"]) {
      if (!metric["model"].is_null())
        values[metric["name"].get<std::string>()].push_back(metric["model"].get<double>());
    }
  }
  std::size_t robust_wins = 0;
  for (auto& metric : scores["metrics"]) {
    const auto it = values.find(metric["name"].get<std::string>());
    if (it == values.end() || it->second.size() < 2) {
      metric["model_resampled"] = nullptr;
      continue;
    }
    const std::vector<double>& v = it->second;
    nlohmann::json r{{"sd", std::sqrt(engine::sample_variance(v))},
                     {"p5", engine::percentile(v, 5)},
                     {"p95", engine::percentile(v, 95)},
                     {"beats_best_share", nullptr}};
    if (!metric["best_baseline_value"].is_null()) {
      const std::string better = metric["better"].get<std::string>();
      const double best = badness(better, metric["best_baseline_value"].get<double>());
      double wins = 0.0;
      for (const double x : v) wins += badness(better, x) < best ? 1.0 : 0.0;
      const double share = wins / static_cast<double>(v.size());
      r["beats_best_share"] = share;
      if (share >= 0.9) ++robust_wins;
    }
    metric["model_resampled"] = std::move(r);
  }
  scores["verdict"]["model_beats_best_in_90_percent_of_resamples"] = robust_wins;
  scores["resampling"] = {{"replicates", options.replicates}, {"seed", options.seed}, {"members", m}};
}

}  // namespace peacesim::validation
