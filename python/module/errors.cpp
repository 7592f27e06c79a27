#include "errors.hpp"

#include "output/output_error.hpp"
#include "scenario/error.hpp"
#include "validation/observed.hpp"

namespace py = pybind11;

namespace peacesim::python {

namespace {
// Owned by the module for the interpreter's life (pybind11's idiom for exception types).
PyObject* g_scenario_error = nullptr;
PyObject* g_input_error = nullptr;
PyObject* g_output_error = nullptr;

PyObject* new_exception_type(py::module_& m, const char* name, PyObject* base, const char* doc) {
  const std::string qualified = std::string("peacesim.") + name;
  PyObject* type = PyErr_NewExceptionWithDoc(qualified.c_str(), doc, base, nullptr);
  if (type == nullptr) throw py::error_already_set();
  m.add_object(name, py::reinterpret_borrow<py::object>(type));
  return type;
}

void raise_scenario_error(const scenario::ScenarioError& e) {
  py::object error = py::reinterpret_borrow<py::object>(g_scenario_error)(e.what());
  error.attr("file") = e.where().file;
  error.attr("line") = e.where().line;
  error.attr("column") = e.where().column;
  error.attr("field") = e.field();
  error.attr("problem") = e.message();
  PyErr_SetObject(g_scenario_error, error.ptr());
}
}  // namespace

void register_errors(py::module_& m) {
  g_scenario_error = new_exception_type(
      m, "ScenarioError", PyExc_ValueError,
      "Bad scenario input: str(e) is the command line's message; e.file, e.line, e.column and e.field "
      "say where (line and column 0 when unknown), e.problem what is wrong.");
  g_input_error = new_exception_type(m, "InputError", PyExc_ValueError,
                                     "A bad observed file, run folder or posterior, with its message.");
  g_output_error = new_exception_type(m, "OutputError", PyExc_OSError,
                                      "Results could not be written (folder taken, permission, disk full).");
  py::register_exception_translator([](std::exception_ptr p) {
    try {
      if (p) std::rethrow_exception(p);
    } catch (const scenario::ScenarioError& e) {
      raise_scenario_error(e);
    } catch (const validation::InputError& e) {
      PyErr_SetString(g_input_error, e.what());
    } catch (const output::OutputError& e) {
      PyErr_SetString(g_output_error, e.what());
    }
  });
}

}  // namespace peacesim::python
