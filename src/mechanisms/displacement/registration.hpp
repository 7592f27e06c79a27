// M7's registration layer: what the agencies count, as against who is displaced. UNHCR registers
// refugees and a national commission (or IOM's tracking) counts IDPs with a delay; people
// who leave and come back within that delay are never counted; people who go home or move on stay
// on the books until the next verification exercise takes them off. The model's compared stocks
// are these registered ones; the simulated ones stay available beside them.
//
// Each displaced person (one displacement slot) has a status: 0 at home or dead, 1 internally
// displaced, 2 + c a refugee in country c. A status held for lag_days is registered (replacing
// any registration before: one book, a simplification). Every verification_days from the first
// day the registrations that no longer match a status held for lag_days are struck off (0: at
// every update, so that with lag 0 the books follow the simulation). Updated weekly (with the
// flight mechanism's bookkeeping), so lags and verification dates have a week's resolution.
#pragma once

#include <cstdint>
#include <vector>

#include "engine/fields.hpp"

namespace peacesim::mechanisms::displacement {

struct RegistrationParams {
  double lag_days = 0.0;           // days a status is held before it is registered
  double verification_days = 0.0;  // days between verification exercises (0: continuous)
};

class Registration {
 public:
  static constexpr std::uint8_t kHome = 0;
  static constexpr std::uint8_t kInternal = 1;
  static constexpr std::uint8_t kAbroad = 2;  // + the country's index

  explicit Registration(RegistrationParams params) : params_(params) {}

  // Whether the books differ from the simulation at all (else callers use the simulated stocks).
  [[nodiscard]] bool active() const { return params_.lag_days > 0.0 || params_.verification_days > 0.0; }

  // One update of every slot: begin(day), then status(slot, code) for slots 0, 1, ... in order.
  void begin(std::uint32_t day);
  void status(std::size_t slot, std::uint8_t code);

  // The registered status of a slot (kHome: not on the books).
  [[nodiscard]] std::uint8_t registered(std::size_t slot) const {
    return slot < state_.registered.size() ? state_.registered[slot] : kHome;
  }
  [[nodiscard]] std::size_t slots() const { return state_.registered.size(); }

  struct State {
    std::vector<std::uint8_t> current;     // by slot: the status now
    std::vector<std::uint32_t> since;      // by slot: the day it began
    std::vector<std::uint8_t> registered;  // by slot: the status on the books
    std::uint32_t last_verification = 0;
    bool operator==(const State&) const = default;
    template <class Archive>
    void serialize(Archive& a) {
      engine::archive_fields(a, *this);
    }
  };
  [[nodiscard]] State& state() { return state_; }

 private:
  RegistrationParams params_;
  State state_;
  std::uint32_t day_ = 0;
  bool verifying_ = false;
};

}  // namespace peacesim::mechanisms::displacement
