// The comparison of two sources (base and variant) and the validation of one against observed
// data: the statistics of `peacesim compare` and `peacesim validate`, on stored runs.
#include <algorithm>
#include <memory>

#include "analysis/compare.hpp"
#include "validation/observed.hpp"
#include "web/api.hpp"
#include "web/api_util.hpp"
#include "web/store_reader.hpp"

namespace peacesim::web {

using json = nlohmann::json;

namespace {

// Each member's seed, from its manifest (0 when unknown).
std::vector<std::uint64_t> seeds_of(const Source& s) {
  std::vector<std::uint64_t> out;
  for (const auto& m : s.members) {
    const json manifest = manifest_of(m);
    const json run = manifest.value("run", json::object());
    out.push_back(run.value("seed", std::uint64_t{0}));
  }
  return out;
}

// A member's store, opened once for all the series a comparison reads, and the region its
// outcomes are taken in: the model's first (the national total where it has one).
struct MemberStore {
  std::unique_ptr<StoreReader> store;
  std::string region;
};

std::vector<MemberStore> open_members(const Source& s) {
  std::vector<MemberStore> out;
  for (const auto& m : s.members) {
    auto store = std::make_unique<StoreReader>(m);
    std::string region = store->first_region();
    out.push_back({std::move(store), std::move(region)});
  }
  return out;
}

// One outcome per member for a series: a flow's total over the run, a gauge's last value.
std::vector<double> member_outcomes(const std::vector<MemberStore>& members, const SeriesInfo& info) {
  std::vector<double> out;
  for (const auto& member : members) {
    const SeriesData data = member.store->series(info.name);
    const auto it = data.regions.find(member.region);
    double v = 0.0;
    if (it != data.regions.end()) {
      const auto& values = it->second;
      if (info.kind == "flow") {
        for (const double x : values) v += x;
      } else if (!values.empty()) {
        v = values.back();
      }
    }
    out.push_back(v);
  }
  return out;
}

}  // namespace

Response Api::compare(const std::map<std::string, std::string>& query) const {
  const auto base_it = query.find("base");
  const auto variant_it = query.find("variant");
  if (base_it == query.end() || variant_it == query.end())
    return error(400, "compare needs ?base=ID&variant=ID (ids from /api/runs)");
  const Source* base = find(base_it->second);
  const Source* variant = find(variant_it->second);
  if (base == nullptr) return error(404, "no run with id '" + base_it->second + "'");
  if (variant == nullptr) return error(404, "no run with id '" + variant_it->second + "'");
  // Common random numbers: the same seeds member by member (as `peacesim compare` runs them).
  const bool paired = seeds_of(*base) == seeds_of(*variant);
  const auto base_stores = open_members(*base);
  const auto variant_stores = open_members(*variant);
  const auto variant_series = variant_stores.front().store->series();
  json rows = json::array();
  for (const auto& info : base_stores.front().store->series()) {
    const bool shared = std::any_of(variant_series.begin(), variant_series.end(),
                                    [&](const SeriesInfo& v) { return v.name == info.name; });
    if (!shared) continue;
    const auto d = analysis::difference(info.name, member_outcomes(base_stores, info),
                                        member_outcomes(variant_stores, info),
                                        paired && base->members.size() == variant->members.size());
    rows.push_back({{"outcome", info.name},
                    {"unit", info.unit},
                    {"measure", info.kind == "flow" ? "total over the run" : "value at the end"},
                    {"base_mean", d.base_mean},
                    {"variant_mean", d.variant_mean},
                    {"difference", d.mean},
                    {"low", d.low},
                    {"high", d.high},
                    {"n", d.n}});
  }
  return ok(
      {{"base", {{"id", base->id}, {"name", base->name}, {"members", base->members.size()}}},
       {"variant", {{"id", variant->id}, {"name", variant->name}, {"members", variant->members.size()}}},
       {"paired", paired},
       {"interval", "90 % Student-t (paired when the members' seeds match, Welch otherwise)"},
       {"differences", rows}});
}

Response Api::validate(const Source& s) const {
  if (!validation_) return error(404, "no observed data given: start serve with --observed FILE");
  // A run that ends before the window is judged up to its own end (the observed cells of the
  // window's later years are then left out, as they would be by `validate --to`).
  engine::Date to = validation_->to;
  const json calendar = manifest_of(s.members.front()).value("calendar", json::object());
  if (const auto end = engine::Date::parse(calendar.value("end", std::string{})); end && *end < to) to = *end;
  if (to < validation_->from) return error(422, "the run ends before the validation window starts");
  std::vector<validation::RunFigures> runs;
  try {
    for (const auto& m : s.members) runs.push_back(validation::read_run(m, validation_->from, to));
  } catch (const validation::InputError& e) {
    return error(422, e.what());
  }
  return ok(validation::validate(runs, validation_->observed, validation_->from, to,
                                 validation::BaselineMode::Rolling));
}

}  // namespace peacesim::web
