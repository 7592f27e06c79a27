// M7 Displacement (MODEL.md §4): people leave places with recent violence, move along the route
// graph towards safer places and camps across borders, and go home when safety holds there.
//
// People are agents of k people each (k = people per agent). Every day:
//   1. the model sets each place's violence intensity and which links are open (closures);
//   2. newly displaced people are added at their places of origin (`displace`);
//   3. `step` moves everyone: an agent at rest leaves its place with the place's daily move chance
//      (violence raises it, camps lower it; in a calm town it falls as exp(−a/`settle_days`) with
//      the days a the agent has rested there: people settle), picks a route among the simple paths of up to
//      `awareness + 1` links from where it is, weighted by the destination's attractiveness over
//      the route length and throttled by the destination's free capacity (a place in a country
//      where the agent's community has kin weighs `kin_weight` times more), and travels up to
//      `speed_km` a day along it; an agent at rest away from home sets off home by the shortest
//      route with a daily chance
//          h = `return_chance` · g · exp(−t/`return_decay_days`) · a(t) · S^β · exp(−φ·T),
//      g = 1 once its home's recent violence has stayed at or below `return_tolerance` for
//      `return_after_days` days and g = `return_unsafe_factor` before (people also go back to
//      homes that never stay calm, only more slowly),
//      t the days since it left, a(t) = `return_abroad_factor` · f · exp(−t/`return_exile_decay_days`)
//      while abroad, f the return factor of the place it rests at (its host country's; else 1;
//      exile becomes protracted: camps' aid, schools and work), S the share of
//      the home area's places that are calm today, β = `return_area_weight`, T the threat its
//      community feels in the home area (an input, 0..1) and φ = `return_fear_weight`.
//
// Randomness is Philox (engine/random.hpp) keyed by (seed, stream, day, agent id), and agents only
// write their own slots during the parallel move, so results do not depend on the thread count.
// Rest periods are drawn as geometric waiting times (exact for a constant daily move chance, and
// redrawn whenever a place's move chance changes), so agents resting in camps cost one comparison
// a day. Equations and parameters: docs/model/displacement.md.
#pragma once

#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "engine/agent_table.hpp"
#include "engine/fields.hpp"
#include "engine/random.hpp"

namespace peacesim::mechanisms::displacement {

using PlaceId = std::uint16_t;
using LinkId = std::uint16_t;
inline constexpr PlaceId kNoPlace = std::numeric_limits<PlaceId>::max();

enum class PlaceKind : std::uint8_t { Town, Camp };

struct Place {
  std::string name;
  std::string country;
  PlaceKind kind = PlaceKind::Town;
  bool foreign = false;    // outside the theatre (abroad for everyone)
  double capacity = 0.0;   // people; 0 = unlimited (camps only)
  std::uint16_t area = 0;  // the home area it belongs to (an admin1), for the safety of returns
  // The theatre's state it lies in (a theatre of several states: a place in another state than a
  // person's home is abroad for that person too); 0 with one state.
  std::uint8_t nation = 0;
  // The return chance of people resting here while abroad, relative to other places abroad (the
  // host country's own readiness to see refugees go home: docs/model/displacement.md); 1 by default.
  double return_factor = 1.0;
  // The weight of this place in the route choice of people for whom it is abroad, relative to other
  // places abroad (the host country's pull on refugees: docs/model/displacement.md); 1 by default.
  double attraction = 1.0;
  bool operator==(const Place&) const = default;
  template <class Archive>  // checkpoints: every field (engine/fields.hpp)
  void serialize(Archive& a) {
    engine::archive_fields(a, *this);
  }
};

struct Link {
  PlaceId a = 0;
  PlaceId b = 0;
  double km = 0.0;
  bool operator==(const Link&) const = default;
  template <class Archive>
  void serialize(Archive& archive) {
    engine::archive_fields(archive, *this);
  }
};

// The mechanism's parameters (specs with defaults, ranges, units and sources in parameters.hpp).
struct Rules {
  bool enabled = true;                // whether a model runs the mechanism at all (its switch)
  double people_per_agent = 1.0;      // k
  double speed_km = 360.0;            // km a day an agent can travel
  double move_chance_violence = 1.0;  // daily chance of leaving a place at full violence
  double move_chance_town = 0.3;      // ... a place without violence
  double move_chance_camp = 0.001;    // ... a camp
  double violence_weight = 0.25;      // attractiveness factor per unit of violence at a destination
  double camp_weight = 1.0;           // attractiveness factor of a camp
  double foreign_weight = 1.0;        // attractiveness factor of a place abroad
  double distance_softening_km = 10.0;
  double capacity_buffer = 0.9;          // occupancy share of capacity where attraction starts to fall
  int awareness = 1;                     // links beyond the first that an agent looks ahead
  int violence_memory_days = 0;          // violence counts as recent for this many days after it stops
  int return_after_days = 90;            // days in a row that home has been safe before people go back
  double return_chance = 0.05;           // daily chance of setting off home once it is safe
  double return_tolerance = 0.0;         // home counts as safe while its recent violence is at most this
  double return_decay_days = 0.0;        // the return chance falls as exp(-t / this), t days away; 0: never
  double kin_weight = 1.0;               // attractiveness factor of a place where an agent's group has kin
  double return_abroad_factor = 1.0;     // a: the return chance abroad relative to inside the country
  double return_exile_decay_days = 0.0;  // abroad only, a falls as exp(-t / this), t days away; 0: never
  double return_area_weight = 0.0;       // β: exponent of the home area's calm share; 0: the town alone
  double return_fear_weight = 0.0;       // φ: how strongly the community's threat at home holds it back
  double return_unsafe_factor = 0.0;     // u: the return chance while home is not yet safe, relative to after
  double settle_days = 0.0;  // T: the move chance in a calm town falls as exp(-days there / T); 0: never
};

// Random streams of the mechanism (engine/random.hpp).
inline constexpr engine::StreamId kMoveStream = 0x0D70;
inline constexpr engine::StreamId kReturnStream = 0x0D71;
inline constexpr engine::StreamId kOriginStream = 0x0D72;      // origin_state.hpp
inline constexpr engine::StreamId kHomecomingStream = 0x0D73;  // flight.cpp: returnees' tolerance

class Displacement {
 public:
  // Throws std::invalid_argument for links to unknown places, non-positive lengths, more than
  // 65,534 places or links, or rules outside their ranges.
  Displacement(std::vector<Place> places, std::vector<Link> links, Rules rules);

  // Whether place p is abroad for people of a nation (a state of the theatre): outside the theatre,
  // or in another of its states; abroad_for: for people whose home is place `home`.
  [[nodiscard]] bool abroad_from(PlaceId p, std::uint8_t nation) const {
    return dyn_.places[p].foreign || dyn_.places[p].nation != nation;
  }
  [[nodiscard]] bool abroad_for(PlaceId p, PlaceId home) const {
    return abroad_from(p, dyn_.places[home].nation);
  }
  // The theatre's states (1 + the largest nation of a place in it).
  [[nodiscard]] std::size_t nations() const { return nations_; }

  // --- inputs for the day (before `displace` and `step`) ---
  void set_violence(PlaceId place, double intensity);  // 0 = none, 1 = full
  void set_link_open(LinkId link, bool open);

  // Affinities: kin[g][p] = 1 where people of group g (a community) have kin, so that a place there
  // draws them `kin_weight` times as much. Groups without an entry (or all 0) have none. Throws
  // std::invalid_argument unless every row has one entry per place and there are at most 256 groups.
  void set_kin(std::vector<std::vector<std::uint8_t>> kin);

  // Today's threat T (0..1) that people of group g feel in home area a, as fear[g][a] (groups or
  // areas without an entry feel none). Throws std::invalid_argument for a value outside 0..1.
  void set_fear(const std::vector<std::vector<double>>& fear);

  // Adds `people` of group `group` displaced at `origin` (rounded to whole agents; the remainder is
  // carried to the next call for the same place, so nothing is lost to rounding). Returns the
  // agents added.
  std::size_t displace(PlaceId origin, double people, std::uint32_t day, std::uint8_t group = 0);

  // Adds one agent of group `group` from `home`, already at rest at `at` (it left home on
  // `left_home`, at most `day`, and arrived on `day`; it draws its rest from `at`'s move chance at
  // the next step). For a forecast that starts from observed stocks (origin_state.hpp). Returns its
  // slot. Throws std::invalid_argument for an unknown place or a departure after `day`.
  std::size_t add_resting(PlaceId home, PlaceId at, std::uint32_t day, std::uint8_t group,
                          std::uint32_t left_home);

  // Moves everyone for one day.
  void step(const engine::RandomStreams& random, std::uint32_t day, unsigned threads);

  // --- state ---
  [[nodiscard]] std::size_t place_count() const { return dyn_.places.size(); }
  [[nodiscard]] const Place& place(PlaceId p) const { return dyn_.places[p]; }
  [[nodiscard]] const std::vector<Link>& links() const { return dyn_.links; }
  [[nodiscard]] const Rules& rules() const { return rules_; }
  [[nodiscard]] bool link_open(LinkId link) const { return dyn_.link_open[link] != 0; }
  // People resting at a place (not on a route), as counted after the last step.
  [[nodiscard]] double people_at(PlaceId p) const {
    return static_cast<double>(dyn_.resting[p]) * rules_.people_per_agent;
  }
  [[nodiscard]] double people_in_transit() const {
    return static_cast<double>(dyn_.in_transit) * rules_.people_per_agent;
  }
  [[nodiscard]] double people_displaced() const {
    return static_cast<double>(dyn_.agents.size()) * rules_.people_per_agent;
  }
  [[nodiscard]] std::size_t agent_count() const { return dyn_.agents.size(); }

  // One agent's whereabouts, for tests: the place it is at or last left, the next place if on a
  // route (else kNoPlace), its home, its group.
  struct Whereabouts {
    PlaceId at;
    PlaceId heading;
    PlaceId home;
    float progress_km;
    std::uint8_t group;
    std::uint32_t left_home;  // the day it left home
  };
  [[nodiscard]] Whereabouts whereabouts(std::size_t slot) const;

  // Whether the agent is back home for good (it returned; it will not move again).
  [[nodiscard]] bool settled_home(std::size_t slot) const;
  // Takes an agent out of the mechanism for good (the person it stands for is home again or dead,
  // in a model that tracks people itself): it no longer moves or counts anywhere.
  void retire(std::size_t slot);
  [[nodiscard]] bool retired(std::size_t slot) const { return dyn_.retired[slot] != 0; }

  // The daily move chance of a place with its current recent violence.
  [[nodiscard]] double move_chance(PlaceId p) const;
  // The attractiveness of a place as a destination, and its capacity factor (1 = room, 0 = full).
  [[nodiscard]] double attractiveness(PlaceId p, std::uint8_t nation) const;
  [[nodiscard]] double capacity_factor(PlaceId p) const;

  // What changes from day to day, saved as a whole by checkpoints (places and links too:
  // capacities and closures); the rest (rules, paths, adjacency) is made again from the scenario.
  struct Dynamic {
    std::vector<Place> places;
    std::vector<Link> links;
    // Inputs and daily tables.
    std::vector<double> violence;                 // today's intensity
    std::vector<std::int64_t> last_violence_day;  // last day with violence (-1 never)
    std::vector<double> recent_violence;
    std::vector<std::uint32_t> safe_days;   // days in a row with recent violence within return_tolerance
    std::vector<double> area_calm;          // per home area: share of its places calm today (S)
    std::vector<std::vector<double>> fear;  // [group][area]: today's threat at home (T), an input
    std::vector<std::uint8_t> link_open;
    std::vector<double> carry;            // people not yet making a whole agent, per origin
    std::vector<double> move_chance;      // today's, per place
    std::vector<std::uint32_t> regime;    // bumped when a place's move chance changes
    std::vector<double> capacity_factor;  // from the occupancy at the start of the day
    // Cumulative weights per place's paths, today, for people from each nation (a place abroad
    // weighs less): [nation][path]; and the same for each group with kin: [nation][group][path]
    // (empty for a group without kin).
    std::vector<std::vector<double>> path_weight_cum;
    std::vector<std::vector<std::vector<double>>> kin_weight_cum;
    std::vector<std::uint8_t> path_usable;            // all links open today
    std::vector<std::vector<PlaceId>> next_hop_home;  // [home][at]: next place on the way home
    bool any_safe_home = false;
    // Agents: place at rest or leg start, current path and leg, km done on the leg, home, the day
    // its rest ends, the regime of its place when that day was drawn, the day it left home, its
    // group (community: the kin it is drawn to), the day it came to rest where it is.
    engine::AgentTable<PlaceId, std::uint32_t, std::uint8_t, float, PlaceId, std::uint32_t, std::uint32_t,
                       std::uint32_t, std::uint8_t, std::uint32_t>
        agents;
    std::vector<std::uint32_t> resting;
    std::vector<std::uint8_t> retired;  // by slot
    std::size_t in_transit = 0;
    bool operator==(const Dynamic&) const = default;
    template <class Archive>
    void serialize(Archive& a) {
      engine::archive_fields(a, *this);
    }
  };
  [[nodiscard]] Dynamic& dynamic() { return dyn_; }
  template <class Archive>
  void serialize(Archive& a) {
    a(dyn_);
  }

 private:
  struct Path {
    PlaceId end;
    std::uint8_t legs;
    PlaceId places[4];  // origin, then one place per leg
    LinkId links[3];
    double km;
    // The end's attraction if the path crosses into its country, else 1 (weigh_paths): a host draws
    // people across its border, and weighs as any place for those already inside it.
    double pull;
  };
  static constexpr std::uint32_t kNoPath = std::numeric_limits<std::uint32_t>::max();
  static constexpr std::uint32_t kReturnPath = kNoPath - 1;
  static constexpr std::uint32_t kNever = std::numeric_limits<std::uint32_t>::max();

  void enumerate_paths();
  void prepare_day(std::uint32_t day);
  // Whether the agent in `slot`, resting away from a home it could go back to, may set off home today.
  [[nodiscard]] bool may_return(std::size_t slot) const;
  // Moves one agent, not retired, for a day; return_draw is its day's return draw when it may set off
  // home, else null.
  void move_agent(std::size_t slot, const engine::RandomStreams& random, std::uint32_t day,
                  const double* return_draw);
  // The day an agent resting at p since day `arrived` next decides, drawn from `from_day` on.
  [[nodiscard]] std::uint32_t rest_until(PlaceId p, std::uint32_t from_day, std::uint32_t arrived,
                                         engine::RandomDraws& draws) const;
  [[nodiscard]] bool settles(PlaceId p) const;  // whether agents resting at p settle (settle_days)
  [[nodiscard]] std::uint32_t choose_path(PlaceId p, std::uint8_t group, std::uint8_t nation,
                                          engine::RandomDraws& draws) const;
  void mark_usable_paths();  // today's path_usable: every link of the path open
  // Cumulative route weights per origin's paths for the destinations' scores (usable paths only).
  void weigh_paths(const std::vector<double>& score, std::vector<double>& cum) const;
  [[nodiscard]] LinkId link_between(PlaceId a, PlaceId b) const;
  [[nodiscard]] bool home_safe(PlaceId home) const;
  // g: 1 once home is safe, return_unsafe_factor before; 0 for a place nobody fled.
  [[nodiscard]] double home_factor(PlaceId home) const;
  // h for an agent of `group` resting at `at`, from `home`, away for `days_away` days (see above).
  // It is return_chance × home_factor times factors in [0, 1] only: move_agent skips it for a draw at
  // or above that product, so a new factor above 1 must lift that bound too.
  [[nodiscard]] double return_chance(std::uint32_t days_away, PlaceId at, PlaceId home,
                                     std::uint8_t group) const;
  [[nodiscard]] std::size_t area_count() const { return dyn_.area_calm.size(); }

  Rules rules_;
  Dynamic dyn_;
  std::vector<std::vector<std::uint8_t>> kin_;  // [group][place], from the scenario (not state)
  std::vector<double> area_places_;             // per home area: its places in the country (fixed)
  // Per home area, S^β of the return rule for today (prepare_day; derived from dyn_.area_calm, so
  // not state): one power per area and day rather than one per resting agent.
  std::vector<double> area_return_factor_;
  std::size_t nations_ = 1;  // the theatre's states (1 + the largest nation of a place in it)

  // Topology: simple paths from each place, and the next hop on the shortest route home.
  std::vector<Path> paths_;
  std::vector<std::uint32_t> paths_begin_;  // paths of place p: [begin[p], begin[p+1])
  std::vector<std::vector<PlaceId>> adjacency_;
  std::vector<std::vector<LinkId>> adjacency_links_;
};

}  // namespace peacesim::mechanisms::displacement
