// Cross-reference and consistency checks over a whole theatre: every id a section names exists
// (places, regions, groups, institutions, operations, agreements), dates are in order, strengths
// stay within their authorization unless a note says why, and nothing observed after the
// observation cut-off enters as an input (MODEL.md §6). Each failure is a scenario::ScenarioError
// at the offending value.
#pragma once

#include <string>
#include <vector>

#include "theatre/theatre.hpp"

namespace peacesim::theatre {

// The administrative units the boundary files define (names as in the files).
struct AdminNames {
  std::vector<std::string> regions;
  std::vector<std::string> cercles;
};

void check_theatre(const Theatre& theatre, const AdminNames& admin);

}  // namespace peacesim::theatre
