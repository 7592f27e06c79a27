#include "validation/regions.hpp"

#include <map>

#include "theatre/csv.hpp"

namespace peacesim::validation {

namespace {
// Lower case ASCII, accents dropped (the Latin-1 range of UTF-8 that Mali's names use), hyphens
// and underscores as spaces, runs of spaces as one.
std::string fold(const std::string& raw) {
  const std::string text = theatre::repair_mojibake(raw);
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    auto c = static_cast<unsigned char>(text[i]);
    char ascii = 0;
    if (c == 0xC3 && i + 1 < text.size()) {
      const auto d = static_cast<unsigned char>(text[++i]);
      // U+00C0..U+00FF: map the accented letters to their base letter.
      static const char* const kBase = "AAAAAAACEEEEIIIIDNOOOOOxOUUUUYTsaaaaaaaceeeeiiiidnooooo/ouuuuyty";
      if (d >= 0x80 && d <= 0xBF) ascii = kBase[d - 0x80];
    } else if (c < 0x80) {
      ascii = static_cast<char>(c);
    }
    if (ascii == 0) continue;
    if (ascii == '-' || ascii == '_' || ascii == '\t') ascii = ' ';
    if (ascii >= 'A' && ascii <= 'Z') ascii = static_cast<char>(ascii - 'A' + 'a');
    if (ascii == ' ' && (out.empty() || out.back() == ' ')) continue;
    out += ascii;
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}
}  // namespace

std::optional<std::string> harmonize_admin1(const std::string& name) {
  static const std::map<std::string, std::string> aliases{
      {"bamako", "Bamako"},
      {"district de bamako", "Bamako"},
      {"bamako district", "Bamako"},
      {"kayes", "Kayes"},
      {"koulikoro", "Koulikoro"},
      {"sikasso", "Sikasso"},
      {"segou", "Segou"},
      {"mopti", "Mopti"},
      {"tombouctou", "Tombouctou"},
      {"timbuktu", "Tombouctou"},
      {"gao", "Gao"},
      {"kidal", "Kidal"},
      {"menaka", "Gao"},
      {"taoudenit", "Tombouctou"},
      {"taoudeni", "Tombouctou"},
      {"taoudenni", "Tombouctou"},
      {"kita", "Kayes"},
      {"nioro", "Kayes"},
      {"nioro du sahel", "Kayes"},
      {"dioila", "Koulikoro"},
      {"nara", "Koulikoro"},
      {"bougouni", "Sikasso"},
      {"koutiala", "Sikasso"},
      {"san", "Segou"},
      {"douentza", "Mopti"},
      {"bandiagara", "Mopti"},
  };
  const auto it = aliases.find(fold(name));
  if (it == aliases.end()) return std::nullopt;
  return it->second;
}

}  // namespace peacesim::validation
