"""Times of day end to end: which day a time falls on, zones and restatements, how the ledger,
queries, diffs and scores show them. The reports are invented, in the shape of real ones."""

from __future__ import annotations

import json

import pytest

import metaledger
from metaledger.diff.changes import diff_ledgers
from metaledger.evaluate.gold import is_time_only, score_ledger
from metaledger.ledger.models import DateClaim
from metaledger.render import describe_value

REPORT = (
    "仓库起火 无人伤亡\n"
    "2021年06月08日\n"
    "本报讯 7日晚10时许，城东一座仓库起火。23时15分，明火被扑灭。\n"
    "据介绍，8日凌晨2时，消防员撤离现场。4时30分，道路恢复通行。截至下午6点记者发稿时，起火原因仍在调查。\n"
    "当地时间6日16时52分（北京时间7日5时52分），邻国也发生一起火灾。\n"
)


def dates_of(text: str, reference_date: str | None = None) -> dict[str, DateClaim]:
    ledger = metaledger.extract_text(text, reference_date=reference_date)
    return {c.text: c for c in ledger.claims if c.kind == "date"}


def moment(claim: DateClaim) -> tuple:
    return claim.start_date, claim.start_time, claim.granularity


def test_a_report_times_its_events_on_the_right_days():
    dates = dates_of(REPORT)
    assert moment(dates["7日晚10时许"]) == ("2021-06-07", "22:00", "hour")
    assert dates["7日晚10时许"].time_approx == "about"
    # no day of its own: the nearest day named before it, in the same or an earlier paragraph
    assert moment(dates["23时15分"]) == ("2021-06-07", "23:15", "minute")
    assert moment(dates["8日凌晨2时"]) == ("2021-06-08", "02:00", "hour")
    assert moment(dates["4时30分"]) == ("2021-06-08", "04:30", "minute")
    # the time of writing is on the report's own day
    assert moment(dates["下午6点"]) == ("2021-06-08", "18:00", "hour")


def test_a_zone_and_its_restatement_are_one_claim():
    claim = dates_of(REPORT)["当地时间6日16时52分（北京时间7日5时52分）"]
    assert (claim.rule, claim.time_zone, claim.start_time) == ("date.apposition", "local", "16:52")
    assert claim.note == "restated as 2021-06-07T05:52 (UTC+08:00)"


def test_time_only_claims_are_marked_by_their_rules():
    dates = dates_of(REPORT)
    assert is_time_only(dates["23时15分"]) and is_time_only(dates["下午6点"])
    assert not is_time_only(dates["7日晚10时许"]) and not is_time_only(dates["8日凌晨2时"])


def test_no_times_leaves_out_time_only_claims_on_the_prediction_side():
    ledger = metaledger.extract_text(REPORT)
    text = REPORT
    start = text.index("7日晚")
    gold = {"dates": [{"text": "7日", "start": start, "end": start + 2, "start_date": "2021-06-07", "end_date": "2021-06-07"}]}
    counted = {s.section: s for s in score_ledger(ledger, gold)}["dates"]
    without = {s.section: s for s in score_ledger(ledger, gold, include_times=False)}["dates"]
    assert counted.predicted - without.predicted == 3  # 23时15分, 4时30分, 下午6点
    assert without.hits == counted.hits == 1


def test_without_a_day_a_time_keeps_its_clock():
    claim = dates_of("9时50分，救援结束。")["9时50分"]
    assert (claim.start_date, claim.start_time, claim.timex) == (None, "09:50", "XXXX-XX-XXT09:50")
    assert claim.note


def test_a_range_of_times_runs_from_the_first_to_the_second():
    claim = dates_of("5日10时至12时，全城停电。", "2021-06-08")["5日10时至12时"]
    assert (claim.start_date, claim.start_time, claim.end_date, claim.end_time) == ("2021-06-05", "10:00", "2021-06-05", "12:00")


def test_describe_value_and_queries_show_the_time(tmp_path, runner):
    from metaledger.cli import app

    dates = dates_of(REPORT)
    assert describe_value(dates["7日晚10时许"]) == "2021-06-07 22:00 (hour, about)"
    assert describe_value(dates["当地时间6日16时52分（北京时间7日5时52分）"]) == "2021-06-06 16:52 local time (minute)"
    assert describe_value(dates_of("9日下午，两队交手。", "2021-06-10")["9日下午"]) == "2021-06-09 12:00–17:59 (hour)"
    assert describe_value(dates_of("9时50分，救援结束。")["9时50分"]) == "XXXX-XX-XXT09:50 09:50 (unresolved)"
    article = tmp_path / "fire.txt"
    article.write_text(REPORT, encoding="utf-8")
    ledger = tmp_path / "claims.yaml"
    assert runner.invoke(app, ["extract", str(article), "-o", str(ledger)]).exit_code == 0
    table = runner.invoke(app, ["query", str(ledger), "--kind", "date"], env={"COLUMNS": "200"})
    assert "2021-06-07 23:15 (minute)" in table.output
    records = json.loads(runner.invoke(app, ["query", str(ledger), "--kind", "date", "--format", "json"]).output)
    assert {"start_time": "23:15", "time_zone": None}.items() <= next(r for r in records if r["text"] == "23时15分").items()


def test_a_changed_time_is_a_changed_claim():
    old = metaledger.extract_text(REPORT)
    new = metaledger.extract_text(REPORT.replace("23时15分", "23时45分"))
    changes = [c for article in diff_ledgers(old, new).articles for c in article.changes if c.change == "changed"]
    assert [(c.claim.text, [f.field for f in c.fields]) for c in changes] == [("23时45分", ["timex", "start_time", "end_time"])]


@pytest.mark.parametrize("zone, valid", [("local", True), ("UTC+08:00", True), ("UTC", True), ("北京时间", False), ("UTC+8", False)])
def test_time_zone_is_typed(zone, valid):
    from pydantic import ValidationError

    fields = dict(id="x", article="a", sentence=0, start=0, end=2, text="8时", rule="date.clock", timex="T08", granularity="hour")
    if valid:
        assert DateClaim(**fields, time_zone=zone).time_zone == zone
    else:
        with pytest.raises(ValidationError):
            DateClaim(**fields, time_zone=zone)
