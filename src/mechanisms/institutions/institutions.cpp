#include "mechanisms/institutions/institutions.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace peacesim::mechanisms::institutions {

namespace {
constexpr double kDaysPerMonth = 30.4375;
constexpr std::size_t kYear = 365;

std::string trigger_name(Trigger t) {
  switch (t) {
    case Trigger::Date:
      return "on its date";
    case Trigger::AcuteThreat:
      return "acute threat to the capital";
    case Trigger::ContestedStable:
      return "the contested regions secured";
    case Trigger::PredecessorDeployed:
      return "to take over a deployed operation";
  }
  return "";
}
}  // namespace

Institutions::Institutions(std::vector<Rule> rules, const Params& params, std::size_t operations)
    : rules_(std::move(rules)),
      params_(params),
      ruled_(operations, -1),
      state_{std::vector<Standing>(rules_.size()),
             std::vector<std::vector<double>>(rules_.size(), std::vector<double>(kYear, 0.0)),
             {},
             -1} {
  if (!params_.enabled) rules_.clear();
  for (std::size_t r = 0; r < rules_.size(); ++r) {
    if (rules_[r].operation >= operations) throw std::out_of_range("M9 rule for an unknown operation");
    ruled_[rules_[r].operation] = static_cast<int>(r);
  }
}

double Institutions::strength(std::size_t operation) const {
  const int r = ruled_[operation];
  return r < 0 ? 0.0 : state_.standing[static_cast<std::size_t>(r)].strength;
}

const Standing& Institutions::standing(std::size_t operation) const {
  const int r = ruled_.at(operation);
  if (r < 0) throw std::out_of_range("operation not ruled by M9");
  return state_.standing[static_cast<std::size_t>(r)];
}

void Institutions::decide(std::size_t r, const Situation& s) {
  const Rule& rule = rules_[r];
  Standing& st = state_.standing[r];
  bool fire = false;
  switch (rule.trigger) {
    case Trigger::Date:
      fire = s.day >= rule.trigger_day;
      break;
    case Trigger::AcuteThreat:
      fire = s.threat_km <= params_.threat_km;
      break;
    case Trigger::ContestedStable:
      fire = state_.contested_held_since >= 0 &&
             s.day - state_.contested_held_since >= params_.stable_months * kDaysPerMonth;
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
  state_.decisions.push_back(
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
  if (s.contested_held) {
    if (state_.contested_held_since < 0) state_.contested_held_since = s.day;
  } else {
    state_.contested_held_since = -1;
  }
  for (std::size_t r = 0; r < rules_.size(); ++r) {
    const Rule& rule = rules_[r];
    Standing& st = state_.standing[r];
    // Own deaths over the last year: today's cumulative count minus the one a year ago.
    auto& ring = state_.deaths_by_day[r];
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
          auto& p = state_.standing[static_cast<std::size_t>(pred)];
          p.phase = Phase::Ended;
          p.end_day = s.day;
          p.strength = 0.0;
          state_.decisions.push_back({s.day, *rule.takes_over, "hands over its troops and ends"});
        }
      }
      state_.decisions.push_back({s.day, rule.operation, "deploys"});
    }
    if (st.phase == Phase::Deployed && rule.may_withdraw &&
        (deaths_year >= params_.withdrawal_deaths || s.resentment >= params_.withdrawal_resentment)) {
      st.phase = Phase::Withdrawing;
      state_.decisions.push_back({s.day, rule.operation,
                                  deaths_year >= params_.withdrawal_deaths
                                      ? "withdraws (domestic cost of its losses)"
                                      : "withdraws (host hostility)"});
    }
    if (st.phase == Phase::Deployed) {
      const double phi = rule.trust_fund ? params_.trust_fund_share : 1.0;
      const double tau = params_.generation_months * kDaysPerMonth / phi;
      const double t = target(r, s);
      if (st.target > 0.0 && t < st.target) state_.decisions.push_back({s.day, rule.operation, "draws down"});
      if (st.target > 0.0 && t > st.target) state_.decisions.push_back({s.day, rule.operation, "reinforces"});
      st.target = t;
      st.strength = t - (t - st.strength) * std::exp(-1.0 / tau);
    } else if (st.phase == Phase::Withdrawing) {
      st.target = 0.0;
      st.strength *= std::exp(-3.0 / (params_.withdrawal_months * kDaysPerMonth));
      if (st.strength < 1.0) {
        st.strength = 0.0;
        st.phase = Phase::Ended;
        st.end_day = s.day;
        state_.decisions.push_back({s.day, rule.operation, "ends"});
      }
    }
  }
}

}  // namespace peacesim::mechanisms::institutions
