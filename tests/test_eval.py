"""The scorer on small hand-made cases where the right answer is obvious, and on the seed gold."""

from __future__ import annotations

import json

import pytest

import metaledger
from metaledger.evaluate.cases import score_case
from metaledger.evaluate.gold import SectionScore, score_ledger, score_section
from metaledger.evaluate.matching import NameMatcher
from metaledger.ledger.models import EntityClaim, EventClaim, FigureClaim

from conftest import GOLD

NAMES = NameMatcher()


def entity(start, end, text, canonical, type_="ORG"):
    return EntityClaim(id=f"e{start}", article="a", sentence=0, start=start, end=end, text=text, rule="r", type=type_, canonical=canonical)


def test_perfect_and_empty_sections():
    golds = [{"text": "谷歌", "start": 0, "end": 2, "type": "ORG", "canonical": "Google"}]
    score = score_section("entities", golds, [entity(0, 2, "谷歌", "Google")], NAMES)
    assert (score.precision, score.recall, score.f1) == (1.0, 1.0, 1.0)
    empty = score_section("entities", [], [], NAMES)
    assert (empty.precision, empty.recall) == (1.0, 1.0)


def test_overlap_matches_but_wrong_value_is_a_miss_and_a_false_alarm():
    golds = [{"text": "TBD 团队", "start": 0, "end": 6, "type": "ORG", "canonical": "TBD Lab"}]
    score = score_section("entities", golds, [entity(0, 3, "TBD", "TBD", "PRODUCT")], NAMES)
    assert score.hits == 0 and score.span_matches == 1
    assert score.precision == 0.0 and score.recall == 0.0
    assert score.agreement["type"] == (0, 1)


def test_alias_and_case_insensitive_canonical():
    golds = [{"start": 0, "end": 2, "text": "小扎", "type": "PERSON", "canonical": "mark zuckerberg"}]
    score = score_section("entities", golds, [entity(0, 2, "小扎", "扎克伯格", "PERSON")], NAMES)
    assert score.hits == 1


def test_one_to_one_greedy_prefers_larger_overlap():
    golds = [{"start": 0, "end": 4, "text": "abcd", "type": "ORG", "canonical": "X"}]
    preds = [entity(0, 1, "a", "X"), entity(0, 4, "abcd", "X")]
    score = score_section("entities", golds, preds, NAMES)
    assert score.hits == 1 and score.predicted == 2
    assert score.precision == 0.5 and score.recall == 1.0
    assert score.false_alarms[0]["text"] == "a"


def test_figures_need_value_unit_and_approx():
    gold = [{"start": 0, "end": 4, "text": "上千亿元", "value": 1e11, "unit": "CNY", "approx": "at_least"}]
    right = FigureClaim(id="f", article="a", sentence=0, start=0, end=4, text="上千亿元", rule="r", value=100000000000, unit="CNY", measure="money", approx="at_least")
    wrong = right.model_copy(update={"approx": "exact"})
    assert score_section("figures", gold, [right], NAMES).hits == 1
    assert score_section("figures", gold, [wrong], NAMES).hits == 0


def test_events_unscored_away_from_gold_and_multiset_by_object():
    golds = [
        {"trigger": "蒸馏", "start": 5, "end": 7, "subject": "TBD Lab", "object": obj, "certainty": "reported", "attribution": "Bloomberg"}
        for obj in ("Gemma", "Qwen")
    ]

    def event(obj, start=5, subject="TBD Lab"):
        return EventClaim(id=f"v{obj}{start}", article="a", sentence=0, start=start, end=start + 2, text="蒸馏", rule="r", type="distill", trigger="蒸馏", subject=subject, object=obj, certainty="reported", attribution="Bloomberg")

    score = score_section("events", golds, [event("Qwen"), event("Gemma"), event(None, start=40)], NAMES)
    assert score.hits == 2 and score.unscored == 1 and score.predicted == 2
    assert score.agreement["object"] == (2, 2)
    wrong_subject = score_section("events", golds[:1], [event("Gemma", subject="Meta")], NAMES)
    assert wrong_subject.hits == 0 and wrong_subject.precision == 0.0


def test_case_scoring_respects_scope_ignore_and_completeness():
    case = {"text": "九年八吨", "scope": ["number"], "expected": [{"text": "九", "start": 0, "end": 1, "kind": "number", "value": 9.0}], "ignore": [{"start": 2, "end": 4}]}
    nine = FigureClaim(id="a", article="t", sentence=0, start=0, end=2, text="九年", rule="r", value=9, unit="year", measure="duration")
    eight = FigureClaim(id="b", article="t", sentence=0, start=2, end=4, text="八吨", rule="r", value=8, unit="t", measure="measure")
    assert score_case(case, [nine, eight])[:3] == (1, 1, 1)
    money_only = dict(case, scope=["money"])
    assert score_case(money_only, [nine])[:3] == (1, 0, 0)


def test_seed_gold_scores_print(seed_ledger, gold, capsys):
    scores = {s.section: s for s in score_ledger(seed_ledger, gold)}
    with capsys.disabled():
        print("\nseed gold F1: " + ", ".join(f"{name} {s.f1:.3f}" for name, s in scores.items()))
    assert set(scores) == {"entities", "dates", "figures", "events"}
    assert all(isinstance(s, SectionScore) for s in scores.values())


def test_gold_text_mismatch_is_refused(gold):
    other = metaledger.extract_text("完全不同的一篇文章。" * 400, article_id="meta-avocado")
    with pytest.raises(metaledger.MetaledgerError, match="not the same text"):
        score_ledger(other, gold)


def test_eval_cli_table_and_json(runner, workdir, seed_ledger):
    from metaledger.cli import app

    (workdir / "claims.yaml").write_text(metaledger.dump_ledger(seed_ledger), encoding="utf-8")
    result = runner.invoke(app, ["eval", "claims.yaml", str(GOLD)])
    assert result.exit_code == 0, result.output
    for section in ("entities", "dates", "figures", "events"):
        assert section in result.stdout
    result = runner.invoke(app, ["eval", "claims.yaml", str(GOLD), "--format", "json"])
    payload = json.loads(result.stdout)
    assert [entry["section"] for entry in payload] == ["entities", "dates", "figures", "events"]
    assert all(0.0 <= entry["f1"] <= 1.0 for entry in payload)


def test_eval_cli_cases(runner):
    from metaledger.cli import app
    from conftest import FIXTURES

    result = runner.invoke(app, ["eval", "--cases", str(FIXTURES / "eval" / "dates.dev.jsonl"), "--format", "json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)[0]
    assert report["cases"] == 82 and report["expected"] > 0


@pytest.mark.parametrize(
    "gold_unit, text, unit, agree",
    [
        ("人", "600人", "person", True),
        ("名", "86名", "person", True),
        ("名", "第3名", "rank", True),
        ("层", "28层", "floor", True),
        ("%", "6.3%", "percent", True),
        ("百分点", "0.4个百分点", "percentage_point", True),
        ("倍", "1倍", "times", True),
        ("平方米", "约350平方米", "square_metre", True),
        ("辆", "12辆", "fire_engine", True),  # the classifier is written in the span; the ledger names the noun
        ("CNY", "500元", "CNY", True),
        ("人", "600元", "CNY", False),
        ("辆", "12部", "fire_engine", False),
        ("米", "95米", "square_metre", False),
    ],
)
def test_figure_units_written_as_measure_words_agree_through_the_lexicon(gold_unit, text, unit, agree):
    from metaledger.evaluate.units import same_unit

    assert same_unit(gold_unit, unit, text) is agree


def test_gold_figure_kinds_agree_with_measures():
    from metaledger.evaluate.units import same_kind

    assert same_kind("percent_point", "percent") and same_kind("ratio", "multiple") and same_kind("count", "count")
    assert not same_kind("ordinal", "count")


@pytest.mark.parametrize(
    "record, format_name",
    [
        ({"text": "两人", "scope": ["number"], "expected": []}, "figures and dates"),
        ({"text": "今天", "reference_date": "2025-12-11", "complete": True, "expected": []}, "figures and dates"),
        ({"text": "张三在北京", "entities": [{"span": "北京", "start": 3, "end": 5, "type": "LOC"}]}, "named entities"),
        ({"text": "今日", "expected": [], "span_only": True}, "time spans"),
        ({"text": "起火", "triggers": [], "participants": []}, "events"),
    ],
)
def test_case_files_are_told_apart_by_their_first_record(tmp_path, record, format_name):
    from metaledger.evaluate.case_files import case_format

    path = tmp_path / "cases.jsonl"
    path.write_text("\n" + json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    name, _ = case_format(path)
    assert name.startswith(format_name)


@pytest.mark.parametrize(
    "content, message",
    [
        ('{"text": "x"}\n', "unknown case format"),
        ("\n\n", "no cases"),
        ("[1, 2]\n", "must be a JSON object"),
        ("{not json\n", "not JSON"),
    ],
)
def test_eval_cli_cases_bad_files_exit_3_with_one_line(runner, tmp_path, content, message):
    from metaledger.cli import app

    path = tmp_path / "cases.jsonl"
    path.write_text(content, encoding="utf-8")
    result = runner.invoke(app, ["eval", "--cases", str(path)])
    assert result.exit_code == 3
    assert message in result.stderr and result.stderr.count("\n") == 1


@pytest.mark.parametrize(
    "record",
    [
        {"id": "c1", "text": "今天", "reference_date": "2025-13-40", "complete": True, "expected": []},
        {"id": "c1", "text": "今日起火", "ref_date": "someday", "expected": [], "span_only": True},
        {"id": "c1", "text": "今日起火", "ref_date": "someday", "triggers": [], "participants": []},
    ],
)
def test_eval_cli_cases_bad_reference_date_names_the_case(runner, tmp_path, record):
    from metaledger.cli import app

    path = tmp_path / "cases.jsonl"
    path.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    result = runner.invoke(app, ["eval", "--cases", str(path)])
    assert result.exit_code == 3
    assert "case c1: reference date" in result.stderr and result.stderr.count("\n") == 1


def test_a_broken_rule_file_is_an_error_not_a_score_of_zero(tmp_path, monkeypatch):
    import metaledger.extraction
    from metaledger.errors import ResourceError
    from metaledger.evaluate.case_files import score_case_file

    def broken(*args, **kwargs):
        raise ResourceError("rules/events.yaml: broken")

    monkeypatch.setattr(metaledger.extraction, "extract_text", broken)
    path = tmp_path / "cases.jsonl"
    path.write_text(json.dumps({"id": "c1", "text": "今日起火", "triggers": [], "participants": []}) + "\n", encoding="utf-8")
    with pytest.raises(ResourceError, match="broken"):
        score_case_file(path)
