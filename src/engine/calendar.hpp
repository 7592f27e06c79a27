// The calendar clock: real dates, a daily step, and the cadences mechanisms run at.
#pragma once

#include <chrono>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

namespace peacesim::engine {

// A calendar date (proleptic Gregorian), stored as days since 1970-01-01 so that arithmetic and
// comparison are integer operations.
class Date {
 public:
  constexpr Date() = default;
  constexpr explicit Date(std::chrono::sys_days days) : days_(days) {}
  constexpr Date(int year, unsigned month, unsigned day)
      : days_(std::chrono::year_month_day{std::chrono::year{year}, std::chrono::month{month},
                                          std::chrono::day{day}}) {}

  // Parses "YYYY-MM-DD"; nullopt if the text is not exactly that or the date does not exist.
  static std::optional<Date> parse(std::string_view text);

  [[nodiscard]] std::string iso() const;         // "YYYY-MM-DD"
  [[nodiscard]] std::string year_month() const;  // "YYYY-MM"
  [[nodiscard]] std::chrono::year_month_day ymd() const { return std::chrono::year_month_day{days_}; }
  [[nodiscard]] int year() const { return static_cast<int>(ymd().year()); }
  [[nodiscard]] unsigned month() const { return static_cast<unsigned>(ymd().month()); }
  [[nodiscard]] unsigned day() const { return static_cast<unsigned>(ymd().day()); }
  [[nodiscard]] std::int64_t days_since_epoch() const { return days_.time_since_epoch().count(); }
  [[nodiscard]] bool is_monday() const { return std::chrono::weekday{days_} == std::chrono::Monday; }

  [[nodiscard]] Date plus_days(std::int64_t n) const { return Date{days_ + std::chrono::days{n}}; }
  friend std::int64_t days_between(Date from, Date to) { return (to.days_ - from.days_).count(); }
  friend constexpr auto operator<=>(const Date&, const Date&) = default;

  // Checkpoints (engine/checkpoint.hpp): the day count, read or written by the same code.
  template <class Archive>
  void serialize(Archive& archive) {
    std::int64_t n = days_since_epoch();
    archive(n);
    days_ = std::chrono::sys_days{std::chrono::days{n}};
  }

 private:
  std::chrono::sys_days days_{};
};

// How often a mechanism runs or a series is recorded.
enum class Cadence : std::uint8_t {
  Daily,    // every step
  Weekly,   // every 7th step, counting from the first
  Monthly,  // on the first step of each calendar month (and on the first step of the run)
  Yearly,   // on the first step of each calendar year (and on the first step of the run)
};

// A set of cadences, as a bitmask: the engine builds one every step, so it must not allocate.
class CadenceSet {
 public:
  constexpr CadenceSet() = default;
  constexpr CadenceSet(std::initializer_list<Cadence> cadences) {
    for (Cadence c : cadences) add(c);
  }
  constexpr void add(Cadence c) {
    bits_ = static_cast<std::uint8_t>(bits_ | (1u << static_cast<unsigned>(c)));
  }
  [[nodiscard]] constexpr bool contains(Cadence c) const {
    return ((bits_ >> static_cast<unsigned>(c)) & 1u) != 0;
  }
  [[nodiscard]] constexpr bool empty() const { return bits_ == 0; }

 private:
  std::uint8_t bits_ = 0;
};

std::optional<Cadence> parse_cadence(std::string_view text);
std::string_view cadence_name(Cadence cadence);

// Steps through the days from start to end inclusive. Step 0 is the start date.
class Clock {
 public:
  Clock(Date start, Date end);

  [[nodiscard]] Date start() const { return start_; }
  [[nodiscard]] Date end() const { return end_; }
  [[nodiscard]] Date today() const { return start_.plus_days(step_); }
  [[nodiscard]] std::uint32_t step() const { return step_; }
  [[nodiscard]] std::uint32_t total_steps() const { return total_; }
  [[nodiscard]] bool finished() const { return step_ >= total_; }

  // True when a mechanism of this cadence runs on the current step, or on a given step.
  [[nodiscard]] bool due(Cadence cadence) const { return due_at(cadence, step_); }
  [[nodiscard]] bool due_at(Cadence cadence, std::uint32_t step) const;

  // The cadences whose period ends with the current step: those due on the next step, and all of
  // them on the last step.
  [[nodiscard]] CadenceSet periods_ending() const;

  void advance() { ++step_; }
  // Resuming from a checkpoint: the steps already done.
  void seek(std::uint32_t step) { step_ = step; }

 private:
  Date start_;
  Date end_;
  std::uint32_t step_ = 0;
  std::uint32_t total_;
};

}  // namespace peacesim::engine
