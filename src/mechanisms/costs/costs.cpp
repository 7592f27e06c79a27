#include "mechanisms/costs/costs.hpp"

#include <numeric>
#include <stdexcept>

namespace peacesim::mechanisms::costs {

Costs::Costs(Rules rules, std::vector<Operation> operations)
    : rules_(std::move(rules)),
      operations_(std::move(operations)),
      spent_{std::vector<double>(operations_.size(), 0.0), {}} {
  for (const auto& [funding, shares] : rules_.payers) {
    double total = 0.0;
    for (const auto& s : shares) {
      if (s.share < 0.0)
        throw std::invalid_argument("payer shares of '" + funding + "' must not be negative");
      total += s.share;
    }
    if (std::abs(total - 1.0) > 1e-6) {
      throw std::invalid_argument("payer shares of '" + funding + "' add up to " + std::to_string(total) +
                                  ", not 1");
    }
  }
}

void Costs::declare(engine::Recorder& recorder) {
  for (const auto& op : operations_) {
    cost_series_.push_back(
        recorder.declare({"cost_" + op.id, "USD",
                          op.name + ": cost (M12), budget in force or troops times the cost of "
                                    "a troop-year; national only",
                          engine::SeriesKind::Flow, engine::Cadence::Monthly}));
  }
  std::vector<std::string> payers;
  for (const auto& [funding, shares] : rules_.payers) {
    for (const auto& s : shares) {
      if (s.payer == "lead") {
        for (const auto& op : operations_) payers.push_back(op.lead);
      } else {
        payers.push_back(s.payer);
      }
    }
  }
  for (const auto& p : payers) {
    if (paid_series_.count(p)) continue;
    paid_series_[p] =
        recorder.declare({"paid_by_" + p, "USD", "Costs of operations paid by " + p + " (M12); national only",
                          engine::SeriesKind::Flow, engine::Cadence::Monthly});
    share_series_[p] = recorder.declare(
        {"share_paid_by_" + p, "1",
         "Share of all operations' costs since the start paid by " + p + " (M12); national only",
         engine::SeriesKind::Gauge, engine::Cadence::Monthly});
  }
  total_series_ = recorder.declare({"cost_total", "USD",
                                    "All operations' costs since the start (M12), cumulative; national only",
                                    engine::SeriesKind::Gauge, engine::Cadence::Monthly});
}

void Costs::observe(engine::Recorder& recorder) const {
  const double all = total();
  recorder.set(total_series_, 0, all);
  for (const auto& [payer, series] : share_series_) {
    const auto it = spent_.by_payer.find(payer);
    recorder.set(series, 0, all > 0.0 && it != spent_.by_payer.end() ? it->second / all : 0.0);
  }
}

void Costs::day(engine::Recorder& recorder, std::size_t i, double budget_per_year, double strength,
                const std::string& funding) {
  const auto& op = operations_[i];
  double per_year = budget_per_year;
  if (per_year <= 0.0) {
    const auto it = rules_.troop_year_usd.find(op.kind);
    per_year = it == rules_.troop_year_usd.end() ? 0.0 : strength * it->second;
  }
  if (per_year <= 0.0) return;
  const double usd = per_year / 365.0;
  const auto rule = rules_.payers.find(funding);
  if (rule == rules_.payers.end()) {
    throw std::invalid_argument("no payers for funding source '" + funding + "' (operation " + op.id + ")");
  }
  spent_.by_operation[i] += usd;
  if (i < cost_series_.size()) recorder.add(cost_series_[i], 0, usd);
  for (const auto& s : rule->second) {
    const std::string& payer = s.payer == "lead" ? op.lead : s.payer;
    spent_.by_payer[payer] += usd * s.share;
    const auto series = paid_series_.find(payer);
    if (series != paid_series_.end()) recorder.add(series->second, 0, usd * s.share);
  }
}

double Costs::total() const {
  return std::accumulate(spent_.by_operation.begin(), spent_.by_operation.end(), 0.0);
}

}  // namespace peacesim::mechanisms::costs
