#include "theatre/peace_process.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "scenario/error.hpp"

namespace peacesim::theatre {

using scenario::ScenarioError;

std::vector<Agreement> read_agreements(const Node& root) {
  std::vector<Agreement> out;
  MapReader top(*root.get("peace_process"), "peace_process");
  for_each(
      top, "agreements",
      [&](MapReader& r, std::size_t) {
        Agreement a;
        a.where = r.node().where();
        a.field = path_of(r);
        a.id = id_field(r);
        a.name = r.string("name");
        a.talks_from = optional_when(r, "talks_from");
        a.mediators = ref_list(r, "mediators");
        for_each(
            r, "signatures",
            [&](MapReader& s, std::size_t) {
              a.signatures.push_back({ref_field(s, "party"), when_field(s, "date"), read_source(s)});
            },
            true);
        a.excluded = ref_list(r, "excluded");
        const Node* provisions = r.optional("provisions");
        a.provisions = string_list(r, "provisions");
        for (std::size_t i = 0; i < a.provisions.size(); ++i) {
          const auto& words = provision_words();
          if (std::find(words.begin(), words.end(), a.provisions[i]) == words.end()) {
            const Node& n = provisions->is_sequence() ? provisions->items()[i] : *provisions;
            throw ScenarioError(
                n.where(), fmt::format("{}[{}]", r.field("provisions"), i),
                fmt::format("'{}' is not one of: {}", a.provisions[i], fmt::join(words, ", ")));
          }
        }
        a.role = read_role(r);
        a.source = read_source(r);
        out.push_back(std::move(a));
      },
      true);
  top.finish();
  return out;
}

}  // namespace peacesim::theatre
