"""Place names from maintained data: Chinese divisions and townships, the world's countries and cities.

The files (resources/lexicon/places_*.txt, written by scripts/build_places.py from jionlp
and Unicode CLDR; each names its source and licence in its header) are read on first use:
a few milliseconds, and the townships (30,000 names) only when a text has a …镇 or …乡.
A broken line is a ResourceError naming the file and line.
"""

from __future__ import annotations

import functools
import gzip
from dataclasses import dataclass
from importlib import resources

from ..errors import ResourceError

DIVISION_LEVELS = ("province", "prefecture", "county", "former")
WORLD_KINDS = ("country", "region", "capital", "city")


@dataclass(frozen=True)
class PlaceNames:
    """name → (kind, full name): kind a division level (province … county, former) or a world
    kind (country … city); the full name of a short form (浙江 → 浙江省, 巴基斯坦伊斯兰共和国 → 巴基斯坦)."""

    places: dict[str, tuple[str, str]]
    prefixes: frozenset[str]  # every proper prefix of a name: where a longer match may still come

    def get(self, name: str) -> tuple[str, str] | None:
        return self.places.get(name)


AMBIGUOUS_SHORT = "*"  # the full name of a short form several divisions of one level share (和平)


def is_short_form(name: str, listed: tuple[str, str]) -> bool:
    """A division named without its suffix (浙江, 若羌, 和平)."""
    return listed[0] in DIVISION_LEVELS[:3] and listed[1] != name


def full_name(name: str, listed: tuple[str, str]) -> str:
    """The listed full name, or the name itself when it is shared (和平)."""
    return name if listed[1] == AMBIGUOUS_SHORT else listed[1]


def _read(name: str) -> str:
    data = resources.files("metaledger").joinpath("resources", "lexicon", name).read_bytes()
    return (gzip.decompress(data) if name.endswith(".gz") else data).decode("utf-8")


def _read_places(name: str, text: str, kinds: tuple[str, ...], into: dict[str, tuple[str, str]]) -> None:
    """Add the rows of file name (its text) to into, keeping names already there."""
    for number, line in enumerate(text.split("\n"), 1):
        if not line or line[0] == "#":
            continue
        fields = line.split("\t")
        if len(fields) not in (2, 3) or fields[1] not in kinds or not fields[0]:
            raise ResourceError(f"lexicon/{name}:{number}: expected 'name<TAB>kind[<TAB>full name]', kind one of {', '.join(kinds)}")
        if fields[0] not in into:
            into[fields[0]] = (fields[1], fields[2] if len(fields) == 3 else fields[0])


@functools.lru_cache(maxsize=1)
def listed_places() -> PlaceNames:
    """Chinese divisions (province, prefecture, county and their short forms) and world places."""
    places: dict[str, tuple[str, str]] = {}
    _read_places("places_china.txt", _read("places_china.txt"), DIVISION_LEVELS, places)
    _read_places("places_world.txt", _read("places_world.txt"), WORLD_KINDS, places)  # 上海 stays 上海市, the division
    prefixes = {name[:cut] for name in places for cut in range(1, len(name))}
    return PlaceNames(places, frozenset(prefixes))


@functools.lru_cache(maxsize=1)
def township_names() -> frozenset[str]:
    """Chinese township-level names (…镇, …乡, …街道, …苏木)."""
    name = "places_china_towns.txt.gz"
    return frozenset(line for line in _read(name).splitlines() if line and not line.startswith("#"))
