// The server under load (issue 14, item 8): eight slowloris clients, each sending one header line
// every 2 s and never finishing its request, while 200 mixed requests (cheap ones and the expensive
// comparison, validation and ensemble series) arrive from 16 clients at once. Every cheap request
// must be answered in under 2 s, and every slow client must be cut off by the server.
//
// This is the one timed assertion of the suite, asked for by the issue; its bound is generous (a
// cheap answer takes milliseconds). What the test sends is fixed. It cannot hang: every socket has
// a timeout, every loop a bound, and it runs on 127.0.0.1 only. docs/testing.md describes it.
#include <gtest/gtest.h>
#include <httplib.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

#include "raw_http.hpp"
#include "test_stores.hpp"
#include "web/server.hpp"

namespace peacesim::web {
namespace {

using Clock = std::chrono::steady_clock;
using testing::RawConnection;

struct Probe {
  const char* path;
  bool cheap;
};

// Cheap: answers from a manifest or a small file. Expensive: read every member's store.
constexpr Probe kProbes[] = {
    {"/api", true},
    {"/api/runs", true},
    {"/api/runs/0", true},
    {"/api/runs/1", true},
    {"/api/compare?base=0&variant=1", false},
    {"/api/runs/0/operations", true},
    {"/api/runs/1/validation", false},
    {"/api/runs/0/network", true},
    {"/api/runs/1/series/fatalities_battles", false},
    {"/api/compare?base=1&variant=0", false},
};
constexpr int kSlowClients = 8;
constexpr int kSlowLinesAtMost = 30;  // 60 s at one line every 2 s: the slow clients' own bound
constexpr int kRequests = 200;
constexpr int kClients = 16;
constexpr auto kCheapBound = std::chrono::seconds(2);

TEST(WebLoad, SlowClientsCannotStarveTheServerAndCheapAnswersComeInUnderTwoSeconds) {
  Server server(testing::test_api());
  const int port = server.bind("127.0.0.1", 0);
  ASSERT_GT(port, 0);
  std::atomic<bool> finished{false};  // ends the slow clients early if the test fails
  std::mutex m;
  std::condition_variable wake;
  std::vector<std::thread> slow;
  std::thread loop([&] { server.listen(); });
  struct Stopper {  // the server stops and every thread ends, whatever the assertions say
    std::function<void()> f;
    ~Stopper() { f(); }
  } stopper{[&] {
    finished = true;
    wake.notify_all();
    for (auto& t : slow) t.join();
    server.stop();
    loop.join();
  }};

  // The server answers before the load begins (a readiness sign, not a delay).
  {
    httplib::Client probe("127.0.0.1", port);
    probe.set_connection_timeout(5);
    probe.set_read_timeout(5);
    bool ready = false;
    for (int i = 0; i < 100 && !ready; ++i) ready = static_cast<bool>(probe.Get("/api"));
    ASSERT_TRUE(ready);
  }

  std::atomic<int> slow_started{0};
  std::vector<int> slow_lines(kSlowClients, 0);
  std::vector<char> slow_cut(kSlowClients, 0);
  for (int i = 0; i < kSlowClients; ++i) {
    slow.emplace_back([&, i] {
      RawConnection c(port, std::chrono::seconds(5));
      const bool sent = c.send("GET /api HTTP/1.1\r\nHost: 127.0.0.1\r\n");
      ++slow_started;
      wake.notify_all();
      if (!sent) return;
      for (int line = 0; line < kSlowLinesAtMost; ++line) {
        {
          std::unique_lock lock(m);
          if (wake.wait_for(lock, std::chrono::seconds(2), [&] { return finished.load(); })) return;
        }
        if (c.closed_by_server() || !c.send("X-Slow-" + std::to_string(line) + ": still coming\r\n")) {
          slow_cut[i] = 1;
          return;
        }
        slow_lines[i] = line + 1;
      }
    });
  }
  {
    std::unique_lock lock(m);
    wake.wait_for(lock, std::chrono::seconds(10), [&] { return slow_started == kSlowClients; });
  }
  ASSERT_EQ(slow_started, kSlowClients);

  struct Outcome {
    int status = 0;
    Clock::duration took{};
  };
  std::vector<Outcome> outcomes(kRequests);
  std::vector<std::thread> clients;
  for (int t = 0; t < kClients; ++t) {
    clients.emplace_back([&, t] {
      httplib::Client client("127.0.0.1", port);
      client.set_connection_timeout(10);
      client.set_read_timeout(30);
      client.set_write_timeout(10);
      for (int k = t; k < kRequests; k += kClients) {
        const auto start = Clock::now();
        const auto r = client.Get(kProbes[k % std::size(kProbes)].path);
        outcomes[static_cast<std::size_t>(k)] = {r ? r->status : -1, Clock::now() - start};
      }
    });
  }
  for (auto& t : clients) t.join();

  Clock::duration slowest_cheap{};
  for (int k = 0; k < kRequests; ++k) {
    const auto& probe = kProbes[k % std::size(kProbes)];
    EXPECT_EQ(outcomes[static_cast<std::size_t>(k)].status, 200) << probe.path;
    if (probe.cheap) {
      slowest_cheap = std::max(slowest_cheap, outcomes[static_cast<std::size_t>(k)].took);
      EXPECT_LT(outcomes[static_cast<std::size_t>(k)].took, kCheapBound) << probe.path;
    }
  }
  std::printf("slowest cheap answer under load: %.0f ms\n",
              std::chrono::duration<double, std::milli>(slowest_cheap).count());

  // The slow clients are cut off by the server's deadline, long before their own bound.
  for (auto& t : slow) t.join();
  slow.clear();
  for (int i = 0; i < kSlowClients; ++i) {
    EXPECT_TRUE(slow_cut[i]) << "slow client " << i << " sent " << slow_lines[i]
                             << " lines and was never cut";
    EXPECT_LT(slow_lines[i], kSlowLinesAtMost);
  }
}

}  // namespace
}  // namespace peacesim::web
