// Issue 9 on the real binary: a full disk, an unwritable output folder and a run store of an older
// format give a clear error and lose nothing already written; an ensemble killed with SIGKILL at
// several points and resumed gives the same bytes as one never interrupted.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <thread>

#include "run_peacesim.hpp"

namespace peacesim::testing {
namespace {

namespace fs = std::filesystem;

fs::path scratch(const std::string& name) {
  const auto p =
      fs::temp_directory_path() / ("peacesim_reliability_" + name + "_" + std::to_string(::getpid()));
  fs::remove_all(p);
  fs::create_directories(p);
  return p;
}

// Writes fail with EFBIG past 200 KiB in the child shell (SIGXFSZ ignored): a disk that is full.
const std::string kFullDisk = "trap '' XFSZ; ulimit -f 200; ";
const std::string kMaliFast = "scenarios/mali/mali.yaml --set calendar.end=2013-12-31 --scale 1000 ";

TEST(Reliability, AFullDiskIsAClearErrorAndLeavesNoPartialRun) {
  const auto dir = scratch("full");
  const auto r = run_peacesim("run " + kMaliFast + "-q --out " + (dir / "r").string(), kFullDisk);
  EXPECT_EQ(r.exit_code, 3) << r.err;
  EXPECT_NE(r.err.find("disk full"), std::string::npos) << r.err;
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
  EXPECT_TRUE(fs::is_empty(dir)) << "a partial run folder was left";
  fs::remove_all(dir);
}

TEST(Reliability, AFullDiskDuringAnEnsembleKeepsTheMembersAlreadyWritten) {
  const auto dir = scratch("full_ensemble");
  const auto out = (dir / "e").string();
  auto r = run_peacesim("ensemble " + kMaliFast + "--runs 2 -q --out " + out);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::string member0 = read_file(dir / "e/member-0000/timeseries.csv");
  r = run_peacesim("ensemble " + kMaliFast + "--runs 4 -q --out " + out, kFullDisk);
  EXPECT_EQ(r.exit_code, 3) << r.err;
  EXPECT_NE(r.err.find("disk full"), std::string::npos) << r.err;
  EXPECT_EQ(read_file(dir / "e/member-0000/timeseries.csv"), member0);  // untouched
  EXPECT_TRUE(fs::exists(dir / "e/member-0001/manifest.json"));
  EXPECT_FALSE(fs::exists(dir / "e/member-0002"));  // never half a member
  fs::remove_all(dir);
}

// A real full file system: a 5 MB tmpfs (room for one member of about 3 MB) in a private mount namespace
// (root with CAP_SYS_ADMIN; skipped elsewhere). The ensemble stops with a clear error when the disk fills;
// after the file system grows, the same command finishes it, and the result is the bytes of an ensemble that
// never ran out of space.
TEST(Reliability, ARealFullFileSystemLosesNothingAndTheEnsembleResumesToTheSameBytes) {
  const auto dir = scratch("tmpfs");
  const auto mnt = dir / "mnt";
  fs::create_directories(mnt);
  const std::string bin = PEACESIM_BINARY;
  const std::string ensemble =
      "'" + bin + "' ensemble " + kMaliFast + "--runs 3 -q --out '" + (mnt / "e").string() + "'";
  const std::string script =
      "cd '" PEACESIM_SOURCE_DIR "' && unshare -m sh -c \"mount -t tmpfs -o size=5m tmpfs '" + mnt.string() +
      "' || exit 90; " + ensemble + " 2> '" + (dir / "full.err").string() + "'; echo \\$? > '" +
      (dir / "full.code").string() + "'; cp -r '" + mnt.string() + "/e' '" + (dir / "kept").string() +
      "'; mount -o remount,size=256m '" + mnt.string() + "' && " + ensemble + " && cp -r '" + mnt.string() +
      "/e' '" + (dir / "resumed").string() + "'\" > /dev/null 2>&1";
  const int status = std::system(script.c_str());
  if (WIFEXITED(status) && WEXITSTATUS(status) == 90) GTEST_SKIP() << "cannot mount a tmpfs here";
  ASSERT_EQ(read_file(dir / "full.code"), "3\n") << read_file(dir / "full.err");
  const std::string err = read_file(dir / "full.err");
  EXPECT_NE(err.find("disk full"), std::string::npos) << err;
  // What was written before the disk filled is whole: finished members only, no half member.
  int kept = 0;
  for (const auto& e : fs::directory_iterator(dir / "kept")) {
    if (e.is_directory()) {
      EXPECT_TRUE(fs::exists(e.path() / "manifest.json")) << e.path();
      ++kept;
    }
  }
  EXPECT_GE(kept, 1) << "the member written before the disk filled was lost";
  ASSERT_TRUE(fs::exists(dir / "resumed/ensemble_timeseries.csv")) << "the resumed ensemble did not finish";
  const auto reference = (dir / "reference").string();
  ASSERT_EQ(run_peacesim("ensemble " + kMaliFast + "--runs 3 -q --out " + reference).exit_code, 0);
  EXPECT_EQ(read_file(dir / "resumed/ensemble_timeseries.csv"),
            read_file(dir / "reference/ensemble_timeseries.csv"));
  EXPECT_EQ(read_file(dir / "resumed/ensemble_events.csv"), read_file(dir / "reference/ensemble_events.csv"));
  fs::remove_all(dir);
}

TEST(Reliability, AnUnwritableOutputFolderIsAClearErrorBeforeAnyComputing) {
  const auto dir = scratch("unwritable");
  std::ofstream(dir / "a-file") << "not a folder\n";
  auto r = run_peacesim("run " + kMaliFast + "-q --out " + (dir / "a-file/run").string());
  EXPECT_EQ(r.exit_code, 3) << r.err;
  EXPECT_NE(r.err.find("a-file"), std::string::npos) << r.err;
  if (::geteuid() != 0) {  // as root, permissions do not stop writes
    fs::create_directories(dir / "locked");
    fs::permissions(dir / "locked", fs::perms::owner_read | fs::perms::owner_exec);
    r = run_peacesim("run " + kMaliFast + "-q --out " + (dir / "locked/run").string());
    EXPECT_EQ(r.exit_code, 3) << r.err;
    fs::permissions(dir / "locked", fs::perms::owner_all);
  }
  fs::remove_all(dir);
}

TEST(Reliability, ARunStoreOfAnOlderFormatIsRefusedAndLeftAsItWas) {
  const auto dir = scratch("old");
  const auto out = (dir / "e").string();
  auto r = run_peacesim("ensemble " + kMaliFast + "--runs 1 -q --out " + out);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  // Make member 0 look like a store written before run-store formats existed.
  const auto manifest = dir / "e/member-0000/manifest.json";
  std::string text = read_file(manifest);
  const auto at = text.find("\"run_store_format\"");
  ASSERT_NE(at, std::string::npos);
  text.erase(at, text.find('\n', at) - at + 1);
  std::ofstream(manifest, std::ios::binary) << text;
  r = run_peacesim("ensemble " + kMaliFast + "--runs 2 -q --out " + out);
  EXPECT_EQ(r.exit_code, 3) << r.err;
  EXPECT_NE(r.err.find("run-store format"), std::string::npos) << r.err;
  EXPECT_EQ(read_file(manifest), text);  // not modified
  EXPECT_FALSE(fs::exists(dir / "e/member-0001"));
  r = run_peacesim("validate " + (dir / "e/member-0000").string() +
                   " --observed data/observed/minusma_fatalities_2013-2016.csv --to 2013-12-31");
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_NE(r.err.find("run-store format"), std::string::npos) << r.err;
  fs::remove_all(dir);
}

// Starts an ensemble in the background, kills it with SIGKILL after `ms`, waits for it to die.
void kill_after(const std::string& args, int ms) {
  const auto pidfile = fs::temp_directory_path() / ("peacesim_kill_" + std::to_string(::getpid()));
  const std::string command = "cd '" PEACESIM_SOURCE_DIR "' && ('" PEACESIM_BINARY "' " + args +
                              " > /dev/null 2>&1 & echo $! > '" + pidfile.string() + "')";
  ASSERT_EQ(std::system(command.c_str()), 0);
  std::this_thread::sleep_for(std::chrono::milliseconds(ms));
  const std::string pid = read_file(pidfile);
  const std::string kill = "kill -9 " + pid.substr(0, pid.find('\n')) + " 2>/dev/null; sleep 0.2";
  (void)std::system(kill.c_str());
  fs::remove(pidfile);
}

TEST(Reliability, AnEnsembleKilledAtSeveralPointsAndResumedGivesTheSameBytes) {
  const auto dir = scratch("sigkill");
  const std::string args = "ensemble " + kMaliFast + "--runs 6 --threads 2 -q --out ";
  auto r = run_peacesim(args + (dir / "whole").string());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::string series = read_file(dir / "whole/ensemble_timeseries.csv");
  const std::string events = read_file(dir / "whole/ensemble_events.csv");
  const auto out = (dir / "killed").string();
  // Killed early, during the members, and again later; each resume skips the finished members.
  for (const int ms : {150, 600, 1200}) kill_after(args + out, ms);
  r = run_peacesim(args + out);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(read_file(dir / "killed/ensemble_timeseries.csv"), series);
  EXPECT_EQ(read_file(dir / "killed/ensemble_events.csv"), events);
  // No staging folder of a killed process is left behind.
  for (const auto& e : fs::directory_iterator(dir / "killed")) {
    EXPECT_EQ(e.path().filename().string().find(".partial-"), std::string::npos) << e.path();
  }
  fs::remove_all(dir);
}

// Starts a run in the background and kills it with SIGKILL as soon as it has saved a checkpoint
// larger than `after_bytes` (each one holds more of the run), or when it ends; returns the size
// of the checkpoint it left (0 if none). Waiting for the file, not a time, makes the kill land
// mid-run on a fast machine and a slow sanitizer build alike.
std::uintmax_t kill_after_checkpoint(const std::string& args, const fs::path& checkpoint,
                                     std::uintmax_t after_bytes) {
  const auto pidfile = fs::temp_directory_path() / ("peacesim_kill_" + std::to_string(::getpid()));
  const std::string command = "cd '" PEACESIM_SOURCE_DIR "' && ('" PEACESIM_BINARY "' " + args +
                              " > /dev/null 2>&1 & echo $! > '" + pidfile.string() + "')";
  EXPECT_EQ(std::system(command.c_str()), 0);
  const pid_t pid = static_cast<pid_t>(std::stol(read_file(pidfile)));
  fs::remove(pidfile);
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::minutes(5);
  while (::kill(pid, 0) == 0 && std::chrono::steady_clock::now() < deadline) {
    std::error_code ec;
    const auto size = fs::file_size(checkpoint, ec);
    if (!ec && size > after_bytes) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  ::kill(pid, SIGKILL);
  while (::kill(pid, 0) == 0) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  std::error_code ec;
  const auto size = fs::file_size(checkpoint, ec);
  return ec ? 0 : size;
}

// Kills a run three times, each after a later checkpoint than the one before (three resumes, each
// going on from where the last checkpoint left the run), then lets it finish: its files must be
// the bytes of the run never interrupted.
void expect_killed_run_resumes(const std::string& name, const std::string& run_args) {
  const auto dir = scratch("sigkill_" + name);
  const std::string args = "run " + run_args + " -q --out ";
  auto r = run_peacesim(args + (dir / "whole").string());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto out = (dir / "killed").string();
  const auto checkpoint = dir / ".killed.checkpoint";
  std::uintmax_t last = 0;
  int resumed = 0;
  for (int k = 0; k < 3; ++k) {
    const auto size = kill_after_checkpoint(args + out, checkpoint, last);
    if (size > last) ++resumed;
    last = size;
    ASSERT_FALSE(fs::exists(out)) << "a killed run left a run folder";
  }
  EXPECT_EQ(resumed, 3) << name << ": the run ended before it could be killed three times";
  r = run_peacesim(args + out);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  for (const char* file : {"timeseries.csv", "events.csv"})
    EXPECT_EQ(read_file(dir / "killed" / file), read_file(dir / "whole" / file)) << name << ": " << file;
  EXPECT_FALSE(fs::exists(checkpoint)) << "the checkpoint outlived the finished run";
  for (const auto& e : fs::directory_iterator(dir))
    EXPECT_EQ(e.path().filename().string().find(".partial-"), std::string::npos) << e.path();
  fs::remove_all(dir);
}

TEST(Reliability, ARunKilledAtSeveralPointsResumesFromItsCheckpointToTheSameBytes) {
  expect_killed_run_resumes("mali", "scenarios/mali/mali.yaml --scale 1000 --checkpoint-days 120");
  expect_killed_run_resumes("flee", "scenarios/flee/mali2012.yaml --checkpoint-days 15");
}

TEST(Reliability, AnInterruptedRunSavesItsStateAndACheckpointOfAnotherRunIsRefused) {
  const auto dir = scratch("interrupt");
  const std::string args = "run scenarios/mali/mali.yaml --scale 200 --checkpoint-every 0 -q --out ";
  const auto out = (dir / "r").string();
  // SIGTERM (as Ctrl-C; a background job ignores SIGINT) while it runs (one agent per 200 people: several
  // seconds): the state is saved on the way out even with periodic checkpoints off.
  const auto log = dir / "err.txt";
  const std::string command =
      "cd '" PEACESIM_SOURCE_DIR "' && ('" PEACESIM_BINARY "' " + args + out + " 2> '" + log.string() +
      "' & p=$!; sleep 0.5; kill -TERM $p; wait $p; echo $? > '" + (dir / "code").string() + "')";
  ASSERT_EQ(std::system(command.c_str()), 0);
  ASSERT_EQ(read_file(dir / "code"), "130\n") << "not interrupted: " << read_file(log);
  {
    EXPECT_NE(read_file(log).find("state is saved"), std::string::npos) << read_file(log);
    EXPECT_TRUE(fs::exists(dir / ".r.checkpoint"));
    // The same run with another seed must not take this checkpoint up.
    auto r = run_peacesim(args + out + " --seed 2");
    EXPECT_EQ(r.exit_code, 3) << r.err;
    EXPECT_NE(r.err.find("another run"), std::string::npos) << r.err;
    // A damaged checkpoint is an error that says what to do, never a crash.
    std::string bytes = read_file(dir / ".r.checkpoint");
    std::ofstream(dir / ".r.checkpoint", std::ios::binary) << bytes.substr(0, bytes.size() - 100);
    r = run_peacesim(args + out);
    EXPECT_EQ(r.exit_code, 3) << r.err;
    EXPECT_NE(r.err.find("remove it"), std::string::npos) << r.err;
  }
  fs::remove_all(dir);
}

}  // namespace
}  // namespace peacesim::testing
