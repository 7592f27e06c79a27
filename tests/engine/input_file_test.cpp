#include "engine/input_file.hpp"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <optional>

namespace peacesim::engine {
namespace {

namespace fs = std::filesystem;
using Reason = InputFileError::Reason;

class InputFile : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("peacesim_input_file_" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  fs::path write(const std::string& name, const std::string& text) {
    std::ofstream(dir_ / name, std::ios::binary) << text;
    return dir_ / name;
  }

  // The reason a read is refused, or nothing if it is accepted.
  static std::optional<Reason> refusal(const fs::path& path, const InputLimit& limit,
                                       std::string* message = nullptr) {
    try {
      (void)read_input_file(path, limit);
      return std::nullopt;
    } catch (const InputFileError& e) {
      if (message != nullptr) *message = e.what();
      return e.reason();
    }
  }

  fs::path dir_;
};

const InputLimit kSmall{100, "a test file"};

TEST_F(InputFile, ReadsARegularFileUpToItsCap) {
  EXPECT_EQ(read_input_file(write("a.txt", "hello"), kSmall), "hello");
  EXPECT_EQ(read_input_file(write("full.txt", std::string(100, 'x')), kSmall).size(), 100u);
  EXPECT_EQ(read_input_file(write("empty.txt", ""), kSmall), "");
}

TEST_F(InputFile, RefusesAFileOneByteOverItsCapNamingTheCap) {
  std::string message;
  EXPECT_EQ(refusal(write("big.txt", std::string(101, 'x')), kSmall, &message), Reason::TooLarge);
  EXPECT_EQ(message, "is 101 bytes, more than the 100 bytes allowed for a test file");
}

TEST_F(InputFile, RefusesAHugeSparseFileWithoutReadingIt) {
  // 4 GiB on paper, no blocks on disk (sparse): it must be refused by its size, before any allocation.
  const fs::path huge = write("huge.bin", "");
  fs::resize_file(huge, 4ull * 1024 * kMiB);
  std::string message;
  EXPECT_EQ(refusal(huge, {16 * kMiB, "a scenario file"}, &message), Reason::TooLarge);
  EXPECT_EQ(message, "is 4096 MiB, more than the 16 MiB allowed for a scenario file");
}

TEST_F(InputFile, StopsAtTheCapWhenAFileHoldsMoreThanItsSizeSays) {
  // /proc files are regular files of size 0 whose reads return more: the cap holds while reading.
  std::string message;
  EXPECT_EQ(refusal("/proc/self/status", {10, "a test file"}, &message), Reason::TooLarge);
  EXPECT_EQ(message, "holds more than the 10 bytes allowed for a test file");
}

TEST_F(InputFile, RefusesDevicesPipesAndFolders) {
  std::string message;
  EXPECT_EQ(refusal("/dev/zero", kSmall, &message), Reason::NotRegular);
  EXPECT_EQ(message, "is not a regular file (devices, pipes and sockets are not read)");
  EXPECT_EQ(refusal("/dev/null", kSmall), Reason::NotRegular);
  // A FIFO without a writer would block an open for reading forever: it is refused first.
  const fs::path fifo = dir_ / "fifo";
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  EXPECT_EQ(refusal(fifo, kSmall), Reason::NotRegular);
  EXPECT_EQ(refusal(dir_, kSmall), Reason::Folder);
  // A symbolic link to a device is the device.
  fs::create_symlink("/dev/zero", dir_ / "zero.yaml");
  EXPECT_EQ(refusal(dir_ / "zero.yaml", kSmall), Reason::NotRegular);
  EXPECT_THROW(check_input_file("/dev/urandom", kSmall), InputFileError);
}

TEST_F(InputFile, NamesMissingFilesAndLoopsOfLinks) {
  std::string message;
  EXPECT_EQ(refusal(dir_ / "nothing.yaml", kSmall, &message), Reason::NotFound);
  EXPECT_EQ(message, "file not found");
  fs::create_symlink(dir_ / "l2", dir_ / "l1");
  fs::create_symlink(dir_ / "l1", dir_ / "l2");
  EXPECT_EQ(refusal(dir_ / "l1", kSmall, &message), Reason::SymlinkLoop);
  EXPECT_EQ(message, "is a loop of symbolic links (or a chain too long to follow)");
  fs::create_symlink(dir_ / "gone", dir_ / "dangling");
  EXPECT_EQ(refusal(dir_ / "dangling", kSmall), Reason::NotFound);
}

TEST(DescribeSize, SaysBytesBelowAMebibyteAndTheExactCountWhenRounded) {
  EXPECT_EQ(describe_size(300), "300 bytes");
  EXPECT_EQ(describe_size(16 * kMiB), "16 MiB");
  EXPECT_EQ(describe_size(16 * kMiB + 1), "16.0 MiB (16777217 bytes)");
}

}  // namespace
}  // namespace peacesim::engine
