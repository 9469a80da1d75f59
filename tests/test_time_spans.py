"""Marked time expressions (the CEC time-span format): span overlap, one to one, body only,
rows per category. The reports here are invented, in the shape of the real files."""

from __future__ import annotations

import json

import pytest

from metaledger.errors import InputError
from metaledger.evaluate.case_files import case_format, score_case_file
from metaledger.evaluate.case_lines import body_start, category_of
from metaledger.evaluate.time_spans import score_time_spans


def _mark(text: str, span: str, time_type: str = "relTime", nth: int = 0) -> dict:
    start = -1
    for _ in range(nth + 1):
        start = text.index(span, start + 1)
    return {"span": span, "char_start": start, "char_end": start + len(span), "time_type": time_type}


def _case(case_id: str, text: str, marks: list[tuple[str, int]], ref_date: str = "2019-07-02") -> dict:
    return {
        "id": case_id, "title": text.split("\n")[0], "ref_date": ref_date, "text": text,
        "expected": [_mark(text, span, nth=nth) for span, nth in marks], "ignore": [], "complete": True, "span_only": True,
    }


FIRE = "7月1日仓库起火\n2019年7月2日\n7月1日，一座仓库起火。当时仓库内无人。"
ROAD = "两车相撞\n2020-05-06\n5日，两车在国道上相撞，无人受伤。"


@pytest.fixture
def case_file(tmp_path):
    path = tmp_path / "times.dev.jsonl"
    cases = [
        # the title's 7月1日 is marked too: it starts before the third line, so it is not scored
        _case("cec-fire-0001", FIRE, [("7月1日", 0), ("7月1日", 1), ("当时", 0)]),
        _case("cec-traffic-0002", ROAD, [("5日", 0)], "2020-05-06"),
    ]
    path.write_text("\n".join(json.dumps(c, ensure_ascii=False) for c in cases) + "\n", encoding="utf-8")
    return path


def test_body_starts_at_the_third_line():
    assert body_start("标题\n日期\n正文") == 6
    assert body_start("只有一行") == 0
    assert body_start("标题\n正文") == 0


@pytest.mark.parametrize(
    "case_id, category",
    [("cec-fire-53b5a8f9", "fire"), ("cec-food_poisoning-1", "food_poisoning"), ("x", "other"), (None, "other")],
)
def test_category_comes_from_the_id(case_id, category):
    assert category_of(case_id) == category


def test_scores_the_body_only_with_rows_per_category(case_file):
    report = score_time_spans(case_file)
    overall, fire, traffic = report.rows
    assert (overall.label, fire.label, traffic.label) == ("all", "fire", "traffic")
    # fire: the body's 7月1日 is found, 当时 is not a date; the dateline line is left out
    assert (fire.expected, fire.predicted, fire.hits) == (2, 1, 1)
    assert (traffic.expected, traffic.predicted, traffic.hits) == (1, 1, 1)
    assert (overall.expected, overall.predicted, overall.hits) == (3, 2, 2)
    assert overall.f1 == pytest.approx(0.8)
    assert "body only: 1 marked and 3 predicted spans in title or date lines left out" in report.notes
    assert "time_type relTime: 3 marked, 2 found (recall 0.667)" in report.notes
    assert [f["missed"][0]["span"] for f in report.failures] == ["当时"]


def test_one_prediction_matches_one_mark(tmp_path):
    text = "标题\n日期\n3日和4日"
    case = _case("cec-x-1", text, [("3日和4日", 0)])
    case["expected"].append(_mark(text, "4日"))
    path = tmp_path / "one.jsonl"
    path.write_text(json.dumps(case, ensure_ascii=False) + "\n", encoding="utf-8")
    overall = score_time_spans(path).rows[0]
    assert (overall.expected, overall.predicted, overall.hits) == (2, 2, 2)


def test_the_dispatcher_knows_the_format(case_file):
    name, scorer = case_format(case_file)
    assert name == "time spans (CEC)" and scorer is score_time_spans
    assert score_case_file(case_file).rows[0].hits == 2


def test_cli_prints_rows_and_notes(case_file, runner):
    from metaledger.cli import app

    result = runner.invoke(app, ["eval", "--cases", str(case_file)], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert "traffic" in result.output and "time_type relTime" in result.output


def test_a_mark_outside_the_text_is_refused(tmp_path):
    case = _case("cec-x-1", ROAD, [("5日", 0)])
    case["expected"][0]["char_end"] = 999
    path = tmp_path / "bad.jsonl"
    path.write_text(json.dumps(case, ensure_ascii=False) + "\n", encoding="utf-8")
    with pytest.raises(InputError, match="char_start and char_end"):
        score_time_spans(path)
