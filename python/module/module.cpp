// `import peacesim`'s compiled part, `peacesim._peacesim`: the option structures and the commands of
// the command line (src/cli/commands.hpp), run with the interpreter's lock released. The Python
// package (python/peacesim) gives them keyword arguments and reads back what they write.
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>
#include <pybind11/stl/filesystem.h>

#include <cstdio>
#include <utility>

#include "cli/commands.hpp"
#include "cli/prepared_run.hpp"
#include "errors.hpp"
#include "peacesim/version.hpp"
#include "signals.hpp"

namespace py = pybind11;
namespace cli = peacesim::cli;

namespace {

// Runs a command as the command line would: without the lock (other Python threads go on), with
// Ctrl-C stopping it after its step, and its printed lines flushed before Python prints again.
template <class Command>
auto unlocked(Command command) {
  peacesim::python::KeepSignalHandlers keep;
  py::gil_scoped_release release;
  struct Flush {
    ~Flush() {
      std::fflush(stdout);
      std::fflush(stderr);
    }
  } flush;
  return command();
}

void bind_options(py::module_& m) {
  py::class_<cli::ScenarioOptions>(m, "ScenarioOptions")
      .def(py::init<>())
      .def_readwrite("scenario", &cli::ScenarioOptions::scenario)
      .def_readwrite("overrides", &cli::ScenarioOptions::overrides)
      .def_readwrite("seed", &cli::ScenarioOptions::seed)
      .def_readwrite("scale", &cli::ScenarioOptions::scale);
  py::class_<cli::RunOptions>(m, "RunOptions")
      .def(py::init<>())
      .def_readwrite("input", &cli::RunOptions::input)
      .def_readwrite("out", &cli::RunOptions::out)
      .def_readwrite("threads", &cli::RunOptions::threads)
      .def_readwrite("checkpoint_seconds", &cli::RunOptions::checkpoint_seconds)
      .def_readwrite("checkpoint_days", &cli::RunOptions::checkpoint_days)
      .def_readwrite("quiet", &cli::RunOptions::quiet);
  py::class_<cli::EnsembleOptions>(m, "EnsembleOptions")
      .def(py::init<>())
      .def_readwrite("input", &cli::EnsembleOptions::input)
      .def_readwrite("runs", &cli::EnsembleOptions::runs)
      .def_readwrite("first_seed", &cli::EnsembleOptions::first_seed)
      .def_readwrite("threads", &cli::EnsembleOptions::threads)
      .def_readwrite("out", &cli::EnsembleOptions::out)
      .def_readwrite("posterior", &cli::EnsembleOptions::posterior)
      .def_readwrite("member", &cli::EnsembleOptions::member)
      .def_readwrite("quiet", &cli::EnsembleOptions::quiet);
  py::class_<cli::CompareOptions>(m, "CompareOptions")
      .def(py::init<>())
      .def_readwrite("base", &cli::CompareOptions::base)
      .def_readwrite("variant", &cli::CompareOptions::variant)
      .def_readwrite("variant_overrides", &cli::CompareOptions::variant_overrides)
      .def_readwrite("runs", &cli::CompareOptions::runs)
      .def_readwrite("first_seed", &cli::CompareOptions::first_seed)
      .def_readwrite("independent", &cli::CompareOptions::independent)
      .def_readwrite("threads", &cli::CompareOptions::threads)
      .def_readwrite("outcomes", &cli::CompareOptions::outcomes)
      .def_readwrite("out", &cli::CompareOptions::out)
      .def_readwrite("posterior", &cli::CompareOptions::posterior)
      .def_readwrite("quiet", &cli::CompareOptions::quiet);
  py::class_<cli::ValidateOptions>(m, "ValidateOptions")
      .def(py::init<>())
      .def_readwrite("runs", &cli::ValidateOptions::runs)
      .def_readwrite("observed", &cli::ValidateOptions::observed)
      .def_readwrite("start", &cli::ValidateOptions::from)
      .def_readwrite("end", &cli::ValidateOptions::to)
      .def_readwrite("baseline", &cli::ValidateOptions::baseline)
      .def_readwrite("out", &cli::ValidateOptions::out)
      .def_readwrite("quiet", &cli::ValidateOptions::quiet);
  py::class_<cli::BacktestOptions>(m, "BacktestOptions")
      .def(py::init<>())
      .def_readwrite("input", &cli::BacktestOptions::input)
      .def_readwrite("origins", &cli::BacktestOptions::origins)
      .def_readwrite("observed", &cli::BacktestOptions::observed)
      .def_readwrite("runs", &cli::BacktestOptions::runs)
      .def_readwrite("first_seed", &cli::BacktestOptions::first_seed)
      .def_readwrite("no_fit", &cli::BacktestOptions::no_fit)
      .def_readwrite("simulate_through", &cli::BacktestOptions::simulate_through)
      .def_readwrite("params", &cli::BacktestOptions::params)
      .def_readwrite("fit_from", &cli::BacktestOptions::fit_from)
      .def_readwrite("budget", &cli::BacktestOptions::budget)
      .def_readwrite("fit_runs", &cli::BacktestOptions::fit_runs)
      .def_readwrite("recheck", &cli::BacktestOptions::recheck)
      .def_readwrite("recheck_runs", &cli::BacktestOptions::recheck_runs)
      .def_readwrite("algorithm", &cli::BacktestOptions::algorithm)
      .def_readwrite("nb_paths", &cli::BacktestOptions::nb_paths)
      .def_readwrite("resample", &cli::BacktestOptions::resample)
      .def_readwrite("posteriors", &cli::BacktestOptions::posteriors)
      .def_readwrite("threads", &cli::BacktestOptions::threads)
      .def_readwrite("out", &cli::BacktestOptions::out)
      .def_readwrite("quiet", &cli::BacktestOptions::quiet);
}

peacesim::models::DescribeFormat describe_format(const std::string& name) {
  if (name == "text") return peacesim::models::DescribeFormat::Text;
  if (name == "markdown") return peacesim::models::DescribeFormat::Markdown;
  if (name == "json") return peacesim::models::DescribeFormat::Json;
  throw py::value_error("describe: format must be 'text', 'markdown' or 'json', not '" + name + "'");
}

void bind_commands(py::module_& m) {
  m.def("check",
        [](const cli::ScenarioOptions& o) { return unlocked([&] { return cli::check_scenario(o); }); });
  m.def("describe", [](const cli::ScenarioOptions& o, const std::string& format) {
    const auto f = describe_format(format);
    return unlocked([&] { return cli::describe_scenario(o, f); });
  });
  m.def("run", [](const cli::RunOptions& o) {
    const auto outcome = unlocked([&] { return cli::run_scenario(o); });
    return std::make_pair(outcome.code, outcome.folder);
  });
  m.def("ensemble", [](const cli::EnsembleOptions& o) {
    const auto outcome = unlocked([&] { return cli::run_ensemble(o); });
    return std::make_pair(outcome.code, outcome.folder);
  });
  m.def("compare",
        [](const cli::CompareOptions& o) { return unlocked([&] { return cli::compare_command(o); }); });
  m.def("validate",
        [](const cli::ValidateOptions& o) { return unlocked([&] { return cli::validate_command(o); }); });
  m.def("backtest",
        [](const cli::BacktestOptions& o) { return unlocked([&] { return cli::backtest_command(o); }); });
  m.def("expand_parameter_shorthand", [](std::vector<std::string> overrides) {
    cli::expand_parameter_shorthand(overrides);
    return overrides;
  });
}

}  // namespace

PYBIND11_MODULE(_peacesim, m) {
  m.doc() = "peacesim's compiled commands; use the package `peacesim` instead (docs/python.md).";
  m.attr("version") = peacesim::kVersion;
  m.attr("git_commit") = peacesim::kGitCommit;
  peacesim::python::register_errors(m);
  bind_options(m);
  bind_commands(m);
}
