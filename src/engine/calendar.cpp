#include "engine/calendar.hpp"

#include <fmt/format.h>

#include <charconv>
#include <stdexcept>

namespace peacesim::engine {

namespace {
template <typename T>
bool parse_number(std::string_view text, T& out) {
  if (text.empty()) return false;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
  }
  const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
  return ec == std::errc{} && ptr == text.data() + text.size();
}
}  // namespace

std::optional<Date> Date::parse(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  int year = 0;
  unsigned month = 0;
  unsigned day = 0;
  if (!parse_number(text.substr(0, 4), year) || !parse_number(text.substr(5, 2), month) ||
      !parse_number(text.substr(8, 2), day)) {
    return std::nullopt;
  }
  const std::chrono::year_month_day ymd{std::chrono::year{year}, std::chrono::month{month},
                                        std::chrono::day{day}};
  if (!ymd.ok()) return std::nullopt;
  return Date{std::chrono::sys_days{ymd}};
}

std::string Date::iso() const { return fmt::format("{:04d}-{:02d}-{:02d}", year(), month(), day()); }

std::string Date::year_month() const { return fmt::format("{:04d}-{:02d}", year(), month()); }

std::optional<Cadence> parse_cadence(std::string_view text) {
  if (text == "daily") return Cadence::Daily;
  if (text == "weekly") return Cadence::Weekly;
  if (text == "monthly") return Cadence::Monthly;
  if (text == "yearly") return Cadence::Yearly;
  return std::nullopt;
}

std::string_view cadence_name(Cadence cadence) {
  switch (cadence) {
    case Cadence::Daily:
      return "daily";
    case Cadence::Weekly:
      return "weekly";
    case Cadence::Monthly:
      return "monthly";
    case Cadence::Yearly:
      return "yearly";
  }
  return "unknown";
}

Clock::Clock(Date start, Date end) : start_(start), end_(end) {
  if (end < start) {
    throw std::invalid_argument(
        fmt::format("calendar ends ({}) before it starts ({})", end.iso(), start.iso()));
  }
  total_ = static_cast<std::uint32_t>(days_between(start, end) + 1);
}

bool Clock::due_at(Cadence cadence, std::uint32_t step) const {
  if (step == 0) return true;
  const Date d = start_.plus_days(step);
  switch (cadence) {
    case Cadence::Daily:
      return true;
    case Cadence::Weekly:
      return step_ % 7 == 0;
    case Cadence::Monthly:
      return d.day() == 1;
    case Cadence::Yearly:
      return d.day() == 1 && d.month() == 1;
  }
  return false;
}

}  // namespace peacesim::engine

namespace peacesim::engine {

CadenceSet Clock::periods_ending() const {
  CadenceSet ended;
  const bool last = step_ + 1 >= total_;
  for (Cadence c : {Cadence::Daily, Cadence::Weekly, Cadence::Monthly, Cadence::Yearly}) {
    if (last || due_at(c, step_ + 1)) ended.add(c);
  }
  return ended;
}

}  // namespace peacesim::engine
