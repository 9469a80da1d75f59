"""Sentence splitting: the gold split, golden rules and invariants."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from metaledger import split_sentences
from metaledger.text.segment import MAX_SENTENCE_CHARS, _BULLETS
from metaledger.text.segment import split_sentences as split_range


def test_gold_sentence_agreement(article_text, gold, capsys):
    mine = {(s.start, s.end) for s in split_sentences(article_text)}
    expected = [(s["start"], s["end"]) for s in gold["sentences"]]
    agreed = sum(1 for span in expected if span in mine)
    with capsys.disabled():
        print(f"\nsentence agreement with gold: {agreed}/{len(expected)} exact")
    # The one known difference: we split at a mid-line ';' as the product spec asks, the gold does not.
    assert agreed >= 73


GOLDEN = [
    ("两句话。第二句!", ["两句话。", "第二句!"]),
    ("他说:「我们支持。但不够。」随后离开。", ["他说:「我们支持。但不够。」", "随后离开。"]),
    ("《你好。世界》是一本书。", ["《你好。世界》是一本书。"]),
    ("也支持 Gemini、Thinking Machines…… 我们几乎支持了所有模型。", ["也支持 Gemini、Thinking Machines…… 我们几乎支持了所有模型。"]),
    ("结果如何……\n下一行", ["结果如何……", "下一行"]),
    ("「真的吗……」他问。", ["「真的吗……」", "他问。"]),
    ("Claude Opus 4.5 的得分是 4.5 分。", ["Claude Opus 4.5 的得分是 4.5 分。"]),
    ("访问 https://example.com/a.b?c=1!d 了解。", ["访问 https://example.com/a.b?c=1!d 了解。"]),
    ("Meta Platforms Inc. 宣布裁员。", ["Meta Platforms Inc. 宣布裁员。"]),
    ("He left. 他离开了。", ["He left.", "他离开了。"]),
    ("第一;第二;第三", ["第一;", "第二;", "第三"]),
    ("  · 谷歌发布 Gemini 3;\n· OpenAI 推出 GPT-5。", ["谷歌发布 Gemini 3;", "OpenAI 推出 GPT-5。"]),
    ("没有标点的标题\n正文第一句。", ["没有标点的标题", "正文第一句。"]),
    ("真的?!不会吧。", ["真的?!", "不会吧。"]),
    ("他说:“好。”\r\n然后走了。", ["他说:“好。”", "然后走了。"]),
    ("U.S. officials said so.", ["U.S. officials said so."]),
]


@pytest.mark.parametrize("text, expected", GOLDEN, ids=[g[0][:12] for g in GOLDEN])
def test_golden_rules(text, expected):
    assert [s.text for s in split_sentences(text)] == expected


def test_line_numbers_are_one_based():
    sentences = split_sentences("第一行。\n\n第三行。第三行又一句。")
    assert [s.line for s in sentences] == [1, 3, 3]


def test_runaway_line_is_cut_into_bounded_sentences():
    text = "没有标点" * 1000
    sentences = split_sentences(text)
    assert all(len(s.text) <= MAX_SENTENCE_CHARS for s in sentences)
    assert "".join(s.text for s in sentences) == text


def test_range_offsets_index_the_whole_text():
    text = "---\ntitle: x\n---\n正文。"
    sentences = split_range(text, 17)
    assert [(s.start, s.text) for s in sentences] == [(17, "正文。")]


CHINESE_HEAVY = st.text(
    alphabet=st.sampled_from(list("的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处府研质" + "。！？，、;:「」《》…·\n 0123456789ABCabc%-.")),
    max_size=300,
)


def _check_invariants(text: str) -> None:
    sentences = split_range(text)
    previous_end = 0
    covered = set()
    for index, sentence in enumerate(sentences):
        assert sentence.index == index
        assert 0 <= previous_end <= sentence.start < sentence.end <= len(text)
        assert text[sentence.start : sentence.end] == sentence.text
        assert sentence.text == sentence.text.strip()
        previous_end = sentence.end
        covered.update(range(sentence.start, sentence.end))
    for position, char in enumerate(text):
        if position not in covered:
            assert char.isspace() or char in _BULLETS, (position, char)


@given(CHINESE_HEAVY)
def test_invariants_on_chinese_heavy_text(text):
    _check_invariants(text)


@given(st.text(max_size=300))
def test_invariants_on_any_unicode(text):
    _check_invariants(text)


def test_invariants_on_the_bundled_article(article_text):
    _check_invariants(article_text)
