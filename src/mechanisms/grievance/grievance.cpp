#include "mechanisms/grievance/grievance.hpp"

#include <tbb/parallel_for.h>

#include <cmath>

namespace peacesim::mechanisms::grievance {

std::span<const double> SpreadDraws::of(std::uint64_t seed, std::size_t n) {
  if (seed != seed_) {
    seed_ = seed;
    u_.clear();
  }
  const std::size_t kept = u_.size();
  if (n > kept) {
    u_.resize(n);
    tbb::parallel_for(tbb::blocked_range<std::size_t>(kept, n, 1 << 14), [&](const auto& range) {
      for (std::size_t i = range.begin(); i != range.end(); ++i)
        u_[i] = engine::RandomDraws(seed, kStream, 0, i).uniform();
    });
  }
  return {u_.data(), n};
}

void update(conflict::State& state, const conflict::Context& context, const Params& params,
            const Inputs& in) {
  SpreadDraws draws;
  update(state, context, params, in, draws);
}

void update(conflict::State& state, const conflict::Context& context, const Params& params, const Inputs& in,
            SpreadDraws& draws) {
  if (!params.enabled) return;
  // Per place and region terms first; then one pass over people.
  std::vector<double> place_term(state.places.size(), 0.0);
  for (std::size_t p = 0; p < state.places.size(); ++p) {
    place_term[p] = params.authority_weight * (state.places[p].state_authority - 0.5);
  }
  // By community and region: the state's abuses against one's own community weigh fully, against
  // others in the region by `abuse_spill`; armed groups' killings of one's community the state did
  // not prevent weigh by `protect_weight`; resentment of foreign forces by region.
  const std::size_t communities = in.abuses_by_state.size();
  const std::size_t regions = state.regions.size();
  std::vector<double> community_term(std::max<std::size_t>(communities, 1) * regions, 0.0);
  for (std::size_t r = 0; r < regions; ++r) {
    double all = 0.0;
    for (std::size_t c = 0; c < communities; ++c) all += in.abuses_by_state[c][r];
    for (std::size_t c = 0; c < std::max<std::size_t>(communities, 1); ++c) {
      const double own = c < communities ? in.abuses_by_state[c][r] : 0.0;
      const double felt = own + params.abuse_spill * (all - own);
      const double unprotected = c < communities ? in.abuses_by_groups[c][r] : 0.0;
      community_term[c * regions + r] =
          -params.abuse_weight * (1.0 - std::exp(-felt / params.abuse_scale)) -
          params.protect_weight * (1.0 - std::exp(-unprotected / params.abuse_scale)) -
          params.foreign_weight * in.resentment[r];
    }
  }
  auto& people = state.people;
  // The government's baseline legitimacy, that of the state each region belongs to.
  std::vector<double> base(regions);
  for (std::size_t r = 0; r < regions; ++r)
    base[r] = state.countries[state.country_of_region(r)].regime_legitimacy;
  // Everything but the person's own draw, by cell and community, summed in the order of the
  // equation (so each person's value is the same to the last bit as summing it person by person).
  const std::size_t kinds = std::max<std::size_t>(communities, 1);
  auto exclusion_term = [&](std::size_t community) {
    const bool excluded = ((state.excluded_communities >> community) & 1u) != 0;
    const double lifted =
        community < in.included_communities.size() ? in.included_communities[community] : 0.0;
    return excluded ? params.exclusion_weight * (1.0 - lifted) : 0.0;
  };
  auto shared_term = [&](std::size_t cell_index, std::size_t community) {
    const auto& cell = state.cells[cell_index];
    const std::size_t c = communities > 0 ? community : 0;
    return base[cell.region] + place_term[cell.place] + community_term[c * regions + cell.region] -
           exclusion_term(community);
  };
  std::vector<double> by_cell(state.cells.size() * kinds);
  for (std::size_t cell = 0; cell < state.cells.size(); ++cell) {
    for (std::size_t k = 0; k < kinds; ++k) by_cell[cell * kinds + k] = shared_term(cell, k);
  }
  const std::span<const double> u = draws.of(context.random.seed(), people.size());
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, people.size(), 1 << 14), [&](const auto& range) {
    for (std::size_t i = range.begin(); i != range.end(); ++i) {
      const auto s = people.status[i];
      if (s == conflict::Status::KilledViolently || s == conflict::Status::DiedNaturally) continue;
      const std::size_t k = people.community[i];
      const double shared = k < kinds ? by_cell[people.cell[i] * kinds + k] : shared_term(people.cell[i], k);
      people.legitimacy[i] = conflict::to_byte(shared + params.spread * (u[i] - 0.5));
    }
  });
}

}  // namespace peacesim::mechanisms::grievance
