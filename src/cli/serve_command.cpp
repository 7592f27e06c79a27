// `peacesim serve RUN... [--observed FILE...]`: the dashboard and its read-only JSON API over the
// given run and ensemble folders (src/web, docs/web-api.md, docs/dashboard.md) on 127.0.0.1 until
// Ctrl-C.
#include <fmt/format.h>

#include <chrono>
#include <thread>

#include "cli/commands.hpp"
#include "cli/dashboard_input.hpp"
#include "cli/exit_codes.hpp"
#include "cli/interrupt.hpp"
#include "web/server.hpp"

namespace peacesim::cli {

int serve_command(const ServeOptions& options) {
  const std::unique_ptr<web::Api> api = open_dashboard(options.input);
  if (!api) return kBadInput;
  web::Server server(*api);
  const int port = server.bind(options.host, options.port);
  if (port < 0) {
    fmt::print(stderr, "peacesim: cannot listen on {}:{} (in use, or not an address of this machine)\n",
               options.host, options.port);
    return kOutputError;
  }
  const auto& stop = install_interrupt_handlers();
  std::thread watcher([&] {
    while (!stop) std::this_thread::sleep_for(std::chrono::milliseconds(100));
    server.stop();
  });
  if (!options.quiet) {
    fmt::print(
        "peacesim serving {} run store(s), read-only: the dashboard at http://{}:{}/ and the API at "
        "/api (Ctrl-C to stop)\n",
        api->sources().size(), options.host, port);
    std::fflush(stdout);
  }
  server.listen();
  watcher.join();
  return kOk;
}

}  // namespace peacesim::cli
