// `peacesim serve` itself (issue 14, items 8 and 9): a port in use is refused with exit 3 instead
// of being shared, binding beyond this machine warns, and the banner's address is a valid URL.
// Each server is a child process, waited for by the line it prints, and stopped with Ctrl-C.
#include <gtest/gtest.h>

#include <regex>

#include "serve_process.hpp"
#include "test_stores.hpp"

namespace peacesim::web {
namespace {

using testing::ServeProcess;
using testing::test_stores;

const std::regex kBanner(R"(the dashboard at (http://\S+:(\d+)/))");

TEST(ServeCommand, APortInUseIsRefusedWithExit3) {
  const std::string run = (test_stores() / "run").string();
  ServeProcess first({"serve", run, "--port", "0"});
  const auto banner = first.wait_for_output(kBanner);
  ASSERT_TRUE(banner) << first.out() << first.err();
  const std::string port = (*banner)[2];
  ServeProcess second({"serve", run, "--port", port});
  EXPECT_EQ(second.wait_for_exit(), 3) << second.out() << second.err();
  EXPECT_NE(second.err().find("in use"), std::string::npos) << second.err();
  EXPECT_EQ(first.interrupt(), 0);
}

TEST(ServeCommand, ListeningOnLoopbackSaysNothingMore) {
  ServeProcess serve({"serve", (test_stores() / "run").string(), "--port", "0"});
  const auto banner = serve.wait_for_output(kBanner);
  ASSERT_TRUE(banner) << serve.err();
  EXPECT_EQ(std::string((*banner)[1]).rfind("http://127.0.0.1:", 0), 0u);
  EXPECT_EQ(serve.interrupt(), 0);
  EXPECT_EQ(serve.err(), "");
}

TEST(ServeCommand, ListeningBeyondThisMachineWarns) {
  for (const char* host : {"0.0.0.0", "::"}) {
    ServeProcess serve({"serve", (test_stores() / "run").string(), "--host", host, "--port", "0"});
    const auto banner = serve.wait_for_output(kBanner);
    if (!banner && std::string(host) == "::" && serve.err().find("cannot listen") != std::string::npos)
      GTEST_SKIP() << "no IPv6 here";
    ASSERT_TRUE(banner) << host << ": " << serve.out() << serve.err();
    EXPECT_EQ(serve.interrupt(), 0);
    EXPECT_NE(serve.err().find("warning"), std::string::npos) << host << ": " << serve.err();
    EXPECT_NE(serve.err().find("other machines"), std::string::npos) << serve.err();
    // The banner's address is one a browser can open, on this machine (not "http://:::8765/").
    const std::string url = (*banner)[1];
    EXPECT_EQ(url.find(":::"), std::string::npos) << url;
    EXPECT_TRUE(std::regex_match(url, std::regex(R"(http://(127\.0\.0\.1|\[::1\]):\d+/)"))) << url;
  }
}

}  // namespace
}  // namespace peacesim::web
