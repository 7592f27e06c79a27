// A version of the files a source's answers are read from, for the answer cache: it changes when
// any of them is rewritten, replaced, created or removed.
#pragma once

#include <string>

#include "web/api.hpp"

namespace peacesim::web {

// For the source's folder and each member's: results.sqlite, manifest.json, ensemble.json and the
// dashboard's files, each as inode, size and modification time (in nanoseconds), or "-" if absent.
std::string store_version(const Source& source);

}  // namespace peacesim::web
