#include "models/conflict_theatre/tables.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace peacesim::models::conflict_theatre {

namespace {
constexpr std::size_t kTextWidth = 150;

// Display width in code points (the tables hold UTF-8 names with accented letters).
std::size_t width(const std::string& s) {
  return static_cast<std::size_t>(std::count_if(
      s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

std::size_t width_of(const std::string& s) { return width(s); }

std::string pad(const std::string& s, std::size_t w) {
  std::string out = s;
  out.append(w > width(s) ? w - width(s) : 0, ' ');
  return out;
}

std::string md_cell(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == '|') out += '\\';
    out += c == '\n' ? ' ' : c;
  }
  return out;
}
}  // namespace

namespace {
// Wraps text at `width` code points, indenting continuation lines by `indent` spaces.
std::string wrap(const std::string& text, std::size_t width, std::size_t indent) {
  std::string out;
  std::string line;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find(' ', start);
    if (end == std::string::npos) end = text.size();
    const std::string word = text.substr(start, end - start);
    if (!line.empty() && width_of(line) + 1 + width_of(word) > width) {
      out += line + "\n" + std::string(indent, ' ');
      line.clear();
    }
    line += (line.empty() ? "" : " ") + word;
    start = end + 1;
  }
  return out + line;
}
}  // namespace

std::string render_text(const Table& t) {
  std::vector<std::size_t> w(t.header.size(), 0);
  for (std::size_t i = 0; i < t.header.size(); ++i) w[i] = width(t.header[i]);
  for (const auto& row : t.rows) {
    for (std::size_t i = 0; i < row.size() && i < w.size(); ++i) w[i] = std::max(w[i], width(row[i]));
  }
  // The last column may run long (it is not padded); the others must fit.
  std::size_t total = 2;
  for (std::size_t i = 0; i < w.size(); ++i)
    total += (i + 1 < w.size() ? w[i] : std::min<std::size_t>(w[i], 60)) + 1;
  std::string out = t.title + "\n";
  if (total > kTextWidth) {
    // Too wide for columns: one block per row, the first cell as its heading.
    std::size_t label = 0;
    for (std::size_t i = 1; i < t.header.size(); ++i) label = std::max(label, width(t.header[i]));
    for (const auto& row : t.rows) {
      out += "  " + (row.empty() ? std::string() : row[0]) + "\n";
      for (std::size_t i = 1; i < row.size() && i < t.header.size(); ++i) {
        if (row[i].empty()) continue;
        out += "      " + pad(t.header[i], label) + "  " + wrap(row[i], kTextWidth - label - 8, label + 8) +
               "\n";
      }
    }
  } else {
    auto line = [&](const std::vector<std::string>& cells) {
      std::string l = " ";
      for (std::size_t i = 0; i < cells.size(); ++i) {
        l += ' ';
        l += i + 1 < cells.size() ? pad(cells[i], w[i]) : cells[i];
      }
      while (!l.empty() && l.back() == ' ') l.pop_back();
      out += l + "\n";
    };
    line(t.header);
    for (const auto& row : t.rows) line(row);
  }
  if (!t.note.empty()) out += fmt::format("  {}\n", wrap(t.note, kTextWidth - 2, 2));
  return out;
}

std::string render_markdown(const Table& t) {
  std::string out = fmt::format("## {}\n\n|", t.title);
  for (const auto& h : t.header) out += fmt::format(" {} |", md_cell(h));
  out += "\n|";
  for (std::size_t i = 0; i < t.header.size(); ++i) out += "---|";
  out += "\n";
  for (const auto& row : t.rows) {
    out += "|";
    for (const auto& c : row) out += fmt::format(" {} |", md_cell(c));
    out += "\n";
  }
  if (!t.note.empty()) out += fmt::format("\n{}\n", t.note);
  return out + "\n";
}

}  // namespace peacesim::models::conflict_theatre
