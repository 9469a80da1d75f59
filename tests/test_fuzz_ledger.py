"""Fuzzing ledgers: generated valid ledgers round-trip; mutated and random files are refused clearly.

LEDGER_TARGETS take one valid Ledger, LEDGER_PAIR_TARGETS two (an old and a
new one, as a diff does), LEDGER_TEXT_TARGETS the text of a ledger file that
may be broken in any way. Add a row to fuzz another entry point, e.g.
("query", lambda ledger: check_query(ledger)) or ("diff", check_diff).
A target may refuse with a MetaledgerError; any other exception is a bug.
"""

from __future__ import annotations

import string
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from metaledger.ledger.claim_ids import assign_ids, sort_claims
from metaledger.ledger.store import dump_ledger, load_ledger, merge_ledgers, parse_ledger
from metaledger.ledger.models import Article, DateClaim, EntityClaim, EventClaim, FigureClaim, Ledger, Sentence

from test_fuzz import run_target

# --- generated valid ledgers ------------------------------------------------------------------

# Everything a YAML file can carry: all of Unicode but unpaired surrogates (not UTF-8).
_TEXT = st.text(st.characters(exclude_categories=("Cs",)), max_size=12)
_OPTIONAL_TEXT = st.none() | _TEXT
_ARTICLE_ID = st.text(string.ascii_lowercase + string.digits + "-_ .新闻报道", min_size=1, max_size=10).filter(str.strip)
_ISO_DATE = st.dates().map(lambda d: d.isoformat())
_NUMBER = st.integers(min_value=-(10**18), max_value=10**18) | st.floats(allow_nan=False, allow_infinity=False)


@st.composite
def articles(draw, article_id: str) -> tuple[Article, str]:
    """An article whose sentences are exact slices of a generated text."""
    pieces = draw(st.lists(st.tuples(_TEXT, _TEXT.filter(bool)), max_size=5))  # (gap, sentence)
    text, sentences = "", []
    for gap, body in pieces:
        text += gap
        sentences.append(Sentence(index=len(sentences), start=len(text), end=len(text) + len(body), line=draw(st.integers(1, 10**6)), text=body))
        text += body
    text += draw(_TEXT)
    article = Article(
        id=article_id,
        path=draw(st.none() | _TEXT.map(lambda name: f"articles/{name}.txt")),
        sha256=draw(st.text("0123456789abcdef", min_size=64, max_size=64)),
        title=draw(_OPTIONAL_TEXT),
        source=draw(_OPTIONAL_TEXT),
        url=draw(_OPTIONAL_TEXT),
        encoding=draw(st.sampled_from(["utf-8", "utf-8-sig", "gb18030", "big5", "utf-16"])),
        length=len(text),
        reference_date=draw(st.none() | _ISO_DATE | st.sampled_from(["2025", "2025-12"])),
        reference_date_source=draw(st.none() | st.sampled_from(["option", "front_matter", "sidecar", "text"])),
        reference_date_evidence=draw(_OPTIONAL_TEXT),
        sentences=sentences,
    )
    return article, text


def _span(draw, sentence: Sentence) -> dict:
    start = draw(st.integers(sentence.start, sentence.end))
    end = draw(st.integers(start, sentence.end))
    return {"sentence": sentence.index, "start": start, "end": end, "text": sentence.text[start - sentence.start : end - sentence.start]}


@st.composite
def plain_claim(draw, article: Article):
    common = {"id": "", "article": article.id, "rule": draw(st.sampled_from(["entity.gazetteer", "date.ymd", "figure.percent", "x"])), **_span(draw, draw(st.sampled_from(article.sentences)))}
    kind = draw(st.sampled_from(["entity", "date", "figure"]))
    if kind == "entity":
        return EntityClaim(**common, type=draw(st.sampled_from(["PERSON", "ORG", "PRODUCT", "PLACE", "OTHER"])), canonical=draw(_TEXT.filter(bool)))
    if kind == "date":
        bounds = draw(st.none() | st.tuples(_ISO_DATE, _ISO_DATE).map(sorted))
        return DateClaim(
            **common,
            timex=draw(_TEXT.filter(bool)),
            start_date=bounds[0] if bounds else None,
            end_date=bounds[1] if bounds else None,
            granularity=draw(st.sampled_from(["day", "week", "weekend", "month", "quarter", "half", "year", "decade", "century", "range", "fuzzy"])),
            relative=draw(st.booleans()),
            note=draw(_OPTIONAL_TEXT),
        )
    return FigureClaim(
        **common,
        value=draw(_NUMBER),
        value_high=draw(st.none() | _NUMBER),
        unit=draw(_OPTIONAL_TEXT),
        measure=draw(st.sampled_from(["count", "money", "percent", "duration", "ordinal", "number", "measure", "multiple"])),
        approx=draw(st.sampled_from(["exact", "about", "at_least", "at_most", "range"])),
        direction=draw(st.none() | st.sampled_from(["up", "down"])),
        basis=draw(st.none() | st.sampled_from(["yoy", "qoq"])),
        subject=draw(_OPTIONAL_TEXT),
        attribute=draw(_OPTIONAL_TEXT),
    )


@st.composite
def event_claim(draw, article: Article, linkable: list):
    dates = [c.id for c in linkable if c.kind == "date"]
    figures = [c.id for c in linkable if c.kind == "figure"]
    return EventClaim(
        id="", article=article.id, rule="event.x", **_span(draw, draw(st.sampled_from(article.sentences))),
        type=draw(_TEXT.filter(bool)), trigger=draw(_TEXT), subject=draw(_OPTIONAL_TEXT), object=draw(_OPTIONAL_TEXT),
        certainty=draw(st.sampled_from(["asserted", "reported", "hedged"])), polarity=draw(st.sampled_from(["positive", "negative"])),
        attribution=draw(_OPTIONAL_TEXT),
        date_ids=draw(st.lists(st.sampled_from(dates), max_size=2, unique=True)) if dates else [],
        figure_ids=draw(st.lists(st.sampled_from(figures), max_size=2, unique=True)) if figures else [],
    )


@st.composite
def ledgers(draw) -> Ledger:
    """A consistent ledger: claims of every kind quoting their sentences exactly, ids as the pipeline makes them."""
    ids = draw(st.lists(_ARTICLE_ID, max_size=3, unique=True))
    all_articles, all_claims = [], []
    for article_id in ids:
        article, _ = draw(articles(article_id))
        all_articles.append(article)
        if not article.sentences:
            continue
        plain = assign_ids(draw(st.lists(plain_claim(article), max_size=6)))
        events = assign_ids(draw(st.lists(event_claim(article, plain), max_size=3)))
        all_claims += plain + events
    return Ledger(articles=sorted(all_articles, key=lambda a: a.id), claims=sort_claims(all_claims))


# --- broken ledger files ---------------------------------------------------------------------

_YAML_NOISE = ["&a ", "*a", "<<: ", "!!python/object:os.system ", "!!binary ", "- ", ": ", "? ", "{", "}", "[", "]", "'", '"', "\t", "\n", "  ", "#", "---\n", "...\n", "%YAML 1.1\n", "null", "-1", "1e999", ".nan", "~", "\\", "\x00", "\ufeff", "id: x\n", "kind: event\n", "schema: metaledger/1\n"]


@st.composite
def mutated_ledger_text(draw) -> str:
    text = dump_ledger(draw(ledgers()))
    for _ in range(draw(st.integers(1, 4))):
        position = draw(st.integers(0, len(text)))
        action = draw(st.sampled_from(["insert", "delete", "truncate", "duplicate-line", "replace-char"]))
        if action == "insert":
            text = text[:position] + draw(st.sampled_from(_YAML_NOISE) | _TEXT) + text[position:]
        elif action == "delete":
            text = text[:position] + text[position + draw(st.integers(1, 40)) :]
        elif action == "truncate":
            text = text[:position]
        elif action == "duplicate-line":
            lines = text.splitlines(keepends=True) or [""]
            index = draw(st.integers(0, len(lines) - 1))
            text = "".join(lines[: index + 1] + lines[index:])
        else:
            text = text[:position] + draw(st.characters(exclude_categories=("Cs",))) + text[position + 1 :]
    return text


# --- targets ------------------------------------------------------------------------------------


def check_round_trip(ledger: Ledger) -> None:
    """What this version writes loads back equal and re-dumps to the same bytes, also as JSON and from a file."""
    text = dump_ledger(ledger)
    loaded = parse_ledger(text)
    assert loaded == ledger
    assert dump_ledger(loaded) == text
    assert parse_ledger(_json(ledger)) == ledger
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "claims.yaml"
        path.write_text(text, encoding="utf-8")
        assert load_ledger(path) == ledger
        if ledger.articles:
            kept = load_ledger(path, skip_articles=[ledger.articles[0].id])
            assert [a.id for a in kept.articles] == [a.id for a in ledger.articles[1:]]


def _json(ledger: Ledger) -> str:
    from metaledger.ledger.store import dump_ledger_json

    return dump_ledger_json(ledger)


def check_merge(base: Ledger, update: Ledger) -> None:
    merged = merge_ledgers(base, update)
    replaced = {a.id for a in update.articles}
    assert {a.id for a in merged.articles} == {a.id for a in base.articles} | replaced
    assert [c for c in merged.claims if c.article in replaced] == sort_claims(update.claims)
    assert parse_ledger(dump_ledger(merged)) == merged


def check_parse_ledger(text: str) -> None:
    ledger = parse_ledger(text, "fuzz.yaml")
    assert parse_ledger(dump_ledger(ledger)) == ledger


def check_load_ledger_bytes(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "claims.yaml"
        path.write_bytes(data)
        load_ledger(path)


LEDGER_TARGETS: list[tuple[str, Callable[[Ledger], None]]] = [
    ("round_trip", check_round_trip),
]
LEDGER_PAIR_TARGETS: list[tuple[str, Callable[[Ledger, Ledger], None]]] = [
    ("merge", check_merge),
]
LEDGER_TEXT_TARGETS: list[tuple[str, Callable[[str], None]]] = [
    ("parse_ledger", check_parse_ledger),
]
LEDGER_BYTES_TARGETS: list[tuple[str, Callable[[bytes], None]]] = [
    ("load_ledger", check_load_ledger_bytes),
]

_SETTINGS = settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much])


def _ids(targets):
    return [name for name, _ in targets]


@pytest.mark.parametrize("name, target", LEDGER_TARGETS, ids=_ids(LEDGER_TARGETS))
@_SETTINGS
@given(ledger=ledgers())
def test_ledger_targets(name, target, ledger):
    run_target(target, ledger)


@pytest.mark.parametrize("name, target", LEDGER_PAIR_TARGETS, ids=_ids(LEDGER_PAIR_TARGETS))
@_SETTINGS
@given(old=ledgers(), new=ledgers())
def test_ledger_pair_targets(name, target, old, new):
    run_target(target, old, new)


@pytest.mark.parametrize("name, target", LEDGER_TEXT_TARGETS, ids=_ids(LEDGER_TEXT_TARGETS))
@_SETTINGS
@given(text=st.one_of(mutated_ledger_text(), st.text(max_size=200)))
def test_ledger_text_targets(name, target, text):
    run_target(target, text)


@pytest.mark.parametrize("name, target", LEDGER_BYTES_TARGETS, ids=_ids(LEDGER_BYTES_TARGETS))
@_SETTINGS
@given(data=st.one_of(st.binary(max_size=300), mutated_ledger_text().map(lambda t: t.encode("utf-8", "replace"))))
def test_ledger_bytes_targets(name, target, data):
    run_target(target, data)


# Regressions found by `make fuzz`, one row each.
@pytest.mark.parametrize("char", ["\x85", "\u2028", "\u2029", "\x7f", "\x9f", "\ufeff", "\uffff"])
def test_json_ledger_with_characters_yaml_folds_reads_back_exactly(char):
    """A JSON ledger held a raw NEL inside a string; read as YAML it became a space."""
    text = f"前{char}后"
    article = Article(id="a", sha256="0" * 64, length=len(text), sentences=[Sentence(index=0, start=0, end=len(text), line=1, text=text)])
    ledger = Ledger(articles=[article])
    check_round_trip(ledger)
