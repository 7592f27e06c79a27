// `peacesim serve` itself (issue 14, items 8 and 9): a port in use is refused with exit 3 instead
// of being shared, binding beyond this machine warns, and the banner's address is a valid URL.
// Each server is a child process, waited for by the line it prints, and stopped with Ctrl-C.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <optional>
#include <string>

#include "serve_process.hpp"
#include "test_stores.hpp"

namespace peacesim::web {
namespace {

using testing::ServeProcess;
using testing::test_stores;

// The address in the banner ("... the dashboard at http://127.0.0.1:8765/ and ..."), and its port.
struct Banner {
  std::string url;
  std::string port;
};
std::optional<Banner> banner_of(ServeProcess& serve) {
  const std::string marker = "the dashboard at ";
  const auto line = serve.wait_for_line(marker);
  if (!line) return std::nullopt;
  const auto start = line->find(marker) + marker.size();
  Banner b;
  b.url = line->substr(start, line->find(' ', start) - start);
  const auto colon = b.url.rfind(':');
  if (colon != std::string::npos) b.port = b.url.substr(colon + 1, b.url.size() - colon - 2);
  return b;
}

bool is_digits(const std::string& s) {
  return !s.empty() && s.find_first_not_of("0123456789") == std::string::npos;
}

TEST(ServeCommand, APortInUseIsRefusedWithExit3) {
  const std::string run = (test_stores() / "run").string();
  ServeProcess first({"serve", run, "--port", "0"});
  const auto banner = banner_of(first);
  ASSERT_TRUE(banner) << first.out() << first.err();
  const std::string port = banner->port;
  ServeProcess second({"serve", run, "--port", port});
  EXPECT_EQ(second.wait_for_exit(), 3) << second.out() << second.err();
  EXPECT_NE(second.err().find("in use"), std::string::npos) << second.err();
  EXPECT_EQ(first.interrupt(), 0);
}

TEST(ServeCommand, AnAllowedHostMustBeAName) {
  ServeProcess serve({"serve", (test_stores() / "run").string(), "--port", "0", "--allow-host", "a/b"});
  EXPECT_EQ(serve.wait_for_exit(), 2);
  EXPECT_NE(serve.err().find("--allow-host: 'a/b'"), std::string::npos) << serve.err();
}

TEST(ServeCommand, ListeningOnLoopbackSaysNothingMore) {
  ServeProcess serve({"serve", (test_stores() / "run").string(), "--port", "0"});
  const auto banner = banner_of(serve);
  ASSERT_TRUE(banner) << serve.err();
  EXPECT_EQ(banner->url, "http://127.0.0.1:" + banner->port + "/");
  EXPECT_TRUE(is_digits(banner->port)) << banner->url;
  EXPECT_EQ(serve.interrupt(), 0);
  EXPECT_EQ(serve.err(), "");
}

TEST(ServeCommand, ListeningBeyondThisMachineWarns) {
  for (const char* host : {"0.0.0.0", "::"}) {
    ServeProcess serve({"serve", (test_stores() / "run").string(), "--host", host, "--port", "0"});
    const auto banner = banner_of(serve);
    if (!banner && std::string(host) == "::" && serve.err().find("cannot listen") != std::string::npos)
      GTEST_SKIP() << "no IPv6 here";
    ASSERT_TRUE(banner) << host << ": " << serve.out() << serve.err();
    EXPECT_EQ(serve.interrupt(), 0);
    EXPECT_NE(serve.err().find("warning"), std::string::npos) << host << ": " << serve.err();
    EXPECT_NE(serve.err().find("other machines"), std::string::npos) << serve.err();
    // The banner's address is one a browser can open, on this machine (not "http://:::8765/").
    const std::string& url = banner->url;
    EXPECT_EQ(url.find(":::"), std::string::npos) << url;
    EXPECT_TRUE(is_digits(banner->port)) << url;
    EXPECT_TRUE(url == "http://127.0.0.1:" + banner->port + "/" ||
                url == "http://[::1]:" + banner->port + "/")
        << url;
  }
}

// A --backtest file that is not a backtest's report, or not a file, is refused before the server
// listens, with exit 2 and a message naming the file.
TEST(ServeCommand, ABadBacktestFileIsRefusedBeforeListening) {
  const auto dir =
      std::filesystem::temp_directory_path() / ("peacesim_bad_backtest_" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const auto not_json = dir / "not-json.json";
  std::ofstream(not_json) << "{\"kind\": \"backtest\", \"origins\": [";
  const auto no_origins = dir / "no-origins.json";
  std::ofstream(no_origins) << R"({"kind": "backtest", "origins": [{"origin": "2014-12-31"}]})";
  for (const auto& file : {not_json, no_origins, dir}) {
    ServeProcess serve(
        {"serve", (test_stores() / "run").string(), "--port", "0", "--backtest", file.string()});
    EXPECT_EQ(serve.wait_for_exit(), 2) << file << ": " << serve.out() << serve.err();
    EXPECT_NE(serve.err().find(file.string() + ":"), std::string::npos) << serve.err();
    EXPECT_EQ(serve.out().find("the dashboard at"), std::string::npos) << serve.out();
  }
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace peacesim::web
