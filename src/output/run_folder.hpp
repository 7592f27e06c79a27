// A run's output folder, made atomically: files are written into a hidden sibling folder, which is
// renamed to the final name only when everything is written and flushed. An interrupted or failed
// run leaves no folder under the final name, and never touches an existing one.
#pragma once

#include <filesystem>

namespace peacesim::output {

class RunFolder {
 public:
  // Fails (OutputError) if `final_path` exists or its parent cannot be created or written.
  explicit RunFolder(std::filesystem::path final_path);
  ~RunFolder();  // removes the staging folder unless committed
  RunFolder(const RunFolder&) = delete;
  RunFolder& operator=(const RunFolder&) = delete;

  // Where to write files now.
  [[nodiscard]] const std::filesystem::path& staging() const { return staging_; }
  [[nodiscard]] const std::filesystem::path& final_path() const { return final_; }

  // Flushes the staged files to disk and renames the folder to its final name.
  void commit();

 private:
  std::filesystem::path final_;
  std::filesystem::path staging_;
  bool committed_ = false;
};

// Removes the staging folders (`.NAME.partial-PID`) in `parent` whose process is gone (killed by
// SIGKILL or a power loss): never results, only clutter. Those of running processes stay.
void remove_stale_staging(const std::filesystem::path& parent);

// A free folder name: `wanted` if it does not exist, else wanted-2, wanted-3, ...
std::filesystem::path first_free_path(const std::filesystem::path& wanted);

}  // namespace peacesim::output
