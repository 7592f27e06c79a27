#include "mechanisms/displacement/cell_runs.hpp"

namespace peacesim::mechanisms::displacement {

std::span<const PersonRun> CellRuns::of(const conflict::State& state, std::size_t c) {
  if (runs_.size() != state.cells.size()) {
    runs_.assign(state.cells.size(), {});
    version_.assign(state.cells.size(), 0);
  }
  auto& runs = runs_[c];
  if (version_[c] != state.cell_index_version + 1) {
    version_[c] = state.cell_index_version + 1;
    runs.clear();
    for (std::uint32_t at = state.cell_begin[c]; at < state.cell_begin[c + 1]; ++at) {
      const std::uint32_t i = state.by_cell[at];
      if (!runs.empty() && runs.back().first + runs.back().count == i) {
        ++runs.back().count;
      } else {
        runs.push_back({i, 1});
      }
    }
  }
  return runs;
}

}  // namespace peacesim::mechanisms::displacement
