#include "web/store_version.hpp"

#include <sys/stat.h>

#include "output/theatre_files.hpp"

namespace peacesim::web {

namespace {
void add_file(std::string& out, const std::filesystem::path& file) {
  struct stat st {};
  if (::stat(file.c_str(), &st) != 0) {
    out += "-;";
    return;
  }
  out += std::to_string(st.st_ino) + ':' + std::to_string(st.st_size) + ':' +
         std::to_string(st.st_mtim.tv_sec) + '.' + std::to_string(st.st_mtim.tv_nsec) + ';';
}

void add_folder(std::string& out, const std::filesystem::path& folder) {
  for (const char* name :
       {"results.sqlite", "manifest.json", "ensemble.json", output::kMapFile, output::kTheatreFile})
    add_file(out, folder / name);
}
}  // namespace

std::string store_version(const Source& source) {
  std::string out;
  add_folder(out, source.folder);
  for (const auto& member : source.members) {
    if (member != source.folder) add_folder(out, member);
  }
  return out;
}

}  // namespace peacesim::web
