#include "theatre/geography_spec.hpp"

#include <fmt/format.h>

#include <cmath>

#include "scenario/error.hpp"

namespace peacesim::theatre {

using scenario::ScenarioError;

namespace {
BoundaryLayer read_layer(MapReader& top, const std::string& key, bool with_parent, bool with_code = true) {
  MapReader r(top.required(key), top.field(key));
  BoundaryLayer layer;
  layer.file = file_field(r, "file");
  layer.name_field = r.string("name_field");
  if (with_code) layer.code_field = r.string("code_field");
  if (with_parent) layer.parent_field = r.string("region_field");
  if (key == "regions" && r.optional("country_field") != nullptr)
    layer.parent_field = r.string("country_field");
  if (key == "regions" && r.optional("aliases") != nullptr) layer.aliases = file_field(r, "aliases");
  if (key == "regions" && r.optional("exclude") != nullptr) {
    MapReader e(r.required("exclude"), r.field("exclude"));
    layer.excluded_where = e.required("regions").where();
    layer.excluded = string_list(e, "regions");
    layer.excluded_source = read_source(e);
    e.finish();
  }
  r.finish();
  return layer;
}

// A list of ISO 3166-1 alpha-3 country codes (absent = empty), each kept with where it was written.
std::vector<Ref> country_list(MapReader& r, const std::string& key) {
  std::vector<Ref> out;
  const Node* n = r.optional(key);
  if (n == nullptr) return out;
  if (!n->is_sequence())
    throw ScenarioError(n->where(), r.field(key), "expected a list of country codes, got " + n->kind_name());
  for (std::size_t i = 0; i < n->items().size(); ++i) {
    const Node& item = n->items()[i];
    const std::string field = fmt::format("{}[{}]", r.field(key), i);
    out.push_back(Ref{read_country_code(item, field), item.where(), field});
  }
  return out;
}

std::vector<Category> read_categories(MapReader& top, const std::string& key, bool communities) {
  std::vector<Category> out;
  for_each(
      top, key,
      [&](MapReader& r, std::size_t) {
        Category c;
        c.id = id_field(r);
        c.name = r.string("name");
        c.source = read_source(r);
        if (communities) {
          c.kin_abroad = country_list(r, "kin_abroad");
          c.kin_source = optional_source(r, "kin_source");
          if (!c.kin_abroad.empty() && !c.kin_source) {
            throw ScenarioError(
                r.node().where(), r.field("kin_source"),
                "kin_abroad needs a kin_source (where the community's kin across the border is documented)");
          }
        }
        out.push_back(std::move(c));
      },
      true);
  return out;
}

std::vector<RegionShares> read_shares(MapReader& top, const std::string& key) {
  std::vector<RegionShares> out;
  for_each(top, key, [&](MapReader& r, std::size_t) {
    RegionShares s;
    s.where = r.node().where();
    s.field = path_of(r);
    const Node& region = r.required("region");
    s.region = Ref{scenario::read_string(region, r.field("region")), region.where(), r.field("region")};
    const Node& shares = r.required("shares");
    MapReader sr(shares, r.field("shares"));
    double total = 0.0;
    for (const auto& [name, value] : shares.entries()) {
      const double v = non_negative(sr, name);
      s.shares.emplace_back(Ref{name, value.where(), sr.field(name)}, v);
      total += v;
    }
    sr.finish();
    if (std::fabs(total - 1.0) > 1e-6) {
      throw ScenarioError(shares.where(), r.field("shares"),
                          fmt::format("shares must sum to 1, they sum to {}", total));
    }
    s.source = read_source(r);
    out.push_back(std::move(s));
  });
  return out;
}
}  // namespace

GeographySpec read_geography(const Node& root) {
  GeographySpec g;
  MapReader r(*root.get("geography"), "geography");
  g.regions = read_layer(r, "regions", false);
  g.cercles = read_layer(r, "cercles", true);
  if (r.optional("neighbours") != nullptr) g.neighbours = read_layer(r, "neighbours", false, false);
  if (const Node* bands = r.optional("biome_bands"); bands != nullptr) {
    MapReader b(*bands, r.field("biome_bands"));
    GeographySpec::BiomeBands out;
    out.saharan_north_of = b.number("saharan_north_of");
    out.sudanian_south_of = b.number("sudanian_south_of");
    if (!(out.sudanian_south_of < out.saharan_north_of)) {
      throw ScenarioError(b.required("sudanian_south_of").where(), b.field("sudanian_south_of"),
                          "must be south of saharan_north_of");
    }
    out.source = read_source(b);
    b.finish();
    g.biome_bands = out;
  }
  if (auto m = optional_non_negative(r, "grid_margin")) g.margin_deg = *m;
  g.source = read_source(r);
  r.finish();
  return g;
}

PopulationSpec read_population(const Node& root) {
  PopulationSpec p;
  MapReader r(*root.get("population"), "population");
  {
    auto read_census = [&p](MapReader& c) {
      Census census;
      census.field = path_of(c);
      census.file = file_field(c, "file");
      census.region_column = c.string("region_column");
      census.count_column = c.string("count_column");
      if (c.optional("country_column") != nullptr) {
        census.country_column = c.string("country_column");
        census.country = c.string("country");
      }
      census.date = when_field(c, "date");
      census.source = read_source(c);
      c.finish();
      p.censuses.push_back(std::move(census));
    };
    const Node& node = r.required("census");
    if (node.is_sequence()) {
      for_each(r, "census", [&](MapReader& c, std::size_t) { read_census(c); });
      if (p.censuses.empty()) throw ScenarioError(node.where(), r.field("census"), "lists no census");
    } else {
      MapReader c(node, r.field("census"));
      read_census(c);
    }
    p.census_date = p.censuses.front().date;
    p.census_source = p.censuses.front().source;
  }
  {
    MapReader s(r.required("cercle_split"), r.field("cercle_split"));
    p.split = choice(s, "method", {"equal", "area"}) == "equal" ? CercleSplit::Equal : CercleSplit::Area;
    p.split_source = read_source(s);
    s.finish();
  }
  p.communities = read_categories(r, "communities", true);
  p.livelihoods = read_categories(r, "livelihoods", false);
  p.community_shares = read_shares(r, "community_shares");
  p.livelihood_shares = read_shares(r, "livelihood_shares");
  r.finish();
  return p;
}

}  // namespace peacesim::theatre
