#include "cli/json_file.hpp"

#include <fstream>

#include "output/output_error.hpp"

namespace peacesim::cli {

namespace fs = std::filesystem;

void refuse_existing_output(const std::string& path) {
  if (fs::exists(path)) throw output::OutputError(path + ": already exists; choose another --out");
}

void write_text_atomically(const fs::path& path, const std::string& text) {
  const fs::path tmp = path.string() + ".partial";
  {
    std::ofstream out(tmp, std::ios::binary);
    if (!out) throw output::OutputError(path.string() + ": cannot open for writing");
    out << text;
    if (!out.flush()) {
      out.close();
      std::error_code ignored;
      fs::remove(tmp, ignored);
      throw output::OutputError(path.string() + ": write failed (disk full?)");
    }
  }
  std::error_code ec;
  fs::rename(tmp, path, ec);
  if (ec) {
    fs::remove(tmp, ec);
    throw output::OutputError(path.string() + ": cannot write: " + ec.message());
  }
}

void write_json_atomically(const fs::path& path, const nlohmann::json& j) {
  write_text_atomically(path, j.dump(1) + "\n");
}

}  // namespace peacesim::cli
