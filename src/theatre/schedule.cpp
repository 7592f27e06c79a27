#include "theatre/schedule.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace peacesim::theatre {

const StrengthPoint* in_force(const std::vector<StrengthPoint>& points, Date date) {
  const StrengthPoint* found = nullptr;
  for (const auto& p : points) {
    if (p.when.date > date) break;
    found = &p;
  }
  return found;
}

std::vector<StrengthPoint> authorized_schedule(const Operation& op) {
  std::vector<StrengthPoint> out = op.authorized;
  for (const auto& m : op.mandates) {
    if (!m.military && !m.police) continue;
    StrengthPoint p;
    p.when = m.adopted;
    p.military = m.military.value_or(0.0);
    p.police = m.police.value_or(0.0);
    p.note = m.instrument;
    p.source = m.source;
    p.field = m.field;
    out.push_back(std::move(p));
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const StrengthPoint& a, const StrengthPoint& b) { return a.when.date < b.when.date; });
  return out;
}

bool deployed_on(const Operation& op, Date date) {
  if (!op.start || date < op.start->date) return false;
  return !op.end || date <= op.end->date;
}

double actual_strength(const Operation& op, Date date, const StrengthPoint** last_figure) {
  if (last_figure) *last_figure = nullptr;
  if (!deployed_on(op, date)) return 0.0;
  const StrengthPoint* p = in_force(op.actual, date);
  if (last_figure) *last_figure = p;
  return p ? p->total() : 0.0;
}

bool group_exists(const ArmedGroup& group, Date date, bool inputs_only) {
  const GroupChange& origin = group.origin();
  if (inputs_only && origin.role == Role::Reference) return false;
  if (date < origin.when.date) return false;
  const GroupChange* end = group.end();
  if (end == nullptr || (inputs_only && end->role == Role::Reference)) return true;
  return date < end->when.date;
}

bool group_designated(const ArmedGroup& group, Date date, bool inputs_only) {
  if (!group_exists(group, date, inputs_only)) return false;
  return std::any_of(group.changes.begin(), group.changes.end(), [&](const GroupChange& c) {
    return c.kind == ChangeKind::Designated && c.when.date <= date &&
           !(inputs_only && c.role == Role::Reference);
  });
}

std::string existence_text(const ArmedGroup& group) {
  const GroupChange* end = group.end();
  if (end == nullptr) return fmt::format("from {}", group.origin().when.str());
  return fmt::format("from {} until {}", group.origin().when.str(), end->when.str());
}

}  // namespace peacesim::theatre
