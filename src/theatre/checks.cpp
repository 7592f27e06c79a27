#include "theatre/checks.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include "scenario/error.hpp"
#include "theatre/schedule.hpp"

namespace peacesim::theatre {

using scenario::ScenarioError;

namespace {

[[noreturn]] void fail(const Ref& ref, const std::string& message) {
  throw ScenarioError(ref.where, ref.field, message);
}

[[noreturn]] void unknown(const Ref& ref, const std::string& what, const std::vector<std::string>& known) {
  std::string message = fmt::format("unknown {} '{}'", what, ref.id);
  if (auto near = scenario::closest_name(ref.id, known))
    message += fmt::format(" (did you mean '{}'?)", *near);
  throw ScenarioError(ref.where, ref.field, message);
}

Ref as_ref(const When& w) { return {w.str(), w.where, w.field}; }

void check_order(const When& earlier, const When& later, const std::string& what) {
  if (out_of_order(earlier, later)) {
    fail(as_ref(later), fmt::format("{} is before {} {}", later.str(), what, earlier.str()));
  }
}

class Checker {
 public:
  Checker(const Theatre& t, const AdminNames& admin) : t_(t), admin_(admin) {
    for (const auto& p : t.places) place_ids_.push_back(p.id);
    for (const auto& g : t.groups) group_ids_.push_back(g.id);
    for (const auto& i : t.institutions) institution_ids_.push_back(i.id);
    for (const auto& o : t.operations) operation_ids_.push_back(o.id);
    for (const auto& a : t.agreements) agreement_ids_.push_back(a.id);
    actor_ids_ = group_ids_;
    actor_ids_.insert(actor_ids_.end(), institution_ids_.begin(), institution_ids_.end());
    actor_ids_.insert(actor_ids_.end(), operation_ids_.begin(), operation_ids_.end());
    for (const auto& s : t.states) actor_ids_.push_back(s.army_id);
  }

  void run() {
    check_unique_ids();
    check_places();
    check_routes();
    check_population();
    check_groups();
    check_institutions();
    check_states();
    check_agreements();
    check_operations();
    check_timeline();
  }

 private:
  // --- references ---
  void place(const Ref& r) const {
    if (!contains(place_ids_, r.id)) unknown(r, "place", place_ids_);
  }
  void region(const Ref& r) const {
    if (!contains(admin_.regions, r.id)) unknown(r, "region", admin_.regions);
  }
  void group(const Ref& r) const {
    if (!contains(group_ids_, r.id)) unknown(r, "armed group", group_ids_);
  }
  void institution(const Ref& r) const {
    if (!contains(institution_ids_, r.id)) unknown(r, "institution", institution_ids_);
  }
  void operation(const Ref& r) const {
    if (!contains(operation_ids_, r.id)) unknown(r, "operation", operation_ids_);
  }
  void actor(const Ref& r) const {
    if (!contains(actor_ids_, r.id))
      unknown(r, "actor (armed group, institution, operation or army)", actor_ids_);
  }
  static bool contains(const std::vector<std::string>& v, const std::string& x) {
    return std::find(v.begin(), v.end(), x) != v.end();
  }

  // Dated items after the observation cut-off may only be references (MODEL.md §6), except the
  // decisions a scenario takes as inputs from the public record: operations' own record, groups'
  // formations, splits, mergers and designations, and coups. Outcomes never enter.
  void cutoff(const When& when, Role role, const std::string& what) const {
    if (when.date <= t_.meta.observations_end.date || role == Role::Reference) return;
    fail(as_ref(when),
         fmt::format("{} is dated {}, after theatre.observations_end {}: only decisions taken as inputs "
                     "(operations' record, groups' formations, splits, mergers and designations, coups) may "
                     "enter after the cut-off; mark it 'role: reference' (shown, never played)",
                     what, when.str(), t_.meta.observations_end.str()));
  }
  static bool decision(ChangeKind kind) {
    return kind == ChangeKind::Formed || kind == ChangeKind::SplitFrom || kind == ChangeKind::MergedInto ||
           kind == ChangeKind::Dissolved || kind == ChangeKind::Joined || kind == ChangeKind::Designated;
  }

  void check_unique_ids() const {
    // Actors share one namespace (timeline events and relations name any of them). The later
    // of two uses in the file is the one reported.
    struct Claim {
      std::string id, kind;
      Location where;
      std::string field;
    };
    std::vector<Claim> claims;
    for (const auto& g : t_.groups) claims.push_back({g.id, "armed group", g.where, g.field + ".id"});
    for (const auto& i : t_.institutions) claims.push_back({i.id, "institution", i.where, i.field + ".id"});
    for (const auto& o : t_.operations) claims.push_back({o.id, "operation", o.where, o.field + ".id"});
    for (const auto& s : t_.states)
      claims.push_back({s.army_id, "army", s.source.where, s.field + ".army.id"});
    std::stable_sort(claims.begin(), claims.end(), [](const Claim& a, const Claim& b) {
      return std::tie(a.where.file, a.where.line, a.where.column) <
             std::tie(b.where.file, b.where.line, b.where.column);
    });
    std::map<std::string, const Claim*> seen;
    for (const auto& c : claims) {
      const auto [it, fresh] = seen.emplace(c.id, &c);
      if (!fresh) {
        throw ScenarioError(c.where, c.field,
                            fmt::format("id '{}' is already used by the {} at {}", c.id, it->second->kind,
                                        it->second->where.str()));
      }
    }
    std::map<std::string, Location> places;
    for (const auto& p : t_.places) {
      if (!places.emplace(p.id, p.where).second) {
        throw ScenarioError(
            p.where, p.field + ".id",
            fmt::format("id '{}' is already used by the place at {}", p.id, places[p.id].str()));
      }
    }
    std::set<std::string> agreements;
    for (const auto& a : t_.agreements) {
      if (!agreements.insert(a.id).second)
        throw ScenarioError(a.where, a.field + ".id", "id '" + a.id + "' is used twice");
    }
    std::set<std::string> events;
    for (const auto& e : t_.timeline) {
      if (!events.insert(e.id).second)
        throw ScenarioError(e.where, e.field + ".id", "id '" + e.id + "' is used twice");
    }
  }

  void check_places() const {
    std::map<std::string, std::string> names;
    for (const auto& p : t_.places) {
      if (t_.state_of(p.country) && !p.region) {
        throw ScenarioError(p.where, p.field + ".region",
                            "a place in the host state's country (" + p.country + ") needs its region");
      }
      if (p.region) region(*p.region);
      std::vector<std::string> spellings = p.aliases;
      spellings.push_back(p.name);
      for (const auto& s : spellings) {
        const auto [it, fresh] = names.emplace(s, p.id);
        if (!fresh && it->second != p.id) {
          throw ScenarioError(p.where, p.field + ".aliases",
                              fmt::format("'{}' already names place '{}'", s, it->second));
        }
      }
    }
  }

  void check_routes() const {
    std::set<std::pair<std::string, std::string>> seen;
    for (const auto& e : t_.routes.edges) {
      place(e.a);
      place(e.b);
      if (e.a.id == e.b.id) fail(e.b, "a route must join two different places");
      const auto key = std::minmax(e.a.id, e.b.id);
      if (!seen.insert(key).second) fail(e.b, fmt::format("the route {}–{} is given twice", e.a.id, e.b.id));
    }
    for (const auto& c : t_.routes.closures) check_order(c.from, c.to, "the closure's start");
  }

  void check_population() const {
    const auto& p = t_.population;
    auto check_shares = [&](const std::vector<RegionShares>& list, const std::vector<Category>& cats,
                            const char* what) {
      std::vector<std::string> ids;
      for (const auto& c : cats) ids.push_back(c.id);
      std::set<std::string> regions;
      for (const auto& s : list) {
        region(s.region);
        if (!regions.insert(s.region.id).second)
          fail(s.region, fmt::format("region '{}' is given twice", s.region.id));
        for (const auto& [cat, share] : s.shares) {
          if (!contains(ids, cat.id)) unknown(cat, what, ids);
        }
      }
    };
    check_shares(p.community_shares, p.communities, "community");
    check_shares(p.livelihood_shares, p.livelihoods, "livelihood");
    // A community's kin abroad must be a country where the scenario has places to flee to: outside
    // the theatre, or with several states, one of them (abroad for the others' people).
    std::vector<std::string> abroad;
    for (const auto& place : t_.places) {
      if (!place.region && !contains(abroad, place.country)) abroad.push_back(place.country);
    }
    if (t_.states.size() > 1) {
      for (const auto& s : t_.states) {
        if (!contains(abroad, s.country)) abroad.push_back(s.country);
      }
    }
    for (const auto& c : p.communities) {
      for (const auto& k : c.kin_abroad) {
        if (!contains(abroad, k.id)) unknown(k, "country with places abroad", abroad);
      }
    }
  }

  void check_groups() const {
    std::vector<std::string> communities;
    for (const auto& c : t_.population.communities) communities.push_back(c.id);
    for (const auto& g : t_.groups) {
      for (const auto& c : g.communities) {
        if (!contains(communities, c.id)) unknown(c, "community", communities);
      }
      for (const auto& a : g.areas) region(a.region);
      const GroupChange& origin = g.origin();
      const GroupChange* end = g.end();
      for (std::size_t i = 0; i < g.changes.size(); ++i) {
        const GroupChange& c = g.changes[i];
        if (i > 0) check_order(g.changes[i - 1].when, c.when, "the previous change's date");
        if (&c != &origin && out_of_order(origin.when, c.when)) {
          fail(as_ref(c.when),
               fmt::format("{} is before the group's origin {}", c.when.str(), origin.when.str()));
        }
        if (end != nullptr && &c != end && c.when.date > end->when.date) {
          fail(as_ref(c.when),
               fmt::format("{} is after the group ended ({})", c.when.str(), end->when.str()));
        }
        if (!decision(c.kind))
          cutoff(c.when, c.role,
                 fmt::format("the change '{}' of group '{}'", change_kind_name(c.kind), g.id));
        for (const auto& f : c.from) group(f);
        if (c.by) institution(*c.by);
        if (!c.group) continue;
        group(*c.group);
        const ArmedGroup& other = *t_.find_group(c.group->id);
        if (other.id == g.id) fail(*c.group, "a group cannot change relative to itself");
        if ((c.kind == ChangeKind::Joined || c.kind == ChangeKind::Left) &&
            other.type != GroupType::Coalition) {
          fail(*c.group,
               fmt::format("'{}' is not a coalition (type {})", other.id, group_type_name(other.type)));
        }
        if (!group_exists(other, c.when.date)) {
          fail(*c.group, fmt::format("group '{}' does not exist on {} (it exists {})", other.id, c.when.str(),
                                     existence_text(other)));
        }
      }
    }
  }

  void check_statements(const std::vector<Statement>& list, const std::string& whose) const {
    for (const auto& s : list) {
      if (s.on && !contains(operation_ids_, s.on->id) && !contains(agreement_ids_, s.on->id)) {
        auto known = operation_ids_;
        known.insert(known.end(), agreement_ids_.begin(), agreement_ids_.end());
        unknown(*s.on, "operation or agreement", known);
      }
      if (s.when) cutoff(*s.when, s.role, "a position of " + whose);
    }
  }

  void check_institutions() const {
    for (const auto& i : t_.institutions) {
      for (const auto& m : i.members) institution(m);
      check_statements(i.interests, i.id);
      check_statements(i.constraints, i.id);
      check_statements(i.positions, i.id);
    }
  }

  void check_states() const {
    for (std::size_t i = 0; i < t_.states.size(); ++i) {
      for (std::size_t j = 0; j < i; ++j) {
        if (t_.states[j].country == t_.states[i].country)
          throw ScenarioError(
              t_.states[i].source.where, t_.states[i].field + ".country",
              fmt::format("{} is already the country of {}", t_.states[i].country, t_.states[j].field));
      }
      check_state(t_.states[i]);
    }
    constexpr std::size_t kMaxStates = 255;  // conflict::CountryIndex is one byte
    if (t_.states.size() > kMaxStates)
      throw ScenarioError(
          t_.states.back().source.where, "states",
          fmt::format("{} states; this model handles at most {}", t_.states.size(), kMaxStates));
  }

  void check_state(const HostState& s) const {
    if (!contains(institution_ids_, s.institution)) {
      throw ScenarioError(s.source.where, s.field + ".institution",
                          fmt::format("unknown institution '{}'", s.institution));
    }
    for (std::size_t i = 0; i < s.governments.size(); ++i) {
      if (i > 0)
        check_order(s.governments[i - 1].from, s.governments[i].from, "the previous government's start");
      if (s.governments[i].how != "coup")
        cutoff(s.governments[i].from, s.governments[i].role, "a change of government");
    }
    for (std::size_t i = 1; i < s.army_strength.size(); ++i) {
      check_order(s.army_strength[i - 1].when, s.army_strength[i].when, "the previous figure's date");
    }
    check_statements(s.army_notes, "the army");
    if (s.capital) {
      place(*s.capital);
      const auto at = std::find_if(t_.places.begin(), t_.places.end(),
                                   [&](const auto& p) { return p.id == s.capital->id; });
      if (at->country != s.country)
        fail(*s.capital, "the capital must be a place in the host state's country (" + s.country + ")");
    }
  }

  void check_agreements() const {
    for (const auto& a : t_.agreements) {
      for (const auto& m : a.mediators) institution(m);
      for (const auto& x : a.excluded) group(x);
      for (const auto& s : a.signatures) {
        if (a.talks_from) check_order(*a.talks_from, s.when, "the start of talks");
        cutoff(s.when, a.role, "the signature of agreement '" + a.id + "'");
        if (const ArmedGroup* g = t_.find_group(s.party.id)) {
          if (!group_exists(*g, s.when.date)) {
            fail(s.party, fmt::format("group '{}' does not exist on {} (it exists {})", g->id, s.when.str(),
                                      existence_text(*g)));
          }
        } else if (!contains(institution_ids_, s.party.id)) {
          auto known = group_ids_;
          known.insert(known.end(), institution_ids_.begin(), institution_ids_.end());
          unknown(s.party, "party (armed group or institution)", known);
        }
      }
    }
  }

  void check_points_in_period(const Operation& op, const std::vector<StrengthPoint>& points,
                              const char* what) const {
    for (const auto& p : points) {
      if (op.start && p.when.date < truncate(op.start->date, p.when.precision)) {
        fail(as_ref(p.when), fmt::format("{} strength dated {} is before the operation's start {}", what,
                                         p.when.str(), op.start->str()));
      }
      if (op.end && p.when.date > op.end->date) {
        fail(as_ref(p.when), fmt::format("{} strength dated {} is after the operation's end {}", what,
                                         p.when.str(), op.end->str()));
      }
    }
  }

  void check_operations() const {
    for (const auto& op : t_.operations) {
      for (const auto& o : op.organizations) institution(o);
      for (const auto& l : op.legal_basis) {
        if (l.by) institution(*l.by);
      }
      if (op.decided && op.start) check_order(*op.decided, *op.start, "the decision");
      if (op.start && op.end) check_order(*op.start, *op.end, "the start");
      if (op.decided && op.end) check_order(*op.decided, *op.end, "the decision");
      if (op.status == "planned_never_deployed") {
        if (op.start) fail(as_ref(*op.start), "an operation that was never deployed has no start date");
        if (!op.actual.empty())
          fail(as_ref(op.actual.front().when), "an operation that was never deployed has no actual strength");
      } else if (!op.start) {
        throw ScenarioError(op.where, op.field + ".dates.start", "a deployed operation needs its start date");
      }
      if (op.predecessor) {
        operation(*op.predecessor);
        if (op.predecessor->id == op.id) fail(*op.predecessor, "an operation cannot succeed itself");
      }
      for (const auto& r : op.area_regions) region(r);
      check_points_in_period(op, op.actual, "actual");
      check_strengths(op);
      for (std::size_t i = 1; i < op.mandates.size(); ++i) {
        check_order(op.mandates[i - 1].adopted, op.mandates[i].adopted, "the previous mandate's adoption");
      }
      for (const auto& b : op.budgets) {
        if (b.to) check_order(b.from, *b.to, "the budget period's start");
      }
      for (const auto& b : op.bases) {
        place(b.place);
        if (b.from && b.to) check_order(*b.from, *b.to, "the basing's start");
      }
      for (const auto& r : op.relations) {
        actor(r.with);
        if (r.with.id == op.id) fail(r.with, "an operation cannot relate to itself");
        if (r.from && r.to) check_order(*r.from, *r.to, "the relation's start");
      }
      std::set<std::string> unit_ids;
      for (const auto& u : op.units) {
        if (!unit_ids.insert(u.id).second) {
          throw ScenarioError(op.where, u.field + ".id", "unit id '" + u.id + "' is used twice");
        }
        if (u.contributor) institution(*u.contributor);
        if (u.from && u.to) check_order(*u.from, *u.to, "the unit's start");
        for (std::size_t i = 1; i < u.strength.size(); ++i) {
          check_order(u.strength[i - 1].when, u.strength[i].when, "the previous figure's date");
        }
      }
    }
  }

  // Actual figures above the authorized ceiling in force need a note saying why.
  void check_strengths(const Operation& op) const {
    const auto ceilings = authorized_schedule(op);
    for (const auto& p : op.actual) {
      const StrengthPoint* ceiling = in_force(ceilings, p.when.date);
      if (ceiling == nullptr || !p.note.empty()) continue;
      auto over = [&](double actual, double limit, const char* kind) {
        if (limit > 0 && actual > limit) {
          throw ScenarioError(
              p.when.where, p.field,
              fmt::format("actual {} strength {:.0f} on {} exceeds the {:.0f} authorized since {} ({}); "
                          "add a 'note' saying why",
                          kind, actual, p.when.str(), limit, ceiling->when.str(), ceiling->source.text));
        }
      };
      over(p.military, ceiling->military, "military");
      over(p.police, ceiling->police, "police");
    }
  }

  void check_timeline() const {
    for (std::size_t i = 0; i < t_.timeline.size(); ++i) {
      const TimelineEvent& e = t_.timeline[i];
      if (i > 0) check_order(t_.timeline[i - 1].when, e.when, "the previous event's date");
      for (const auto& a : e.actors) actor(a);
      for (const auto& p : e.places) place(p);
      if (e.operation) operation(*e.operation);
      if (e.controller) actor(*e.controller);
      const bool operation_record =
          (e.operation.has_value() && (e.kind == "operation" || e.kind == "un_resolution")) ||
          e.kind == "coup";
      if (e.role == Role::Observation && e.when.date > t_.meta.observations_end.date) {
        fail(as_ref(e.when), fmt::format("an observation dated {} is after theatre.observations_end {}",
                                         e.when.str(), t_.meta.observations_end.str()));
      }
      if (!operation_record) cutoff(e.when, e.role, "the event '" + e.id + "'");
    }
  }

  const Theatre& t_;
  const AdminNames& admin_;
  std::vector<std::string> place_ids_, group_ids_, institution_ids_, operation_ids_, agreement_ids_,
      actor_ids_;
};

}  // namespace

void check_theatre(const Theatre& theatre, const AdminNames& admin) { Checker(theatre, admin).run(); }

}  // namespace peacesim::theatre
