"""metaledger.conflicts on hand-built report ledgers: what counts as the same fact, agreement at
the coarser precision, conflict versus update, and the filters."""

from __future__ import annotations

import pytest
from conflict_cases import (
    fire_agency,
    fire_city_desk,
    fire_two_tolls,
    layoffs,
    quake_a,
    quake_august,
    quake_b,
    quake_c,
    reports,
    toll_evening,
    toll_next_day,
)
from ledger_builders import dat, ent, evt, fig, ledger_of

import metaledger
from metaledger.conflicts import find_conflicts
from metaledger.conflicts.rules import fact_rules
from metaledger.conflicts.values import Span, date_span, figure_span, written_precision
from metaledger.ledger.models import DateClaim, FigureClaim
from metaledger.query import combine_ledgers

from conftest import ROOT


def _figure(text: str, value, approx="exact", value_high=None) -> FigureClaim:
    unit, measure = ("magnitude", "measure") if text.endswith("级") else ("person", "count")
    return FigureClaim(article="a", sentence=0, start=0, end=len(text), text=text, rule="t", value=value,
                       value_high=value_high, unit=unit, measure=measure, approx=approx)


def _time(time: str, granularity="minute") -> DateClaim:
    return DateClaim(article="a", sentence=0, start=0, end=1, text="x", rule="t", timex="t", start_date="2008-05-12",
                     end_date="2008-05-12", granularity=granularity, start_time=time)


def _span(text, value, approx="exact", value_high=None) -> Span:
    return figure_span(_figure(text, value, approx, value_high), fact_rules())


def _summary(report):
    return [(f.status, f.title, [s.claim.id for s in f.statements], list(f.readings)) for f in report.facts]


# ---- agreement at the coarser precision -------------------------------------------------------

@pytest.mark.parametrize("text, precision", [
    ("7.8级", 0.1), ("7.80级", 0.01), ("7．8级", 0.1), ("六点一级", 0.1), ("600人", 1), ("1.5万人", 1000),
    ("两万人", 10000), ("三百二十万元", 10000), ("2万", 10000), ("１０多万", 10000),
])
def test_written_precision_is_the_unit_of_the_last_written_digit(text, precision):
    assert written_precision(text) == pytest.approx(precision)


@pytest.mark.parametrize("one, other, agree", [
    (("7.8级", 7.8), ("7.80级", 7.8), True),
    (("7.8级", 7.8), ("7.6级", 7.6), False),
    (("7.8级", 7.8), ("7.9级", 7.9), False),  # rounding intervals only touch: no agreement
    (("约600人", 600, "about"), ("600人", 600), True),
    (("约600人", 600, "about"), ("700人", 700), False),
    (("逾200人", 200, "at_least"), ("350人", 350), True),
    (("200多人", 200, "at_least"), ("250人", 250), True),
    (("200多人", 200, "at_least"), ("350人", 350), False),
    (("200多人", 200, "at_least"), ("逾200人", 200, "at_least"), True),
    (("十几人", 10, "at_least"), ("19人", 19), True),
    (("十几人", 10, "at_least"), ("20人", 20), False),
    (("数百人", 100, "at_least"), ("900人", 900), True),
    (("近万人", 10000, "at_most"), ("9000人", 9000), True),
    (("近万人", 10000, "at_most"), ("107人", 107), False),
    (("不到100人", 100, "at_most"), ("7人", 7), True),
    (("3-5万人", 30000, "range", 50000), ("4万人", 40000), True),
    (("2万人", 20000), ("19800人", 19800), True),  # 19800 rounds to 2万
])
def test_figures_agree_when_what_they_admit_meets(one, other, agree):
    assert _span(*one).meets(_span(*other)) is agree


@pytest.mark.parametrize("one, other, agree", [
    (("14:27:57.9", "second"), ("14:28", "minute"), True),   # 57.9 s rounds to the minute 14:28
    (("14:28:45", "second"), ("14:28", "minute"), True),     # and 14:28:45 is within it
    (("14:48", "minute"), ("14:28", "minute"), False),
    (("14:27:57.9", "second"), ("14:27:58", "second"), True),
    (("14:27:57.9", "second"), ("14:27:57", "second"), True),   # truncated to the second
    (("14:27:57.9", "second"), ("14:27:59", "second"), False),
    (("14:00", "hour"), ("14:28", "minute"), True),
])
def test_clock_times_agree_at_the_coarser_precision(one, other, agree):
    assert date_span(_time(*one)).meets(date_span(_time(*other))) is agree


def test_an_approximate_time_admits_a_unit_either_side():
    assert not date_span(_time("14:30")).meets(date_span(_time("14:28")))
    assert date_span(_time("14:30"), approximate=True).meets(date_span(_time("14:28")))


# ---- the same fact ----------------------------------------------------------------------------

def test_a_report_edited_to_say_7_6_conflicts_with_the_7_8_reports():
    report = find_conflicts(reports(quake_a, quake_b, quake_c, quake_august))
    assert _summary(report) == [
        ("conflict", "magnitude · earthquake at 汶川县",
         ["quake-a:figure:7.8-magnitude:1", "quake-b:figure:7.8-magnitude:1", "quake-c:figure:7.6-magnitude:1"],
         ["A", "A", "B"]),
        ("agreed", "onset · earthquake at 汶川县",
         ["quake-a:date:2008-05-12t14-27-57.9:1", "quake-b:date:2008-05-12t14-28:1", "quake-c:date:2008-05-12:1"],
         ["A", "A", "A"]),
    ]
    conflict = report.conflicts[0]
    # one relation per disagreeing reading, named by its first statement
    assert [(r.kind, r.first, r.second) for r in conflict.relations] == [
        ("conflict", "quake-a:figure:7.8-magnitude:1", "quake-c:figure:7.6-magnitude:1"),
    ]


def test_main_shock_aftershock_and_another_quake_are_never_compared():
    """The 6.0 aftershock and the August 6.1 quake state magnitudes too; none meets the main shock's."""
    report = find_conflicts(reports(quake_a, quake_b, quake_august))
    assert [f.status for f in report.facts] == ["agreed", "agreed"]
    compared = {s.claim.text for f in report.facts for s in f.statements}
    assert not compared & {"6.0级", "6.1级", "14时43分", "8月30日16时30分"}


def test_the_same_aftershock_in_two_reports_is_one_fact_told_by_its_time():
    second = ledger_of("14时43分15秒，汶川县发生6.0级余震。\n", [
        dat("14时43分15秒", "2008-05-12T14:43:15", "2008-05-12", "2008-05-12", "second", start_time="14:43:15"),
        ent("汶川县", type="PLACE"), fig("6.0级", 6.0, "magnitude", "measure"),
        evt("余震", "earthquake", subject="汶川县", dates=["14时43分15秒"], figures=["6.0级"], places=["汶川县"]),
    ], "aftershock-wire", None, "2008-05-12")
    report = find_conflicts(combine_ledgers([quake_a(), second]))
    aftershocks = [f for f in report.facts if f.qualifier == "aftershock"]
    assert [(f.status, f.attribute, [s.article for s in f.statements]) for f in aftershocks] == [
        ("agreed", "magnitude", ["aftershock-wire", "quake-a"]),
        ("agreed", "onset", ["aftershock-wire", "quake-a"]),
    ]
    assert aftershocks[0].why[0] == "event class: earthquake, aftershock (trigger or the words before it say 余震)"


def test_an_aftershock_without_a_time_is_read_but_not_compared():
    untimed = ledger_of("汶川县又发生6.0级余震。\n", [
        ent("汶川县", type="PLACE"), fig("6.0级", 6.0, "magnitude", "measure"),
        evt("余震", "earthquake", subject="汶川县", figures=["6.0级"], places=["汶川县"]),
    ], "untimed", None, "2008-05-12")
    report = find_conflicts(combine_ledgers([quake_a(), untimed]))
    assert [(u.statement.claim.id, u.reason) for u in report.unplaced] == [
        ("untimed:figure:6-magnitude:1", "aftershocks are told apart by their time of day; this statement gives none"),
    ]


def test_places_nest_by_touching_mentions_and_two_counties_never_meet():
    """四川汶川县 teaches Sichuan ⊃ 汶川县: a report naming only 四川 joins the county's fact;
    a quake in another county on the same day stays apart, and a province-wide report that
    fits both is left out rather than guessed."""
    province = ledger_of("四川12日发生7.8级地震。\n", [
        ent("四川", "Sichuan", "PLACE"), dat("12日", "2008-05-12", "2008-05-12", "2008-05-12", "day"),
        fig("7.8级", 7.8, "magnitude", "measure"),
        evt("地震", "earthquake", subject="Sichuan", dates=["12日"], figures=["7.8级"], places=["四川"]),
    ], "province", None, "2008-05-12")
    report = find_conflicts(combine_ledgers([quake_a(), quake_c(), province]))
    magnitude = report.facts[0]
    assert [s.article for s in magnitude.statements] == ["province", "quake-a", "quake-c"]
    assert magnitude.why[1] == "place: 汶川县; Sichuan contains it (quake-a:entity:汶川县:1)"
    elsewhere = ledger_of("12日，四川仁和区发生7.8级地震。\n", [
        dat("12日", "2008-05-12", "2008-05-12", "2008-05-12", "day"), ent("四川", "Sichuan", "PLACE"),
        ent("仁和区", type="PLACE"), fig("7.8级", 7.8, "magnitude", "measure"),
        evt("地震", "earthquake", subject="仁和区", dates=["12日"], figures=["7.8级"], places=["仁和区"]),
    ], "elsewhere", None, "2008-05-12")
    report = find_conflicts(combine_ledgers([quake_a(), quake_c(), province, elsewhere]))
    assert [[s.article for s in f.statements] for f in report.facts if f.attribute == "magnitude"] == [["quake-a", "quake-c"]]
    assert [(u.statement.article, u.reason) for u in report.unplaced if u.statement.attribute == "magnitude"] == [
        ("province", "fits 2 facts (仁和区, 汶川县); not compared"),
    ]


# ---- conflict versus update -------------------------------------------------------------------

def test_a_toll_rising_by_the_next_day_is_an_update_on_the_timeline():
    report = find_conflicts(reports(toll_evening, toll_next_day))
    assert _summary(report) == [("update", "deaths · earthquake at 汶川",
                                 ["toll-evening:figure:107-person:1", "toll-next-day:figure:10000-person:1"], ["A", "B"])]
    first, second = report.facts[0].statements
    assert (first.as_of_label, first.as_of_id) == ("2008-05-12 18:00 (截至12日18时)", "toll-evening:date:2008-05-12t18-00:1")
    assert (second.as_of_label, second.as_of_id) == ("2008-05-13 (report)", None)


def test_a_toll_that_falls_later_is_a_conflict():
    lower = ledger_of("汶川地震已造成50人死亡。\n", [
        ent("汶川", type="PLACE"), evt("地震", "earthquake", subject="汶川", places=["汶川"]),
        fig("50人", 50, "person"), evt("死亡", "death", figures=["50人"]),
    ], "toll-lower", None, "2008-05-13")
    report = find_conflicts(combine_ledgers([toll_evening(), lower]))
    assert [(f.status, [(r.kind, r.first, r.second) for r in f.relations]) for f in report.facts] == [
        ("conflict", [("conflict", "toll-evening:figure:107-person:1", "toll-lower:figure:50-person:1")])]


def test_two_tolls_at_the_same_hour_conflict():
    report = find_conflicts(reports(fire_city_desk, fire_agency))
    assert _summary(report) == [("conflict", "deaths · fire at 朝阳区",
                                 ["fire-agency:figure:18-person:1", "fire-city-desk:figure:16-person:1"], ["A", "B"])]
    agency = report.facts[0].statements[0]
    assert (agency.attribution, agency.certainty) == ("北京市应急管理局", "asserted")
    assert agency.how == ("no event links it; nearest event of its clause: 火灾 (fire-agency:event:fire-朝阳区:1)",
                          "attribute deaths: cue 死亡 before it")


def test_an_article_stating_two_values_for_one_fact_is_flagged():
    report = find_conflicts(fire_two_tolls())
    assert _summary(report) == [("conflict", "deaths · fire at 朝阳区",
                                 ["fire-two-tolls:figure:16-person:1", "fire-two-tolls:figure:18-person:1"], ["A", "B"])]
    assert report.facts[0].statements[1].certainty == "reported"


def test_the_seed_article_against_its_v2_shows_600_vs_700_layoffs():
    report = find_conflicts(metaledger.load_ledger(ROOT / "claims.yaml"))
    conflict = report.conflicts
    assert [(f.title, [s.claim.id for s in f.statements]) for f in conflict] == [
        ("layoffs · layoff by Meta", ["meta-avocado:figure:600-person:1", "meta-avocado-v2:figure:700-person:1"])]
    # the layoff's object is its count as written (issue 15): 600 人 is in the event's id
    assert conflict[0].statements[0].how == ("linked by event 裁员 (meta-avocado:event:layoff-meta-600-人:1)",
                                             "attribute layoffs: cue 裁员 after it")


@pytest.mark.parametrize("surfaces, status", [
    ((("约600人", 600, "about"), ("600人", 600, "exact")), "agreed"),
    ((("逾200人", 200, "at_least"), ("200多人", 200, "at_least"), ("250人", 250, "exact")), "agreed"),
    ((("200多人", 200, "at_least"), ("350人", 350, "exact")), "conflict"),
])
def test_approximate_and_interval_counts_agree_with_what_they_admit(surfaces, status):
    ledgers = [layoffs(f"wire-{n}", text, value, approx) for n, (text, value, approx) in enumerate(surfaces)]
    report = find_conflicts(combine_ledgers(ledgers))
    assert [f.status for f in report.facts] == [status]


def test_layoffs_a_year_apart_are_different_facts():
    report = find_conflicts(combine_ledgers([layoffs("old", "600人", 600, reference="2024-06-01"), layoffs("new", "700人", 700)]))
    assert report.facts == ()


# ---- why, filters -----------------------------------------------------------------------------

def test_why_names_every_key_that_matched():
    fact = find_conflicts(reports(quake_a, quake_b, quake_c)).conflicts[0]
    assert fact.why == (
        "event class: earthquake, the main event (not 余震)",
        "place: 汶川县; also written 汶川",
        "dates: the statements' windows overlap on 2008-05-11 … 2008-05-13",
        "attribute: magnitude (unit magnitude)",
        "values: A admits 7.75–7.85 · B admits 7.55–7.65; they do not meet",
    )


def test_filters_entity_with_aliases_kind_and_dates():
    ledger = reports(quake_a, quake_b, quake_c, toll_evening, toll_next_day, fire_city_desk, fire_agency)
    titles = lambda **filters: [f.title for f in find_conflicts(ledger, **filters).facts]  # noqa: E731
    # 汶川 is 汶川县 (its core), which 四川省汶川县 puts in Sichuan
    assert titles(entity="四川省") == ["magnitude · earthquake at 汶川县", "deaths · earthquake at 汶川县",
                                      "onset · earthquake at 汶川县"]
    assert titles(entity="朝阳区") == ["deaths · fire at 朝阳区"]
    assert titles(entity="北京市应急管理局") == ["deaths · fire at 朝阳区"]
    assert titles(entity="no such place") == []
    assert titles(kinds=["deaths"]) == ["deaths · fire at 朝阳区", "deaths · earthquake at 汶川县"]
    assert titles(since="2024-01-01") == ["deaths · fire at 朝阳区"]
    assert titles(until="2008-05-12", kinds=["deaths"]) == []  # the next day's toll is outside


def test_a_bare_name_is_the_one_suffixed_place_of_its_core():
    from metaledger.conflicts.places import Places
    from metaledger.ledger.models import EntityClaim

    def mention(text, start, article="a"):
        return EntityClaim(article=article, sentence=0, start=start, end=start + len(text), text=text, rule="t",
                           type="PLACE", canonical=text)

    places = Places([mention("四川省", 0), mention("汶川县", 3), mention("白河县", 10), mention("白河区", 20)],
                    fact_rules().place_suffixes)
    assert places.key("汶川") == places.key("汶川县") == "汶川县"
    assert places.key("白河") == "白河"  # 白河县 or 白河区: neither
    assert not places.compatible(places.key("白河县"), places.key("白河区"))
    assert places.compatible(places.key("四川省"), places.key("汶川"))


def test_two_deals_of_one_buyer_are_told_apart_by_what_it_bought():
    def deal(article_id, target, surface, value):
        text = f"阿里巴巴以{surface}收购{target}。\n"
        return ledger_of(text, [
            ent("阿里巴巴", "Alibaba"), fig(surface, value, "USD", "money"), ent(target),
            evt("收购", "acquire", subject="Alibaba", object=target, figures=[surface]),
        ], article_id, None, "2025-12-11")

    report = find_conflicts(combine_ledgers([deal("a", "长风集团", "840亿美元", 8.4e10), deal("b", "华芯银行", "645亿美元", 6.45e10),
                                             deal("c", "长风集团", "830亿美元", 8.3e10)]))
    assert [(f.status, f.title, f.articles) for f in report.facts] == [
        ("conflict", "amount · deal by Alibaba of 长风集团", ("a", "c"))]
    assert report.facts[0].why[2] == "object: 长风集团"


@pytest.mark.parametrize("text, status", [("14时30分左右", "agreed"), ("14时30分", "conflict")])
def test_an_approximate_onset_admits_a_unit_either_side(text, status):
    wire = ledger_of(f"12日{text}，汶川县发生地震。\n", [
        dat(f"12日{text[:6]}", "2008-05-12T14:30", "2008-05-12", "2008-05-12", "minute", start_time="14:30"),
        ent("汶川县", type="PLACE"),
        evt("地震", "earthquake", subject="汶川县", dates=[f"12日{text[:6]}"], places=["汶川县"]),
    ], "wire", None, "2008-05-12")
    report = find_conflicts(combine_ledgers([quake_b(), wire]))
    assert [(f.attribute, f.status) for f in report.facts] == [("onset", status)]
