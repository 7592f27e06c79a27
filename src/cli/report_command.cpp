// `peacesim report RUN... --out report.html [--observed FILE...]`: the dashboard of the given runs
// as one self-contained HTML file (web/report.hpp), written atomically.
#include <fmt/format.h>

#include "cli/commands.hpp"
#include "cli/dashboard_input.hpp"
#include "cli/exit_codes.hpp"
#include "cli/json_file.hpp"
#include "web/dashboard_page.hpp"
#include "web/report.hpp"

namespace peacesim::cli {

int report_command(const ReportOptions& options) {
  check_output_file(options.out);
  const std::unique_ptr<web::Api> api = open_dashboard(options.input);
  if (!api) return kBadInput;
  const std::string html = web::report_html(*api, web::dashboard_page());
  write_text_atomically(options.out, html);
  if (!options.quiet) {
    fmt::print(
        "Report of {} run store(s) in {} ({:.1f} MB, self-contained: open it in any browser, offline)\n",
        api->sources().size(), options.out, static_cast<double>(html.size()) / 1e6);
  }
  return kOk;
}

}  // namespace peacesim::cli
