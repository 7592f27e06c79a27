// libFuzzer target: the web API's request handling (src/web/api.hpp) with any method, path and
// query, over a real run store (PEACESIM_FUZZ_RUN, a run folder made by scripts/run_fuzzers.sh;
// without it, over none). Input: method, a newline, path, a newline, then `key=value&...`.
// Every request must get a response with a status and a JSON body; nothing may escape.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <string>

#include "web/api.hpp"

namespace {
std::unique_ptr<peacesim::web::Api> api;
}

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  std::vector<std::string> runs;
  if (const char* run = std::getenv("PEACESIM_FUZZ_RUN")) runs.emplace_back(run);
  api = std::make_unique<peacesim::web::Api>(peacesim::web::open_sources(runs));
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
  return 0;
}
