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
#include "web/host_check.hpp"
#include "web/listener.hpp"
#include "web/server.hpp"

namespace peacesim::cli {

int serve_command(const ServeOptions& options) {
  for (const auto& name : options.allowed_hosts) {
    if (web::given_host_name(name).empty()) {
      fmt::print(stderr,
                 "peacesim: error: <command line>: --allow-host: '{}' is not a host name or address\n", name);
      return kBadInput;
    }
  }
  const std::unique_ptr<web::Api> api = open_dashboard(options.input);
  if (!api) return kBadInput;
  web::Server server(*api, web::ServerOptions{{}, options.allowed_hosts});
  const int port = server.bind(options.host, options.port);
  if (port < 0) {
    fmt::print(stderr, "peacesim: cannot listen on {}:{}: {}\n", options.host, options.port, server.error());
    return kOutputError;
  }
  if (!server.loopback_only()) {
    // Said even with --quiet: the API has no authentication.
    fmt::print(stderr,
               "peacesim: warning: listening on {0}, reachable from other machines: anyone who can reach "
               "this port can read these runs (the API has no authentication). Requests that name this "
               "server otherwise than localhost, a loopback address or {0} are refused (403) unless the "
               "name is given with --allow-host NAME.\n",
               options.host);
  }
  const auto& stop = install_interrupt_handlers();
  std::thread watcher([&] {
    while (!stop) std::this_thread::sleep_for(std::chrono::milliseconds(100));
    server.stop();
  });
  if (!options.quiet) {
    fmt::print(
        "peacesim serving {} run store(s), read-only: the dashboard at {} and the API at /api (Ctrl-C to "
        "stop)\n",
        api->sources().size(), web::browse_url(options.host, port));
    std::fflush(stdout);
  }
  server.listen();
  watcher.join();
  return kOk;
}

}  // namespace peacesim::cli
