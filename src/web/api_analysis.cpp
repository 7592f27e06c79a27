// The comparison of two sources (base and variant) and the validation of one against observed
// data: the statistics of `peacesim compare` and `peacesim validate`, on stored runs.
#include <algorithm>
#include <map>
#include <memory>
#include <optional>

#include "analysis/compare.hpp"
#include "validation/observed.hpp"
#include "web/api.hpp"
#include "web/api_util.hpp"
#include "web/store_reader.hpp"

namespace peacesim::web {

using json = nlohmann::json;

namespace {

// Every member's manifest, read once for all a comparison asks of them.
std::vector<json> manifests_of(const Source& s) {
  std::vector<json> out;
  for (const auto& m : s.members) out.push_back(manifest_of(m));
  return out;
}

// Each member's seed, from its manifest (0 when unknown).
std::vector<std::uint64_t> seeds_of(const std::vector<json>& manifests) {
  std::vector<std::uint64_t> out;
  for (const auto& manifest : manifests) {
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

// One outcome per member for a series: a flow's total over the run, a gauge's value at the series'
// last step (0 if the region has none there). Only the region's values are read, through the index.
std::vector<double> member_outcomes(const std::vector<MemberStore>& members, const SeriesInfo& info) {
  std::vector<double> out;
  for (const auto& member : members) {
    const auto data = member.store->series_in(info.name, member.region);
    double v = 0.0;
    if (info.kind == "flow") {
      for (const double x : data.values) v += x;
    } else if (data.has_last_step) {
      v = data.values.back();
    }
    out.push_back(v);
  }
  return out;
}

// The members' parameter values (name → value), from their manifests.
std::vector<std::map<std::string, double>> parameters_of(const std::vector<json>& manifests) {
  std::vector<std::map<std::string, double>> out;
  for (const auto& manifest : manifests) {
    std::map<std::string, double> values;
    for (const auto& p : manifest.value("parameters", json::array())) {
      if (p.is_object() && p.value("name", json()).is_string() && p.value("value", json()).is_number())
        values[p["name"].get<std::string>()] = p["value"].get<double>();
    }
    out.push_back(std::move(values));
  }
  return out;
}

// Whether a source's members come two to a parameter draw (an ensemble run with a posterior,
// cli/posterior_file.hpp): members 2j and 2j+1 ran the same values, and the pairs not all the same.
bool members_pair_by_draw(const std::vector<json>& manifests) {
  const auto values = parameters_of(manifests);
  if (values.size() < 4 || values.size() % 2 != 0) return false;
  bool pairs_differ = false;
  for (std::size_t j = 0; j + 1 < values.size(); j += 2) {
    if (values[j] != values[j + 1]) return false;
    if (values[j] != values[0]) pairs_differ = true;
  }
  return pairs_differ;
}

}  // namespace

Response Api::compare(const Source& base, const Source& variant) const {
  const auto base_manifests = manifests_of(base), variant_manifests = manifests_of(variant);
  // Runs of different models share no outcome: refuse rather than answer an empty comparison.
  const auto model_of = [](const std::vector<json>& manifests) {
    const json scenario = manifests.front().value("scenario", json::object());
    return scenario.is_object() && scenario.value("model", json()).is_string()
               ? scenario["model"].get<std::string>()
               : std::string("?");
  };
  const std::string base_model = model_of(base_manifests), variant_model = model_of(variant_manifests);
  if (base_model != variant_model)
    return error(422, "'" + base.name + "' is a run of model '" + base_model + "' and '" + variant.name +
                          "' of model '" + variant_model + "': only runs of the same model can be compared");
  // Common random numbers: the same seeds member by member (as `peacesim compare` runs them).
  const bool paired = seeds_of(base_manifests) == seeds_of(variant_manifests);
  // Both arms two members to a parameter draw, member by member: the spread of the differences
  // splits into the draws' share and chance's (analysis::paired_share), as `peacesim compare
  // --posterior` reports it.
  const bool draws = paired && base.members.size() == variant.members.size() &&
                     members_pair_by_draw(base_manifests) && members_pair_by_draw(variant_manifests);
  const auto base_stores = open_members(base);
  const auto variant_stores = open_members(variant);
  const auto variant_series = variant_stores.front().store->series();
  json rows = json::array();
  for (const auto& info : base_stores.front().store->series()) {
    const bool shared = std::any_of(variant_series.begin(), variant_series.end(),
                                    [&](const SeriesInfo& v) { return v.name == info.name; });
    if (!shared) continue;
    const auto b = member_outcomes(base_stores, info), v = member_outcomes(variant_stores, info);
    const auto d =
        analysis::difference(info.name, b, v, paired && base.members.size() == variant.members.size());
    std::optional<double> parameter_share;
    if (draws) {
      std::vector<double> diff(b.size());
      for (std::size_t i = 0; i < b.size(); ++i) diff[i] = v[i] - b[i];
      parameter_share = analysis::paired_share(diff);
    }
    rows.push_back({{"outcome", info.name},
                    {"description", info.description},
                    {"unit", info.unit},
                    {"measure", info.kind == "flow" ? "total over the run" : "value at the end"},
                    {"base_mean", d.base_mean},
                    {"variant_mean", d.variant_mean},
                    {"difference", d.mean},
                    {"low", d.low},
                    {"high", d.high},
                    {"n", d.n},
                    {"parameter_share", parameter_share ? json(*parameter_share) : json()}});
  }
  if (rows.empty())
    return error(422, "'" + base.name + "' and '" + variant.name + "' have no outcome in common to compare");
  return ok({{"base", {{"id", base.id}, {"name", base.name}, {"members", base.members.size()}}},
             {"variant", {{"id", variant.id}, {"name", variant.name}, {"members", variant.members.size()}}},
             {"paired", paired},
             {"parameter_draws", draws},
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
