#include "web/listener.hpp"

#include <netdb.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace peacesim::web {

namespace {
std::string why_not(int err) {
  switch (err) {
    case EADDRINUSE:
      return "the port is in use (another server?)";
    case EADDRNOTAVAIL:
      return "not an address of this machine";
    case EACCES:
      return "permission denied (ports under 1024 need privileges)";
    default:
      return std::strerror(err);
  }
}

bool is_loopback(const sockaddr_storage& addr) {
  if (addr.ss_family == AF_INET) {
    const auto& v4 = reinterpret_cast<const sockaddr_in&>(addr);
    return (ntohl(v4.sin_addr.s_addr) >> 24) == 127;
  }
  if (addr.ss_family == AF_INET6) {
    const auto& v6 = reinterpret_cast<const sockaddr_in6&>(addr).sin6_addr;
    return IN6_IS_ADDR_LOOPBACK(&v6) || (IN6_IS_ADDR_V4MAPPED(&v6) && v6.s6_addr[12] == 127);
  }
  return false;
}

int port_of(const sockaddr_storage& addr) {
  if (addr.ss_family == AF_INET) return ntohs(reinterpret_cast<const sockaddr_in&>(addr).sin_port);
  if (addr.ss_family == AF_INET6) return ntohs(reinterpret_cast<const sockaddr_in6&>(addr).sin6_port);
  return 0;
}
}  // namespace

Listener listen_on(const std::string& host, int port) {
  Listener out;
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV;
  addrinfo* found = nullptr;
  const std::string service = std::to_string(port);
  if (const int err = ::getaddrinfo(host.empty() ? nullptr : host.c_str(), service.c_str(), &hints, &found)) {
    out.error = std::string("not an address or a name of this machine (") + ::gai_strerror(err) + ")";
    return out;
  }
  int last_error = EADDRNOTAVAIL;
  for (const addrinfo* a = found; a != nullptr && out.fd < 0; a = a->ai_next) {
    const int fd = ::socket(a->ai_family, a->ai_socktype | SOCK_NONBLOCK | SOCK_CLOEXEC, a->ai_protocol);
    if (fd < 0) {
      last_error = errno;
      continue;
    }
    const int on = 1, off = 0;
    ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on);
    // "::" takes IPv4 too, as one would expect of "every address".
    if (a->ai_family == AF_INET6) ::setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &off, sizeof off);
    if (::bind(fd, a->ai_addr, a->ai_addrlen) != 0 || ::listen(fd, SOMAXCONN) != 0) {
      last_error = errno;
      ::close(fd);
      continue;
    }
    sockaddr_storage bound{};
    socklen_t length = sizeof bound;
    ::getsockname(fd, reinterpret_cast<sockaddr*>(&bound), &length);
    out.fd = fd;
    out.port = port_of(bound);
    out.loopback = is_loopback(bound);
  }
  ::freeaddrinfo(found);
  if (out.fd < 0) out.error = why_not(last_error);
  return out;
}

std::string browse_url(const std::string& host, int port) {
  std::string name = host;
  if (name.empty() || name == "0.0.0.0") {
    name = "127.0.0.1";
  } else if (name == "::" || name == "[::]") {
    name = "[::1]";
  } else if (name.find(':') != std::string::npos && name.front() != '[') {
    name = "[" + name + "]";
  }
  return "http://" + name + ":" + std::to_string(port) + "/";
}

}  // namespace peacesim::web
