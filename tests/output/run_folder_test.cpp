#include "output/run_folder.hpp"

#include <gtest/gtest.h>

#include <fstream>

#include "output/output_error.hpp"

namespace peacesim::output {
namespace {

namespace fs = std::filesystem;

class TempDir : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("peacesim_folder_test_" +
            std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::size_t entries() const {
    return static_cast<std::size_t>(std::distance(fs::directory_iterator(dir_), {}));
  }
  fs::path dir_;
};

TEST_F(TempDir, NothingAppearsUntilCommit) {
  {
    RunFolder folder(dir_ / "run");
    std::ofstream(folder.staging() / "a.txt") << "x";
    EXPECT_FALSE(fs::exists(dir_ / "run"));
  }  // destroyed without commit: as if the run failed
  EXPECT_FALSE(fs::exists(dir_ / "run"));
  EXPECT_EQ(entries(), 0u);  // the staging folder is gone too
}

TEST_F(TempDir, CommitMovesTheFilesIntoPlace) {
  RunFolder folder(dir_ / "nested" / "run");
  std::ofstream(folder.staging() / "a.txt") << "x";
  folder.commit();
  EXPECT_TRUE(fs::exists(dir_ / "nested" / "run" / "a.txt"));
  EXPECT_FALSE(fs::exists(folder.staging()));
}

TEST_F(TempDir, NeverTouchesAnExistingFolder) {
  fs::create_directories(dir_ / "run");
  std::ofstream(dir_ / "run" / "precious.csv") << "keep me";
  EXPECT_THROW(RunFolder(dir_ / "run"), OutputError);
  std::ifstream in(dir_ / "run" / "precious.csv");
  std::string text;
  std::getline(in, text);
  EXPECT_EQ(text, "keep me");
}

TEST_F(TempDir, UnwritablePlacesFailEarly) {
  std::ofstream(dir_ / "file") << "not a folder";
  EXPECT_THROW(RunFolder(dir_ / "file" / "run"), OutputError);
}

TEST_F(TempDir, FirstFreePathCountsUp) {
  EXPECT_EQ(first_free_path(dir_ / "run"), dir_ / "run");
  fs::create_directories(dir_ / "run");
  fs::create_directories(dir_ / "run-2");
  EXPECT_EQ(first_free_path(dir_ / "run"), dir_ / "run-3");
}

}  // namespace
}  // namespace peacesim::output
