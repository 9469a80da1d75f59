"""The reference date: --date > front matter / sidecar > dateline > the article's year > unknown."""

from __future__ import annotations

import pytest

import metaledger
from metaledger.text.load import source_from_text
from metaledger.extract.dates.reference import resolve_reference_date
from metaledger.text.segment import split_sentences


def reference(text: str, option: str | None = None):
    source = source_from_text(text)
    result = resolve_reference_date(source, option, split_sentences(source.text, source.body_start))
    return result.value, result.source, result.evidence


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
        ("台海网8月8日讯 2009 年的台风季提前到来，今年已有三个台风登陆。", "2009-08-08"),
    ],
)
def test_dateline(text, value):
    found, source, evidence = reference(text)
    assert (found, source) == (value, "text")
    assert evidence.startswith("dateline '")


def test_a_date_inside_a_sentence_is_no_dateline():
    assert reference("标题\n公司在 2024 年 3 月 5 日发布了第一款产品，今年又发布了第二款。")[0] == "2024"


def test_the_year_named_most_often_outside_future_contexts():
    text = "2025 年是关键一年。2024 年初公司转型。2025 年公司裁员。计划推迟至 2026 年，2026 年将上市。今年股价下跌。"
    value, source, evidence = reference(text)
    assert (value, source) == ("2025", "text")
    assert "'2025 年' named 2×" in evidence and "2024 ×1" in evidence


def test_an_explicit_statement_of_the_year_wins():
    assert reference("2023 年和 2023 年的数据对比，今年是2024年。今年增长。")[:2] == ("2024", "text")


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
