// One HTTP request, already received, turned into the bytes of its answer. cpp-httplib parses the
// request and writes the answer, reading from and writing to memory: the server's connection loop
// (server.cpp) does all the socket I/O, so no worker ever waits on a client. Before the API sees a
// request, a guard checks its Host header (host_check.hpp) and its body (the API takes none).
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

#include "web/api.hpp"
#include "web/host_check.hpp"

namespace peacesim::web {

inline constexpr std::size_t kMaxRequestBody = 64 * 1024;  // bytes: the API takes no bodies at all

// The two groups of workers: expensive answers not yet cached go to their own, so that they
// never hold every worker while cheap requests wait.
enum class Lane { Cheap, Expensive };

struct Peer {
  std::string address;  // the client's
  int port = 0;
  std::string local_address;  // the server's side of the connection
  int local_port = 0;
};

struct Exchange {
  std::string answer;        // the bytes to send (empty if deferred, or if nothing is to be sent)
  std::size_t consumed = 0;  // bytes of the input that this request took
  bool close = false;        // close the connection after the answer
  bool deferred = false;     // an expensive request met on the cheap lane: nothing was done
};

class HttpHandler {
 public:
  // `keep_alive_seconds` and `max_requests` are only announced (Keep-Alive header): the server
  // enforces them.
  HttpHandler(const Api& api, HostCheck hosts, int keep_alive_seconds, std::size_t max_requests);
  ~HttpHandler();
  HttpHandler(const HttpHandler&) = delete;
  HttpHandler& operator=(const HttpHandler&) = delete;

  // `input` holds a request (a whole head, see request_head.hpp, for the connection loop; any
  // bytes for the fuzz target). `last` says the connection closes after this answer. Safe to call
  // from several threads at once.
  [[nodiscard]] Exchange handle(std::string_view input, const Peer& peer, bool last, Lane lane) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace peacesim::web
