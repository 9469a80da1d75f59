"""The ledger file: byte-stable, atomic, merged, and strict when read."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest

import metaledger
from metaledger.errors import LedgerError
from metaledger.ledger.store import dump_ledger, merge_ledgers, parse_ledger, write_text_atomic
from metaledger.ledger.models import Ledger

from conftest import ARTICLE, REFERENCE_DATE, ROOT


def test_round_trip_is_equal_and_byte_identical(seed_ledger):
    text = dump_ledger(seed_ledger)
    again = parse_ledger(text)
    assert again == seed_ledger
    assert dump_ledger(again) == text


def test_format_schema_first_quoted_dates_no_absolute_paths(seed_ledger):
    text = dump_ledger(seed_ledger)
    assert text.startswith("schema: metaledger/1\narticles:\n")
    assert 'reference_date: "2025-12-11"' in text
    assert str(ROOT) not in text
    assert "\\u" not in text  # unicode written as is


def test_independent_of_hash_seed(tmp_path):
    outputs = []
    for seed in ("1", "2"):
        target = tmp_path / f"{seed}.yaml"
        env = dict(os.environ, PYTHONHASHSEED=seed)
        subprocess.run(
            [sys.executable, "-m", "metaledger", "extract", str(ARTICLE), "--date", REFERENCE_DATE, "-o", str(target)],
            check=True, env=env, capture_output=True, cwd=ROOT,
        )
        outputs.append(target.read_bytes())
    assert outputs[0] == outputs[1]


def test_merge_replaces_the_article_and_keeps_others():
    one = metaledger.extract_text("谷歌在 2024 年发布了 Gemini。", article_id="one")
    two = metaledger.extract_text("英伟达营收同比暴涨 62%。", article_id="two")
    merged = merge_ledgers(one, two)
    assert [a.id for a in merged.articles] == ["one", "two"]
    updated = metaledger.extract_text("阿里巴巴裁员 600 人。", article_id="one")
    again = merge_ledgers(merged, updated)
    assert [a.id for a in again.articles] == ["one", "two"]
    assert {c.canonical for c in again.claims if c.kind == "entity" and c.article == "one"} == {"Alibaba"}


def test_atomic_write_keeps_the_old_file_when_replace_fails(tmp_path, monkeypatch):
    target = tmp_path / "claims.yaml"
    target.write_text("old", encoding="utf-8")

    def broken_replace(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(LedgerError, match="No space left"):
        write_text_atomic(target, "new")
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["claims.yaml"]  # no temp file left


def test_read_only_target_is_refused(tmp_path):
    target = tmp_path / "claims.yaml"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o444)
    try:
        if os.access(target, os.W_OK):
            pytest.skip("running as a user who can write read-only files")
        with pytest.raises(LedgerError, match="read-only"):
            write_text_atomic(target, "new")
        assert target.read_text(encoding="utf-8") == "old"
    finally:
        target.chmod(0o644)


def _valid_text(seed_ledger) -> str:
    return dump_ledger(seed_ledger)


@pytest.mark.parametrize(
    "mutate, message",
    [
        (lambda t: t[: len(t) // 2] + "\n  - [", "invalid YAML at line"),
        (lambda t: t.replace("schema: metaledger/1", "schema: metaledger/9"), "schema 'metaledger/9'"),
        (lambda t: t.replace("schema: metaledger/1\n", ""), "no schema"),
        (lambda t: "- just\n- a list\n", "not a metaledger ledger"),
        (lambda t: t.replace("  measure: count", "  measure: lots", 1), "measure"),
        (lambda t: t.replace("  value: 600", "  value: six hundred", 1), "value"),
        (lambda t: t.replace("  rule: entity.gazetteer\n", "  rule: entity.gazetteer\n  colour: red\n", 1), "colour"),
        (lambda t: t.replace("schema: metaledger/1", "schema: !!python/object/apply:os.system ['true']"), "invalid YAML"),
        (lambda t: t.replace("schema: metaledger/1", "schema: &s metaledger/1\nx: *s"), "aliases"),
        (lambda t: t.replace("  start: 19\n", "  start: 18\n", 1), "text does not match|end - start"),
        (lambda t: t.replace("  start_time: null\n", "  start_time: '25:61'\n", 1), "start_time"),
        (lambda t: t.replace("  place_ids: []\n", "  place_ids: [nowhere:entity:x:1]\n", 1), "unknown claim"),
    ],
    ids=[
        "truncated", "wrong-schema", "missing-schema", "foreign", "bad-enum", "bad-value", "unknown-field", "python-tag",
        "alias", "moved-offset", "bad-time", "unknown-place",
    ],
)
def test_broken_ledgers_are_refused_with_what_and_where(seed_ledger, mutate, message):
    text = _valid_text(seed_ledger)
    broken = mutate(text)
    assert broken != text
    with pytest.raises(LedgerError, match=message):
        parse_ledger(broken, "claims.yaml")


def test_a_ledger_written_before_the_appended_fields_still_loads(seed_ledger):
    text = _valid_text(seed_ledger)
    # the appended fields and, for a list written in block style (place_ids: then - ids), its items
    old = re.sub(r"^  (?:start_time|end_time|place_ids):.*\n(?:  - .*\n)*", "", text, flags=re.M)
    assert old != text
    appended = {"event": {"place_ids": []}, "date": {"start_time": None, "end_time": None}}
    claims = [c.model_copy(update=appended.get(c.kind, {})) for c in seed_ledger.claims]
    assert parse_ledger(old, "claims.yaml") == seed_ledger.model_copy(update={"claims": claims})


def test_duplicate_claim_ids_are_refused_with_a_line(seed_ledger):
    text = _valid_text(seed_ledger)
    first = seed_ledger.claims[0].id
    second = seed_ledger.claims[1].id
    broken = text.replace(f"- id: {second}\n", f"- id: {first}\n", 1)
    with pytest.raises(LedgerError, match=r"duplicate claim id .* \(line \d+\)"):
        parse_ledger(broken, "claims.yaml")


def test_alias_bomb_is_rejected_fast():
    bomb = "schema: metaledger/1\na: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [" + ", ".join([f"*{chr(97 + i)}"] * 9) + "]\n" for i in range(9)
    )
    with pytest.raises(LedgerError, match="aliases"):
        parse_ledger(bomb, "bomb.yaml")


def test_empty_ledger_round_trips():
    empty = Ledger()
    assert parse_ledger(dump_ledger(empty)) == empty


def test_a_reading_from_before_the_work_is_reused_only_while_the_file_is_unchanged(tmp_path, monkeypatch):
    from metaledger.ledger import store as ledger_module

    path = tmp_path / "l.yaml"
    ledger_module.save_ledger(path, metaledger.extract_text("谷歌营收增长 5%。", article_id="a"))
    ledger_module.save_ledger(path, metaledger.extract_text("苹果裁员 50 人。", article_id="b"))
    update = metaledger.extract_text("谷歌营收增长 6%。", article_id="a")
    read_before = ledger_module.read_ledger(path, skip_articles=["a"])

    def no_second_reading(*args, **kwargs):
        raise AssertionError("the unchanged ledger was parsed again")

    monkeypatch.setattr(ledger_module, "load_ledger", no_second_reading)
    written = ledger_module.save_ledger(path, update, read_before=read_before)
    assert [a.id for a in written.articles] == ["a", "b"]
    monkeypatch.undo()

    read_before = ledger_module.read_ledger(path, skip_articles=["a"])
    ledger_module.save_ledger(path, metaledger.extract_text("微软发布了新模型。", article_id="c"))  # another writer meanwhile
    written = ledger_module.save_ledger(path, update, read_before=read_before)
    assert [a.id for a in written.articles] == ["a", "b", "c"]  # its article is kept: the file was read again
    assert [a.id for a in metaledger.load_ledger(path).articles] == ["a", "b", "c"]
