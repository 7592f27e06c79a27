#include "output/store_format.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <nlohmann/json.hpp>

namespace peacesim::output {

std::optional<std::string> run_store_problem(const std::filesystem::path& folder) {
  const auto manifest = folder / "manifest.json";
  std::ifstream in(manifest);
  if (!in) return fmt::format("{}: not a run folder (no readable manifest.json)", folder.string());
  const auto j = nlohmann::json::parse(in, nullptr, false);
  if (j.is_discarded() || !j.is_object()) return fmt::format("{}: not valid JSON", manifest.string());
  const std::string by = j.contains("peacesim_version") && j["peacesim_version"].is_string()
                             ? j["peacesim_version"].get<std::string>()
                             : std::string("an unknown version");
  if (!j.contains("run_store_format") || !j["run_store_format"].is_number_integer()) {
    return fmt::format(
        "{}: written by peacesim {} in a run-store format before format {} (no run_store_format); this "
        "version does not read it: rerun that scenario, or use the peacesim that wrote it",
        folder.string(), by, kRunStoreFormat);
  }
  const int format = j["run_store_format"].get<int>();
  if (format != kRunStoreFormat) {
    return fmt::format("{}: written by peacesim {} in run-store format {}, this version reads format {}: {}",
                       folder.string(), by, format, kRunStoreFormat,
                       format < kRunStoreFormat ? "rerun that scenario, or use the peacesim that wrote it"
                                                : "use a newer peacesim");
  }
  return std::nullopt;
}

std::vector<std::filesystem::path> member_folders(const std::filesystem::path& folder) {
  std::vector<std::filesystem::path> members;
  std::error_code ec;
  for (const auto& e : std::filesystem::directory_iterator(folder, ec)) {
    if (e.is_directory() && e.path().filename().string().rfind("member-", 0) == 0)
      members.push_back(e.path());
  }
  std::sort(members.begin(), members.end());
  return members;
}

}  // namespace peacesim::output
