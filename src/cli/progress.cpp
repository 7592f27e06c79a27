#include "cli/progress.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <cmath>

namespace peacesim::cli {

std::string format_duration(double seconds) {
  if (seconds < 60) return fmt::format("{:.1f} s", seconds);
  const auto s = static_cast<long>(std::lround(seconds));
  if (s < 3600) return fmt::format("{} min {:02d} s", s / 60, s % 60);
  return fmt::format("{} h {:02d} min", s / 3600, (s % 3600) / 60);
}

Progress::Progress(Style style, std::string label, std::FILE* out)
    : style_(style), label_(std::move(label)), out_(out) {}

Progress::Style Progress::style_for(std::FILE* out, bool quiet) {
  if (quiet) return Style::None;
  return ::isatty(::fileno(out)) ? Style::Bar : Style::Lines;
}

void Progress::update(std::uint32_t done, std::uint32_t total) {
  if (style_ == Style::None || total == 0) return;
  const auto now = std::chrono::steady_clock::now();
  const double elapsed = std::chrono::duration<double>(now - start_).count();
  if (style_ == Style::Bar) {
    // Redrawing more than ~10 times a second only costs time.
    if (done < total && now - last_draw_ < std::chrono::milliseconds(100)) return;
    last_draw_ = now;
    draw_bar(done, total, elapsed);
    return;
  }
  const int decile = static_cast<int>(10ull * done / total);
  if (decile == last_decile_) return;
  last_decile_ = decile;
  const double rate = elapsed > 0 ? done / elapsed : 0.0;
  const double eta = rate > 0 ? (total - done) / rate : 0.0;
  fmt::print(out_, "{}: {:3d}% ({}/{} steps, {:.0f} steps/s, ETA {})\n", label_, decile * 10, done, total,
             rate, format_duration(eta));
  std::fflush(out_);
}

void Progress::draw_bar(std::uint32_t done, std::uint32_t total, double elapsed) {
  constexpr int kWidth = 30;
  const double fraction = static_cast<double>(done) / total;
  const int filled = static_cast<int>(fraction * kWidth);
  const double rate = elapsed > 0 ? done / elapsed : 0.0;
  const double eta = rate > 0 ? (total - done) / rate : 0.0;
  fmt::print(out_, "\r{} [{:=<{}}{: <{}}] {:3.0f}% {}/{} steps  {:.0f} steps/s  ETA {}   ", label_, "",
             filled, "", kWidth - filled, fraction * 100, done, total, rate, format_duration(eta));
  std::fflush(out_);
  drawn_ = true;
}

void Progress::finish() {
  if (style_ == Style::Bar && drawn_) fmt::print(out_, "\n");
}

}  // namespace peacesim::cli
