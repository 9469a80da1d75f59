"""Properties of the event extractor on arbitrary text built from its own vocabulary:
it never fails, and every event quotes its trigger, lives in one sentence and links only
to date and figure claims of the ledger."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

import metaledger
from metaledger.extract.events.lexicon import event_lexicon

_LEXICON = event_lexicon()
_WORDS = sorted(_LEXICON.specs)[::7] + ["据", "报道", "表示", "没有", "可能", "被", "将", "的", "在", "时", "后", "其中包括", "它", "公司", "新模型"]
_NAMES = ["Meta", "谷歌", "英伟达", "黄仁勋", "北京", "阿里巴巴", "亚马逊", "彭博社"]
_MARKS = ["，", "。", "、", "和", ":", "「", "」", "；", "\n", " ", "62%", "600 人", "2025年5月12日"]
_PIECES = st.sampled_from(_WORDS + _NAMES + _MARKS)


@given(st.lists(_PIECES, min_size=1, max_size=40))
def test_events_are_well_formed_on_any_mix(pieces):
    text = "".join(pieces)
    if not text.strip():
        return
    ledger = metaledger.extract_text(text, reference_date="2025-12-11")  # the Ledger validates spans
    ids = {c.id: c for c in ledger.claims}
    for event in (c for c in ledger.claims if c.kind == "event"):
        assert event.trigger == event.text == text[event.start : event.end]
        assert event.subject is None or event.object is None or event.subject != event.object
        for linked in event.date_ids:
            assert ids[linked].kind == "date"
        for linked in event.figure_ids:
            assert ids[linked].kind == "figure"


@given(st.lists(_PIECES, min_size=1, max_size=30))
def test_events_are_deterministic(pieces):
    text = "".join(pieces)
    if not text.strip():
        return
    first = metaledger.dump_ledger(metaledger.extract_text(text, reference_date="2025-12-11"))
    assert metaledger.dump_ledger(metaledger.extract_text(text, reference_date="2025-12-11")) == first
