// M9 Institutions and operations (MODEL.md §4): when an operation is decided, authorized, funded,
// generated, deployed, transformed, drawn down and withdrawn.
//
// In the historical scenario every operation follows its recorded dates and figures, and this
// mechanism does nothing. A counterfactual scenario hands some operations to it (the scenario's
// `dynamics.decisions`), each with a trigger and the rules below; the others keep their record.
//
// Decision. The trigger fires on a date, when the threat to the capital is acute (a hostile group
// holds a town within threat_km of it: an intervening state's direct intervention, 004 §4.3, §5), when every
// town of the contested regions has been held by the state for stable_months (the UN deploying only after
// stability, Q3), or when the operation it takes over has deployed (a regional operation → a UN one for
// reliable funding, 004 §4.5).
//
// Authorization. An operation that needs the Security Council waits authorization_months after
// the decision (a credible plan and the Council's consensus took months: 004 §4.2), counted only
// on days when the host government is not military: the Council wanted a clear request from the
// host, and a junta does not ask for foreign ground troops (004 §4.2: the request of September
// 2012 came against the coup leaders' wishes). Force generation then takes deployment_months
// before the first troops arrive. A national operation waits reaction_days.
//
// Strength. From its start day t0 the deployed strength S approaches its target T:
//
//     S(t) = T − (T − S(t0)) · exp(−(t − t0) / τ),   τ = generation_months (days)
//
// where S(t0) is the strength it takes over (troops re-hatted from its predecessor, which ends
// that day) and T = ceiling · φ (the ceiling in force: the scenario's authorized ceilings over
// time, the first one before it was set), φ = 1 for assessed or national money and φ = trust_fund_share for a
// voluntary trust fund (pledges cover part of the need and arrive late: 004 §4.2, §4.5); a trust
// fund also slows generation, τ / φ.
//
// Burden sharing (004 §5). An operation with partners (`share_with`) keeps T = ceiling while the
// threat is acute or while the partners' strength is below burden_share · ceiling; otherwise it
// draws down to T = residual_share · ceiling (Africanization and multilateralization while
// keeping influence).
//
// Withdrawal. An operation allowed to withdraw does so when its own deaths over the last 365 days
// reach withdrawal_deaths (domestic cost) or when resentment of foreign forces in the contested
// regions reaches withdrawal_resentment (host hostility): T = 0 with τ = withdrawal_months / 3, and it
// ends when fewer than one person is left.
#pragma once

#include <cstdint>
#include <functional>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "engine/fields.hpp"
#include "engine/parameter_table.hpp"

namespace peacesim::mechanisms::conflict {
struct Module;
struct State;
}  // namespace peacesim::mechanisms::conflict

namespace peacesim::mechanisms::institutions {

struct Params {
  bool enabled = true;
  double authorization_months = 3.0;
  double reaction_days = 2.0;
  double deployment_months = 2.0;
  double generation_months = 8.0;
  double trust_fund_share = 0.55;
  double threat_km = 550.0;
  double stable_months = 6.0;
  double burden_share = 1.0;
  double residual_share = 0.5;
  double withdrawal_deaths = 100.0;
  double withdrawal_resentment = 0.9;
  double withdrawal_months = 6.0;
};

// Its parameters, each bound to its member of Params (module.cpp), and its module.
const engine::ParameterTable<Params>& parameter_table();
const conflict::Module& module();

enum class Trigger : std::uint8_t { Date, AcuteThreat, ContestedStable, PredecessorDeployed };

// What the scenario hands to M9 for one operation (indices are the theatre's operations).
struct Rule {
  std::size_t operation = 0;
  Trigger trigger = Trigger::Date;
  std::int32_t trigger_day = 0;  // Trigger::Date: days since the run's start
  bool needs_authorization = true;
  // Its ceiling (people) over time: (day, people) in day order; before the first, the first holds.
  std::vector<std::pair<std::int32_t, double>> ceilings;
  bool trust_fund = false;
  std::vector<std::size_t> share_with;
  bool may_withdraw = false;
  std::optional<std::size_t> takes_over;  // the operation whose troops it re-hats
};

enum class Phase : std::uint8_t { Waiting, Authorizing, Deployed, Withdrawing, Ended };

// Where one ruled operation stands.
struct Standing {
  Phase phase = Phase::Waiting;
  std::int32_t decided_day = -1;
  std::int32_t start_day = -1;  // national: set on the decision; else when the wait is over
  std::int32_t end_day = -1;
  double wait_days = 0.0;  // authorization and generation days still to go (Security Council)
  double strength = 0.0;   // today
  double target = 0.0;
  bool operator==(const Standing&) const = default;
  template <class Archive>  // checkpoints: every field (engine/fields.hpp)
  void serialize(Archive& a) {
    engine::archive_fields(a, *this);
  }
};

// What the institutions see on a day.
struct Situation {
  std::int32_t day = 0;
  double threat_km = std::numeric_limits<double>::infinity();  // nearest town held by a hostile group
  bool contested_held = false;   // no town of the contested regions held by a hostile group
  bool host_military = false;    // the host government is a junta
  double resentment = 0.0;       // of foreign forces in the contested regions, 0..1
  std::vector<double> strength;  // every operation's strength yesterday
  std::vector<double> deaths;    // every operation's own deaths so far
};

// A decision taken, for the run's summary and the events log.
struct Decision {
  std::int32_t day = 0;
  std::size_t operation = 0;
  std::string what;  // "decided (acute threat)", "deploys", "draws down", "withdraws", "ends", ...
  bool operator==(const Decision&) const = default;
  template <class Archive>
  void serialize(Archive& a) {
    engine::archive_fields(a, *this);
  }
};

class Institutions {
 public:
  Institutions(std::vector<Rule> rules, const Params& params, std::size_t operations);

  // One day: takes decisions and sets each ruled operation's strength for today.
  void step(const Situation& situation);

  [[nodiscard]] bool rules(std::size_t operation) const { return ruled_[operation] >= 0; }
  // Today's strength of a ruled operation (0 outside its deployment).
  [[nodiscard]] double strength(std::size_t operation) const;
  [[nodiscard]] const Standing& standing(std::size_t operation) const;
  [[nodiscard]] const std::vector<Decision>& decisions() const { return state_.decisions; }

  // What changes, checkpointed whole; the rules and parameters are made again from the scenario.
  struct State {
    std::vector<Standing> standing;                  // by rule
    std::vector<std::vector<double>> deaths_by_day;  // by rule: cumulative deaths, a ring of 365 days
    std::vector<Decision> decisions;
    std::int32_t contested_held_since = -1;
    bool operator==(const State&) const = default;
    template <class Archive>
    void serialize(Archive& a) {
      engine::archive_fields(a, *this);
    }
  };
  [[nodiscard]] State& state() { return state_; }

 private:
  void decide(std::size_t r, const Situation& s);
  static double ceiling(const Rule& rule, std::int32_t day);
  double target(std::size_t r, const Situation& s) const;

  std::vector<Rule> rules_;
  Params params_;
  std::vector<int> ruled_;  // by operation: index into rules_, or -1
  State state_;
};

// What M9 gets from the model: the rules the scenario hands it, the number of operations, and what
// the institutions see on a day, read from the shared state and M11's resentment by region.
struct Inputs {
  std::vector<Rule> rules;
  std::size_t operations = 0;
  std::function<Situation(const conflict::State& state, const std::vector<double>& resentment)> situation;
};

}  // namespace peacesim::mechanisms::institutions
