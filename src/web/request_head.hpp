// What the server's connection loop needs to know of a request before cpp-httplib parses it: where
// its head (request line and header lines) ends, and whether it announces a body. Conservative on
// purpose: cpp-httplib's own parse is the one that answers, these only decide when a request is
// complete enough to hand to a worker and whether its connection must close after the answer.
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>

namespace peacesim::web {

// The length of the head at the start of `received` (through the empty line that ends it, "\r\n"
// after a line's "\n", as cpp-httplib reads it), or nullopt if it has not all arrived.
std::optional<std::size_t> head_length(std::string_view received);

// Whether a head announces a body: a Content-Length other than 0, or any Transfer-Encoding
// (header names in any case).
bool announces_body(std::string_view head);

}  // namespace peacesim::web
