"""Properties of entity claims on arbitrary text built from name-like pieces."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

import metaledger
from metaledger.resources.gazetteer import ENTITY_TYPES

PIECES = [
    "Meta", "Meta 超级智能实验室", "(", ")", "(", ")", "「", "」", "·", " · ", " ", "  ", "\n", "。", ",", "、",
    "和", "的", "小", "老", "扎克伯格", "祖克柏", "輝達", "黄仁勋", "CEO", "创始人", "表示", "模型", "团队", "实验室",
    "Scale AI", "Alexandr Wang", "Llama 4", "gpt-oss", "GPT-5.1", "2025 年", "62%", "《", "》", "宣言", "TBD", "Lab",
    "Ｍｅｔａ", "the", "of", "X", "ai", "华尔街", "公司", "部", "社", "彭博", "据", "报道", "马克", "伯格", "-", ".",
    "(Meta Superintelligence Labs,MSL)", "代号为", "小扎", "MSL", "牛油果", "（", "）", "简称", "Thinking Machines", "4.5",
    "谷歌的 Gemma", "亚马逊", "『", "』", "“", "”", "\t", "a16z", "O'Brien", "AT&T", "1", "ＡＩ",
]

texts = st.lists(st.sampled_from(PIECES), max_size=40).map(lambda pieces: "正文:" + "".join(pieces))


@given(texts)
def test_entity_claims_are_exact_disjoint_and_typed(text):
    ledger = metaledger.extract_text(text, reference_date="2025-12-11")
    entities = [c for c in ledger.claims if c.kind == "entity"]
    sentences = ledger.articles[0].sentences
    for claim in entities:
        assert text[claim.start : claim.end] == claim.text and claim.text.strip() == claim.text
        assert claim.type in ENTITY_TYPES and claim.canonical
        sentence = sentences[claim.sentence]
        assert sentence.start <= claim.start and claim.end <= sentence.end
    spans = sorted((c.start, c.end) for c in entities)
    for (_, end), (start, _) in zip(spans, spans[1:]):
        assert end <= start
