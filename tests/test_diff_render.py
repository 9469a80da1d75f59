"""render_diff on hand-built ledgers: the exact text of each format, independent of the extractors."""

from __future__ import annotations

import json

from metaledger.diff.changes import diff_ledgers, parse_fail_on
from metaledger.diff.render import diff_github, diff_json, diff_markdown, diff_tables, summary_line

from ledger_builders import event_story

def story_diff():
    return diff_ledgers(*event_story())


def test_markdown_names_the_events_of_changed_figures_and_dates():
    text = diff_markdown(story_diff(), parse_fail_on("all"))
    assert text.splitlines()[:10] == [
        "**metaledger diff** ❌ 4 claim changes (changed: 1 date, 1 figure, 1 event; added: 1 figure); "
        "notes: 3 reworded, 0 moved; 6 unchanged in 1 article; 4 fail (--fail-on all)",
        "",
        "**story** · `new/story.txt` · 12 → 13 claims",
        "",
        "| line | kind | old → new | fields | fails |",
        "|---:|---|---|---|---|",
        "| 1 | figure | 600 人 → 700 人 | value: 600 → 700; event 裁员 (Meta · layoff) | yes |",
        "| 2 | date | 2026 年第一季度 → 2026 年第二季度 | timex: 2026-Q1 → 2026-Q2; start\\_date: 2026-01-01 → 2026-04-01; "
        "end\\_date: 2026-03-31 → 2026-06-30; event 推迟 (Meta · delay · Avocado) | yes |",
        "| 3 | event | 提到 (Shengjia Zhao · mention · Llama) | subject: Jensen Huang → Shengjia Zhao; sentence unchanged | yes |",
        "",
    ]
    assert (
        "| 4 | figure | 570 亿美元 | 57000000000 USD; event 暴涨 (Nvidia · revenue\\_growth) "
        "| 英伟达营收同比暴涨 62%,达到 **570 亿美元**。 | yes |"
    ) in text.splitlines()
    assert "| 4 | reworded | 英伟达, 暴涨, 62%: same claims, sentence reworded |" in text.splitlines()


def test_github_annotations_name_the_events():
    lines = diff_github(story_diff(), parse_fail_on("figure,date")).splitlines()
    assert lines[:4] == [
        "::error file=new/story.txt,line=1,title=figure changed::600 人 → 700 人 (value: 600 → 700; event 裁员 (Meta · layoff))",
        "::error file=new/story.txt,line=2,title=date changed::2026 年第一季度 → 2026 年第二季度 (timex: 2026-Q1 → 2026-Q2; "
        "start_date: 2026-01-01 → 2026-04-01; end_date: 2026-03-31 → 2026-06-30; event 推迟 (Meta · delay · Avocado))",
        "::warning file=new/story.txt,line=3,title=event changed::提到 (Shengjia Zhao · mention · Llama) "
        "(subject: Jensen Huang → Shengjia Zhao; sentence unchanged)",
        "::error file=new/story.txt,line=4,title=figure added::570 亿美元 (57000000000 USD; event 暴涨 (Nvidia · revenue_growth))",
    ]
    assert lines[-1] == f"metaledger diff: {summary_line(story_diff(), parse_fail_on('figure,date'))}"


def test_json_carries_the_linking_events_in_full():
    data = json.loads(diff_json(story_diff(), parse_fail_on("all")))
    changes = {(c["change"], c["kind"]): c for c in data["articles"][0]["changes"] if c["change"] in ("changed", "added")}
    assert [e["id"] for e in changes[("changed", "date")]["events"]] == ["story:event:delay-meta-avocado:1"]
    assert changes[("changed", "date")]["events"][0]["date_ids"] == ["story:date:2026-q2:1"]
    assert [e["type"] for e in changes[("added", "figure")]["events"]] == ["revenue_growth"]
    assert changes[("changed", "event")]["events"] == []


def test_table_rows_name_the_events():
    from rich.console import Console

    console = Console(width=300, record=True, color_system=None)
    for table in diff_tables(story_diff(), parse_fail_on("all")):
        console.print(table)
    text = console.export_text()
    assert "value: 600 → 700; event 裁员 (Meta · layoff)" in text
    assert "subject: Jensen Huang → Shengjia Zhao; sentence unchanged" in text
