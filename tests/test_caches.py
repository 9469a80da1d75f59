"""Start-up caches: compiled rule patterns and parsed resource files, kept in the user cache.

A cache may only save time: a hit must behave exactly like a fresh compile or parse, and a
missing, damaged or foreign cache file must still give the right result.
"""

from __future__ import annotations

import atexit
import re

import pytest

from metaledger.support import regex_cache
from metaledger.support import yamlio
from metaledger.support.cache import CacheFile
from metaledger.errors import ResourceError
from metaledger.resources.rulebook import load_rule_file

PATTERNS = [
    (r"(?P<year>\d{4})\s*年(?:(?P<month>\d{1,2})月)?", 0),
    (r"[零〇一二三四五六七八九十百千万亿两]+(?:个)?(?:百分点|%)", 0),
    (r"(?<![a-z])ai(?![a-z])", re.IGNORECASE),
    (r"^\s*(?:据|根据)(.+?)(?:报道|消息)$", re.MULTILINE),
]
TEXTS = ["2025年4月发布", "涨了三个百分点", "Meta AI 与 openai", " 据新华社报道\n根据路透社消息"]


def behaviour(pattern: re.Pattern) -> tuple:
    return (
        pattern.pattern,
        pattern.flags,
        pattern.groups,
        pattern.groupindex,
        [[(m.span(), m.groups(), m.groupdict()) for m in pattern.finditer(text)] for text in TEXTS],
    )


def quiet_cache(name: str) -> CacheFile:
    """A CacheFile that saves only when the test says so (never at exit into someone's cache)."""
    cache = CacheFile(name)
    cache.get(None)  # read now, so the exit hook is registered now and can be taken back
    atexit.unregister(cache.save)
    return cache


@pytest.fixture
def fresh_regex_cache(monkeypatch, tmp_path):
    monkeypatch.setenv("METALEDGER_CACHE", str(tmp_path))
    monkeypatch.setattr(regex_cache, "_compiled", quiet_cache("regex-test.marshal"))
    return tmp_path / "regex-test.marshal"


def test_cached_patterns_behave_as_freshly_compiled_ones(monkeypatch, fresh_regex_cache):
    expected = [behaviour(re.compile(source, flags)) for source, flags in PATTERNS]
    assert [behaviour(regex_cache.compile_pattern(s, f)) for s, f in PATTERNS] == expected  # miss
    regex_cache._compiled.save()
    assert fresh_regex_cache.exists()
    monkeypatch.setattr(regex_cache, "_compiled", quiet_cache("regex-test.marshal"))  # as in the next run
    assert [behaviour(regex_cache.compile_pattern(s, f)) for s, f in PATTERNS] == expected  # hit
    assert len(regex_cache._compiled._stored) == len(PATTERNS)


@pytest.mark.parametrize("damage", [b"", b"garbage", b"\xe3\x00\x00\x00\x00"])
def test_a_damaged_regex_cache_compiles_anew(monkeypatch, fresh_regex_cache, damage):
    fresh_regex_cache.write_bytes(damage)
    monkeypatch.setattr(regex_cache, "_compiled", quiet_cache("regex-test.marshal"))  # reads the damage
    assert regex_cache._compiled._stored == {}
    assert [behaviour(regex_cache.compile_pattern(s, f)) for s, f in PATTERNS] == [behaviour(re.compile(s, f)) for s, f in PATTERNS]


def test_a_cache_entry_that_sre_refuses_is_replaced(monkeypatch, fresh_regex_cache):
    source, flags = PATTERNS[0]
    regex_cache._compiled.get((source, flags))  # load (empty)
    regex_cache._compiled._stored[(source, flags)] = (flags, [999999], 0, {}, ())
    assert behaviour(regex_cache.compile_pattern(source, flags)) == behaviour(re.compile(source, flags))


def test_a_bad_pattern_raises_as_re_compile_does(fresh_regex_cache):
    with pytest.raises(re.error):
        regex_cache.compile_pattern(r"(unclosed")


def test_parsed_resources_come_back_equal_and_unshared(monkeypatch, tmp_path):
    monkeypatch.setenv("METALEDGER_CACHE", str(tmp_path))
    monkeypatch.setattr(yamlio, "_parsed_resources", quiet_cache("resources-test.marshal"))
    text = "kind: figure\nrules:\n- id: a\n  pattern: '[0-9]+'\n  examples: [{text: '3', value: 3}]\n"
    first = yamlio.load_resource_yaml(text, "rules/x.yaml", ResourceError)
    yamlio._parsed_resources.save()
    monkeypatch.setattr(yamlio, "_parsed_resources", quiet_cache("resources-test.marshal"))
    second = yamlio.load_resource_yaml(text, "rules/x.yaml", ResourceError)
    assert second == first == yamlio.load_yaml(text, "x", ResourceError)
    second["rules"].clear()  # a caller's change never reaches the next caller
    assert yamlio.load_resource_yaml(text, "rules/x.yaml", ResourceError) == first


def test_broken_resource_yaml_is_still_refused_with_its_place(monkeypatch, tmp_path):
    monkeypatch.setenv("METALEDGER_CACHE", str(tmp_path))
    monkeypatch.setattr(yamlio, "_parsed_resources", quiet_cache("resources-test.marshal"))
    with pytest.raises(ResourceError, match=r"rules/x.yaml: invalid YAML at line [0-9]+: "):
        yamlio.load_resource_yaml("a: 1\nb: [\n", "rules/x.yaml", ResourceError)


def test_packaged_rules_load_the_same_from_the_cache():
    load_rule_file.cache_clear()
    fresh = load_rule_file("figures")
    load_rule_file.cache_clear()
    again = load_rule_file("figures")
    assert [(r.id, r.pattern.pattern, r.examples) for r in again.rules] == [(r.id, r.pattern.pattern, r.examples) for r in fresh.rules]


def test_cold_and_warm_caches_give_the_same_ledger(tmp_path):
    import os
    import subprocess
    import sys
    from pathlib import Path

    article = Path(__file__).resolve().parent.parent / "data" / "articles" / "meta-avocado.txt"
    env = {**os.environ, "METALEDGER_CACHE": str(tmp_path / "cache")}
    ledgers = []
    for run in ("cold", "warm"):
        out = tmp_path / f"{run}.yaml"
        done = subprocess.run([sys.executable, "-m", "metaledger", "extract", str(article), "-o", str(out)], env=env, capture_output=True, text=True)
        assert done.returncode == 0, done.stderr
        ledgers.append(out.read_bytes())
    assert ledgers[0] == ledgers[1]
    cached = sorted(path.name.split("-")[0] for path in (tmp_path / "cache").iterdir())
    assert cached == ["gates", "jieba", "jieba", "regex", "resources", "tries"]
