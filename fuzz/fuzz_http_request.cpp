// libFuzzer target: the web API's request handling, over a real run store (PEACESIM_FUZZ_RUN, a
// run folder made by scripts/run_fuzzers.sh; without it, over none). Each input is used twice:
// - as method, a newline, path, a newline, then `key=value&...`, for the router (src/web/api.hpp):
//   every request must get a response with a status and a JSON body;
// - as the raw bytes a client sent, for the HTTP layer (src/web/http_exchange.hpp, request_head.hpp:
//   cpp-httplib's parser behind the server's guard, in memory): it must answer with an HTTP status
//   line or not at all, never take more bytes than it was given, and never escape.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <string>

#include "web/api.hpp"
#include "web/http_exchange.hpp"
#include "web/request_head.hpp"

namespace {
std::unique_ptr<peacesim::web::Api> api;
std::unique_ptr<peacesim::web::HttpHandler> http;
}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  std::vector<std::string> runs;
  if (const char* run = std::getenv("PEACESIM_FUZZ_RUN")) runs.emplace_back(run);
  // No answer kept (a cache of 0 bytes): each input is handled as if it were the first.
  api = std::make_unique<peacesim::web::Api>(peacesim::web::open_sources(runs), std::nullopt, 0);
  http =
      std::make_unique<peacesim::web::HttpHandler>(*api, peacesim::web::HostCheck("127.0.0.1", {}), 10, 100);
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  peacesim::web::Request r;
  const auto a = text.find('\n');
  r.method = text.substr(0, a);
  if (a != std::string::npos) {
    const auto b = text.find('\n', a + 1);
    r.path = text.substr(a + 1, b == std::string::npos ? std::string::npos : b - a - 1);
    if (b != std::string::npos) r.query = peacesim::web::parse_query(text.substr(b + 1));
  }
  const auto response = api->handle(r);
  if (response.status < 200 || response.status > 599 || response.body.empty()) __builtin_trap();

  if (const auto head = peacesim::web::head_length(text); head && *head > text.size()) __builtin_trap();
  (void)peacesim::web::announces_body(text);
  const peacesim::web::Peer peer{"127.0.0.1", 40000, "127.0.0.1", 8765};
  const auto lane = size % 2 == 0 ? peacesim::web::Lane::Cheap : peacesim::web::Lane::Expensive;
  const auto exchange = http->handle(text, peer, false, lane);
  if (exchange.consumed > text.size()) __builtin_trap();
  if (!exchange.answer.empty() && exchange.answer.rfind("HTTP/1.1 ", 0) != 0) __builtin_trap();
  if (exchange.deferred && (lane != peacesim::web::Lane::Cheap || !exchange.answer.empty())) __builtin_trap();
  return 0;
}
