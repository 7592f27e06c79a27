// `peacesim describe` for a Flee case: what the case holds, read as a run reads it (so that a
// broken case fails here as in `run`), and the pull each host has on the people crossing into it.
#include <fmt/format.h>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "models/flee_case/flee_case.hpp"

namespace peacesim::models::flee_case {

namespace {

namespace dsp = mechanisms::displacement;

// "A 1.5, B 0.6": the foreign countries whose places pull otherwise than 1, in the
// order of their first place.
std::vector<std::pair<std::string, double>> host_pulls(const FleeCase& c) {
  std::vector<std::pair<std::string, double>> pulls;
  for (const auto& p : c.places) {
    if (!p.foreign || p.attraction == 1.0) continue;
    bool listed = false;
    for (const auto& [country, pull] : pulls) listed = listed || country == p.country;
    if (!listed) pulls.emplace_back(p.country, p.attraction);
  }
  return pulls;
}

}  // namespace

std::string describe_case(const ModelInput& input, DescribeFormat format) {
  const FleeCase c = load_case(input);
  std::size_t camps = 0;
  for (const auto& p : c.places) camps += p.kind == dsp::PlaceKind::Camp ? 1 : 0;
  const auto pulls = host_pulls(c);
  if (format == DescribeFormat::Json) {
    nlohmann::ordered_json hosts = nlohmann::ordered_json::object();
    for (const auto& [country, pull] : pulls) hosts[country] = pull;
    nlohmann::ordered_json j;
    j["flee_case"] = {{"places", c.places.size()},        {"camps", camps},
                      {"routes", c.links.size()},         {"closures", c.closures.size()},
                      {"observed_camps", c.camps.size()}, {"host_attraction", hosts}};
    return j.dump();
  }
  std::vector<std::string> parts;
  for (const auto& [country, pull] : pulls) parts.push_back(fmt::format("{} {}", country, pull));
  const std::string what =
      fmt::format("{} places ({} camps), {} routes, {} closures, {} camps observed", c.places.size(), camps,
                  c.links.size(), c.closures.size(), c.camps.size());
  const std::string hosts = parts.empty() ? std::string("none: every host pulls as any place (1)")
                                          : fmt::format("{}", fmt::join(parts, ", "));
  if (format == DescribeFormat::Markdown) {
    return fmt::format(
        "| Flee case | |\n|---|---|\n| inputs | {} |\n| hosts' pull on people crossing into them | {} |\n",
        what, hosts);
  }
  return fmt::format("flee case  {}\nhost pull  {} (times a place's weight for people crossing into it)\n",
                     what, hosts);
}

}  // namespace peacesim::models::flee_case
