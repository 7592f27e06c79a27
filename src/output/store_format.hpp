// The run store's format version: written in every manifest.json (`run_store_format`) and in
// results.sqlite's meta table, and checked by everything that reads a run folder back (an
// ensemble resuming or merging its members, `validate`). A folder written by an older (or newer)
// peacesim with another layout is refused with a message saying so; it is never modified.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace peacesim::output {

// Raise when the files or their columns change in a way a reader would misread.
// 2: events (events.csv, results.sqlite) carry ACLED's `country` column after `interaction`.
inline constexpr int kRunStoreFormat = 2;

// Why this run folder cannot be read by this version (nullopt if it can).
std::optional<std::string> run_store_problem(const std::filesystem::path& run_folder);

// An ensemble folder's members (its `member-NNNN` folders), sorted; empty when it has none.
std::vector<std::filesystem::path> member_folders(const std::filesystem::path& ensemble_folder);

}  // namespace peacesim::output
