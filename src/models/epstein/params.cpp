#include "models/epstein/params.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace peacesim::models::epstein {

namespace {

using engine::ParameterKind;
using engine::ParameterSpec;

constexpr const char* kMesaSource = "Mesa 3.3.1 mesa/examples/advanced/epstein_civil_violence/model.py";
constexpr const char* kNetLogoSource = "NetLogo Rebellion (Models Library, Wilensky 2004), interface";
constexpr const char* kEpstein = "Epstein 2002 PNAS 99:7243";

}  // namespace

double Params::legitimacy_at(std::uint32_t step_number) const {
  if (legitimacy_drop == 0.0 || step_number < legitimacy_drop_start) return legitimacy;
  const double done = static_cast<double>(step_number - legitimacy_drop_start + 1);
  const double fraction =
      std::min(1.0, done / static_cast<double>(std::max<std::uint32_t>(1, legitimacy_drop_steps)));
  return legitimacy - legitimacy_drop * fraction;
}

void Params::validate() const {
  if (citizen_density < 0.0 || cop_density < 0.0 || citizen_density + cop_density > 1.0) {
    throw std::invalid_argument(fmt::format("citizen_density + cop_density must be at most 1 (is {})",
                                            citizen_density + cop_density));
  }
  if (citizen_vision < 1 || cop_vision < 1 || max_vision() > 20) {
    throw std::invalid_argument("citizen_vision and cop_vision must lie in [1, 20]");
  }
  // Below this a vision window would wrap onto itself on the torus; peacesim's windows are
  // row spans on a padded grid and need every cell in a window to be distinct.
  const std::uint32_t min_side = 2 * max_vision() + 1;
  if (width < min_side || height < min_side) {
    throw std::invalid_argument(fmt::format(
        "the grid ({}x{}) must be at least 2*vision+1 = {} cells on each side", width, height, min_side));
  }
  if (width > 16384 || height > 16384) throw std::invalid_argument("width and height must be at most 16384");
  if (max_jail_term > 65535) throw std::invalid_argument("max_jail_term must be at most 65535");
  if (legitimacy_drop > legitimacy) {
    throw std::invalid_argument(fmt::format("legitimacy_drop ({}) would take legitimacy ({}) below zero",
                                            legitimacy_drop, legitimacy));
  }
  if (legitimacy_drop_steps < 1) throw std::invalid_argument("legitimacy_drop_steps must be at least 1");
}

Params mesa_defaults() { return Params{}; }

Params netlogo_defaults() {
  Params p;
  p.cop_density = 0.04;
  p.legitimacy = 0.82;
  p.max_jail_term = 30;
  return p;
}

std::vector<ParameterSpec> parameter_specs(Variant variant) {
  const bool netlogo = variant == Variant::NetLogo;
  const Params d = netlogo ? netlogo_defaults() : mesa_defaults();
  const std::string src = netlogo ? kNetLogoSource : kMesaSource;
  const std::string shape = netlogo ? "Euclidean disc (dr^2+dc^2 <= v^2), own cell included"
                                    : "von Neumann diamond (|dr|+|dc| <= v), own cell excluded";
  std::vector<ParameterSpec> specs{
      {"width", ParameterKind::Integer, static_cast<double>(d.width), 3, 16384, "cells",
       src + (netlogo ? " (world 40x40, max-pxcor 39)" : " (width=40)"),
       "Columns of the torus grid; at least 2*vision+1."},
      {"height", ParameterKind::Integer, static_cast<double>(d.height), 3, 16384, "cells",
       src + (netlogo ? " (world 40x40, max-pycor 39)" : " (height=40)"),
       "Rows of the torus grid; at least 2*vision+1."},
      {"citizen_density", ParameterKind::Real, d.citizen_density, 0, 1, "1",
       src + (netlogo ? " (initial-agent-density 70%)" : " (citizen_density=0.7)"),
       netlogo ? "Citizens as a share of cells: exactly round(density*cells) are placed."
               : "Chance that a cell starts with a citizen (drawn cell by cell)."},
      {"cop_density", ParameterKind::Real, d.cop_density, 0, 1, "1",
       src + (netlogo ? " (initial-cop-density 4%)" : " (cop_density=0.074)"),
       netlogo ? "Cops as a share of cells: exactly round(density*cells) are placed."
               : "Chance that a cell starts with a cop (drawn cell by cell)."},
      {"citizen_vision", ParameterKind::Integer, static_cast<double>(d.citizen_vision), 1, 20, "cells",
       src + (netlogo ? " (vision 7)" : " (citizen_vision=7)"),
       "Radius of a citizen's vision: " + shape + "."},
      {"cop_vision", ParameterKind::Integer, static_cast<double>(d.cop_vision), 1, 20, "cells",
       src + (netlogo ? " (vision 7, shared by cops and agents)" : " (cop_vision=7)"),
       "Radius of a cop's vision: " + shape + "."},
      {"legitimacy", ParameterKind::Real, d.legitimacy, 0, 1, "1",
       src + (netlogo ? " (government-legitimacy 0.82)" : " (legitimacy=0.8)"),
       "L: the regime's legitimacy as every citizen perceives it; grievance G = H*(1-L)."},
      {"max_jail_term", ParameterKind::Integer, static_cast<double>(d.max_jail_term), 0, 65535, "steps",
       src + (netlogo ? " (max-jail-term 30)" : " (max_jail_term=1000)"),
       netlogo ? "J: a jail term is drawn uniformly from 0..J-1 (NetLogo `random J`)."
               : "J: a jail term is drawn uniformly from 0..J inclusive (Python randint(0, J))."},
      {"active_threshold", ParameterKind::Real, d.active_threshold, 0, 1, "1",
       std::string(kEpstein) + "; " + src + (netlogo ? " (threshold 0.1)" : " (active_threshold=0.1)"),
       "T: a citizen is active when G - R*P > T."},
      {"arrest_prob_constant", ParameterKind::Real, d.arrest_prob_constant, 0, 100, "1",
       std::string(kEpstein) + " (P = 0.9 when C = A = 1); " + src,
       netlogo ? "k in P = 1 - exp(-k*floor(C/A))." : "k in P = 1 - exp(-k*round(C/A)), round half to even."},
      {"movement", ParameterKind::Boolean, 1, 0, 1, "1",
       src + (netlogo ? " (movement? on; cops always move)" : " (movement=True)"),
       netlogo ? "Whether citizens move (cops move regardless)." : "Whether citizens and cops move."},
      {"legitimacy_drop", ParameterKind::Real, 0, 0, 1, "1",
       "MODEL.md §7 (sudden vs gradual drops in legitimacy); NetLogo Rebellion Info tab, 'Things to try'",
       "How much L falls over the run (0: constant L)."},
      {"legitimacy_drop_start", ParameterKind::Integer, 1, 1, 1e7, "steps",
       "MODEL.md §7; assumption: linear ramp starting at this step",
       "First step (counted from 1) at which legitimacy is lowered."},
      {"legitimacy_drop_steps", ParameterKind::Integer, 1, 1, 1e7, "steps",
       "MODEL.md §7; assumption: linear ramp of this many steps (1 = sudden drop)",
       "Length of the linear ramp over which L falls by legitimacy_drop."},
  };
  return specs;
}

Params params_from(const engine::ParameterSet& set) {
  Params p;
  p.width = static_cast<std::uint32_t>(set.integer("width"));
  p.height = static_cast<std::uint32_t>(set.integer("height"));
  p.citizen_density = set.real("citizen_density");
  p.cop_density = set.real("cop_density");
  p.citizen_vision = static_cast<std::uint32_t>(set.integer("citizen_vision"));
  p.cop_vision = static_cast<std::uint32_t>(set.integer("cop_vision"));
  p.legitimacy = set.real("legitimacy");
  p.max_jail_term = static_cast<std::uint32_t>(set.integer("max_jail_term"));
  p.active_threshold = set.real("active_threshold");
  p.arrest_prob_constant = set.real("arrest_prob_constant");
  p.movement = set.boolean("movement");
  p.legitimacy_drop = set.real("legitimacy_drop");
  p.legitimacy_drop_start = static_cast<std::uint32_t>(set.integer("legitimacy_drop_start"));
  p.legitimacy_drop_steps = static_cast<std::uint32_t>(set.integer("legitimacy_drop_steps"));
  return p;
}

}  // namespace peacesim::models::epstein
