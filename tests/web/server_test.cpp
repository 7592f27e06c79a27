// The HTTP server (src/web/server.*) against what a hostile client sends (issue 14, items 8 and
// 9): bodies on a GET, a forged Host header, a port already taken, a request head that never ends.
// Raw sockets, every one with a timeout, so that nothing here can hang.
#include "web/server.hpp"

#include <gtest/gtest.h>

#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <vector>

#include "raw_http.hpp"
#include "test_stores.hpp"
#include "web/answer_cache.hpp"

namespace peacesim::web {
namespace {

using testing::body_of;
using testing::error_of;
using testing::RawConnection;
using testing::status_of;
using testing::test_api;

// A server on 127.0.0.1 and a free port, serving until the end of the scope.
class RunningServer {
 public:
  explicit RunningServer(Server& server) : server_(server) {
    port_ = server_.bind("127.0.0.1", 0);
    if (port_ > 0) thread_ = std::thread([this] { server_.listen(); });
  }
  ~RunningServer() {
    server_.stop();
    if (thread_.joinable()) thread_.join();
  }
  RunningServer(const RunningServer&) = delete;
  RunningServer& operator=(const RunningServer&) = delete;
  [[nodiscard]] int port() const { return port_; }

 private:
  Server& server_;
  int port_ = -1;
  std::thread thread_;
};

std::string get_request(const std::string& path, const std::string& host, const std::string& extra = "") {
  return "GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\n" + extra + "\r\n";
}

TEST(WebServer, AGetWithABodyOverTheLimitIs413) {
  Server server(test_api());
  RunningServer running(server);
  ASSERT_GT(running.port(), 0);
  RawConnection c(running.port());
  ASSERT_TRUE(c.connected());
  const std::string body(100 * 1024, 'a');
  // The server may answer (and close) before it has read the whole body: what it says is what counts.
  (void)c.send(
      get_request("/api/runs", "127.0.0.1", "Content-Length: " + std::to_string(body.size()) + "\r\n") +
      body);
  const std::string answer = c.read_answer();
  EXPECT_EQ(status_of(answer), 413) << answer.substr(0, 200);
  EXPECT_FALSE(error_of(answer).empty());
}

TEST(WebServer, ABodyUnderTheLimitIsNeverReadAsAnotherRequest) {
  Server server(test_api());
  RunningServer running(server);
  RawConnection c(running.port());
  ASSERT_TRUE(c.connected());
  // A GET whose body is itself a request: a server that leaves the body unread would answer it too.
  const std::string smuggled = "GET /api/runs/0 HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
  ASSERT_TRUE(
      c.send(get_request("/api", "127.0.0.1", "Content-Length: " + std::to_string(smuggled.size()) + "\r\n") +
             smuggled));
  const std::string all = c.read_until_closed();
  EXPECT_EQ(status_of(all), 200) << all.substr(0, 200);
  std::size_t answers = 0;
  for (auto at = all.find("HTTP/1.1 "); at != std::string::npos; at = all.find("HTTP/1.1 ", at + 1))
    ++answers;
  EXPECT_EQ(answers, 1u) << all.substr(0, 400);
}

TEST(WebServer, ASecondServerCannotTakeAPortInUse) {
  Server first(test_api());
  RunningServer running(first);
  ASSERT_GT(running.port(), 0);
  Server second(test_api());
  EXPECT_LT(second.bind("127.0.0.1", running.port()), 0);
}

TEST(WebServer, TheHostHeaderMustNameThisMachine) {
  Server server(test_api());
  RunningServer running(server);
  const std::string port = std::to_string(running.port());
  // DNS rebinding: a page of another site whose name now resolves to 127.0.0.1.
  for (const std::string& host : std::vector<std::string>{
           "evil.example:" + port, "evil.example", "localhost.evil.example", "127.0.0.1.nip.io", "[::1]x",
           "evil.example.:80", "localhost:" + port + "@evil.example"}) {
    RawConnection c(running.port());
    ASSERT_TRUE(c.send(get_request("/api/runs", host)));
    const std::string answer = c.read_answer();
    EXPECT_EQ(status_of(answer), 403) << host << ": " << answer.substr(0, 200);
    const std::string error = error_of(answer);
    EXPECT_NE(error.find("--allow-host"), std::string::npos) << error;
    EXPECT_EQ(body_of(answer).find("\"kind\""), std::string::npos);  // nothing of the runs
  }
  for (const std::string& host :
       std::vector<std::string>{"127.0.0.1:" + port, "127.0.0.1", "localhost:" + port, "LocalHost",
                                "[::1]:" + port, "127.1.2.3"}) {
    RawConnection c(running.port());
    ASSERT_TRUE(c.send(get_request("/api/runs", host)));
    EXPECT_EQ(status_of(c.read_answer()), 200) << host;
  }
  // A client without Host (HTTP/1.0 tools) is not a browser, so not a rebinding page.
  RawConnection c(running.port());
  ASSERT_TRUE(c.send("GET /api/runs HTTP/1.0\r\n\r\n"));
  EXPECT_EQ(status_of(c.read_answer()), 200);
}

TEST(WebServer, ARequestThatNeverEndsIsCutAtItsDeadline) {
  ServerOptions options;
  options.limits.request_deadline = std::chrono::seconds(1);
  Server server(test_api(), options);
  RunningServer running(server);
  RawConnection c(running.port(), std::chrono::seconds(5));
  ASSERT_TRUE(c.send("GET /api HTTP/1.1\r\nHost: 127.0.0.1\r\n"));
  // One header line every 100 ms: each read is quick, the request never ends. Bounded: 10 s.
  int lines = 0;
  for (; lines < 100 && !c.closed_by_server(); ++lines) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));  // the slow client's own pace
    if (!c.send("X-Slow-" + std::to_string(lines) + ": 1\r\n")) break;
  }
  EXPECT_LT(lines, 100);
  const std::string said = c.read_until_closed();
  EXPECT_EQ(status_of(said), 408) << said.substr(0, 200);
}

TEST(WebServer, KeepsConnectionsAlivePipelinedInOrder) {
  Server server(test_api());
  RunningServer running(server);
  RawConnection c(running.port());
  ASSERT_TRUE(c.send(get_request("/api/runs/0", "127.0.0.1") + get_request("/api/nothing", "127.0.0.1") +
                     get_request("/api", "127.0.0.1")));
  EXPECT_EQ(status_of(c.read_answer()), 200);
  EXPECT_EQ(status_of(c.read_answer()), 404);
  EXPECT_EQ(status_of(c.read_answer()), 200);
  ASSERT_TRUE(c.send(get_request("/api/runs", "127.0.0.1")));  // the same connection, later
  EXPECT_EQ(status_of(c.read_answer()), 200);
  EXPECT_FALSE(c.closed_by_server());
  // A client that sends two requests and shuts its side at once still gets both answers.
  RawConnection d(running.port());
  ASSERT_TRUE(d.send(get_request("/api", "127.0.0.1") + get_request("/api/runs/0", "127.0.0.1")));
  d.finish_sending();
  const std::string all = d.read_until_closed();
  EXPECT_EQ(status_of(all), 200);
  EXPECT_NE(all.find("HTTP/1.1 200", 10), std::string::npos) << all.substr(0, 300);
}

TEST(WebServer, AHeadOverItsLimitIs431) {
  Server server(test_api());
  RunningServer running(server);
  RawConnection c(running.port());
  std::string head = "GET /api HTTP/1.1\r\nHost: 127.0.0.1\r\n";
  while (head.size() <= ServerLimits{}.max_head_bytes)
    head += "X-Padding: " + std::string(1000, 'p') + "\r\n";
  (void)c.send(head);
  const std::string answer = c.read_answer();
  EXPECT_EQ(status_of(answer), 431) << answer.substr(0, 200);
  EXPECT_FALSE(error_of(answer).empty());
}

TEST(WebServer, OneClientCannotTakeEverySlot) {
  ServerOptions options;
  options.limits.max_connections = 6;
  options.limits.max_connections_per_client = 4;
  Server server(test_api(), options);
  RunningServer running(server);
  // Four idle connections: the fifth from the same address is refused at once.
  std::vector<std::unique_ptr<RawConnection>> idle;
  for (int i = 0; i < 4; ++i) {
    idle.push_back(std::make_unique<RawConnection>(running.port()));
    ASSERT_TRUE(idle.back()->send("G"));  // begun, never finished
  }
  {  // connections are accepted in the order they come: the four are in before it
    RawConnection fifth(running.port());
    EXPECT_EQ(status_of(fifth.read_answer()), 503);
  }
  ASSERT_TRUE(idle[0]->send("ET /api HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"));
  EXPECT_EQ(status_of(idle[0]->read_answer()), 200);
}

TEST(WebServer, WhenEverySlotIsTakenTheLongestWaitingGoes) {
  ServerOptions options;
  options.limits.max_connections = 3;
  Server server(test_api(), options);
  RunningServer running(server);
  std::vector<std::unique_ptr<RawConnection>> idle;
  for (int i = 0; i < 3; ++i) {
    idle.push_back(std::make_unique<RawConnection>(running.port()));
    ASSERT_TRUE(idle.back()->send("GET /api HTTP/1.1\r\n"));  // a request that never ends
    // Each is in before the next (an answer on a fresh connection would take a slot: none here).
  }
  // A newcomer is answered; the oldest of the three is dropped for it, the others stay.
  RawConnection newcomer(running.port());
  ASSERT_TRUE(newcomer.send(get_request("/api/runs", "127.0.0.1")));
  EXPECT_EQ(status_of(newcomer.read_answer()), 200);
  EXPECT_EQ(status_of(idle[0]->read_until_closed()), 503);
  EXPECT_FALSE(idle[1]->closed_by_server());
  EXPECT_FALSE(idle[2]->closed_by_server());
}

TEST(WebServer, NamesGivenWithAllowHostAreAnswered) {
  ServerOptions options;
  options.allowed_hosts = {"dashboard.lan"};
  Server server(test_api(), options);
  RunningServer running(server);
  for (const auto& [host, status] :
       {std::pair{"dashboard.lan", 200}, {"DASHBOARD.lan:8765", 200}, {"other.lan", 403}}) {
    RawConnection c(running.port());
    ASSERT_TRUE(c.send(get_request("/api", host)));
    EXPECT_EQ(status_of(c.read_answer()), status) << host;
  }
}

TEST(WebServer, SixteenParallelComparisonsAreComputedOnce) {
  const Api api(
      open_sources({(testing::test_stores() / "run").string(), (testing::test_stores() / "ens").string()}));
  Server server(api);
  RunningServer running(server);
  std::vector<std::string> bodies(16);
  std::vector<std::thread> clients;
  for (std::size_t i = 0; i < bodies.size(); ++i) {
    clients.emplace_back([&, i] {
      RawConnection c(running.port(), std::chrono::seconds(60));
      if (c.send(get_request("/api/compare?base=0&variant=1", "127.0.0.1"))) bodies[i] = c.read_answer();
    });
  }
  for (auto& t : clients) t.join();
  for (const auto& b : bodies) {
    EXPECT_EQ(status_of(b), 200) << b.substr(0, 200);
    EXPECT_EQ(body_of(b), body_of(bodies[0]));
  }
  EXPECT_EQ(api.cache().computations(), 1u);
}

}  // namespace
}  // namespace peacesim::web
