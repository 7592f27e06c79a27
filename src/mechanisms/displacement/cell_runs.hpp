// Each cell's people as runs of consecutive person indices.
//
// The cell index (State::by_cell) lists a cell's people in person order: those made at the start
// are one stretch of consecutive indices, and each month's births in the cell add a short stretch
// at the end. A loop that reads people by cell can therefore read whole stretches of the person
// columns instead of one index at a time. A cache, not state: a cell's runs are worked out when
// first asked for after each rebuild of the cell index (State::cell_index_version), and again
// after a resume.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "mechanisms/conflict/state.hpp"

namespace peacesim::mechanisms::displacement {

struct PersonRun {
  std::uint32_t first = 0;  // person index
  std::uint32_t count = 0;
};

class CellRuns {
 public:
  // Cell c's runs, in the order of state.by_cell.
  std::span<const PersonRun> of(const conflict::State& state, std::size_t c);

 private:
  std::vector<std::vector<PersonRun>> runs_;  // by cell
  std::vector<std::uint64_t> version_;        // by cell: the cell index its runs were made from, + 1
};

}  // namespace peacesim::mechanisms::displacement
