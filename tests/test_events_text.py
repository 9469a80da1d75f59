"""The lookup helpers the event rules lean on for speed answer exactly what a plain scan would."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from metaledger.tokenize.tokens import Token
from metaledger.extract.events.extractor import _simplified_tokens
from metaledger.extract.events.patterns import any_word_pattern, word_start_pattern
from metaledger.extract.events.text import SpanIndex, adjunct_spans, split_clauses


def _tiling(sizes: list[int], offset: int) -> list[Token]:
    """Tokens that tile a sentence starting at offset, as jieba's do."""
    tokens, position = [], offset
    for size in sizes:
        tokens.append(Token("词" * size, "n", position, position + size))
        position += size
    return tokens


@given(
    st.lists(st.integers(1, 4), max_size=12),
    st.integers(0, 5),
    st.integers(-2, 40),
    st.integers(-2, 40),
)
def test_span_index_answers_like_a_scan(sizes, offset, start, end):
    tokens = _tiling(sizes, offset)
    index = SpanIndex(tokens)
    assert index.within(start, end) == [t for t in tokens if start <= t.start and t.end <= end]
    assert index.overlapping(start, end) == [t for t in tokens if t.start < end and start < t.end]
    assert index.ending_by(start) == [t for t in tokens if t.end <= start]
    at = index.starting_at(start)
    assert at == next((i for i, t in enumerate(tokens) if t.start == start), None)


def test_word_start_pattern_finds_overlapping_starts():
    starts = [m.start() for m in word_start_pattern(frozenset({"在与", "与"})).finditer("在与与")]
    assert starts == [0, 1, 2]


def test_any_word_pattern_tells_whether_a_word_occurs():
    pattern = any_word_pattern(frozenset({"被", "遭"}))
    assert pattern.search("Avocado 被曝延期", 0, 12)
    assert not pattern.search("Avocado 被曝延期", 0, 8)


def test_adjunct_spans_only_at_opener_tokens():
    text = "在 Llama 4 翻车后，在纽约上市"
    tokens = [
        Token("在", "p", 0, 1), Token(" ", "x", 1, 2), Token("Llama", "eng", 2, 7), Token(" ", "x", 7, 8),
        Token("4", "m", 8, 9), Token(" ", "x", 9, 10), Token("翻车", "v", 10, 12), Token("后", "f", 12, 13),
        Token("，", "x", 13, 14), Token("在", "p", 14, 15), Token("纽约", "ns", 15, 17), Token("上市", "v", 17, 19),
    ]
    clauses = split_clauses(text, 0, len(text))
    spans = adjunct_spans(text, SpanIndex(tokens), clauses, frozenset({"在"}), frozenset({"后", "上"}))
    assert spans == [(0, 13)]  # 在纽约上市: 上 is not a whole token, so no setting phrase


def test_simplified_tokens_rebuilt_only_when_a_word_changes():
    plain = [Token("发布", "v", 0, 2), Token("模型", "n", 2, 4)]
    assert _simplified_tokens(plain) is plain
    written = [Token("發佈", "v", 0, 2), Token("模型", "n", 2, 4)]
    simplified = _simplified_tokens(written)
    assert [t.word for t in simplified] == ["发布", "模型"]
    assert simplified[1] is written[1] and [t.start for t in simplified] == [0, 2]
