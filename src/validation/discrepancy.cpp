#include "validation/discrepancy.hpp"

#include <xxhash.h>

#include <algorithm>
#include <cmath>

#include "engine/random.hpp"

namespace peacesim::validation {

namespace {

constexpr engine::StreamId kDiscrepancyStream = 0xD15C;

// A cell's name hashed: the draws of one cell do not depend on any other cell.
std::uint64_t hash_of(const std::string& s) { return XXH3_64bits(s.data(), s.size()); }

// One row's cell (rows written before the members' log moments were recorded have none).
void add_row(std::vector<ErrorCell>& out, const nlohmann::json& row, const std::string& quantity,
             int origin) {
  if (!row.contains("model_log_mean") || row["model_log_mean"].is_null()) return;
  const double e = std::log1p(row["observed"].get<double>()) - row["model_log_mean"].get<double>();
  out.push_back({quantity, row["year"].get<int>() - origin, e * e, row["model_log_var"].get<double>()});
}

void add_rows(std::vector<ErrorCell>& out, const nlohmann::json& rows, const std::string& quantity,
              int origin) {
  for (const auto& r : rows) add_row(out, r, quantity, origin);
}

}  // namespace

std::vector<ErrorCell> error_cells(const nlohmann::json& scores) {
  std::vector<ErrorCell> out;
  const int origin = scores.at("origin_year").get<int>();
  for (const auto& r : scores.value("rows", nlohmann::json::array()))
    add_row(out, r, r["metric"].get<std::string>(), origin);
  if (scores.contains("national")) {
    for (const auto& [quantity, rows] : scores["national"].items())
      add_rows(out, rows, quantity + ": national yearly totals", origin);
  }
  if (scores.contains("countries")) {
    for (const auto& [country, by_quantity] : scores["countries"].items()) {
      for (const auto& [quantity, rows] : by_quantity.items())
        add_rows(out, rows, quantity + ": " + country + " yearly totals", origin);
    }
  }
  if (scores.contains("scalars")) {
    for (const auto& [name, rows] : scores["scalars"].items()) add_rows(out, rows, name, origin);
  }
  return out;
}

Discrepancy::Discrepancy(const std::vector<ErrorCell>& cells, std::uint64_t seed, std::size_t minimum_cells)
    : seed_(seed), minimum_cells_(minimum_cells) {
  for (const auto& c : cells) {
    auto& e = by_quantity_[c.quantity][c.lead];
    ++e.cells;
    e.mean_squared_error += c.squared_error;
    e.mean_spread += c.spread;
  }
  for (auto& [quantity, by_lead] : by_quantity_) {
    for (auto& [lead, e] : by_lead) {
      const auto n = static_cast<double>(e.cells);
      e.mean_squared_error /= n;
      e.mean_spread /= n;
      e.sigma = std::sqrt(std::max(0.0, e.mean_squared_error - e.mean_spread));
    }
  }
}

std::optional<double> Discrepancy::sigma(const std::string& quantity, int lead) const {
  const auto it = by_quantity_.find(quantity);
  if (it == by_quantity_.end()) return std::nullopt;
  std::optional<double> below, above;
  for (const auto& [l, e] : it->second) {
    if (e.cells < minimum_cells_) continue;
    if (l <= lead) below = e.sigma;
    if (l > lead && !above) above = e.sigma;
  }
  return below ? below : above;
}

std::vector<double> Discrepancy::widen(const std::vector<double>& members, double sigma,
                                       const std::string& cell) const {
  if (sigma <= 0) return members;
  std::vector<double> out;
  out.reserve(members.size() * kDrawsPerMember);
  const std::uint64_t key = seed_ ^ hash_of(cell);
  for (std::size_t i = 0; i < members.size(); ++i) {
    const double centre = std::log1p(members[i]);
    engine::RandomDraws draws(key, kDiscrepancyStream, 0, i);
    for (std::size_t k = 0; k < kDrawsPerMember; ++k)
      out.push_back(std::max(0.0, std::expm1(centre + sigma * draws.standard_normal())));
  }
  return out;
}

nlohmann::json Discrepancy::to_json() const {
  nlohmann::json j = nlohmann::json::object();
  for (const auto& [quantity, by_lead] : by_quantity_) {
    for (const auto& [lead, e] : by_lead) {
      j[quantity][std::to_string(lead)] = {{"sigma", e.sigma},
                                           {"cells", e.cells},
                                           {"mean_squared_error", e.mean_squared_error},
                                           {"mean_spread", e.mean_spread},
                                           {"used", e.cells >= minimum_cells_}};
    }
  }
  return j;
}

}  // namespace peacesim::validation
