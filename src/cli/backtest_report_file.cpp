#include "cli/backtest_report_file.hpp"

#include <stdexcept>

#include "engine/calendar.hpp"
#include "engine/input_file.hpp"

namespace peacesim::cli {

using json = nlohmann::json;

namespace {

[[noreturn]] void refuse(const std::string& path, const std::string& why) {
  throw std::runtime_error(path + ": " + why + " (expected the report of peacesim backtest --out FILE)");
}

// Each origin must have what the validation view shows: its date, its metrics and verdict, and
// its patterns.
void check_origin(const std::string& path, const json& o, std::size_t i) {
  const std::string at = "origins[" + std::to_string(i) + "]";
  if (!o.is_object()) refuse(path, at + " is not an object");
  if (!o.contains("origin") || !o["origin"].is_string() ||
      !engine::Date::parse(o["origin"].get<std::string>()))
    refuse(path, at + ".origin is not a date (YYYY-MM-DD)");
  if (!o.contains("scores") || !o["scores"].is_object()) refuse(path, at + ".scores is missing");
  const json& scores = o["scores"];
  if (!scores.contains("metrics") || !scores["metrics"].is_array())
    refuse(path, at + ".scores.metrics is not a list");
  for (const auto& m : scores["metrics"]) {
    if (!m.is_object() || !m.contains("name") || !m["name"].is_string())
      refuse(path, at + ".scores.metrics has an entry without a name");
  }
  if (!scores.contains("verdict") || !scores["verdict"].is_object())
    refuse(path, at + ".scores.verdict is missing");
  if (!o.contains("patterns") || !o["patterns"].is_array()) refuse(path, at + ".patterns is not a list");
}

}  // namespace

json read_backtest_report(const std::string& path) {
  std::string text;
  try {
    text = engine::read_input_file(path, {kMaxBacktestReportBytes, "a backtest report"});
  } catch (const engine::InputFileError& e) {
    throw std::runtime_error(path + ": " + e.what());
  }
  json report = json::parse(text, nullptr, false);
  if (report.is_discarded()) refuse(path, "not JSON");
  if (!report.is_object() || report.value("kind", json()) != "backtest")
    refuse(path, "kind is not \"backtest\"");
  if (!report.contains("origins") || !report["origins"].is_array() || report["origins"].empty())
    refuse(path, "origins is not a non-empty list");
  for (std::size_t i = 0; i < report["origins"].size(); ++i) check_origin(path, report["origins"][i], i);
  return report;
}

}  // namespace peacesim::cli
