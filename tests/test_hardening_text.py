"""Odd but legitimate text extracts normally; runaway lines stay linear; odd text is refused clearly."""

from __future__ import annotations

import pytest

import metaledger
from metaledger.errors import InputError
from metaledger.text.load import decode_bytes, refuse_html, source_from_text
from metaledger.text.segment import MAX_SENTENCE_CHARS, split_sentences

from conftest import REFERENCE_DATE

TRADITIONAL = "據彭博社報導，Meta 計劃在 2025 年 12 月削減 600 名員工。祖克柏表示：「這是必要的調整。」營收同比成長 62%。"
MIXED = (
    "Meta 在 2025 年投入 600 亿美元（about $60bn）。Zuckerberg said: \"We will win.\" "
    "英伟达 GPU 占比 70%，日本語の記事も 3 人。한국어 문장도 있습니다. 最后一句!"
)


def _claims_by_kind(ledger) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for claim in ledger.claims:
        found.setdefault(claim.kind, []).append(claim.text)
    return found


def _assert_evidence(ledger, text: str) -> None:
    article = ledger.articles[0]
    for claim in ledger.claims:
        sentence = article.sentences[claim.sentence]
        assert text[claim.start : claim.end] == claim.text
        assert sentence.start <= claim.start <= claim.end <= sentence.end
    for sentence in article.sentences:
        assert text[sentence.start : sentence.end] == sentence.text


def test_traditional_chinese_extracts_sentences_dates_figures_and_latin_names():
    ledger = metaledger.extract_text(TRADITIONAL, reference_date=REFERENCE_DATE)
    assert [s.text[-1] for s in ledger.articles[0].sentences] == ["。", "」", "。"]
    found = _claims_by_kind(ledger)
    assert "2025 年 12 月" in found["date"]
    assert {"600 名", "62%"} <= set(found["figure"])
    assert "Meta" in found["entity"]
    _assert_evidence(ledger, TRADITIONAL)


def test_big5_and_gb18030_files_give_the_claims_of_their_utf8_copy(tmp_path):
    (tmp_path / "utf8.txt").write_text(TRADITIONAL, encoding="utf-8")
    (tmp_path / "big5.txt").write_bytes(TRADITIONAL.encode("big5"))
    (tmp_path / "gb.txt").write_bytes(TRADITIONAL.encode("gb18030"))
    texts = {name: [(c.kind, c.start, c.end, c.text) for c in metaledger.extract_file(tmp_path / f"{name}.txt").claims] for name in ("utf8", "big5", "gb")}
    assert texts["utf8"] == texts["big5"] == texts["gb"]
    assert metaledger.extract_file(tmp_path / "big5.txt").articles[0].encoding == "big5"


def test_mixed_script_article_extracts_with_exact_evidence():
    ledger = metaledger.extract_text(MIXED, reference_date=REFERENCE_DATE)
    sentences = [s.text for s in ledger.articles[0].sentences]
    assert sentences[0] == "Meta 在 2025 年投入 600 亿美元（about $60bn）。"
    assert sentences[-1].endswith("最后一句!")
    found = _claims_by_kind(ledger)
    assert "70%" in found["figure"] and "2025 年" in found["date"]
    _assert_evidence(ledger, MIXED)


@pytest.mark.parametrize(
    "text",
    [
        "营收 <5%，利润 >3%。",
        "a<b 且 c>d 时成立。",
        "读过 <<三体>> 的人都知道。",
        "请联系 <info@example.com> 获取详情。",
        "Meta 的 <Avocado> 模型延期。",
        "一行<br>两行<br>仍是正文。",  # two tags in a pasted text: not a page
        "数学公式 1 < 2 > 0 <= 3。",
    ],
)
def test_ordinary_text_with_angle_brackets_is_not_html(text):
    refuse_html(text, "a.txt")
    assert metaledger.extract_text(text).articles[0].sentences


@pytest.mark.parametrize(
    "text",
    [
        "\n\n   <!DOCTYPE html><p>x</p>",
        "<HTML><BODY>新闻</BODY></HTML>",
        "<head><meta charset='utf-8'></head>",
        "<?xml version='1.0'?><!-- a --><!-- b -->\n<html>",
        "<title>新闻标题</title>\n正文。",
        "正文<div>一</div><div>二</div><span>三</span><a href='x'>四</a><script>5</script>",
    ],
    ids=["doctype-after-blank-lines", "upper-case", "head-first", "xml-prolog-comments", "title-first", "tags-in-body"],
)
def test_html_shapes_are_refused(text):
    with pytest.raises(InputError, match=r"a\.txt: looks like HTML \(.+\); save the article as plain text first"):
        source_from_text(text, "a.txt")


def test_html_after_a_byte_order_mark_is_refused():
    text, _ = decode_bytes(b"\xef\xbb\xbf<!DOCTYPE html><html>", "a.txt")
    with pytest.raises(InputError, match="looks like HTML"):
        source_from_text(text, "a.txt")


@pytest.mark.parametrize(
    "text, message",
    [
        ("正文\ud800。", r"unpaired surrogate \(U\+D800\) at offset 2"),
        ("正文\x00。", "NUL characters at offset 2"),
        ("", "text is empty"),
        ("\u3000 \n", "only whitespace"),
    ],
)
def test_text_the_library_refuses(text, message):
    with pytest.raises(InputError, match=message):
        metaledger.extract_text(text)


# Lines a megabyte long once took minutes to hours (quadratic scans); each shape hit a different one.
RUNAWAY = {
    "han": "中文没有标点的很长一行",
    "ascii": "abcdefghij",
    "dotted-letters": "a.",
    "abbreviations": "ab. ",
    "latin-sentences": "Word. Next ",
    "ellipses": "字……",
    "ascii-ellipses": "a... ",
    "open-quotes": "「",
    "closed-quotes": "「好。」",
    "closers-and-marks": "。」",
    "titles": "《书",
    "email-like": "a@b",
    "urls": "http://x.com/",
    "clauses": "，字",
    "spaces": "   字",
    "mixed": "Meta 在 2025 年投入 600 亿美元,",
}


@pytest.mark.parametrize("unit", RUNAWAY.values(), ids=RUNAWAY.keys())
def test_runaway_lines_split_into_bounded_sentences(unit):
    text = unit * (300_000 // len(unit))
    sentences = split_sentences(text)
    assert sentences
    previous_end = 0
    for index, sentence in enumerate(sentences):
        assert sentence.index == index
        assert previous_end <= sentence.start < sentence.end <= len(text)
        assert text[sentence.start : sentence.end] == sentence.text
        assert len(sentence.text) <= MAX_SENTENCE_CHARS
        previous_end = sentence.end
    assert "".join(text[s.start : s.end] for s in sentences).replace(" ", "") == text.replace(" ", "").strip("·")


def test_a_long_line_is_cut_at_clause_marks_first():
    text = ("这是一个很长的分句，" * 300) + "结束。"
    sentences = split_sentences(text)
    assert all(s.text.endswith("，") for s in sentences[:-1])


def test_a_sentence_of_rare_characters_is_tagged_quickly_and_exactly():
    """jieba's HMM spent ~5 ms per character it has no state for: 7 s for this one sentence."""
    import random

    from metaledger.tokenize.tokenizer import tag_sentence

    chance = random.Random(1)
    text = "".join(chr(chance.randint(0x4E00, 0x9FD5)) for _ in range(1000))
    tokens = tag_sentence(text, 100)
    assert "".join(token.word for token in tokens) == text
    assert tokens[0].start == 100 and tokens[-1].end == 1100
    assert all(a.end == b.start for a, b in zip(tokens, tokens[1:]))


def test_ordinary_news_keeps_jiebas_hmm(article_text):
    from metaledger.tokenize.tokenizer import _hmm_known

    # Every Han character of the bundled article is one jieba's POS HMM has states for.
    han = {c for c in article_text if "\u4e00" <= c <= "\u9fd5"}
    assert han <= _hmm_known()
