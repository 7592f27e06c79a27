// What the theatre says holds on a given date: the figure in force (the latest on or before the
// date: a figure holds until the next one), an operation's authorized and actual strength, and
// which armed groups exist or are designated. These are the scheduled inputs the model plays.
#pragma once

#include <string>
#include <vector>

#include "theatre/groups.hpp"
#include "theatre/operations.hpp"

namespace peacesim::theatre {

// The latest point dated on or before `date`, or nullptr.
const StrengthPoint* in_force(const std::vector<StrengthPoint>& points, Date date);

// Authorized ceilings over time: the operation's own `authorized_strength` and the ceilings its
// mandates set, in date order.
std::vector<StrengthPoint> authorized_schedule(const Operation& op);

// Whether the operation is deployed on `date` (between its start and end, inclusive).
bool deployed_on(const Operation& op, Date date);

// Actual strength (military + police) on `date`: 0 when not deployed or before the first figure;
// otherwise the figure in force. `last_figure` (optional) receives the figure used.
double actual_strength(const Operation& op, Date date, const StrengthPoint** last_figure = nullptr);

// Whether a group exists on `date`. With `inputs_only`, changes marked as references (after the
// observation cut-off) are ignored: the model plays only inputs.
bool group_exists(const ArmedGroup& group, Date date, bool inputs_only = false);
bool group_designated(const ArmedGroup& group, Date date, bool inputs_only = false);
std::string existence_text(const ArmedGroup& group);  // "from 2011-10 to 2017-03-02"

}  // namespace peacesim::theatre
