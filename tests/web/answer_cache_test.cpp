// The API's answer cache (src/web/answer_cache.*, issue 14 item 8): computed at most once at a
// time, kept per version of the stores, bounded. Then the same on the API over a real store: a
// comparison asked again is not computed again, until the store changes.
#include "web/answer_cache.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>
#include <stdexcept>
#include <thread>
#include <vector>

#include "test_stores.hpp"

namespace peacesim::web {
namespace {

namespace fs = std::filesystem;

Response answer(const std::string& body, int status = 200) { return {status, body, "application/json"}; }

TEST(AnswerCache, ConcurrentCallsForOneAnswerComputeItOnce) {
  AnswerCache cache(1 << 20);
  constexpr int kCallers = 8;
  std::atomic<int> computing{0};
  std::vector<AnswerCache::Answer> got(kCallers);
  std::vector<std::thread> callers;
  for (int i = 0; i < kCallers; ++i) {
    callers.emplace_back([&, i] {
      got[static_cast<std::size_t>(i)] = cache.get("compare/0/1", "v1", [&] {
        ++computing;
        // Holds the computation until every other caller waits for it (bounded: 10 s at most).
        for (int spin = 0; spin < 10000 && cache.waiting() < kCallers - 1; ++spin)
          std::this_thread::sleep_for(std::chrono::milliseconds(1));
        return answer("the comparison");
      });
    });
  }
  for (auto& t : callers) t.join();
  EXPECT_EQ(computing, 1);
  EXPECT_EQ(cache.computations(), 1u);
  for (const auto& a : got) {
    ASSERT_TRUE(a);
    EXPECT_EQ(a->body, "the comparison");
    EXPECT_EQ(a.get(), got[0].get());  // one answer, shared
  }
  EXPECT_EQ(cache.waiting(), 0u);
}

TEST(AnswerCache, AnotherVersionOfTheStoresIsComputedAgain) {
  AnswerCache cache(1 << 20);
  int computed = 0;
  const auto compute = [&] { return answer("answer " + std::to_string(++computed)); };
  EXPECT_EQ(cache.get("k", "v1", compute)->body, "answer 1");
  EXPECT_EQ(cache.get("k", "v1", compute)->body, "answer 1");
  EXPECT_TRUE(cache.holds("k", "v1"));
  EXPECT_FALSE(cache.holds("k", "v2"));
  EXPECT_EQ(cache.get("k", "v2", compute)->body, "answer 2");
  EXPECT_FALSE(cache.holds("k", "v1"));  // the older version is gone, not kept beside
  EXPECT_EQ(computed, 2);
}

TEST(AnswerCache, FailuresAndErrorsAreNotKept) {
  AnswerCache cache(1 << 20);
  int calls = 0;
  const auto failing = [&]() -> Response {
    ++calls;
    throw std::runtime_error("results.sqlite: database disk image is malformed");
  };
  EXPECT_THROW((void)cache.get("k", "v", failing), std::runtime_error);
  EXPECT_THROW((void)cache.get("k", "v", failing), std::runtime_error);
  EXPECT_EQ(calls, 2);
  EXPECT_EQ(cache.get("e", "v", [] { return answer("{}", 404); })->status, 404);
  EXPECT_FALSE(cache.holds("e", "v"));
  EXPECT_EQ(cache.bytes(), 0u);
}

TEST(AnswerCache, StaysWithinItsBoundDroppingTheLeastRecentlyUsed) {
  AnswerCache cache(1000);
  const std::string body(300, 'x');
  const auto make = [&] { return answer(body); };
  (void)cache.get("a", "v", make);
  (void)cache.get("b", "v", make);
  (void)cache.get("a", "v", make);  // a is now more recent than b
  (void)cache.get("c", "v", make);
  EXPECT_LE(cache.bytes(), 1000u);
  EXPECT_TRUE(cache.holds("a", "v"));
  EXPECT_FALSE(cache.holds("b", "v"));
  EXPECT_TRUE(cache.holds("c", "v"));
  (void)cache.get("big", "v", [] { return answer(std::string(5000, 'y')); });  // larger than the bound
  EXPECT_FALSE(cache.holds("big", "v"));
  EXPECT_TRUE(cache.holds("c", "v"));
}

TEST(AnswerCache, TheApiComputesAComparisonOnceUntilTheStoreChanges) {
  const auto dir = testing::test_stores() / "cached";
  fs::remove_all(dir);
  fs::create_directories(dir);
  fs::copy(testing::test_stores() / "run", dir / "base", fs::copy_options::recursive);
  fs::copy(testing::test_stores() / "run", dir / "variant", fs::copy_options::recursive);
  const Api api(open_sources({(dir / "base").string(), (dir / "variant").string()}));
  const Request compare{"GET", "/api/compare", {{"base", "0"}, {"variant", "1"}}};
  EXPECT_TRUE(api.is_expensive(compare));
  const auto first = api.handle(compare);
  ASSERT_EQ(first.status, 200) << first.body;
  EXPECT_EQ(api.cache().computations(), 1u);
  EXPECT_FALSE(api.is_expensive(compare));  // cached: the cheap workers may answer it
  EXPECT_EQ(api.handle(compare).body, first.body);
  EXPECT_EQ(api.cache().computations(), 1u);
  // The same file written again (as a new run into the same folder would): computed again.
  const auto db = dir / "variant" / "results.sqlite";
  fs::copy_file(testing::test_stores() / "run" / "results.sqlite", dir / "copy.sqlite");
  fs::rename(dir / "copy.sqlite", db);
  EXPECT_TRUE(api.is_expensive(compare));
  EXPECT_EQ(api.handle(compare).body, first.body);
  EXPECT_EQ(api.cache().computations(), 2u);
  // Cheap answers are cached too; the page and refusals are not computed at all.
  (void)api.handle({"GET", "/api/runs/0", {}});
  (void)api.handle({"GET", "/api/runs/0", {}});
  EXPECT_EQ(api.cache().computations(), 3u);
  EXPECT_FALSE(api.is_expensive({"GET", "/api/runs/0", {}}));
  EXPECT_EQ(api.handle({"POST", "/api/compare", {}}).status, 405);
  EXPECT_EQ(api.cache().computations(), 3u);
}

}  // namespace
}  // namespace peacesim::web
