#include "cli/interrupt.hpp"

#include <csignal>

namespace peacesim::cli {

namespace {
std::atomic<bool> g_stop{false};

extern "C" void on_signal(int signal) {
  if (g_stop.exchange(true)) {
    std::signal(signal, SIG_DFL);
    std::raise(signal);
  }
}
}  // namespace

const std::atomic<bool>& install_interrupt_handlers() {
  g_stop.store(false);  // a new command (from Python, several in one process) starts unstopped
  std::signal(SIGINT, on_signal);
  std::signal(SIGTERM, on_signal);
  return g_stop;
}

}  // namespace peacesim::cli
