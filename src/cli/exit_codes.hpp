// The exit codes of `peacesim`, documented in `peacesim --help` and docs/cli.md.
#pragma once

namespace peacesim::cli {

enum ExitCode : int {
  kOk = 0,
  kInternalError = 1,  // a bug: please report it
  kBadInput = 2,       // the scenario or the command line is wrong; the message says where
  kOutputError = 3,    // results could not be written (folder exists, permission, disk full)
  kInterrupted = 130,  // stopped by Ctrl-C or SIGTERM: no partial results; a run leaves its checkpoint,
                       // an ensemble or sweep its finished members or points, to resume from
};

}  // namespace peacesim::cli
