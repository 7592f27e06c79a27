// Progress of a long run on standard error: a bar with rate and ETA on a terminal, plain lines
// (every 10%) when the output goes to a file or a pipe, nothing when quiet.
#pragma once

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <string>

namespace peacesim::cli {

class Progress {
 public:
  enum class Style { Bar, Lines, None };

  Progress(Style style, std::string label, std::FILE* out = stderr);
  static Style style_for(std::FILE* out, bool quiet);

  void update(std::uint32_t done, std::uint32_t total);
  void finish();

 private:
  void draw_bar(std::uint32_t done, std::uint32_t total, double elapsed);

  Style style_;
  std::string label_;
  std::FILE* out_;
  std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
  std::chrono::steady_clock::time_point last_draw_{};
  int last_decile_ = -1;
  bool drawn_ = false;
};

// "1 h 02 min", "3 min 05 s", "4.2 s"
std::string format_duration(double seconds);

}  // namespace peacesim::cli
