// Which Host headers the server answers: its defence against DNS rebinding, where a page of another
// site makes its own name resolve to 127.0.0.1 and then reads the API as if it were that site. Such
// a request carries the other site's name in Host, so only names of this machine are accepted:
// localhost, loopback addresses (127.0.0.0/8, ::1), the address the server is bound to, and the
// names the user allows (`serve --allow-host`). A request without Host is answered: it does not
// come from a browser, and a rebinding page always runs in one.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace peacesim::web {

class HostCheck {
 public:
  HostCheck() = default;
  // `bound` is the --host the server listens on; `allowed` the names given with --allow-host.
  HostCheck(const std::string& bound, const std::vector<std::string>& allowed);

  // Whether a Host header's value (a name or an address, then an optional ":port") is accepted.
  [[nodiscard]] bool allows(std::string_view host_header) const;

 private:
  std::vector<std::string> names_;  // lower case, without brackets
};

// The name in a Host header's value: lower case, without the port, without the brackets of an IPv6
// address or a final dot; empty if the value is malformed.
std::string host_name(std::string_view host_header);
// The same for a name given on the command line, where an IPv6 address may come without brackets.
std::string given_host_name(const std::string& given);

}  // namespace peacesim::web
