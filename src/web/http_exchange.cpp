#include "web/http_exchange.hpp"

#include <httplib.h>

#include <algorithm>
#include <cstring>
#include <nlohmann/json.hpp>

#include "web/request_head.hpp"

namespace peacesim::web {

namespace {

// cpp-httplib's request parser and answer writer, used without its sockets or threads: its
// process_request reads one request from a Stream and writes the answer to it.
class Parser : public httplib::Server {
 public:
  using httplib::Server::process_request;
};

// A request in memory, its answer into memory. Reading past the input is the end of the stream.
class MemoryStream final : public httplib::Stream {
 public:
  MemoryStream(std::string_view input, const Peer& peer) : input_(input), peer_(peer) {}
  using httplib::Stream::write;

  bool is_readable() const override { return read_ < input_.size(); }
  bool is_writable() const override { return true; }
  ssize_t read(char* ptr, size_t size) override {
    const std::size_t n = std::min(size, input_.size() - read_);
    std::memcpy(ptr, input_.data() + read_, n);
    read_ += n;
    return static_cast<ssize_t>(n);
  }
  ssize_t write(const char* ptr, size_t size) override {
    output_.append(ptr, size);
    return static_cast<ssize_t>(size);
  }
  void get_remote_ip_and_port(std::string& ip, int& port) const override {
    ip = peer_.address;
    port = peer_.port;
  }
  void get_local_ip_and_port(std::string& ip, int& port) const override {
    ip = peer_.local_address;
    port = peer_.local_port;
  }
  // No socket: cpp-httplib compares it with FD_SETSIZE (for select), which -1 always passes.
  socket_t socket() const override { return INVALID_SOCKET; }

  [[nodiscard]] std::size_t consumed() const { return read_; }
  std::string take_output() { return std::move(output_); }

 private:
  std::string_view input_;
  std::size_t read_ = 0;
  const Peer& peer_;
  std::string output_;
};

// What the guard and the logger learn about the request being handled on this thread: cpp-httplib's
// handlers take no context of their own, and each request is handled on one thread from start to end.
struct CallState {
  Lane lane = Lane::Cheap;
  bool deferred = false;
  bool close = false;
  int status = 0;
};
thread_local CallState* current = nullptr;

void answer_json(httplib::Response& res, int status, const std::string& message) {
  res.status = status;
  res.set_content(
      nlohmann::json{{"error", message}}.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace),
      "application/json");
}

// Statuses after which what follows on the connection cannot be trusted to be a request.
bool ends_the_connection(int status) {
  return status == 400 || status == 411 || status == 413 || status == 414 || status == 416;
}

// What cpp-httplib's own refusals mean, for their JSON error.
std::string meaning(int status) {
  switch (status) {
    case 400:
      return "bad request: not a request this server can parse";
    case 414:
      return "URI over 8 KiB";
    case 416:
      return "range not satisfiable";
    case 500:
      return "internal error: please report it";
    default:
      return "request refused (HTTP " + std::to_string(status) + ")";
  }
}

std::string shortened(std::string s) {
  if (s.size() > 100) s = s.substr(0, 100) + "...";
  return s;
}

}  // namespace

struct HttpHandler::Impl {
  const Api& api;
  HostCheck hosts;
  Parser parser;

  Impl(const Api& a, HostCheck h) : api(a), hosts(std::move(h)) {}

  // Everything a request meets before the API, then the API. Always "handled": cpp-httplib never
  // reads a body or looks for files.
  httplib::Server::HandlerResponse guard(const httplib::Request& req, httplib::Response& res) const {
    CallState& state = *current;
    res.set_header("X-Content-Type-Options", "nosniff");
    if (req.get_header_value_count("Host") > 1) {
      answer_json(res, 400, "more than one Host header");
      return httplib::Server::HandlerResponse::Handled;
    }
    if (req.has_header("Host") && !hosts.allows(req.get_header_value("Host"))) {
      answer_json(res, 403,
                  "Host '" + shortened(req.get_header_value("Host")) +
                      "' is not a name of this server (a page of another site whose name now leads here?); "
                      "start serve with --allow-host NAME to answer it");
      return httplib::Server::HandlerResponse::Handled;
    }
    if (req.has_header("Transfer-Encoding")) {
      state.close = true;
      answer_json(
          res, 411,
          "the API takes no request body, and one of unknown length (Transfer-Encoding) least of all");
      return httplib::Server::HandlerResponse::Handled;
    }
    if (req.has_header("Content-Length")) {
      const std::string length = req.get_header_value("Content-Length");
      const bool number =
          !length.empty() && length.size() <= 18 &&
          std::all_of(length.begin(), length.end(), [](char c) { return c >= '0' && c <= '9'; });
      if (!number) {
        state.close = true;
        answer_json(res, 400, "Content-Length: not a number");
        return httplib::Server::HandlerResponse::Handled;
      }
      if (std::stoull(length) > kMaxRequestBody) {
        state.close = true;
        answer_json(res, 413, "request body over " + std::to_string(kMaxRequestBody) + " bytes");
        return httplib::Server::HandlerResponse::Handled;
      }
      // A body is never read: the connection closes after the answer, so it is never taken for a request.
      if (std::stoull(length) > 0) state.close = true;
    }
    Request r;
    r.method = req.method;
    r.path = req.path;  // already percent-decoded by httplib
    for (const auto& [k, v] : req.params) r.query[k] = v;
    if (state.lane == Lane::Cheap && api.is_expensive(r)) {
      state.deferred = true;
      return httplib::Server::HandlerResponse::Handled;
    }
    const Response out = api.handle(r);
    res.status = out.status;
    res.set_content(out.body, out.content_type);
    return httplib::Server::HandlerResponse::Handled;
  }
};

HttpHandler::HttpHandler(const Api& api, HostCheck hosts, int keep_alive_seconds, std::size_t max_requests)
    : impl_(std::make_unique<Impl>(api, std::move(hosts))) {
  auto& parser = impl_->parser;
  parser.set_keep_alive_timeout(keep_alive_seconds);
  parser.set_keep_alive_max_count(max_requests);
  parser.set_pre_routing_handler([impl = impl_.get()](const httplib::Request& req, httplib::Response& res) {
    return impl->guard(req, res);
  });
  // cpp-httplib's own refusals (a malformed request, a URI over 8 KiB, a bad Range) come without a
  // body: give them the API's JSON error too.
  parser.set_error_handler(
      httplib::Server::HandlerWithResponse([](const httplib::Request&, httplib::Response& res) {
        if (!res.body.empty()) return httplib::Server::HandlerResponse::Unhandled;
        answer_json(res, res.status, meaning(res.status));
        return httplib::Server::HandlerResponse::Handled;
      }));
  parser.set_exception_handler([](const httplib::Request&, httplib::Response& res, std::exception_ptr) {
    answer_json(res, 500, "internal error: please report it");
  });
  parser.set_logger(
      [](const httplib::Request&, const httplib::Response& res) { current->status = res.status; });
}

HttpHandler::~HttpHandler() = default;

Exchange HttpHandler::handle(std::string_view input, const Peer& peer, bool last, Lane lane) const {
  CallState state;
  state.lane = lane;
  current = &state;
  const auto head = head_length(input);
  const bool close_after = last || (head && announces_body(input.substr(0, *head)));
  MemoryStream stream(input, peer);
  bool closed_by_client = false;
  const bool ok = impl_->parser.process_request(stream, close_after, closed_by_client, nullptr);
  current = nullptr;
  Exchange out;
  out.consumed = stream.consumed();
  if (state.deferred) {
    out.deferred = true;
    out.consumed = 0;
    return out;
  }
  out.answer = stream.take_output();
  out.close = close_after || !ok || closed_by_client || state.close || ends_the_connection(state.status);
  return out;
}

}  // namespace peacesim::web
