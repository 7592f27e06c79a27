// The pieces of the server that need no socket (issue 14, items 8 and 9): one request turned into
// its answer in memory (http_exchange), where a request head ends and whether it announces a body
// (request_head), which Host headers are answered (host_check), and the banner's URL (listener).
#include "web/http_exchange.hpp"

#include <gtest/gtest.h>

#include "raw_http.hpp"
#include "test_stores.hpp"
#include "web/answer_cache.hpp"
#include "web/host_check.hpp"
#include "web/listener.hpp"
#include "web/request_head.hpp"

namespace peacesim::web {
namespace {

using testing::error_of;
using testing::status_of;

const Peer kPeer{"127.0.0.1", 40000, "127.0.0.1", 8765};

Exchange answer_to(const HttpHandler& handler, const std::string& input, Lane lane = Lane::Expensive) {
  return handler.handle(input, kPeer, false, lane);
}

TEST(HttpExchange, AnswersARequestAndLeavesTheNextOneWhole) {
  const HttpHandler handler(testing::test_api(), HostCheck("127.0.0.1", {}), 10, 100);
  const std::string first = "GET /api/runs/0 HTTP/1.1\r\nHost: 127.0.0.1:8765\r\n\r\n";
  const std::string second = "HEAD /api HTTP/1.1\r\nHost: localhost\r\n\r\n";
  const auto e = answer_to(handler, first + second);
  EXPECT_EQ(status_of(e.answer), 200) << e.answer;
  EXPECT_EQ(e.consumed, first.size());
  EXPECT_FALSE(e.close);
  EXPECT_NE(e.answer.find("Keep-Alive: timeout=10, max=100"), std::string::npos);
  const auto head = answer_to(handler, second);
  EXPECT_EQ(status_of(head.answer), 200);
  EXPECT_EQ(testing::body_of(head.answer), "");  // HEAD: no body
  // The last request of a connection says so.
  EXPECT_NE(handler.handle(first, kPeer, true, Lane::Cheap).answer.find("Connection: close"),
            std::string::npos);
}

TEST(HttpExchange, ABodyIsNeverReadAndClosesTheConnection) {
  const HttpHandler handler(testing::test_api(), HostCheck("127.0.0.1", {}), 10, 100);
  const std::string get = "GET /api HTTP/1.1\r\nHost: 127.0.0.1\r\n";
  auto e = answer_to(handler, get + "Content-Length: 102400\r\n\r\n" + std::string(1000, 'a'));
  EXPECT_EQ(status_of(e.answer), 413);
  EXPECT_TRUE(e.close);
  EXPECT_NE(e.answer.find("Connection: close"), std::string::npos);
  e = answer_to(handler, get + "Content-Length: 4\r\n\r\nabcd");
  EXPECT_EQ(status_of(e.answer), 200);
  EXPECT_TRUE(e.close);
  EXPECT_NE(e.answer.find("Connection: close"), std::string::npos);
  e = answer_to(handler, get + "Transfer-Encoding: chunked\r\n\r\n4\r\nabcd\r\n0\r\n\r\n");
  EXPECT_EQ(status_of(e.answer), 411);
  EXPECT_TRUE(e.close);
  e = answer_to(handler, get + "Content-Length: -1\r\n\r\n");
  EXPECT_EQ(status_of(e.answer), 400);
  EXPECT_TRUE(e.close);
  // A POST is refused the same way, whatever its body.
  e = answer_to(handler, "POST /api/runs HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 1\r\n\r\nx");
  EXPECT_EQ(status_of(e.answer), 405);
  EXPECT_TRUE(e.close);
}

TEST(HttpExchange, EveryRefusalIsJson) {
  const HttpHandler handler(testing::test_api(), HostCheck("127.0.0.1", {}), 10, 100);
  for (const std::string& input : {std::string("GARBAGE\r\n\r\n"), std::string("GET /api HTTP/9.9\r\n\r\n"),
                                   "GET /" + std::string(9000, 'a') + " HTTP/1.1\r\n\r\n",
                                   std::string("GET /api HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n"),
                                   std::string("GET /api HTTP/1.1\r\nHost: evil.example\r\n\r\n")}) {
    const auto e = answer_to(handler, input);
    EXPECT_GE(status_of(e.answer), 400) << input.substr(0, 40);
    EXPECT_FALSE(error_of(e.answer).empty()) << e.answer.substr(0, 300);
  }
  // Nothing at all is no request: no answer.
  EXPECT_EQ(answer_to(handler, "").answer, "");
}

TEST(HttpExchange, AnExpensiveRequestOnTheCheapLaneIsDeferredUntilCached) {
  const Api api(
      open_sources({(testing::test_stores() / "run").string(), (testing::test_stores() / "ens").string()}));
  const HttpHandler handler(api, HostCheck("127.0.0.1", {}), 10, 100);
  const std::string compare = "GET /api/compare?base=0&variant=1 HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
  auto e = answer_to(handler, compare, Lane::Cheap);
  EXPECT_TRUE(e.deferred);
  EXPECT_EQ(e.answer, "");
  EXPECT_EQ(api.cache().computations(), 0u);
  e = answer_to(handler, compare, Lane::Expensive);
  EXPECT_FALSE(e.deferred);
  EXPECT_EQ(status_of(e.answer), 200);
  e = answer_to(handler, compare, Lane::Cheap);  // cached now: answered where it arrives
  EXPECT_FALSE(e.deferred);
  EXPECT_EQ(status_of(e.answer), 200);
  EXPECT_EQ(api.cache().computations(), 1u);
  // Cheap requests are never deferred.
  EXPECT_FALSE(answer_to(handler, "GET /api/runs HTTP/1.1\r\n\r\n", Lane::Cheap).deferred);
}

TEST(RequestHead, EndsAtTheEmptyLine) {
  EXPECT_EQ(head_length("GET / HTTP/1.1\r\nHost: x\r\n\r\nrest"), 27u);
  EXPECT_EQ(head_length("GET / HTTP/1.1\r\n\r\n"), 18u);
  EXPECT_FALSE(head_length("GET / HTTP/1.1\r\nHost: x\r\n"));
  EXPECT_FALSE(head_length("GET / HTTP/1.1\r\nX-Slow: 1\r\nX-Slow: 2\r\n"));
  EXPECT_TRUE(announces_body("GET / HTTP/1.1\r\ncontent-LENGTH: 5\r\n\r\n"));
  EXPECT_TRUE(announces_body("GET / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n"));
  EXPECT_FALSE(announces_body("GET / HTTP/1.1\r\nContent-Length: 0\r\n\r\n"));
  EXPECT_FALSE(announces_body("GET /content-length:5 HTTP/1.1\r\nX-Content-Length: 5\r\n\r\n"));
}

TEST(HostCheck, AnswersThisMachinesNamesOnly) {
  const HostCheck loopback("127.0.0.1", {});
  for (const char* ok : {"127.0.0.1", "127.0.0.1:8765", "localhost", "LOCALHOST:1", "localhost.", "[::1]",
                         "[::1]:8765", "127.9.9.9", "[::ffff:127.0.0.1]:80"})
    EXPECT_TRUE(loopback.allows(ok)) << ok;
  for (const char* refused :
       {"evil.example", "evil.example:8765", "localhost.evil.example", "127.0.0.1.evil", "192.168.1.5",
        "[::2]", "[::1", "localhost:80:80", "localhost:x", "", "a b", "0.0.0.0"})
    EXPECT_FALSE(loopback.allows(refused)) << refused;
  // The bound address and the names given are answered too.
  const HostCheck lan("192.168.1.5", {"Dashboard.LAN", "fe80::1"});
  EXPECT_TRUE(lan.allows("192.168.1.5:8765"));
  EXPECT_TRUE(lan.allows("dashboard.lan:8765"));
  EXPECT_TRUE(lan.allows("[fe80::1]:8765"));
  EXPECT_FALSE(lan.allows("evil.example"));
  EXPECT_TRUE(HostCheck("::", {}).allows("[::]:8765"));
  EXPECT_EQ(given_host_name("a/b"), "");
}

TEST(Listener, TheBannerUrlIsOneABrowserCanOpen) {
  EXPECT_EQ(browse_url("127.0.0.1", 8765), "http://127.0.0.1:8765/");
  EXPECT_EQ(browse_url("0.0.0.0", 8765), "http://127.0.0.1:8765/");
  EXPECT_EQ(browse_url("::", 8765), "http://[::1]:8765/");
  EXPECT_EQ(browse_url("::1", 80), "http://[::1]:80/");
  EXPECT_EQ(browse_url("fe80::1", 80), "http://[fe80::1]:80/");
  EXPECT_EQ(browse_url("localhost", 80), "http://localhost:80/");
  const Listener taken = listen_on("127.0.0.1", 0);
  ASSERT_GE(taken.fd, 0);
  EXPECT_TRUE(taken.loopback);
  const Listener again = listen_on("127.0.0.1", taken.port);
  EXPECT_LT(again.fd, 0);
  EXPECT_NE(again.error.find("in use"), std::string::npos) << again.error;
  ::close(taken.fd);
  EXPECT_FALSE(listen_on("not an address", 0).error.empty());
}

}  // namespace
}  // namespace peacesim::web
