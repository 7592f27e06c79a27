// Issue 9 on the real binary: a full disk, an unwritable output folder and a run store of an older
// format give a clear error and lose nothing already written; an ensemble killed with SIGKILL at
// several points and resumed gives the same bytes as one never interrupted.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <csignal>
#include <filesystem>
#include <fstream>

#include "background_peacesim.hpp"
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

std::size_t members_in(const fs::path& dir) {
  std::size_t n = 0;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(dir, ec))
    n += e.path().filename().string().rfind("member-", 0) == 0;
  return n;
}

TEST(Reliability, AnEnsembleKilledAtSeveralPointsAndResumedGivesTheSameBytes) {
  const auto dir = scratch("sigkill");
  const std::string args = "ensemble " + kMaliFast + "--runs 6 --threads 2 --out ";
  auto r = run_peacesim(args + (dir / "whole").string() + " -q");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::string series = read_file(dir / "whole/ensemble_timeseries.csv");
  const std::string events = read_file(dir / "whole/ensemble_events.csv");
  const auto out = dir / "killed";
  // Killed with SIGKILL as soon as it has started (its first line, printed once the folder is
  // open), then twice more, each time as soon as one more member has appeared. Each resume skips the
  // finished members. The signs, not times, decide when, on a fast machine and a sanitizer build alike.
  std::size_t before = 0;
  for (int k = 0; k < 3; ++k) {
    BackgroundPeacesim p(args + out.string(), dir / "err.txt");
    ASSERT_TRUE(p.started());
    ASSERT_TRUE(p.wait_for_output("to run")) << p.output() << read_file(dir / "err.txt");
    if (k > 0) p.wait_for_change(out, [&] { return members_in(out) > before; });
    p.signal(SIGKILL);
    EXPECT_EQ(p.wait(), 128 + SIGKILL);
    before = members_in(out);
  }
  EXPECT_LT(before, 6u) << "the ensemble finished before the last kill: nothing was resumed";
  r = run_peacesim(args + out.string());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find(std::to_string(before) + " done already, " + std::to_string(6 - before) + " to run"),
            std::string::npos)
      << r.out;
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
  const auto size_now = [&] {
    std::error_code ec;
    const auto size = fs::file_size(checkpoint, ec);
    return ec ? std::uintmax_t{0} : size;
  };
  BackgroundPeacesim p(args, checkpoint.parent_path() / "err.txt");
  EXPECT_TRUE(p.started());
  p.wait_for_change(checkpoint.parent_path(), [&] { return size_now() > after_bytes; });
  p.signal(SIGKILL);
  (void)p.wait();
  return size_now();
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
  const std::string args = "run scenarios/mali/mali.yaml --scale 200 --checkpoint-every 0 --out ";
  const auto out = (dir / "r").string();
  // SIGTERM (as Ctrl-C) once the run has said it is running, a line printed after its handlers are
  // in place: the state is saved on the way out even with periodic checkpoints off.
  const auto log = dir / "err.txt";
  {
    BackgroundPeacesim p(args + out, log);
    ASSERT_TRUE(p.started());
    ASSERT_TRUE(p.wait_for_output("running")) << read_file(log);
    p.signal(SIGTERM);
    ASSERT_EQ(p.wait(), 130) << "not interrupted: " << read_file(log);
  }
  EXPECT_NE(read_file(log).find("state is saved"), std::string::npos) << read_file(log);
  EXPECT_TRUE(fs::exists(dir / ".r.checkpoint"));
  // The same run with another seed must not take this checkpoint up, and says what differs.
  auto r = run_peacesim(args + out + " -q --seed 2");
  EXPECT_EQ(r.exit_code, 3) << r.err;
  EXPECT_NE(r.err.find("a checkpoint of another run"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("seed 1 there, 2 here"), std::string::npos) << r.err;
  // A damaged checkpoint is an error that says what to do, never a crash.
  std::string bytes = read_file(dir / ".r.checkpoint");
  std::ofstream(dir / ".r.checkpoint", std::ios::binary) << bytes.substr(0, bytes.size() - 100);
  r = run_peacesim(args + out + " -q");
  EXPECT_EQ(r.exit_code, 3) << r.err;
  EXPECT_NE(r.err.find("remove it"), std::string::npos) << r.err;
  // A file that is no checkpoint at all is called that, not a checkpoint of another run, and its
  // content is not shown.
  std::ofstream(dir / ".r.checkpoint", std::ios::binary) << "secret line\n\x01\x02 garbage";
  r = run_peacesim(args + out + " -q");
  EXPECT_EQ(r.exit_code, 3) << r.err;
  EXPECT_NE(r.err.find("not a peacesim checkpoint"), std::string::npos) << r.err;
  EXPECT_EQ(r.err.find("another run"), std::string::npos) << r.err;
  EXPECT_EQ(r.err.find("secret"), std::string::npos) << r.err;
  fs::remove_all(dir);
}

}  // namespace
}  // namespace peacesim::testing
