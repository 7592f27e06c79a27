// The server's listening socket: bound without sharing its port (a second `serve` on a port in use
// fails instead of splitting the requests with the first), and what the banner says about it.
#pragma once

#include <string>

namespace peacesim::web {

struct Listener {
  int fd = -1;            // non-blocking, close-on-exec; -1 if it could not be bound
  int port = 0;           // the port bound (the one picked, for port 0)
  bool loopback = false;  // reachable only from this machine (127.0.0.0/8, ::1)
  std::string error;      // why it could not be bound
};

// Binds and listens on host:port (a name or an address; port 0 picks a free one). SO_REUSEADDR is
// set, so a server can restart while the last one's connections linger in TIME_WAIT, but never
// SO_REUSEPORT: on Linux, two sockets can then not listen on one port.
Listener listen_on(const std::string& host, int port);

// The address to open in a browser for a server bound to host:port: an IPv6 address in brackets,
// and this machine's loopback address for a wildcard (0.0.0.0 or ::).
std::string browse_url(const std::string& host, int port);

}  // namespace peacesim::web
