"""Arguments as written, places and the gates of the class lexicon, on sentences written for
these tests (issue 15): noun phrases, the cause frame of casualties, passives, incident nouns,
modifiers, place links, and how places show in render, query and diff."""

from __future__ import annotations

import random
import re

import pytest

import metaledger
from metaledger.extract.events.patterns import alternation, trie_alternation
from metaledger.query import query_claims
from metaledger.render import describe_event


def _events(text: str, reference_date: str = "2025-03-08"):
    ledger = metaledger.extract_text(text, reference_date=reference_date)
    return ledger, [c for c in ledger.claims if c.kind == "event"]


def _event(text: str, trigger: str, nth: int = 0):
    ledger, events = _events(text)
    found = [e for e in events if e.text == trigger]
    assert len(found) > nth, f"no {trigger!r} in {[(e.text, e.type) for e in events]}"
    return ledger, found[nth]


@pytest.mark.parametrize(
    "text, trigger, subject, obj",
    [
        # the cause is the subject, the victims the object; none stated: the victims are the subject
        ("一场大火造成至少12人死亡。", "死亡", "大火", "至少12人"),
        ("截至昨晚，已有至少12人遇难。", "遇难", "至少12人", None),
        ("两名工人在事故中受伤。", "受伤", "事故", "两名工人"),
        # passive: the agent phrase, then the patient
        ("大火被附近的消防员扑灭。", "扑灭", "附近的消防员", "大火"),
        # comitative: A 与 B
        ("一辆客车与一辆货车迎面相撞。", "迎面相撞", "一辆客车", "一辆货车"),
        # a relative clause heads its phrase; a count after the head is no part of it
        ("一辆满载乘客的大巴在山路上侧翻。", "侧翻", "一辆满载乘客的大巴", None),
        ("其中两人一度昏迷。", "昏迷", "其中两人", None),
        # coordinated actors stay one phrase; a place is the object of arrival
        ("20辆消防车、80名消防员赶赴现场。", "赶赴", "20辆消防车、80名消防员", "现场"),
        # a causative's object does the verb; 据 X 称 names the speaker
        ("这项政策将让上百万农户受益。", "受益", "上百万农户", None),
        ("据一名目击者称，爆炸声非常响。", "称", "一名目击者", None),
    ],
)
def test_roles_as_written(text, trigger, subject, obj):
    _, event = _event(text, trigger)
    assert (event.subject, event.object) == (subject, obj)


def test_an_incident_noun_takes_the_phrase_before_its_occurrence_word():
    _, event = _event("上个月，城东一座仓库外突然发生汽车爆炸。", "爆炸")
    assert event.subject == "城东一座仓库外" and event.object is None


def test_a_place_inside_the_phrase_is_where_not_who():
    ledger, event = _event("成都市一处仓库昨日下午发生火灾。", "火灾")
    assert event.subject == "成都市一处仓库"
    places = [c for c in ledger.claims if c.id in event.place_ids]
    assert [p.canonical for p in places] == ["Chengdu"]
    linked = {c.id: c for c in ledger.claims}
    assert "in Chengdu" in describe_event(event, linked)


@pytest.mark.parametrize(
    "text, trigger",
    [
        ("一场突如其来的地震给成都市民造成了惊慌。", "地震"),  # 成都市民: people, not where
        ("据四川省地震局介绍，地震发生于北京时间今天下午2时。", "地震"),  # an office and a clock
    ],
)
def test_a_place_that_modifies_a_person_a_body_or_a_clock_is_no_place(text, trigger):
    ledger, event = _event(text, trigger)
    assert [c.text for c in ledger.claims if c.id in event.place_ids] == []


def test_a_query_for_a_place_finds_what_happened_there():
    ledger, event = _event("成都市一处仓库昨日下午发生火灾。", "火灾")
    found = query_claims(ledger, entity="成都", kinds=["event"])
    assert event.id in [c.id for c in found]


def test_an_object_written_as_a_linked_figure_shows_once():
    ledger, event = _event("一场大火造成2人死亡。", "死亡")
    assert event.object == "2人"
    linked = {c.id: c for c in ledger.claims}
    assert describe_event(event, linked) == "大火 · death · 2 person · asserted"


def test_the_first_mention_reports_an_incident_and_later_bare_ones_do_not():
    text = "城西发生火灾 一人受伤\n2025-03-08\n昨日，城西一家工厂发生火灾。火灾中一名工人受伤。火灾原因正在调查。"
    _, events = _events(text)
    fires = [e for e in events if e.type == "fire"]
    assert [(e.sentence, e.text) for e in fires] == [(0, "火灾"), (2, "火灾")]  # the headline, then the body's first
    assert [e.subject for e in events if e.type == "injury" and e.sentence == 3] == ["火灾"]  # the repeated mention is the cause


@pytest.mark.parametrize(
    "text, word",
    [
        ("救援人员连夜进山。", "救援"),  # a modifier of the noun after it
        ("死亡人数仍在统计中。", "死亡"),
        ("市长看望了受伤群众。", "受伤"),  # a state before a noun describes it
        ("不少人担心数据中心投资存在泡沫。", "投资"),  # a verb heading a compound
        ("比赛将如期举行。", "举行"),  # a frame verb without its object
        ("公司第一时间作出了回应。", "第一时间"),
    ],
)
def test_words_that_are_no_events(text, word):
    _, events = _events(text)
    start = text.index(word)
    assert not [e for e in events if e.start < start + len(word) and start < e.end]


def test_a_first_person_subject_is_a_quoted_speaker():
    _, events = _events("「我们会推出更好的产品」")
    assert not events


def test_trie_alternation_matches_as_the_flat_alternation():
    rng = random.Random(15)
    alphabet = "发生火灾爆炸死亡受伤救援调集赶赴现场"
    for _ in range(50):
        words = {"".join(rng.choice(alphabet) for _ in range(rng.randint(1, 4))) for _ in range(rng.randint(1, 30))}
        text = "".join(rng.choice(alphabet + "，。") for _ in range(200))
        flat, trie = re.compile(alternation(words)), re.compile(trie_alternation(words))
        assert [m.span() for m in flat.finditer(text)] == [m.span() for m in trie.finditer(text)]
    assert re.compile(trie_alternation([])).search("任何文本") is None


def test_a_figure_written_as_an_object_changes_once_in_a_diff():
    from metaledger.diff.changes import diff_ledgers

    old = metaledger.extract_text("一场大火造成2人死亡。", article_id="a", reference_date="2025-03-08")
    new = metaledger.extract_text("一场大火造成3人死亡。", article_id="a", reference_date="2025-03-08")
    result = diff_ledgers(old, new)
    changes = [(c.kind, c.change) for c in result.changes]
    assert ("figure", "changed") in changes and ("event", "changed") not in changes


@pytest.mark.parametrize(
    "text, word",
    [
        ("世界卫生组织的专家认为，疫情已经得到控制。", "组织"),
        ("该市技术开发中心今年迁入新址。", "开发"),
        ("省地震救援队队员昨晚抵达灾区。", "救援"),
    ],
)
def test_a_trigger_word_inside_an_organization_name_is_no_event(text, word):
    start = text.index(word)
    _, events = _events(text)
    assert not [e for e in events if e.start <= start < e.end], text


def test_the_same_word_outside_a_name_is_still_an_event():
    _, events = _events("消防官兵连夜救援被困群众。")
    assert any(e.text == "救援" for e in events)
