// The question variants (docs/questions.md): every file in scenarios/mali/variants/ passes
// `peacesim check`, names the question it answers and the command that runs it, and cites where
// the debate comes from (issue 6: each variant documented).
#include <gtest/gtest.h>

#include <filesystem>
#include <set>

#include "run_peacesim.hpp"

namespace peacesim::testing {
namespace {

namespace fs = std::filesystem;

TEST(Variants, EveryQuestionVariantChecksAndSaysWhatItChangesAndWhy) {
  std::set<std::string> questions;
  for (const auto& entry :
       fs::directory_iterator(fs::path(PEACESIM_SOURCE_DIR) / "scenarios/mali/variants")) {
    if (entry.path().extension() != ".yaml") continue;
    const std::string name = entry.path().filename().string();
    SCOPED_TRACE(name);
    const auto r = run_peacesim("check scenarios/mali/variants/" + name);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    const std::string text = read_file(entry.path());
    EXPECT_NE(text.find("Run: peacesim compare"), std::string::npos) << "no command to run it";
    EXPECT_NE(text.find("MODEL.md §2"), std::string::npos) << "no question named";
    EXPECT_TRUE(text.find("00") != std::string::npos && text.find("§") != std::string::npos)
        << "no seed document and section cited for the debate";
    questions.insert(name.substr(0, 2));
  }
  // Q1 to Q8 each have at least one variant.
  for (int q = 1; q <= 8; ++q)
    EXPECT_TRUE(questions.count("q" + std::to_string(q))) << "no variant for Q" << q;
}

}  // namespace
}  // namespace peacesim::testing
