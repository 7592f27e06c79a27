// The command line's errors as Python exceptions, with the same located messages:
// peacesim.ScenarioError (a ValueError, with .file, .line, .column and .field), peacesim.InputError
// (a ValueError: observed files, run folders, posteriors) and peacesim.OutputError (an OSError).
#pragma once

#include <pybind11/pybind11.h>

namespace peacesim::python {

void register_errors(pybind11::module_& m);

}  // namespace peacesim::python
