"""The reference date: --date > front matter / sidecar > dateline > a stated year > unknown.

A year the text merely names is never the reference: it is recorded as a candidate with why
it was not used (issue 16: a profile that named a past year once had its 今年 read as that year)."""

from __future__ import annotations

import pytest

import metaledger
from metaledger.text.load import source_from_text
from metaledger.extract.dates.reference import resolve_reference_date
from metaledger.text.segment import split_sentences


def reference(text: str, option: str | None = None):
    return _resolved(text, option)[:3]


def _resolved(text: str, option: str | None = None):
    source = source_from_text(text)
    result = resolve_reference_date(source, option, split_sentences(source.text, source.body_start))
    return result.value, result.source, result.evidence, result.candidate, result.note


def test_option_wins_over_everything():
    assert reference("---\ndate: 2024-01-02\n---\n2009-8-8\n今天", "2025-12-11") == ("2025-12-11", "option", None)


def test_front_matter_wins_over_the_text():
    assert reference("---\ndate: 2024-01-02\n---\n标题\n2009-8-8\n今天")[:2] == ("2024-01-02", "front_matter")


def test_sidecar(workdir):
    (workdir / "articles" / "meta-avocado.meta.yaml").write_text("date: '2025-12-11'\n", encoding="utf-8")
    article = metaledger.extract_file(workdir / "articles" / "meta-avocado.txt").articles[0]
    assert (article.reference_date, article.reference_date_source) == ("2025-12-11", "sidecar")


@pytest.mark.parametrize(
    "text, value",
    [
        ("Meta 发布新模型\n2009-8-8\n今天，Meta 宣布开源。", "2009-08-08"),
        ("标题\n发布时间：2025-03-04 10:21 来源：新浪科技\n昨天，公司发布财报。", "2025-03-04"),
        ("标题\n2025年3月4日 星期二\n昨天，公司发布财报。", "2025-03-04"),
        ("标题\n2025年3月\n上周，公司发布财报。", "2025-03"),
        ("新华社北京2025年3月5日电 今年经济开局良好。", "2025-03-05"),
        ("台海网8月8日讯 今年（2009年）的台风季提前到来，已有三个台风登陆。", "2009-08-08"),
    ],
)
def test_dateline(text, value):
    found, source, evidence = reference(text)
    assert (found, source) == (value, "text")
    assert evidence.startswith("dateline '")


def test_a_date_inside_a_sentence_is_no_dateline_and_its_year_only_a_candidate():
    value, source, _, candidate, note = _resolved("标题\n公司在 2024 年 3 月 5 日发布了第一款产品，今年又发布了第二款。")
    assert (value, source, candidate) == (None, None, "2024")
    assert "not used" in note


def test_the_year_named_most_often_is_a_candidate_never_the_reference():
    text = "2025 年是关键一年。2024 年初公司转型。2025 年公司裁员。计划推迟至 2026 年，2026 年将上市。今年股价下跌。"
    value, source, evidence, candidate, note = _resolved(text)
    assert (value, source, evidence, candidate) == (None, None, None, "2025")
    assert "'2025 年' named 2×" in note and "2024 ×1" in note and "not a statement of when it was written" in note


def test_an_agency_dateline_without_a_year_gives_only_a_candidate():
    value, source, _, candidate, note = _resolved("台海网8月8日讯 2009 年的台风季提前到来，今年已有三个台风登陆。")
    assert (value, source, candidate) == (None, None, "2009-08-08")
    assert note.startswith("dateline '台海网8月8日讯' gives no year")


def test_relative_dates_stay_symbolic_without_evidence():
    ledger = metaledger.extract_text("2012 年，他跳槽到一家芯片公司。现在他负责这个部门，今年刚升职。")
    dates = {c.text: c for c in ledger.claims if c.kind == "date"}
    assert dates["2012 年"].start_date == "2012-01-01"
    assert (dates["今年"].timex, dates["今年"].start_date) == ("THIS_YEAR", None)
    assert dates["现在"].start_date is None
    article = ledger.articles[0]
    assert (article.reference_date, article.reference_date_candidate) == (None, "2012")


@pytest.mark.parametrize(
    "text, year",
    [
        ("2023 年和 2023 年的数据对比，今年是2024年。今年增长。", "2024"),
        ("今年（2016年）公司营收增长。", "2016"),
        ("今年(２０１６年)公司营收增长。", "2016"),
        ("今年，即2016年，公司营收增长。", "2016"),
        ("2016年也就是今年，公司营收增长。", "2016"),
    ],
)
def test_an_explicit_statement_of_the_year_is_evidence(text, year):
    value, source, evidence = reference(text)
    assert (value, source) == (year, "text")
    assert evidence.startswith("'") and "今年" in evidence


@pytest.mark.parametrize("text", ["今年是2008年以来最冷的冬天。", "今年的产量是2008年的两倍。"])
def test_a_year_compared_with_this_one_is_no_statement(text):
    assert reference(text)[0] is None


def test_no_relative_dates_no_reference_needed():
    assert reference("2008 年北京举办了奥运会。") == (None, None, None)


def test_unknown_without_any_year():
    assert reference("今天天气很好，上周也不错。") == (None, None, None)
    ledger = metaledger.extract_text("今天天气很好，上周也不错。")
    assert [c.note for c in ledger.claims if c.kind == "date"] == ["no reference date: pass --date or give the article a date"] * 2


def test_the_reference_is_recorded_on_the_article():
    article = metaledger.extract_text("标题\n2009-8-8\n今天，Meta 宣布开源。").articles[0]
    assert (article.reference_date, article.reference_date_source, article.reference_date_evidence) == (
        "2009-08-08",
        "text",
        "dateline '2009-8-8'",
    )
