"""The alias matcher and the match view against plain reference implementations.

Both were written for speed (a trie regex whose branches start with a literal or a class,
a view mapped back by stretches); these references say, character by character, what they
mean. Also the premise of a speed shortcut: a Latin run starts with a letter.
"""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from metaledger.extract.entities.match import trie_pattern
from metaledger.normalize.entities import fold_table, match_view

LATIN = set("abcdefghijklmnopqrstuvwxyz0123456789")
ALIAS_CHARACTERS = "ab1中国$"
TEXT_CHARACTERS = ALIAS_CHARACTERS + "c· \t"


def reference_matches(aliases: set[str], text: str) -> list[tuple[int, int]]:
    """Leftmost, then longest alias; a Latin alias edge may not touch a Latin letter (or "$" after)."""
    found, position = [], 0
    while position < len(text):
        best = None
        for alias in aliases:
            end = position + len(alias)
            if not text.startswith(alias, position):
                continue
            if alias[0] in LATIN and position > 0 and text[position - 1] in LATIN:
                continue
            if alias[-1] in LATIN and end < len(text) and (text[end] in LATIN or text[end] == "$"):
                continue
            if best is None or end > best:
                best = end
        if best is None:
            position += 1
        else:
            found.append((position, best))
            position = best
    return found


@given(
    st.sets(st.text(ALIAS_CHARACTERS, min_size=1, max_size=4), min_size=1, max_size=6),
    st.text(TEXT_CHARACTERS, max_size=40),
)
def test_trie_pattern_finds_the_leftmost_longest_alias(aliases, text):
    pattern = trie_pattern(aliases)
    assert [match.span() for match in pattern.finditer(text)] == reference_matches(aliases, text)


# More first characters than one group holds, so the trie's first level is grouped.
MANY_FIRSTS = "abcdefghijklmnopqrstuvwxyz0123456789中国美日德法英俄印巴"
MANY_TEXT_CHARACTERS = MANY_FIRSTS + "·$ 的"


@given(
    st.sets(st.text(MANY_FIRSTS, min_size=1, max_size=3), min_size=1, max_size=30),
    st.text(MANY_TEXT_CHARACTERS, max_size=60),
)
def test_grouped_trie_pattern_finds_the_leftmost_longest_alias(aliases, text):
    aliases = aliases | set(MANY_FIRSTS)  # every first character, so the pattern is grouped
    pattern = trie_pattern(aliases)
    assert [match.span() for match in pattern.finditer(text)] == reference_matches(aliases, text)


def test_trie_pattern_keeps_latin_aliases_out_of_longer_words():
    pattern = trie_pattern({"meta", "ai", "中国"})
    spans = [m.group() for m in pattern.finditer("meta metabolism xai ai中国人 hkmeta")]
    assert spans == ["meta", "ai", "中国"]


def reference_view(text: str) -> tuple[str, list[int]]:
    """The view one character at a time, with the original offset of every view character."""
    folded = text.translate(fold_table())
    view, origin, position = [], [], 0
    removable = set(" \t\n\u3000\u00b7\u2027\u2022\u30fb\u22c5") | {c for c in folded if c.isspace()}
    while position < len(folded):
        if folded[position] not in removable:
            view.append(folded[position])
            origin.append(position)
            position += 1
            continue
        end = position
        while end < len(folded) and folded[end] in removable:
            end += 1
        run = folded[position:end]
        before = folded[position - 1] if position else ""
        after = folded[end] if end < len(folded) else ""
        if before in LATIN and after in LATIN and any(c.isspace() for c in run):
            view.append(" ")
            origin.append(position)
        position = end
    return "".join(view), origin


@given(st.text("aB1 \t·・中國Ｍ\u3000", max_size=30), st.integers(0, 5))
def test_match_view_maps_every_span_back(text, prefix):
    whole = "正" * prefix + text
    view = match_view(whole, prefix, len(whole))
    expected, origin = reference_view(text)
    assert view.text == expected
    for start in range(len(expected)):
        for end in range(start + 1, len(expected) + 1):
            assert view.span(start, end) == (origin[start] + prefix, origin[end - 1] + prefix + 1)


@given(st.text("aZ09 .-'$年中·", max_size=30))
def test_latin_runs_start_with_a_letter(text):
    """latin_mentions skips to a sentence's first letter before running the rule's pattern."""
    from metaledger.extract.entities.latin import latin_rule

    for match in latin_rule().rule.pattern.finditer(text):
        assert match.group()[0].isascii() and match.group()[0].isalpha()


def test_an_articles_own_names_stay_out_of_the_user_cache(monkeypatch):
    """Only the gazetteer's matcher is compiled through the user cache; per-article matchers
    (bracketed aliases, names found once) would otherwise fill it with one entry per article."""
    import re

    from metaledger.extract.entities import match as entities_match

    kept = []
    monkeypatch.setattr(entities_match, "compile_pattern", lambda source, flags=0: kept.append(source) or re.compile(source, flags))
    entities_match.build_matcher([("牛油果", 1), ("MSL", 2)])
    assert kept == []
    entities_match.build_matcher([("谷歌", 1)], keep=True)
    assert len(kept) == 1


def test_a_kept_trie_source_is_the_trie_written_afresh(monkeypatch):
    from metaledger.extract.entities import match as entities_match

    forms = ["meta", "谷歌", "谷歌公司", "openai", "小扎"]
    fresh = trie_pattern(forms).pattern
    monkeypatch.setattr(entities_match._KEPT_SOURCES, "get", lambda key: None)
    assert trie_pattern(reversed(forms), keep=True).pattern == fresh
    monkeypatch.setattr(entities_match._KEPT_SOURCES, "get", lambda key: fresh if key == tuple(sorted(forms)) else None)
    assert trie_pattern(forms, keep=True).pattern == fresh
    assert trie_pattern([]) is None and trie_pattern([], keep=True) is None
