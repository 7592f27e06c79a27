#include "web/server.hpp"

#include <httplib.h>

namespace peacesim::web {

struct Server::Impl {
  const Api& api;
  httplib::Server http;
  explicit Impl(const Api& a) : api(a) {}
};

Server::Server(const Api& api) : impl_(std::make_unique<Impl>(api)) {
  auto& http = impl_->http;
  http.set_payload_max_length(kMaxRequestBody);
  http.set_read_timeout(5, 0);
  http.set_write_timeout(5, 0);
  const auto route = [this](const httplib::Request& req, httplib::Response& res) {
    Request r;
    r.method = req.method;
    r.path = req.path;  // already percent-decoded by httplib
    for (const auto& [k, v] : req.params) r.query[k] = v;
    const Response out = impl_->api.handle(r);
    res.status = out.status;
    res.set_content(out.body, out.content_type.c_str());
    res.set_header("X-Content-Type-Options", "nosniff");
  };
  http.Get(".*", route);
  http.Post(".*", route);
  http.Put(".*", route);
  http.Patch(".*", route);
  http.Delete(".*", route);
  http.Options(".*", route);
}

Server::~Server() = default;

int Server::bind(const std::string& host, int port) {
  if (port == 0) return impl_->http.bind_to_any_port(host.c_str());
  return impl_->http.bind_to_port(host.c_str(), port) ? port : -1;
}

void Server::listen() { impl_->http.listen_after_bind(); }

void Server::stop() { impl_->http.stop(); }

}  // namespace peacesim::web
