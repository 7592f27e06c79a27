// The API (api.hpp) over HTTP, built so that no client can starve it (docs/web-api.md, "Safety").
//
// One thread, the connection loop, does every socket read and write without blocking (poll): it
// accepts connections, collects each request until its head is whole, and sends each answer. Only
// then does a worker turn the request into its answer (http_exchange.hpp: cpp-httplib's parser and
// writer, in memory). So a slow client costs a connection slot, never a worker, and every request
// has a total deadline, not only one per read. Expensive answers not yet cached (api.hpp) go to
// workers of their own, so they never hold every worker while cheap requests wait.
//
// Connections are bounded in all and per client address; when all slots are taken, the connection
// that has waited longest for its request is dropped for the new one. Anything but GET/HEAD is 405,
// request bodies are never read (over 64 KiB: 413), and the Host header must name this machine.
#pragma once

#include <chrono>
#include <cstddef>
#include <memory>
#include <string>
#include <vector>

#include "web/api.hpp"
#include "web/http_exchange.hpp"

namespace peacesim::web {

struct ServerLimits {
  // From a connection's start, or its previous answer, to the end of the next request's head: a
  // client that has not sent a whole request by then gets 408 and is closed.
  std::chrono::milliseconds request_deadline{10'000};
  std::chrono::milliseconds answer_deadline{30'000};  // to send a whole answer
  std::chrono::milliseconds linger{2'000};  // reading what a client still sends after the last answer
  std::size_t max_connections = 256;
  std::size_t max_connections_per_client = 64;  // by address
  std::size_t max_head_bytes = 32 * 1024;       // request line and headers; over it, 431
  std::size_t max_requests_per_connection = 100;
  unsigned cheap_workers = 6;
  unsigned expensive_workers = 2;
};

struct ServerOptions {
  ServerLimits limits;
  std::vector<std::string> allowed_hosts;  // names answered besides this machine's (`--allow-host`)
};

class Server {
 public:
  explicit Server(const Api& api, ServerOptions options = {});
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds; port 0 picks a free one. Returns the port, or -1 with error() saying why (a port in use
  // is never shared with another server).
  int bind(const std::string& host, int port);
  [[nodiscard]] const std::string& error() const;
  // Whether the bound address is reachable from this machine only (127.0.0.0/8, ::1).
  [[nodiscard]] bool loopback_only() const;
  // Serves until stop() (from another thread, or a signal handler's watcher).
  void listen();
  void stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace peacesim::web
