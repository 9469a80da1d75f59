"""Event case files (the CEC format): trigger matching, the unannotated header, argument
location and agreement, per-category rows; and the consistent event match of gold files.

The reports here are invented in news style; the CEC files themselves are research data."""

from __future__ import annotations

import json

import pytest

import metaledger
from metaledger.evaluate.case_files import case_format, score_case_file
from metaledger.evaluate.case_lines import body_start
from metaledger.evaluate.event_cases import (
    category_of,
    match_triggers,
    predictions_of,
    score_event_case,
)
from metaledger.evaluate.event_roles import EventRoles
from metaledger.evaluate.gold import score_section
from metaledger.evaluate.matching import NameMatcher
from metaledger.ledger.models import EntityClaim, EventClaim, Ledger

REPORT = "某市工厂起火 三人受伤\n2020-03-01 10:00 新闻网\n昨日下午，某市一家化工厂发生火灾，造成3名工人受伤。消防支队调集5辆消防车赶赴现场。"


def _span(text: str, word: str, nth: int = 0) -> dict:
    start = -1
    for _ in range(nth + 1):
        start = text.index(word, start + 1)
    return {"span": word, "char_start": start, "char_end": start + len(word)}


def _case(case_id: str = "cec-fire-0001") -> dict:
    return {
        "id": case_id,
        "text": REPORT,
        "triggers": [_span(REPORT, "火灾"), _span(REPORT, "受伤", 1), _span(REPORT, "调集"), _span(REPORT, "赶赴")],
        "participants": [_span(REPORT, "3名工人"), _span(REPORT, "消防支队")],
        "objects": [_span(REPORT, "5辆消防车")],
    }


def _ledger(events: list[tuple[str, int, str | None, str | None]], entities=()) -> Ledger:
    """The report's article with hand-made event claims: (trigger, occurrence, subject, object)."""
    article = metaledger.extract_text(REPORT, article_id="case").articles[0]

    def sentence_of(start):
        return next(s.index for s in article.sentences if s.start <= start < s.end)

    claims = []
    for word, nth, canonical, text in entities:
        span = _span(REPORT, text, nth)
        claims.append(EntityClaim(id=f"e{span['char_start']}", article="case", sentence=sentence_of(span["char_start"]),
                                  start=span["char_start"], end=span["char_end"], text=text, rule="r", type=word, canonical=canonical))
    for index, (word, nth, subject, obj) in enumerate(events):
        span = _span(REPORT, word, nth)
        claims.append(EventClaim(id=f"v{index}", article="case", sentence=sentence_of(span["char_start"]),
                                 start=span["char_start"], end=span["char_end"], text=word, rule="r", type="t",
                                 trigger=word, subject=subject, object=obj))
    return Ledger(articles=[article], claims=claims)


def test_category_and_header():
    assert category_of("cec-food_poisoning-90312b24") == "food_poisoning"
    assert category_of("cec-fire-53b5a8f9") == "fire"
    assert REPORT[body_start(REPORT):].startswith("昨日下午")
    assert body_start("一行正文，没有标题。") == 0


def test_triggers_pair_one_to_one_by_largest_overlap():
    assert match_triggers([(0, 4)], [(0, 2), (0, 4)]) == [(0, 1)]
    assert match_triggers([(0, 2), (2, 4)], [(1, 3)]) == [(0, 0)]
    assert match_triggers([(0, 2)], [(2, 4)]) == []


def test_header_predictions_are_unscored_and_arguments_are_located():
    ledger = _ledger([
        ("起火", 0, None, None),  # title line: not annotated
        ("火灾", 0, None, None),  # matched, no argument
        ("受伤", 1, "火灾", "3名工人"),  # the object overlaps a participant
        ("调集", 0, "消防支队", "5辆消防车"),
        ("调集", 0, "消防支队", "消防车"),  # the same span: one prediction
        ("现场", 0, "消防", None),  # a false alarm
    ])
    tally, agreement, header, failure = score_event_case(_case(), ledger)
    assert (tally.label, tally.expected, tally.predicted, tally.hits) == ("fire", 4, 4, 3)
    assert header == 1
    assert agreement == [(False, False), (True, True), (True, True)]
    assert [m["trigger"] for m in failure["missed"]] == ["赶赴"]
    assert [w["trigger"] for w in failure["wrong"]] == ["现场"]


def test_a_canonical_name_is_located_through_its_entity_claims_nearest_the_trigger():
    entities = [("ORG", 0, "City Fire Brigade", "消防支队")]
    ledger = _ledger([("调集", 0, "City Fire Brigade", None)], entities)
    [prediction] = predictions_of(ledger)
    start = REPORT.index("消防支队")
    assert prediction.arguments == [(start, start + 4)]


def test_case_file_format_report_rows_and_notes(tmp_path):
    path = tmp_path / "events.dev.jsonl"
    path.write_text("\n".join(json.dumps(_case(i), ensure_ascii=False) for i in ("cec-fire-1", "cec-traffic-2")) + "\n", encoding="utf-8")
    name, _ = case_format(path)
    assert name.startswith("events")
    report = score_case_file(path)
    assert [row.label for row in report.rows] == ["all", "fire", "traffic"]
    assert report.rows[0].expected == 8 and report.rows[0].cases == 2
    assert report.notes[0].startswith("argument agreement: all ")
    assert "fire" in report.notes[0] and "traffic" in report.notes[0]
    assert json.loads(json.dumps(report.as_dict(), ensure_ascii=False))["rows"][1]["label"] == "fire"


def test_a_bad_event_case_is_an_input_error(tmp_path):
    path = tmp_path / "bad.jsonl"
    path.write_text(json.dumps({"text": "短", "triggers": [{"char_start": 0, "char_end": 9}]}) + "\n", encoding="utf-8")
    with pytest.raises(metaledger.MetaledgerError, match="within the text"):
        score_case_file(path)


# --- the consistent event match of gold files --------------------------------------------------------

def _event(subject, obj, sentence=0, start=10):
    return EventClaim(id=f"v{start}{subject}{obj}", article="a", sentence=sentence, start=start, end=start + 2, text="死亡",
                      rule="r", type="death", trigger="死亡", subject=subject, object=obj)


GOLD_DEATH = {"trigger": "死亡", "start": 10, "end": 12, "subject": "爆炸", "object": "至少60人"}


@pytest.mark.parametrize(
    "subject, obj, hit",
    [
        ("爆炸", None, True),  # the same phrase
        (None, "60人", True),  # contained in the gold's object
        ("一起爆炸", None, True),  # contains the gold's subject
        ("伊斯兰堡", None, False),
        (None, None, False),
    ],
)
def test_consistent_match_needs_some_argument_to_agree(subject, obj, hit):
    score = score_section("events", [GOLD_DEATH], [_event(subject, obj)], NameMatcher(), event_match="consistent")
    assert score.hits == int(hit)


def test_consistent_match_reads_names_in_their_written_forms():
    gold = dict(GOLD_DEATH, subject="Islamabad Police", object=None)
    gold_entities = [{"text": "伊斯兰堡警方", "canonical": "Islamabad Police"}]
    roles = EventRoles(NameMatcher(), gold_entities, [])
    score = score_section("events", [gold], [_event("伊斯兰堡警方的发言人", None)], NameMatcher(), event_match="consistent", roles=roles)
    assert score.hits == 1
    bare = dict(GOLD_DEATH, subject=None, object=None)
    assert score_section("events", [bare], [_event(None, None)], NameMatcher(), event_match="consistent").hits == 1


def test_strict_match_reads_a_phrase_argument_as_null_when_the_article_has_entity_claims():
    gold = dict(GOLD_DEATH, subject=None, object="Meta")
    meta = EntityClaim(id="e", article="a", sentence=0, start=0, end=4, text="Meta", rule="r", type="ORG", canonical="Meta")
    roles = EventRoles(NameMatcher(), [], [meta])
    phrase = _event("首席 AI 科学家", "Meta")
    assert score_section("events", [gold], [phrase], NameMatcher(), roles=roles).hits == 1
    assert score_section("events", [gold], [_event("Meta", "Meta")], NameMatcher(), roles=roles).hits == 0
    with pytest.raises(ValueError):
        score_section("events", [gold], [phrase], NameMatcher(), event_match="loose")
