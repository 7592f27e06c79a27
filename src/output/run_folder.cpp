#include "output/run_folder.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <signal.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <string>

#include "output/output_error.hpp"

namespace peacesim::output {

namespace fs = std::filesystem;

namespace {
// fsync a file or folder so that the rename below cannot overtake the data on a crash.
void sync_path(const fs::path& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return;
  ::fsync(fd);
  ::close(fd);
}
}  // namespace

namespace {
// Whether a process runs: it exists and is not a zombie (a killed process whose parent is gone may
// stay a zombie where nothing reaps it).
bool process_alive(long pid) {
  if (::kill(static_cast<pid_t>(pid), 0) != 0) return errno != ESRCH;
  std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
  std::string line;
  if (!std::getline(stat, line)) return true;  // no /proc: assume it runs
  const auto close = line.rfind(')');
  return close == std::string::npos || close + 2 >= line.size() || line[close + 2] != 'Z';
}
}  // namespace

void remove_stale_staging(const fs::path& parent) {
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(parent, ec)) {
    const std::string file = entry.path().filename().string();
    const auto mark = file.rfind(".partial-");
    if (file.empty() || file[0] != '.' || mark == std::string::npos) continue;
    char* end = nullptr;
    const long pid = std::strtol(file.c_str() + mark + 9, &end, 10);
    if (end == nullptr || *end != '\0' || pid <= 0) continue;
    if (!process_alive(pid)) {
      std::error_code ignored;
      fs::remove_all(entry.path(), ignored);
    }
  }
}

RunFolder::RunFolder(fs::path final_path) : final_(std::move(final_path)) {
  std::error_code ec;
  // A symbolic link counts as taken even when it points nowhere: results are never written through one.
  const auto taken = fs::symlink_status(final_, ec);
  if (fs::exists(taken)) {
    throw OutputError(
        fmt::format("output folder {} already exists{}; peacesim never overwrites results: "
                    "choose another --out or remove it",
                    final_.string(), fs::is_symlink(taken) ? " (as a symbolic link)" : ""));
  }
  const fs::path parent = final_.has_parent_path() ? final_.parent_path() : fs::path(".");
  fs::create_directories(parent, ec);
  if (ec) throw OutputError(fmt::format("cannot create folder {}: {}", parent.string(), ec.message()));
  staging_ = parent / fmt::format(".{}.partial-{}", final_.filename().string(), ::getpid());
  fs::remove_all(staging_, ec);
  remove_stale_staging(parent);
  if (!fs::create_directory(staging_, ec) || ec) {
    throw OutputError(fmt::format("cannot write in {}: {}", parent.string(),
                                  ec ? ec.message() : std::string("folder exists")));
  }
}

RunFolder::~RunFolder() {
  if (committed_) return;
  std::error_code ec;
  fs::remove_all(staging_, ec);
}

void RunFolder::commit() {
  for (const auto& entry : fs::directory_iterator(staging_)) sync_path(entry.path());
  sync_path(staging_);
  if (::rename(staging_.c_str(), final_.c_str()) != 0) {
    throw OutputError(fmt::format("cannot move results into {}: {}", final_.string(), std::strerror(errno)));
  }
  sync_path(final_.has_parent_path() ? final_.parent_path() : fs::path("."));
  committed_ = true;
}

fs::path first_free_path(const fs::path& wanted) {
  std::error_code ec;
  if (!fs::exists(fs::symlink_status(wanted, ec))) return wanted;
  for (int i = 2;; ++i) {
    fs::path candidate = wanted;
    candidate += fmt::format("-{}", i);
    if (!fs::exists(fs::symlink_status(candidate, ec))) return candidate;
  }
}

}  // namespace peacesim::output
