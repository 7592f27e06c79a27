// A failure to write results (unwritable folder, disk full, existing output in the way).
#pragma once

#include <stdexcept>

namespace peacesim::output {

class OutputError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace peacesim::output
