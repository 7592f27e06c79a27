#include "cli/dashboard_input.hpp"

#include <fmt/format.h>

#include "cli/backtest_report_file.hpp"
#include "cli/observed_files.hpp"
#include "scenario/error.hpp"
#include "web/dashboard_page.hpp"

namespace peacesim::cli {

namespace {
std::unique_ptr<web::Api> open_or_throw(const DashboardInput& input) {
  std::optional<web::ValidationInput> validation;
  if (!input.observed.empty()) {
    const auto [from, to] =
        window_options(input.from, "--from", input.to, "--to", default_window_of_runs(input.runs));
    validation = web::ValidationInput{
        load_observed(input.observed, from, to, observed_scope_of_runs(input.runs)), from, to};
  }
  auto api = std::make_unique<web::Api>(web::open_sources(input.runs), std::move(validation));
  if (!input.backtest.empty()) api->set_backtest(read_backtest_report(input.backtest));
  api->set_page(web::dashboard_page());
  return api;
}
}  // namespace

std::unique_ptr<web::Api> open_dashboard(const DashboardInput& input) {
  try {
    return open_or_throw(input);
  } catch (const std::runtime_error& e) {  // ScenarioError and validation::InputError among them
    fmt::print(stderr, "peacesim: error: {}\n", e.what());
    return nullptr;
  }
}

}  // namespace peacesim::cli
