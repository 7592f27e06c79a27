// A plain table, rendered as aligned text or as a Markdown pipe table (`peacesim describe`).
#pragma once

#include <string>
#include <vector>

namespace peacesim::models::conflict_theatre {

struct Table {
  std::string title;
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
  std::string note;  // printed under the table
};

std::string render_text(const Table& table);
std::string render_markdown(const Table& table);

}  // namespace peacesim::models::conflict_theatre
