// Mali's admin1 names as the observed sources spell them, harmonized to the nine pre-2016 regions
// of the scenario's boundaries (Bamako, Gao, Kayes, Kidal, Koulikoro, Mopti, Segou, Sikasso,
// Tombouctou). Accents, case, hyphens, mojibake ("SÃ©gou") and English names (Timbuktu) are
// folded; regions created after 2016 map to the region they were carved from (Ménaka → Gao,
// Taoudénit → Tombouctou; the 2023 regions likewise: Mali's law 2012-017, public record).
#pragma once

#include <array>
#include <optional>
#include <string>

namespace peacesim::validation {

inline const std::array<std::string, 9>& mali_regions() {
  static const std::array<std::string, 9> names{"Bamako", "Gao",   "Kayes",   "Kidal",     "Koulikoro",
                                                "Mopti",  "Segou", "Sikasso", "Tombouctou"};
  return names;
}

// The canonical region, or nullopt for a name that is not a region of Mali.
std::optional<std::string> harmonize_admin1(const std::string& name);

}  // namespace peacesim::validation
