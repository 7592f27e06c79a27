#include "mechanisms/displacement/registration.hpp"

namespace peacesim::mechanisms::displacement {

void Registration::begin(std::uint32_t day) {
  day_ = day;
  verifying_ = params_.verification_days <= 0.0 ||
               static_cast<double>(day - state_.last_verification) >= params_.verification_days;
  if (verifying_) state_.last_verification = day;
}

void Registration::status(std::size_t slot, std::uint8_t code) {
  if (slot >= state_.current.size()) {  // a new displaced person: their status begins today
    state_.current.resize(slot + 1, kHome);
    state_.since.resize(slot + 1, day_);
    state_.registered.resize(slot + 1, kHome);
  }
  if (state_.current[slot] != code) {
    state_.current[slot] = code;
    state_.since[slot] = day_;
  }
  const bool settled = static_cast<double>(day_ - state_.since[slot]) >= params_.lag_days;
  // A status held long enough is registered (a return home is not: that waits for a verification).
  if (code != kHome && settled) state_.registered[slot] = code;
  if (verifying_ && state_.registered[slot] != code) state_.registered[slot] = settled ? code : kHome;
}

}  // namespace peacesim::mechanisms::displacement
