// A command run from Python takes over Ctrl-C and SIGTERM (so that a run stops after its step and
// keeps its checkpoint, as on the command line); the interpreter's own handlers come back after it.
#pragma once

#include <csignal>

namespace peacesim::python {

class KeepSignalHandlers {
 public:
  KeepSignalHandlers();
  ~KeepSignalHandlers();
  KeepSignalHandlers(const KeepSignalHandlers&) = delete;
  KeepSignalHandlers& operator=(const KeepSignalHandlers&) = delete;

 private:
  struct sigaction interrupt_ {
  }, terminate_{};
};

}  // namespace peacesim::python
