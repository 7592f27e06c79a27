#include "signals.hpp"

namespace peacesim::python {

KeepSignalHandlers::KeepSignalHandlers() {
  sigaction(SIGINT, nullptr, &interrupt_);
  sigaction(SIGTERM, nullptr, &terminate_);
}

KeepSignalHandlers::~KeepSignalHandlers() {
  sigaction(SIGINT, &interrupt_, nullptr);
  sigaction(SIGTERM, &terminate_, nullptr);
}

}  // namespace peacesim::python
