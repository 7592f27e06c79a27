#include "mechanisms/institutions/institutions.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace peacesim::mechanisms::institutions {

using engine::ParameterKind;

namespace {
constexpr double kDaysPerMonth = 30.4375;
constexpr std::size_t kYear = 365;

std::string trigger_name(Trigger t) {
  switch (t) {
    case Trigger::Date:
      return "on its date";
    case Trigger::AcuteThreat:
      return "acute threat to the capital";
    case Trigger::NorthStable:
      return "the north secured";
    case Trigger::PredecessorDeployed:
      return "to take over a deployed operation";
  }
  return "";
}
}  // namespace

std::vector<engine::ParameterSpec> parameter_specs() {
  return {
      {"institutions_enabled", ParameterKind::Boolean, 1, 0, 1, "1",
       "assumption: a switch for ablation (MODEL.md §4)",
       "Run M9's rules for the operations a scenario hands to them (dynamics.decisions); others keep their "
       "record"},
      {"institutions_authorization_months", ParameterKind::Real, 3.0, 0.5, 12.0, "months",
       "004 §4.2 and MALI_FACTS (Mali's request of September 2012 to S/RES/2085 of 2012-12-20; S/RES/2100 of "
       "2013-04-25 about two months after the Secretary-General's options)",
       "Time from a decision to the Security Council's authorization (plan, host request, consensus)"},
      {"institutions_reaction_days", ParameterKind::Real, 2.0, 0.0, 60.0, "days",
       "004 §4.3 (Konna fell on 2013-01-10; Serval began on 2013-01-11)",
       "Time from a national decision to the first troops"},
      {"institutions_deployment_months", ParameterKind::Real, 2.0, 0.0, 12.0, "months",
       "MALI_FACTS (S/RES/2100 of 2013-04-25 to MINUSMA's transfer of authority on 2013-07-01)",
       "Time from authorization to the first troops of a multinational operation (force generation lead "
       "time)"},
      {"institutions_generation_months", ParameterKind::Real, 8.0, 0.5, 36.0, "months",
       "operations data (MINUSMA's strength: about 6,100 re-hatted in July 2013, 9,000 a year later, of "
       "12,640 "
       "authorized); size: assumption of that order",
       "Time constant of the approach to the target strength"},
      {"institutions_trust_fund_share", ParameterKind::Real, 0.55, 0.1, 1.0, "1",
       "004 §4.2 (AFISMA needed 410 M USD a year; the January 2013 donor conference pledged about the "
       "pre-acceleration budget, 227 M USD: 0.55)",
       "Share of its ceiling a voluntary trust fund pays for; it also slows generation by the same factor"},
      {"institutions_threat_km", ParameterKind::Real, 550.0, 100.0, 1500.0, "km",
       "004 §4.3 (France intervened the day after Konna, about 500 km from Bamako, fell)",
       "A hostile group holding a town within this distance of the capital is an acute threat"},
      {"institutions_stable_months", ParameterKind::Real, 6.0, 1.0, 36.0, "months",
       "assumption: how long the north must be held before stability is declared (Q3, 000; 001; 004 §4.5)",
       "Months the state must hold the north's capitals before a 'north_stable' trigger fires"},
      {"institutions_burden_share", ParameterKind::Real, 1.0, 0.0, 5.0, "1",
       "004 §5 (France shares the burden once partners are in the field); size: assumption",
       "Partners' strength, as a multiple of an operation's ceiling, at which it draws down"},
      {"institutions_residual_share", ParameterKind::Real, 0.5, 0.0, 1.0, "1",
       "004 §4.3, §4.6 (Serval's 4,500 at its peak against Barkhane's 3,000 across five countries); size: "
       "assumption",
       "Share of its ceiling an operation keeps after drawing down (influence kept)"},
      {"institutions_withdrawal_deaths", ParameterKind::Real, 100.0, 1.0, 2000.0, "people/year",
       "assumption: France kept its forces with about ten deaths a year (public record); the threshold is "
       "well above",
       "Own deaths over the last 365 days at which an operation allowed to withdraw leaves"},
      {"institutions_withdrawal_resentment", ParameterKind::Real, 0.9, 0.0, 1.0, "1",
       "assumption: host hostility (MODEL.md M9) at which a foreign operation leaves",
       "Mean resentment of foreign forces in the north at which an operation allowed to withdraw leaves"},
      {"institutions_withdrawal_months", ParameterKind::Real, 6.0, 0.5, 36.0, "months",
       "assumption: a withdrawal takes months (troops, equipment and bases)",
       "Time for a withdrawing operation to leave (95 % gone)"},
  };
}

Params params_from(const engine::ParameterSet& p) {
  Params out;
  out.enabled = p.boolean("institutions_enabled");
  out.authorization_months = p.real("institutions_authorization_months");
  out.reaction_days = p.real("institutions_reaction_days");
  out.deployment_months = p.real("institutions_deployment_months");
  out.generation_months = p.real("institutions_generation_months");
  out.trust_fund_share = p.real("institutions_trust_fund_share");
  out.threat_km = p.real("institutions_threat_km");
  out.stable_months = p.real("institutions_stable_months");
  out.burden_share = p.real("institutions_burden_share");
  out.residual_share = p.real("institutions_residual_share");
  out.withdrawal_deaths = p.real("institutions_withdrawal_deaths");
  out.withdrawal_resentment = p.real("institutions_withdrawal_resentment");
  out.withdrawal_months = p.real("institutions_withdrawal_months");
  return out;
}

Institutions::Institutions(std::vector<Rule> rules, const Params& params, std::size_t operations)
    : rules_(std::move(rules)),
      params_(params),
      ruled_(operations, -1),
      standing_(rules_.size()),
      deaths_by_day_(rules_.size(), std::vector<double>(kYear, 0.0)) {
  if (!params_.enabled) rules_.clear();
  for (std::size_t r = 0; r < rules_.size(); ++r) {
    if (rules_[r].operation >= operations) throw std::out_of_range("M9 rule for an unknown operation");
    ruled_[rules_[r].operation] = static_cast<int>(r);
  }
}

double Institutions::strength(std::size_t operation) const {
  const int r = ruled_[operation];
  return r < 0 ? 0.0 : standing_[static_cast<std::size_t>(r)].strength;
}

const Standing& Institutions::standing(std::size_t operation) const {
  const int r = ruled_.at(operation);
  if (r < 0) throw std::out_of_range("operation not ruled by M9");
  return standing_[static_cast<std::size_t>(r)];
}

void Institutions::decide(std::size_t r, const Situation& s) {
  const Rule& rule = rules_[r];
  Standing& st = standing_[r];
  bool fire = false;
  switch (rule.trigger) {
    case Trigger::Date:
      fire = s.day >= rule.trigger_day;
      break;
    case Trigger::AcuteThreat:
      fire = s.threat_km <= params_.threat_km;
      break;
    case Trigger::NorthStable:
      fire = north_held_since_ >= 0 && s.day - north_held_since_ >= params_.stable_months * kDaysPerMonth;
      break;
    case Trigger::PredecessorDeployed:
      fire = rule.takes_over && s.strength[*rule.takes_over] > 0.0;
      break;
  }
  if (!fire) return;
  st.phase = Phase::Authorizing;
  st.decided_day = s.day;
  if (rule.needs_authorization) {
    st.wait_days = (params_.authorization_months + params_.deployment_months) * kDaysPerMonth;
  } else {
    st.start_day = s.day + static_cast<std::int32_t>(std::lround(params_.reaction_days));
  }
  decisions_.push_back(
      {s.day, rule.operation,
       "decided (" + trigger_name(rule.trigger) + ")" +
           (rule.needs_authorization && s.host_military ? ", no host request under the junta" : "")});
}

double Institutions::ceiling(const Rule& rule, std::int32_t day) {
  if (rule.ceilings.empty()) return 0.0;
  double c = rule.ceilings.front().second;
  for (const auto& [from, people] : rule.ceilings) {
    if (from <= day) c = people;
  }
  return c;
}

double Institutions::target(std::size_t r, const Situation& s) const {
  const Rule& rule = rules_[r];
  const double phi = rule.trust_fund ? params_.trust_fund_share : 1.0;
  const double c = ceiling(rule, s.day);
  const double full = c * phi;
  if (rule.share_with.empty() || s.threat_km <= params_.threat_km) return full;
  double partners = 0.0;
  for (const std::size_t op : rule.share_with) partners += s.strength[op];
  return partners >= params_.burden_share * c ? params_.residual_share * full : full;
}

void Institutions::step(const Situation& s) {
  if (s.north_held) {
    if (north_held_since_ < 0) north_held_since_ = s.day;
  } else {
    north_held_since_ = -1;
  }
  for (std::size_t r = 0; r < rules_.size(); ++r) {
    const Rule& rule = rules_[r];
    Standing& st = standing_[r];
    // Own deaths over the last year: today's cumulative count minus the one a year ago.
    auto& ring = deaths_by_day_[r];
    const auto slot = static_cast<std::size_t>(s.day) % kYear;
    const double now = s.deaths[rule.operation];
    const double year_ago = s.day >= static_cast<std::int32_t>(kYear) ? ring[slot] : 0.0;
    ring[slot] = now;
    const double deaths_year = now - year_ago;

    if (st.phase == Phase::Waiting) {
      decide(r, s);
    } else if (st.phase == Phase::Authorizing && rule.needs_authorization && !s.host_military) {
      st.wait_days -= 1.0;  // the decision day itself does not count
    }
    if (st.phase == Phase::Authorizing && rule.needs_authorization && st.start_day < 0 && st.wait_days <= 0.5)
      st.start_day = s.day;
    if (st.phase == Phase::Authorizing && st.start_day >= 0 && s.day >= st.start_day) {
      st.phase = Phase::Deployed;
      if (rule.takes_over) {
        st.strength = s.strength[*rule.takes_over];
        const int pred = ruled_[*rule.takes_over];
        if (pred >= 0) {
          auto& p = standing_[static_cast<std::size_t>(pred)];
          p.phase = Phase::Ended;
          p.end_day = s.day;
          p.strength = 0.0;
          decisions_.push_back({s.day, *rule.takes_over, "hands over its troops and ends"});
        }
      }
      decisions_.push_back({s.day, rule.operation, "deploys"});
    }
    if (st.phase == Phase::Deployed && rule.may_withdraw &&
        (deaths_year >= params_.withdrawal_deaths || s.resentment >= params_.withdrawal_resentment)) {
      st.phase = Phase::Withdrawing;
      decisions_.push_back({s.day, rule.operation,
                            deaths_year >= params_.withdrawal_deaths
                                ? "withdraws (domestic cost of its losses)"
                                : "withdraws (host hostility)"});
    }
    if (st.phase == Phase::Deployed) {
      const double phi = rule.trust_fund ? params_.trust_fund_share : 1.0;
      const double tau = params_.generation_months * kDaysPerMonth / phi;
      const double t = target(r, s);
      if (st.target > 0.0 && t < st.target) decisions_.push_back({s.day, rule.operation, "draws down"});
      if (st.target > 0.0 && t > st.target) decisions_.push_back({s.day, rule.operation, "reinforces"});
      st.target = t;
      st.strength = t - (t - st.strength) * std::exp(-1.0 / tau);
    } else if (st.phase == Phase::Withdrawing) {
      st.target = 0.0;
      st.strength *= std::exp(-3.0 / (params_.withdrawal_months * kDaysPerMonth));
      if (st.strength < 1.0) {
        st.strength = 0.0;
        st.phase = Phase::Ended;
        st.end_day = s.day;
        decisions_.push_back({s.day, rule.operation, "ends"});
      }
    }
  }
}

}  // namespace peacesim::mechanisms::institutions
