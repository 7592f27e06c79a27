"""Harmonize Mali admin1 (region) names to the nine pre-2016 regions.

The scenario's geography is the OCHA pre-2016 boundary set
(data/geography/mali_adm1_regions_dissolved_from_ocha_cercles.geojson), so every
observed series must be keyed by exactly the names that file uses, or joins
silently drop rows. ACLED and other sources spell regions differently
(Timbuktu/Tombouctou, Ségou/Segou, mojibake such as "SÃ©gou") and, in recent
exports, use regions created after 2016 (Ménaka, Taoudénit, and the regions
of 2023). Each newer region was carved out of exactly one pre-2016 region
(Mali's law 2012-017 on the territorial reorganization; public record), so it
maps to that parent without ambiguity. admin2 is never changed: Ménaka stays
visible as a cercle of Gao.
"""

import csv
import os
import unicodedata

# The alias table exists once, as a data file that the C++ readers compile in as well
# (src/validation/regions.cpp): alias, region (spelled exactly as the adm1 property of the OCHA
# file, which has no diacritics: "Segou", not "Ségou"), source. tests/tools checks the regions
# against the OCHA file.
ALIAS_FILE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "data", "regions",
                          "mali_admin1_aliases.csv")


def repair_mojibake(text):
    """Undo UTF-8 text that was decoded as Latin-1 ("MÃ©naka" -> "Ménaka")."""
    if "Ã" not in text and "Â" not in text:
        return text
    try:
        return text.encode("latin-1").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return text


def fold(name):
    """Comparison key: no accents, lower case, hyphens and runs of spaces as one space."""
    text = unicodedata.normalize("NFKD", repair_mojibake(name))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.replace("-", " ").replace("_", " ").lower()
    return " ".join(text.split())


def _load_aliases(path=ALIAS_FILE):
    """(folded alias -> region, the regions sorted) from the alias table."""
    aliases = {}
    with open(path, encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            aliases[fold(row["alias"])] = row["region"]
    regions = tuple(sorted(set(aliases.values())))
    for region in regions:
        aliases[fold(region)] = region
    return aliases, regions


_ALIASES, CANONICAL_ADMIN1 = _load_aliases()


def harmonize_admin1(admin1, admin2=""):
    """Return (canonical admin1, admin2 unchanged but trimmed); None if admin1 is unknown."""
    canonical = _ALIASES.get(fold(admin1))
    if canonical is None:
        return None
    return canonical, admin2.strip()
