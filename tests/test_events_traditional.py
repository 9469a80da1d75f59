"""Events of an article written in traditional characters are the events of the simplified one.

Tokens keep the words as written (據, 並未, 從), so the event cue lists (simplified) must be
matched against simplified token words; figures must read 級, 萬輛, 增長 as 级, 万辆, 增长.
"""

from __future__ import annotations

import pytest

import metaledger
from metaledger.resources.gazetteer import load_gazetteer
from metaledger.text.script import to_simplified, traditional_table

from conftest import ARTICLE, FIXTURES, REFERENCE_DATE

ARTICLES = FIXTURES / "articles"


def _to_traditional(text: str) -> str:
    """One traditional form per simplified character the table maps back (some are rare variants:
    the point is that every mapped character is written traditional)."""
    back: dict[int, str] = {}
    for traditional, simplified in sorted(traditional_table().items()):
        if to_simplified(chr(traditional)) == simplified:
            back.setdefault(ord(simplified), chr(traditional))
    return text.translate(back)


def _events(ledger) -> list[tuple]:
    by_id = {c.id: c for c in ledger.claims}
    return [
        (
            e.sentence, e.start, e.end, e.type, e.subject, e.object, e.certainty, e.polarity, e.attribution,
            [(by_id[i].start_date, by_id[i].end_date) for i in e.date_ids],
            [(by_id[i].value, by_id[i].unit, by_id[i].approx, by_id[i].direction) for i in e.figure_ids],
        )
        for e in ledger.claims
        if e.kind == "event"
    ]


@pytest.mark.parametrize("path", [ARTICLE, ARTICLES / "nvidia-earnings.txt", ARTICLES / "wenchuan-quake.txt"], ids=lambda p: p.stem)
def test_an_article_in_traditional_characters_has_the_same_events(path):
    lexicon_file = path.with_suffix(".lexicon.yaml")
    lexicon = load_gazetteer((lexicon_file,)) if lexicon_file.exists() else None
    text = path.read_text("utf-8")
    traditional = _to_traditional(text)
    assert traditional != text and len(traditional) == len(text)
    simplified_events = _events(metaledger.extract_text(text, reference_date=REFERENCE_DATE, lexicon=lexicon))
    traditional_events = _events(metaledger.extract_text(traditional, reference_date=REFERENCE_DATE, lexicon=lexicon))
    assert simplified_events and traditional_events == simplified_events


CASES = [
    # text as a Taiwan or Hong Kong outlet writes it, trigger, expected fields, linked figures
    ("據路透社報導，輝達並未回應相關質疑。", "回應",
     dict(subject="Nvidia", polarity="negative", certainty="reported", attribution="Reuters"), []),
    ("記者從四川省地震局獲悉，汶川縣發生5.2級地震。", "地震",
     dict(type="earthquake", attribution="四川省地震局"), [("5.2級", 5.2, "magnitude", "exact", None)]),
    ("特斯拉召回超過12萬輛汽車。", "召回",
     dict(type="recall", subject="Tesla"), [("超過12萬輛", 120000, "vehicle", "at_least", None)]),
    ("輝達營收同比增長62%。", "增長",
     dict(type="revenue_growth", subject="Nvidia"), [("62%", 62, "percent", "exact", "up")]),
]


@pytest.mark.parametrize("text, trigger, expected, figures", CASES, ids=[c[1] for c in CASES])
def test_traditional_sentences(text, trigger, expected, figures):
    ledger = metaledger.extract_text(text, reference_date=REFERENCE_DATE)
    (event,) = [c for c in ledger.claims if c.kind == "event" and c.text == trigger]
    for field, value in expected.items():
        assert getattr(event, field) == value, field
    by_id = {c.id: c for c in ledger.claims}
    linked = [by_id[i] for i in event.figure_ids]
    assert [(f.text, f.value, f.unit, f.approx, f.direction) for f in linked] == figures
