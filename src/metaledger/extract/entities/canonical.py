"""Canonical names of organizations the gazetteer does not know, by class (rules, not answers).

The canonical is the full official name (the gold convention for Chinese bodies):

- an elliptical body takes the article's own division: in a report about 苏州市, 市公安局 is
  苏州市公安局 and 市政府 苏州市人民政府 (the first division of that level the article names);
- a government of a division is its 人民政府: 苏州市政府 → 苏州市人民政府;
- a fire brigade named before the 2018 reform is a 公安消防 unit: 浙江省消防总队 →
  浙江省公安消防总队 (today's 消防救援总队 is left as it is);
- a Latin name with 公司, Inc. or Corp. is the name (Acme公司, Acme Inc. → Acme);
- a country's government is named after the country: 德国政府 → Government of Germany.
"""

from __future__ import annotations

import re

from ...resources.place_names import full_name, listed_places

_ELLIPTICAL = re.compile(r"^(?P<level>[省市县区州])(?=[\u4e00-\u9fff]{2})")
_PEOPLES_GOVERNMENT = re.compile(r"(?<=[省市县区州])(?<!人民)政府")
_FIRE_BRIGADE = re.compile(r"(?<!公安)消防(?=支队|总队|大队|中队)")
_LATIN_COMPANY = re.compile(r"^(?P<name>[A-Za-z][A-Za-z0-9&.\- ]*?)\s*(?:公司|,?\s*(?:Inc|Corp|Ltd|Co)\.?)$")
_GOVERNMENT = re.compile(r"^(?P<country>[\u4e00-\u9fff]{2,8})政府$")


def governing_divisions(names: list[str]) -> dict[str, str]:
    """For each level character (市, 县, 省 …), the full name of the first listed Chinese division
    of that level among names (place surfaces in article order): 苏州 → 市: 苏州市."""
    listed = listed_places()
    found: dict[str, str] = {}
    for name in names:
        place = listed.get(name)
        if place is None or place[0] not in ("province", "prefecture", "county"):
            continue
        full = full_name(name, place)
        level = full[-1]
        if level in "省市县区州" and level not in found:
            found[level] = full
    return found


def organization_canonical(name: str, divisions: dict[str, str], gazetteer) -> str:
    """The canonical of an organization the rules found, written name → official name."""
    latin = _LATIN_COMPANY.match(name)
    if latin:
        return latin.group("name").strip()
    government = _GOVERNMENT.match(name)
    if government:
        country = listed_places().get(government.group("country"))
        entry = gazetteer.lookup(government.group("country"))
        if country is not None and country[0] == "country" and entry is not None and entry.type == "PLACE":
            return f"Government of {entry.canonical}"
    elliptical = _ELLIPTICAL.match(name)
    if elliptical and elliptical.group("level") in divisions:
        name = divisions[elliptical.group("level")] + name[1:]
    name = _PEOPLES_GOVERNMENT.sub("人民政府", name)
    return _FIRE_BRIGADE.sub("公安消防", name)
