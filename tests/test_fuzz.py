"""Fuzzing text and bytes through every entry point that reads an article.

Each target is a (name, function) row; the function gets one generated input,
may refuse it with a MetaledgerError (a clear, documented refusal) and must
otherwise return normally after checking its own invariants. Any other
exception is a bug. To fuzz a new entry point, add a row to TEXT_TARGETS or
BYTES_TARGETS (ledger entry points such as query and diff go in
tests/test_fuzz_ledger.py).

CI runs the `ci` profile (100 examples per target); `make fuzz` runs the
`fuzz` profile (10,000 per target, FUZZ_EXAMPLES to change it).
"""

from __future__ import annotations

import re
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import metaledger
from metaledger.ledger.claim_ids import sort_claims
from metaledger.errors import MetaledgerError
from metaledger.resources.gazetteer import packaged_gazetteer
from metaledger.text.load import decode_bytes, source_from_text
from metaledger.text.segment import MAX_SENTENCE_CHARS

REFERENCE_DATE = "2025-12-11"
_LINE_BREAK = re.compile(r"\r\n|[\n\r\u2028\u2029\x85\x0b\x0c]")
_BULLETS = "·•●▪◆■▶►◇○・"
_ENCODINGS = ("utf-8", "utf-8-sig", "gb18030", "big5", "utf-16")

# --- inputs -----------------------------------------------------------------------------------

# Pieces of Chinese news and of the things that have broken parsers before: end marks,
# quotes, ellipses, URLs, abbreviations, numbers with units, dates, names the gazetteer
# knows, front matter, stray markup, odd spaces and line breaks.
_FRAGMENTS = sorted(packaged_gazetteer().aliases()) + [
    "。", "！", "？", "!", "?", "；", ";", "，", ",", "、", "：", ":", "……", "…", "...", ".", "⋯",
    "「", "」", "『", "』", "“", "”", "‘", "’", "《", "》", "〈", "〉", "（", "）", "(", ")", "【", "】", '"', "'",
    "\n", "\r\n", "\r", "\u2028", "\x85", "\x0c", " ", "  ", "\t", "\u3000", "\xa0", "\ufeff", "\u200b",
    "·", "•", "- ", "Mr.", "U.S.", "e.g.", "No.", "Dr. Li", "Inc.", "3.5", "1,000", "２０２５",
    "http://example.com/a.b?c=1", "www.x.cn", "a.b@c.com", "@", "<", ">", "<p>", "</p>", "<br>", "&amp;",
    "600 人", "62%", "62 %", "百分之六十二", "1.5 亿元", "上千亿元", "3 倍", "20 年", "第一", "两成",
    "2025 年", "2025年12月11日", "12 月", "10 月 3 日", "2024 年初", "今年", "上周", "第一季度", "2月30日",
    "---\n", "date: 2025-01-02\n", "title: x\n", "[", "{", "*a", "&a",
    "据报道", "表示", "宣布", "裁员", "发布", "没有", "可能", "被曝",
]
_CJK = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF)
_PIECE = st.one_of(
    st.sampled_from(_FRAGMENTS),
    st.text(_CJK, min_size=1, max_size=8),
    st.integers(min_value=0, max_value=10**12).map(str),
    st.text(max_size=4),
)
NEWS_TEXT = st.lists(_PIECE, max_size=60).map("".join)
ANY_TEXT = st.text(st.characters(exclude_categories=()), max_size=200)  # every code point, surrogates too
TEXTS = st.one_of(NEWS_TEXT, ANY_TEXT)
BYTES = st.one_of(
    st.binary(max_size=300),
    st.tuples(NEWS_TEXT, st.sampled_from(_ENCODINGS)).map(lambda pair: pair[0].encode(pair[1], "replace")),
)


# --- invariants -------------------------------------------------------------------------------


def _check_sentences(text: str, sentences, start: int = 0) -> None:
    """In order, non-overlapping, exact, trimmed, bounded, right line; only whitespace and bullets between."""
    position = start
    for index, sentence in enumerate(sentences):
        assert sentence.index == index
        assert position <= sentence.start < sentence.end <= len(text)
        assert text[sentence.start : sentence.end] == sentence.text
        assert len(sentence.text) <= MAX_SENTENCE_CHARS
        assert not sentence.text[0].isspace() and not sentence.text[-1].isspace()
        assert sentence.line == len(_LINE_BREAK.findall(text, 0, sentence.start)) + 1
        gap = text[position : sentence.start]
        assert all(char.isspace() or char in _BULLETS for char in gap), repr(gap)
        position = sentence.end
    assert all(char.isspace() or char in _BULLETS for char in text[position:])


def check_extract_text(text: str) -> None:
    ledger = metaledger.extract_text(text, reference_date=REFERENCE_DATE)
    decoded = text.removeprefix("\ufeff")  # offsets index the text without its byte-order mark
    article = ledger.articles[0]
    source = source_from_text(text)
    assert article.length == len(decoded)
    _check_sentences(decoded, article.sentences, source.body_start)
    for claim in ledger.claims:
        sentence = article.sentences[claim.sentence]
        assert decoded[claim.start : claim.end] == claim.text
        assert sentence.start <= claim.start <= claim.end <= sentence.end
    assert len({claim.id for claim in ledger.claims}) == len(ledger.claims)
    assert ledger.claims == sort_claims(ledger.claims)
    dumped = metaledger.dump_ledger(ledger)
    assert metaledger.dump_ledger(metaledger.extract_text(text, reference_date=REFERENCE_DATE)) == dumped
    assert metaledger.parse_ledger(dumped) == ledger


def check_split_sentences(text: str) -> None:
    sentences = metaledger.split_sentences(text)
    from metaledger.text.load import parse_front_matter

    _check_sentences(text, sentences, parse_front_matter(text)[1])


def check_decode_bytes(data: bytes) -> None:
    text, encoding = decode_bytes(data, "fuzz.txt")
    assert encoding in _ENCODINGS
    assert isinstance(text, str) and text.strip()


def check_extract_file(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "fuzz.txt"
        path.write_bytes(data)
        ledger = metaledger.extract_file(path, reference_date=REFERENCE_DATE)
    text, _ = decode_bytes(data, "fuzz.txt")
    for claim in ledger.claims:
        assert text.removeprefix("\ufeff")[claim.start : claim.end] == claim.text


# --- targets: add a row to fuzz another entry point --------------------------------------------

TEXT_TARGETS: list[tuple[str, Callable[[str], None]]] = [
    ("extract_text", check_extract_text),
    ("split_sentences", check_split_sentences),
]
BYTES_TARGETS: list[tuple[str, Callable[[bytes], None]]] = [
    ("decode_bytes", check_decode_bytes),
    ("extract_file", check_extract_file),
]


def run_target(target: Callable, *values) -> None:
    """Call target; a MetaledgerError is a clear refusal, anything else propagates as a bug."""
    try:
        target(*values)
    except MetaledgerError as error:
        assert str(error) and "\n" not in str(error), f"a refusal must be one non-empty line: {error!r}"


_SETTINGS = settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@pytest.mark.parametrize("name, target", TEXT_TARGETS, ids=[name for name, _ in TEXT_TARGETS])
@_SETTINGS
@given(text=TEXTS)
@example(text="a." * 5000)  # regressions: lines that once took quadratic time
@example(text="中文没有标点" * 2000)
@example(text="。」" * 3000)
@example(text="正文\ud800")  # an unpaired surrogate cannot be written as UTF-8: refused up front
def test_text_targets(name, target, text):
    run_target(target, text)


@pytest.mark.parametrize("name, target", BYTES_TARGETS, ids=[name for name, _ in BYTES_TARGETS])
@_SETTINGS
@given(data=BYTES)
@example(data="Meta 计划削减 600 人。".encode("utf-16-le"))
@example(data=b"%PDF-1.4")
@example(data=b"\xef\xbb\xbf")  # found by make fuzz: a lone byte-order mark decoded to blank text
def test_bytes_targets(name, target, data):
    run_target(target, data)

