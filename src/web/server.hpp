// The API (api.hpp) behind HTTP with cpp-httplib: bound to 127.0.0.1 by default, every method
// routed to the read-only API (so anything but GET/HEAD is 405), request bodies and URIs bounded.
#pragma once

#include <atomic>
#include <functional>
#include <memory>
#include <string>

#include "web/api.hpp"

namespace peacesim::web {

inline constexpr std::size_t kMaxRequestBody = 64 * 1024;  // bytes: the API takes no bodies at all

class Server {
 public:
  explicit Server(const Api& api);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds; port 0 picks a free one. Returns the port, or -1 if the address cannot be bound.
  int bind(const std::string& host, int port);
  // Serves until stop() (from another thread, or a signal handler's watcher).
  void listen();
  void stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace peacesim::web
