// Ctrl-C and SIGTERM ask the run to stop at the end of the current step; the run then writes
// nothing and the command exits with code 130. A second Ctrl-C kills the process at once.
#pragma once

#include <atomic>

namespace peacesim::cli {

const std::atomic<bool>& install_interrupt_handlers();

}  // namespace peacesim::cli
