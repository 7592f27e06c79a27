#include <fmt/format.h>

#include <iterator>
#include <nlohmann/json.hpp>

#include "cli/commands.hpp"
#include "cli/exit_codes.hpp"
#include "cli/prepared_run.hpp"
#include "scenario/json.hpp"

namespace peacesim::cli {

namespace {
struct ParameterRow {
  std::string name, value, unit, range, source, set_at;
};

std::vector<ParameterRow> parameter_rows(const PreparedRun& p) {
  std::vector<ParameterRow> rows;
  for (const auto& spec : p.parameters.specs()) {
    const auto& origin = p.parameters.origin(spec.name);
    rows.push_back({spec.name, fmt::format("{}", p.parameters.value(spec.name)), spec.unit,
                    fmt::format("[{}, {}]", spec.min, spec.max), origin.source, origin.where});
  }
  return rows;
}

void append_text(const PreparedRun& p, std::string& out) {
  auto to = std::back_inserter(out);
  const auto& s = p.scenario;
  fmt::format_to(to, "{} — {}\n", s.name, s.title);
  if (!s.description.empty()) fmt::format_to(to, "\n{}\n", s.description);
  fmt::format_to(to, "\nmodel      {} — {}\n", s.model, p.model->summary);
  fmt::format_to(to, "calendar   {} → {} ({} daily steps)\n", s.start.iso(), s.end.iso(),
                 days_between(s.start, s.end) + 1);
  fmt::format_to(to, "seed       {}\n", s.seed);
  fmt::format_to(to, "scale      {} people per agent\n", s.people_per_agent);
  fmt::format_to(to, "hash       {}\n", s.hash);
  for (const auto& f : s.files) fmt::format_to(to, "file       {}\n", f.string());
  const auto rows = parameter_rows(p);
  std::size_t w_name = 9, w_value = 5, w_unit = 4, w_range = 5;
  for (const auto& r : rows) {
    w_name = std::max(w_name, r.name.size());
    w_value = std::max(w_value, r.value.size());
    w_unit = std::max(w_unit, r.unit.size());
    w_range = std::max(w_range, r.range.size());
  }
  fmt::format_to(to, "\nParameters\n  {:<{}}  {:>{}}  {:<{}}  {:<{}}  {}\n", "parameter", w_name, "value",
                 w_value, "unit", w_unit, "range", w_range, "source (set at)");
  for (const auto& r : rows) {
    fmt::format_to(to, "  {:<{}}  {:>{}}  {:<{}}  {:<{}}  {} ({})\n", r.name, w_name, r.value, w_value,
                   r.unit, w_unit, r.range, w_range, r.source, r.set_at);
  }
}

std::string md_cell(std::string text) {
  std::string out;
  for (char c : text) {
    if (c == '|') out += '\\';
    out += c == '\n' ? ' ' : c;
  }
  return out;
}

void append_markdown(const PreparedRun& p, std::string& out) {
  auto to = std::back_inserter(out);
  const auto& s = p.scenario;
  fmt::format_to(to, "# {}: {}\n\n", s.name, md_cell(s.title));
  if (!s.description.empty()) fmt::format_to(to, "{}\n\n", s.description);
  fmt::format_to(to, "| field | value |\n|---|---|\n");
  fmt::format_to(to, "| model | `{}`: {} |\n", s.model, md_cell(p.model->summary));
  fmt::format_to(to, "| calendar | {} to {} ({} daily steps) |\n", s.start.iso(), s.end.iso(),
                 days_between(s.start, s.end) + 1);
  fmt::format_to(to, "| seed | {} |\n| scale | {} people per agent |\n| hash | `{}` |\n\n", s.seed,
                 s.people_per_agent, s.hash);
  fmt::format_to(to,
                 "## Parameters\n\n| parameter | value | unit | range | source | set at "
                 "|\n|---|---:|---|---|---|---|\n");
  for (const auto& r : parameter_rows(p)) {
    fmt::format_to(to, "| `{}` | {} | {} | {} | {} | {} |\n", r.name, r.value, md_cell(r.unit), r.range,
                   md_cell(r.source), md_cell(r.set_at));
  }
}

void append_json(const PreparedRun& p, std::string& out) {
  auto to = std::back_inserter(out);
  const auto& s = p.scenario;
  nlohmann::ordered_json j;
  j["name"] = s.name;
  j["title"] = s.title;
  j["description"] = s.description;
  j["model"] = {{"name", s.model}, {"summary", p.model->summary}};
  j["calendar"] = {
      {"start", s.start.iso()}, {"end", s.end.iso()}, {"steps", days_between(s.start, s.end) + 1}};
  j["seed"] = s.seed;
  j["people_per_agent"] = s.people_per_agent;
  j["hash"] = s.hash;
  j["parameters"] = scenario::to_json(p.parameters);
  if (p.model->describe) {
    const models::ModelInput input{p.parameters, s, s.seed, 1, s.people_per_agent};
    const auto model_sections = nlohmann::ordered_json::parse(p.model->describe(input, DescribeFormat::Json));
    for (const auto& [key, value] : model_sections.items()) j[key] = value;
  }
  fmt::format_to(to, "{}\n", j.dump(2));
}

// The model's own sections (operations, timeline, ...), after the common ones.
std::string model_sections(const PreparedRun& p, DescribeFormat format) {
  if (!p.model->describe) return {};
  const auto& s = p.scenario;
  const models::ModelInput input{p.parameters, s, s.seed, 1, s.people_per_agent};
  return "\n" + p.model->describe(input, format);
}
}  // namespace

std::string describe_scenario(const ScenarioOptions& options, DescribeFormat format) {
  const PreparedRun p = prepare(options.scenario, {options.overrides, options.seed, options.scale});
  std::string out;
  switch (format) {
    case DescribeFormat::Text:
      append_text(p, out);
      out += model_sections(p, format);
      break;
    case DescribeFormat::Markdown:
      append_markdown(p, out);
      out += model_sections(p, format);
      break;
    case DescribeFormat::Json:
      append_json(p, out);
      break;
  }
  return out;
}

int describe_command(const ScenarioOptions& options, DescribeFormat format) {
  // Computed whole before anything is printed: bad input leaves standard output empty.
  fmt::print("{}", describe_scenario(options, format));
  return kOk;
}

}  // namespace peacesim::cli
