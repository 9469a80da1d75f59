"""Convert place-name data from two maintained packages into metaledger's compact lexicon files.

    .venv/bin/pip install -e '.[data]'          # jionlp and babel: needed only here, never at run time
    .venv/bin/python scripts/build_places.py    # rewrites src/metaledger/resources/lexicon/places_*

Sources (each file written names its source, version and licence in its header):
- jionlp (Apache-2.0, https://github.com/dongrixinyu/JioNLP): dictionary/china_location.zip
  (every Chinese administrative division, five levels, with short forms),
  dictionary/china_location_change.txt (renamed divisions), dictionary/world_location.txt
  (countries with full names, capitals and main cities) and rule/rule_pattern.py
  (CHINA_PROVINCE_ALIAS, the one-character province abbreviations).
- Unicode CLDR through babel (CLDR data: Unicode License v3; babel's code: BSD-3-Clause):
  Chinese names of territories and regions, and the exemplar city of every time zone.

jionlp's data files are read as files (the package is not imported: it pulls in numpy and
more); babel is imported for its CLDR loader. The output is sorted and byte-stable, so a
re-run on the same versions changes nothing.
"""

from __future__ import annotations

import argparse
import gzip
import importlib.metadata
import importlib.util
import re
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LEXICON = ROOT / "src" / "metaledger" / "resources" / "lexicon"
LEVELS = ("province", "prefecture", "county")
AMBIGUOUS_SHORT = "*"  # in the full-name column: a short form of several divisions of one level
TOWNSHIP_ENDINGS = ("街道", "镇", "乡", "苏木")
# CLDR territory codes that are not places a text names: the world, unions and codes for
# unknown or private use (EU and UN are organizations, in the gazetteer).
CLDR_SKIP = {"001", "EU", "EZ", "UN", "QO", "XA", "XB", "ZZ"}
# Time zones whose exemplar "city" is a research station or no place (昭和 is Syowa Station,
# and an era name), not a city news writes about.
ZONE_SKIP = ("Antarctica/", "Etc/")
# Short names that more often mean something else: 中非 is mostly 中国-非洲 (中非合作论坛);
# the Central African Republic keeps its full name 中非共和国.
AMBIGUOUS = {"中非"}
# Tokens of jionlp's world list that are notes, not names.
_NOTE = re.compile(r"[（(].*?[)）]")


def _package_dir(name: str) -> Path:
    spec = importlib.util.find_spec(name)  # finds the package without running its __init__
    if spec is None or not spec.submodule_search_locations:
        sys.exit(f"build_places: package {name!r} is not installed (pip install -e '.[data]')")
    return Path(next(iter(spec.submodule_search_locations)))


def _header(lines: list[str]) -> str:
    return "".join(f"# {line}\n" if line else "#\n" for line in lines)


def china_divisions(jionlp: Path) -> tuple[dict[str, tuple[str, str]], set[str]]:
    """name → (level, full name) for provinces, prefectures and counties; the township names."""
    text = zipfile.ZipFile(jionlp / "dictionary" / "china_location.zip").read("china_location.txt").decode("utf-8")
    full: dict[str, str] = {}  # full name → highest level it has
    shorts: dict[str, set[tuple[int, str]]] = {}
    towns: set[str] = set()
    for line in text.splitlines():
        depth = len(line) - len(line.lstrip("\t"))
        fields = line.strip().split("\t")
        name = fields[0]
        if depth == 3 and name.endswith(TOWNSHIP_ENDINGS) and len(name) >= 3:
            towns.add(name)
        if depth > 2 or "辖" in name or "行政区划" in name:
            continue  # 市辖区, 省直辖县级行政区划: placeholders, not names
        if name not in full or LEVELS.index(full[name]) > depth:
            full[name] = LEVELS[depth]
        short = fields[2] if len(fields) >= 3 else ""
        if len(short) >= 2 and short != name:
            shorts.setdefault(short, set()).add((depth, name))
    entries = {name: (level, name) for name, level in full.items()}
    for short, owners in shorts.items():
        if short in entries:
            continue  # a full name of its own (吉林 the province is 吉林省; 吉林市 keeps its suffix)
        top = min(depth for depth, _ in owners)
        names = sorted({name for depth, name in owners if depth == top})
        # 朝阳 is 朝阳市 and 朝阳区 (two levels: the higher wins) but 和平 is several districts: "*".
        entries[short] = (LEVELS[top], names[0] if len(names) == 1 else AMBIGUOUS_SHORT)
    return entries, towns - set(entries)


def former_divisions(jionlp: Path, current: dict[str, tuple[str, str]]) -> dict[str, tuple[str, str]]:
    """Renamed counties and prefectures (襄樊市 → 襄阳市), old full name → ("former", new full name)."""
    former = {}
    for line in (jionlp / "dictionary" / "china_location_change.txt").read_text("utf-8").splitlines():
        if "=>" not in line:
            continue
        old, new = line.split("=>")
        old_fields, new_fields = old.split("\t"), new.split("\t")
        if len(old_fields) < 8 or len(new_fields) < 3:
            continue
        pairs = [(old_fields[6], new_fields[2])]
        if old_fields[6] == new_fields[2] or not old_fields[6]:
            pairs = [(old_fields[4], new_fields[1])]  # the county moved; did its prefecture get a new name?
        for old_name, new_name in pairs:
            if old_name and new_name and old_name != new_name and old_name not in current and not old_name.endswith("地区"):
                former[old_name] = ("former", new_name)
    return former


def province_abbreviations(jionlp: Path) -> str:
    source = (jionlp / "rule" / "rule_pattern.py").read_text("utf-8")
    match = re.search(r"CHINA_PROVINCE_ALIAS = \\\s*'([^']+)'", source)
    if not match:
        sys.exit("build_places: CHINA_PROVINCE_ALIAS not found in jionlp/rule/rule_pattern.py")
    return match.group(1)


def world_places(jionlp: Path) -> dict[str, tuple[str, str]]:
    """name → (kind, canonical) for countries, regions, capitals and cities."""
    from babel import Locale

    zh = Locale("zh")
    places: dict[str, tuple[str, str]] = {}

    def add(name: str, kind: str, canonical: str) -> None:
        name = _NOTE.sub("", name).strip()
        if len(name) >= 2 and re.fullmatch(r"[\u4e00-\u9fff·]+", name) and name not in places and name not in AMBIGUOUS:
            places[name] = (kind, canonical)

    for code, name in sorted(zh.territories.items()):
        if code not in CLDR_SKIP:
            add(name, "region" if code.isdigit() else "country", name)
    for line in (jionlp / "dictionary" / "world_location.txt").read_text("utf-8").splitlines():
        fields = [_NOTE.sub("", field).strip() for field in line.split("\t")]
        if len(fields) < 3:
            continue  # a continent heading (亚洲:)
        country, full_name, capital = fields[:3]
        add(country, "country", country)
        add(full_name, "country", places.get(country, ("", country))[1])
        add(capital, "capital", capital)
        for city in fields[3].split("/") if len(fields) > 3 else ():
            add(city, "city", city)
    for zone, data in sorted(zh.time_zones.items()):
        city = data.get("city")
        if city and not zone.startswith(ZONE_SKIP):
            add(city, "city", city)
    return places


def _lines(entries: dict[str, tuple[str, str]]) -> str:
    rows = []
    for name in sorted(entries):
        kind, canonical = entries[name]
        rows.append(f"{name}\t{kind}" + (f"\t{canonical}" if canonical != name else ""))
    return "\n".join(rows) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=LEXICON, help="folder to write to (default: the package's lexicon)")
    args = parser.parse_args(argv)
    jionlp = _package_dir("jionlp")
    jionlp_version = importlib.metadata.version("jionlp")
    babel_version = importlib.metadata.version("babel")
    from babel.core import get_cldr_version

    cldr_version = get_cldr_version()
    divisions, towns = china_divisions(jionlp)
    divisions.update(former_divisions(jionlp, divisions))
    jionlp_note = [
        f"Source: jionlp {jionlp_version} (https://github.com/dongrixinyu/JioNLP), Apache License 2.0",
        "(LICENSES/jionlp-Apache-2.0.txt). Converted by scripts/build_places.py; do not edit by hand.",
    ]
    china = _header(
        [
            "Chinese administrative divisions: provinces, prefectures, counties and districts, with their",
            "short forms (浙江 for 浙江省, 若羌 for 若羌县) and renamed divisions (襄樊市, now 襄阳市).",
            "From jionlp's dictionary/china_location.zip and dictionary/china_location_change.txt.",
            *jionlp_note,
            f"One-character province abbreviations (jionlp rule/rule_pattern.py CHINA_PROVINCE_ALIAS): {province_abbreviations(jionlp)}",
            "Columns: name, level (province, prefecture, county, former), and the full name when the",
            "name is a short form or a former name (* for a short form of several divisions of one",
            "level: 和平).",
        ]
    )
    (args.out / "places_china.txt").write_text(china + _lines(divisions), encoding="utf-8")
    towns_text = _header(
        [
            "Chinese township-level divisions (…镇, …乡, …街道, …苏木), one name a line.",
            "From jionlp's dictionary/china_location.zip (level 4).",
            *jionlp_note,
        ]
    ) + "\n".join(sorted(towns)) + "\n"
    (args.out / "places_china_towns.txt.gz").write_bytes(gzip.compress(towns_text.encode("utf-8"), mtime=0))
    world = _header(
        [
            "Countries, territories and regions of the world, capitals and major cities, in Chinese.",
            f"Territory and region names and time-zone exemplar cities: Unicode CLDR {cldr_version} through",
            f"babel {babel_version} (Locale('zh')); CLDR data is under the Unicode License v3",
            "(LICENSES/unicode-license-v3.txt), babel's code under BSD-3-Clause.",
            "Countries' full names, capitals and main cities: jionlp's dictionary/world_location.txt.",
            *jionlp_note,
            "Columns: name, kind (country, region, capital, city), and the country's short name when",
            "the name is a full name (巴基斯坦伊斯兰共和国 → 巴基斯坦).",
        ]
    )
    (args.out / "places_world.txt").write_text(world + _lines(world_places(jionlp)), encoding="utf-8")
    print(f"build_places: {len(divisions)} divisions, {len(towns)} townships -> {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
