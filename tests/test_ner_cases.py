"""NER case files (PER/LOC/ORG spans): exact span and type, a row per type, failures listed."""

from __future__ import annotations

import json

import pytest


def _write(tmp_path, records):
    path = tmp_path / "ner.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return path


def _entity(text, span, kind, nth=0):
    start = text.index(span)
    for _ in range(nth):
        start = text.index(span, start + 1)
    return {"span": span, "start": start, "end": start + len(span), "type": kind}


def test_types_map_and_rows_count_exact_span_and_type(tmp_path):
    from metaledger.evaluate.ner_cases import score_ner_case
    from metaledger.evaluate.matching import Tally

    rows = {label: Tally(label) for label in ("all", "PER", "LOC", "ORG")}
    case = {"id": "c1", "text": "张三在北京", "entities": [_entity("张三在北京", "张三", "PER"), _entity("张三在北京", "北京", "LOC")]}
    failure = score_ner_case(case, {(0, 2, "PER"), (3, 5, "ORG")}, rows)
    assert (rows["all"].expected, rows["all"].predicted, rows["all"].hits) == (2, 2, 1)
    assert (rows["PER"].hits, rows["LOC"].hits, rows["LOC"].expected, rows["ORG"].predicted) == (1, 0, 1, 1)
    assert failure["missed"] == [{"text": "北京", "start": 3, "end": 5, "type": "LOC"}]
    assert failure["wrong"] == [{"text": "北京", "start": 3, "end": 5, "type": "ORG"}]
    assert score_ner_case(case, {(0, 2, "PER"), (3, 5, "LOC")}, rows) is None


def test_predicted_spans_keep_person_place_org_only():
    from metaledger.evaluate.ner_cases import predicted_spans
    from metaledger.extraction import extract_text

    claims = extract_text("黄仁勋表示，英伟达将在北京发布 Llama 4。").claims
    spans = predicted_spans(claims)
    kinds = {t for _, _, t in spans}
    assert kinds <= {"PER", "LOC", "ORG"}
    assert all(c.type not in ("PRODUCT", "OTHER") or (c.start, c.end) not in {(s, e) for s, e, _ in spans} for c in claims if c.kind == "entity")


def test_score_ner_file_through_the_dispatcher_and_cli(tmp_path, runner):
    from metaledger.cli import app
    from metaledger.evaluate.case_files import score_case_file

    text = "记者王小明报道，杭州市消防支队赶到现场。"
    path = _write(tmp_path, [
        {"id": "a", "text": text, "entities": [_entity(text, "王小明", "PER"), _entity(text, "杭州市消防支队", "ORG")]},
        {"id": "b", "text": "今天天气很好。", "entities": []},
    ])
    report = score_case_file(path)
    assert [row.label for row in report.rows] == ["all", "PER", "LOC", "ORG"]
    assert report.rows[0].cases == 2 and report.rows[0].expected == 2
    assert report.rows[1].expected == 1 and report.rows[3].expected == 1
    assert sum(row.expected for row in report.rows[1:]) == report.rows[0].expected
    result = runner.invoke(app, ["eval", "--cases", str(path), "--format", "json", "--misses"])
    assert result.exit_code == 0, result.output
    payload = json.loads(result.stdout)[0]
    assert [row["label"] for row in payload["types"]] == ["PER", "LOC", "ORG"]
    assert "failures" in payload
    table = runner.invoke(app, ["eval", "--cases", str(path)])
    assert table.exit_code == 0 and "PER" in table.stdout and "ORG" in table.stdout


@pytest.mark.parametrize(
    "record, message",
    [
        ({"text": "北京", "entities": [{"span": "北京", "start": 0, "end": 2, "type": "GPE"}]}, "type must be one of"),
        ({"text": "北京", "entities": [{"span": "北京", "start": 0, "end": 9, "type": "LOC"}]}, "offsets into the text"),
        ({"text": "北京", "entities": ["北京"]}, "must be a mapping"),
    ],
)
def test_bad_ner_cases_are_input_errors(tmp_path, runner, record, message):
    from metaledger.cli import app

    result = runner.invoke(app, ["eval", "--cases", str(_write(tmp_path, [record]))])
    assert result.exit_code == 3
    assert message in result.stderr and result.stderr.count("\n") == 1
