"""Events on articles the rules were not written against: an earthquake report with a dateline
and casualties, and an earnings report with 同比 growth. Asserted field by field.

Their entities come from test-local gazetteers beside them (NAME.lexicon.yaml), merged into
the packaged one the way `metaledger extract --lexicon` does; the packaged file is untouched.
"""

from __future__ import annotations

import io

import pytest

import metaledger
from metaledger.resources.gazetteer import load_gazetteer
from metaledger.render import claims_table, describe_event

from conftest import FIXTURES

ARTICLES = FIXTURES / "articles"


def _extract(name: str):
    article = ARTICLES / f"{name}.txt"
    return metaledger.extract_file(article, lexicon=load_gazetteer((ARTICLES / f"{name}.lexicon.yaml",)))


@pytest.fixture(scope="module")
def quake():
    return _extract("wenchuan-quake")


@pytest.fixture(scope="module")
def earnings():
    return _extract("nvidia-earnings")


def _events(ledger, trigger: str) -> list:
    return [c for c in ledger.claims if c.kind == "event" and c.text == trigger]


def _linked_texts(ledger, ids: list[str]) -> list[str]:
    by_id = {c.id: c for c in ledger.claims}
    return [by_id[i].text for i in ids]


def _by_figure(ledger, trigger: str, figure_text: str):
    found = [e for e in _events(ledger, trigger) if figure_text in _linked_texts(ledger, e.figure_ids)]
    assert len(found) == 1, f"{trigger} with {figure_text}: {found}"
    return found[0]


def _check(event, **expected):
    for field, value in expected.items():
        assert getattr(event, field) == value, f"{event.text} (sentence {event.sentence}): {field}"


# --- the earthquake report --------------------------------------------------------------------

QUAKE_EVENTS = [
    # trigger, index, expected fields
    # 记者从四川省地震局获悉: the office is the source, not the reporter of the byline (记者 张华)
    ("地震", 0, dict(type="earthquake", subject="Wenchuan County", object=None, certainty="asserted",
                    polarity="positive", attribution="Sichuan Earthquake Agency", sentence=0)),
    ("通报", 0, dict(type="announce", subject="Wenchuan County Emergency Management Bureau", certainty="asserted", attribution=None)),
    # 地震导致当地多处房屋倒塌: the cause is the subject, the houses as written the object (issue 15)
    ("倒塌", 0, dict(type="collapse", subject="地震", object="当地多处房屋", certainty="asserted",
                    attribution="Wenchuan County Emergency Management Bureau")),
    ("山体滑坡", 0, dict(type="landslide", subject="Wenchuan County", attribution="Wenchuan County Emergency Management Bureau")),
    # 部分道路因山体滑坡中断: the landslide named as a cause, the roads as written what was cut
    ("中断", 0, dict(type="outage", subject="山体滑坡", object="部分道路")),
    ("紧急转移", 0, dict(type="evacuation", subject="Wenchuan County", certainty="asserted")),
    ("送医", 0, dict(type="hospitalization", subject="伤者", object=None)),
    ("搜救", 0, dict(type="rescue", subject="Sichuan")),
    ("表示", 0, dict(type="statement", subject="China Earthquake Networks Center", certainty="asserted", attribution=None)),
]


@pytest.mark.parametrize("trigger, index, expected", QUAKE_EVENTS, ids=[f"{t}[{i}]" for t, i, _ in QUAKE_EVENTS])
def test_quake_events(quake, trigger, index, expected):
    _check(_events(quake, trigger)[index], **expected)


# 地震已造成2人死亡、14人受伤: the stated cause is the subject, the victims the object; 另有1人失联
# states no cause, so the victims are the subject (issue 15)
CASUALTIES = [
    ("死亡", "death", "2人", 2, "地震", "2人"), ("受伤", "injury", "14人", 14, "地震", "14人"), ("失联", "missing", "1人", 1, "1人", None),
]


@pytest.mark.parametrize("trigger, event_type, count, value, subject, obj", CASUALTIES, ids=[c[0] for c in CASUALTIES])
def test_quake_casualties_carry_their_counts(quake, trigger, event_type, count, value, subject, obj):
    (event,) = _events(quake, trigger)
    _check(event, type=event_type, subject=subject, object=obj, certainty="asserted", polarity="positive", attribution=None)
    assert _linked_texts(quake, event.figure_ids) == [count]
    figure = next(c for c in quake.claims if c.id == event.figure_ids[0])
    assert (figure.value, figure.unit) == (value, "person")


def _linked_days(ledger, ids: list[str]) -> list[str]:
    by_id = {c.id: c for c in ledger.claims}
    # one day, with or without a time of day on it (14时许 makes the claim hour-grained)
    return [by_id[i].start_date for i in ids if by_id[i].start_date and by_id[i].start_date == by_id[i].end_date]


def test_quake_is_dated_and_placed(quake):
    assert quake.articles[0].reference_date == "2025-05-12"  # from the sidecar
    event = _events(quake, "地震")[0]
    assert "2025-05-12" in _linked_days(quake, event.date_ids)


def test_quake_dateline_and_byline_name_no_participant(quake):
    """新华社成都5月12日电（记者 张华）: who filed the report, not who acts in it (张华 is a PERSON
    now, found by the person-name rule after 记者)."""
    assert [c.canonical for c in quake.claims if c.kind == "entity" and c.text == "张华"] == ["张华"]
    named = {name for e in quake.claims if e.kind == "event" for name in (e.subject, e.object, e.attribution)}
    assert not named & {"张华", "Xinhua", "Chengdu"}


def test_quake_as_a_cause_is_no_second_quake(quake):
    """截至12日20时，地震已造成2人死亡: the quake reported before, named as the cause of the toll."""
    assert [e.sentence for e in quake.claims if e.kind == "event" and e.type == "earthquake" and e.text == "地震"] == [0]
    (death,) = _events(quake, "死亡")
    assert _linked_days(quake, death.date_ids) == ["2025-05-12"]


def test_quake_forecast_aftershock_is_hedged_with_its_magnitude(quake):
    (aftershock,) = _events(quake, "余震")
    _check(aftershock, type="earthquake", certainty="hedged", attribution="China Earthquake Networks Center")
    (figure,) = [c for c in quake.claims if c.id in aftershock.figure_ids]
    assert (figure.text, figure.value, figure.unit, figure.approx) == ("4级左右", 4, "magnitude", "about")


def test_quake_clock_times_are_no_figures(quake):
    """14时许 and 12日20时 are times of day, not quantities an event could take."""
    figures = [c.text for c in quake.claims if c.kind == "figure"]
    assert "14" not in figures and "20" not in figures and "5.2级" in figures


def test_quake_metaphor_and_response_level_are_not_earthquakes(quake):
    sentence = quake.articles[0].sentences[4]
    assert "启动地震四级应急响应" in sentence.text
    assert not [e for e in quake.claims if e.kind == "event" and e.type == "earthquake" and e.sentence == 4]


# --- the earnings report ------------------------------------------------------------------------

GROWTH = [
    # figure, expected fields
    ("62%", dict(type="revenue_growth", subject="Nvidia", certainty="asserted", attribution="Nvidia", polarity="positive")),
    ("22%", dict(type="revenue_growth", subject="Nvidia", attribution="Nvidia")),
    ("65%", dict(type="net_profit_growth", subject="Nvidia", attribution="Nvidia", certainty="asserted")),  # after a ；
    ("66%", dict(type="revenue_growth", subject="数据中心业务收入", object="66%")),  # the metric as written (issue 15)
    # figure spans carry their approximation words now (约14%, approx about)
    ("约14%", dict(type="revenue_growth", subject="Nvidia", certainty="hedged", attribution=None)),  # 英伟达预计，…
]


@pytest.mark.parametrize("figure, expected", GROWTH, ids=[f for f, _ in GROWTH])
def test_earnings_growth(earnings, figure, expected):
    _check(_by_figure(earnings, "增长", figure), **expected)


def test_earnings_stock_move(earnings):
    event = _by_figure(earnings, "上涨", "超过5%")
    _check(event, type="stock_price_growth", subject="Nvidia", certainty="asserted")
    (figure,) = [c for c in earnings.claims if c.id in event.figure_ids]
    assert (figure.value, figure.approx, figure.direction) == (5, "at_least", "up")


def test_earnings_events_take_amounts_of_money(earnings):
    """营收 570 亿美元 is a result; 占总营收的比重接近九成 (a share) and 第四财季营收 (an ordinal of a
    fiscal quarter) are not."""
    found = [(e.sentence, _linked_texts(earnings, e.figure_ids)) for e in earnings.claims if e.kind == "event" and e.type == "earnings"]
    assert found == [(1, ["570亿美元"]), (2, ["319亿美元"])]
    assert not [c for c in earnings.claims if c.kind == "figure" and c.measure == "ordinal"]


def test_fiscal_quarter_is_not_a_calendar_quarter(earnings):
    """2026财年第三季度 is Nvidia's fiscal Q3 (August to October 2025), not 2025-Q3: no date, and the
    announcement keeps only its day."""
    assert not [c.text for c in earnings.claims if c.kind == "date" and "季度" in c.text]
    (event,) = _events(earnings, "公布")
    assert [c.start_date for c in earnings.claims if c.id in event.date_ids] == ["2025-11-19"]


def test_earnings_announcement_is_dated(earnings):
    (event,) = _events(earnings, "公布")
    _check(event, type="announce", subject="Nvidia", certainty="asserted", attribution=None)
    assert "2025-11-19" in _linked_days(earnings, event.date_ids)


def test_earnings_speakers_and_reports(earnings):
    (said,) = _events(earnings, "表示")
    _check(said, type="statement", subject="Jensen Huang", attribution=None)
    (report,) = _events(earnings, "报道")
    _check(report, type="report", subject="Reuters", certainty="asserted", attribution=None)
    (silence,) = _events(earnings, "回应")  # 据路透社报道，…英伟达并未回应相关质疑
    _check(silence, type="statement", subject="Nvidia", polarity="negative", certainty="reported", attribution="Reuters")


def test_earnings_investments(earnings):
    first, second = _events(earnings, "投资")
    _check(first, type="invest", subject="Nvidia", object="Anthropic", certainty="asserted", attribution="Nvidia")
    _check(second, type="invest", subject="Microsoft", object=None, attribution="Nvidia")


def test_events_read_as_sentences_in_the_table(earnings):
    event = _by_figure(earnings, "增长", "62%")
    linked = {c.id: c for c in earnings.claims}
    # a linked figure reads as its own row does: value, unit, [approximation], direction and basis
    assert describe_event(event, linked) == "Nvidia · revenue_growth · 62 percent up yoy · per Nvidia · asserted"  # 62% once
    forecast = _by_figure(earnings, "增长", "约14%")
    assert describe_event(forecast, linked) == "Nvidia · revenue_growth · 14 percent [about] up qoq · hedged"
    # 达到650亿美元左右 is a claim of its own (issue 15): the amount reached, once
    (reach,) = _events(earnings, "达到")
    assert describe_event(reach, linked) == "Nvidia · reach · 65000000000 USD [about] · hedged"
    assert describe_event(_events(earnings, "公布")[0], linked) == "Nvidia · announce · 2026财年第三季度财报 · 2025-11-19 · asserted"
    assert describe_event(_events(earnings, "回应")[0]) == "Nvidia · NOT statement · per Reuters · reported"
    from rich.console import Console

    console = Console(width=200, record=True, file=io.StringIO())
    console.print(claims_table(earnings))
    table = console.export_text()  # cells are text, not markup: [at_most] keeps its brackets
    assert "Nvidia · invest · Anthropic · 10000000000 USD [at_most] · per Nvidia · asserted" in table


def test_extraction_is_deterministic():
    first = metaledger.dump_ledger(_extract("nvidia-earnings"))
    assert metaledger.dump_ledger(_extract("nvidia-earnings")) == first
