"""Our one-pass cut gives exactly the words of jieba.Tokenizer.cut(HMM=True) on the same dictionary."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from metaledger.tokenize.tokenizer import pos_tokenizer

from conftest import ARTICLE, FIXTURES

_TAGGER = pos_tokenizer()
# Han text from the articles, Latin letters, digits, jieba's block punctuation (+#&._%-), spaces,
# CRLF and other punctuation: every branch of the cut.
_ALPHABET = "".join(sorted(set(ARTICLE.read_text(encoding="utf-8")))) + "abcXYZ019+#&._%- \t\r\n，。“”《》?!" + "龘麤靐齉爩鱻"  # characters jieba does not know


def both_cuts(text: str) -> tuple[list[str], list[str]]:
    _TAGGER.frequencies.ensure(text)
    return list(_TAGGER.cutter.cut(text)), list(_TAGGER.tokenizer.cut(text, HMM=True))


def test_articles_cut_as_jieba_cuts_them():
    for path in [ARTICLE, *sorted((FIXTURES / "articles").glob("*.txt"))]:
        ours, jiebas = both_cuts(path.read_text(encoding="utf-8"))
        assert ours == jiebas, path.name


def test_gazetteer_words_stay_whole():
    ours, jiebas = both_cuts("扎克伯格宣布Meta裁员600人，小扎说")
    assert ours == jiebas
    assert "扎克伯格" in ours


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(_ALPHABET), max_size=60))
def test_random_text_cuts_as_jieba_cuts_it(text):
    ours, jiebas = both_cuts(text)
    assert ours == jiebas
