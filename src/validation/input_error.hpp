// What validation's readers throw for a file they cannot use: the message names the file, its line
// and column, and what is wrong.
#pragma once

#include <stdexcept>

namespace peacesim::validation {

class InputError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace peacesim::validation
