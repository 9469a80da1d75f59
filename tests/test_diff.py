"""diff_ledgers on hand-built ledgers: each kind of edit and its exact diff.

Ledgers are built by hand (tests/ledger_builders.py) so these tests do not depend on
the extractors.
"""

from __future__ import annotations

import pytest

import metaledger
from metaledger.diff.changes import ClaimChange, compare_claims, diff_ledgers, parse_fail_on
from metaledger.errors import UsageError
from metaledger.ledger.models import Ledger

from ledger_builders import dat, ent, evt, fig, find_nth, ledger_of

STORY = (
    "Meta 内部地震频发:600 人裁员。\n"
    "据报道,Avocado 的发布推迟至 2026 年第一季度。\n"
    "\n"
    "英伟达营收同比暴涨 62%。\n"
    "谷歌发布了 Gemini 3。\n"
)


def story_specs(**replace):
    """The claims of STORY; replace={'600 人': spec} swaps one (None drops it)."""
    specs = {
        "Meta": ent("Meta"),
        "600 人": fig("600 人", 600, "person"),
        "推迟": evt("推迟", "delay", subject="Avocado", certainty="reported", dates=["2026 年第一季度"]),
        "2026 年第一季度": dat("2026 年第一季度", "2026-Q1", "2026-01-01", "2026-03-31", "quarter"),
        "英伟达": ent("英伟达", "Nvidia"),
        "62%": fig("62%", 62, "percent", "percent", direction="up", basis="yoy"),
        "谷歌": ent("谷歌", "Google"),
        "发布": evt("发布", "launch", nth=2, subject="Google", object="Gemini 3"),
    }
    specs.update(replace)
    return [spec for spec in specs.values() if spec is not None]


def diff_of(old_text, new_text, old_specs=None, new_specs=None):
    old = ledger_of(old_text, old_specs if old_specs is not None else story_specs())
    new = ledger_of(new_text, new_specs if new_specs is not None else story_specs())
    return diff_ledgers(old, new)


def brief(change: ClaimChange) -> tuple:
    """(change, kind, old text, new text, {field: (old, new)}) — what a test compares."""
    return (
        change.change,
        change.kind,
        change.old.text if change.old else None,
        change.new.text if change.new else None,
        {f.field: (f.old, f.new) for f in change.fields},
    )


def briefs(diff) -> list[tuple]:
    return [brief(change) for change in diff.changes]


# --- no claim change --------------------------------------------------------------------------


def test_identical_versions_have_no_changes():
    diff = diff_of(STORY, STORY)
    assert diff.changes == []
    assert diff.articles[0].unchanged == len(story_specs())


def test_whitespace_and_punctuation_edits_are_no_change_and_no_note():
    edited = STORY.replace("频发:", "频发,").replace("600 人", "600人").replace("\n\n", "\n\n\n").replace("Avocado 的", "Avocado  的")
    edited = edited.replace("2026 年第一季度", "2026年第一季度").replace("。\n", "!\n", 1)
    specs = story_specs(**{"600 人": fig("600人", 600, "person"), "2026 年第一季度": dat("2026年第一季度", "2026-Q1", "2026-01-01", "2026-03-31", "quarter")})
    specs = [s for s in specs if s[0] != "event"] + [
        evt("推迟", "delay", subject="Avocado", certainty="reported", dates=["2026年第一季度"]),
        evt("发布", "launch", nth=2, subject="Google", object="Gemini 3"),
    ]
    diff = diff_of(STORY, edited, new_specs=specs)
    assert diff.changes == []


def test_a_sentence_split_in_two_is_no_note():
    old = "英伟达营收同比暴涨 62%,谷歌发布了 Gemini 3。\n"
    new = "英伟达营收同比暴涨 62%。谷歌发布了 Gemini 3。\n"
    specs = [ent("英伟达", "Nvidia"), fig("62%", 62, "percent", "percent"), ent("谷歌", "Google")]
    diff = diff_of(old, new, specs, specs)
    assert diff.changes == []


def test_a_moved_paragraph_gives_moved_notes_only():
    moved = "英伟达营收同比暴涨 62%。\n谷歌发布了 Gemini 3。\n\nMeta 内部地震频发:600 人裁员。\n据报道,Avocado 的发布推迟至 2026 年第一季度。\n"
    specs = story_specs(**{"发布": evt("发布", "launch", nth=1, subject="Google", object="Gemini 3")})
    diff = diff_of(STORY, moved, new_specs=specs)
    assert {c.change for c in diff.changes} == {"moved"}
    # The smaller block moved (two sentences of claims against two): ties keep the first in place.
    assert {c.new.text for c in diff.changes} in ({"Meta", "600 人", "推迟", "2026 年第一季度"}, {"英伟达", "62%", "谷歌", "发布"})
    assert all(not c.fields for c in diff.changes)


def test_moved_claims_report_old_and_new_lines():
    old = "甲。\n乙。\n丙。\nMeta 裁员 600 人。\n"
    new = "Meta 裁员 600 人。\n甲。\n乙。\n丙。\n"
    specs = [ent("Meta"), fig("600 人", 600, "person")]
    diff = diff_of(old, new, specs, specs)
    assert [(c.change, c.new.text, c.old_line, c.line) for c in diff.changes] == [("moved", "Meta", 4, 1), ("moved", "600 人", 4, 1)]


def test_a_reworded_sentence_gives_reworded_notes_only():
    reworded = STORY.replace("谷歌发布了 Gemini 3。", "Gemini 3 由谷歌正式发布。")
    diff = diff_of(STORY, reworded, new_specs=story_specs(**{"发布": evt("发布", "launch", nth=2, subject="Google", object="Gemini 3")}))
    assert sorted(briefs(diff)) == [
        ("reworded", "entity", "谷歌", "谷歌", {}),
        ("reworded", "event", "发布", "发布", {}),
    ]
    assert all(c.line == 5 and c.reworded and not c.moved for c in diff.changes)


@pytest.mark.parametrize(
    ("old_spec", "new_spec", "edit"),
    [
        (ent("小扎", "Mark Zuckerberg", "PERSON"), ent("扎克伯格", "Mark Zuckerberg", "PERSON"), ("小扎", "扎克伯格")),
        (evt("推迟", "delay", subject="Avocado"), evt("延期", "delay", subject="Avocado"), ("推迟", "延期")),
        (fig("600 人", 600, "person"), fig("六百人", 600, "person"), ("600 人", "六百人")),
    ],
    ids=["alias", "trigger", "numeral"],
)
def test_the_same_claim_in_other_words_is_reworded(old_spec, new_spec, edit):
    old = f"据报道,{old_spec[1]}在周一出现。\n"
    new = old.replace(*edit)
    diff = diff_of(old, new, [old_spec], [new_spec])
    assert [(c.change, c.old.text, c.new.text, c.fields) for c in diff.changes] == [("reworded", edit[0], edit[1], [])]


def test_only_spacing_inside_a_claim_is_no_note():
    diff = diff_of("裁员 600 人。\n", "裁员 600人。\n", [fig("600 人", 600, "person")], [fig("600人", 600, "person")])
    assert diff.changes == []


def test_offsets_and_sentence_indices_never_count():
    shifted = "前言一句。\n另一句话。\n" + STORY
    diff = diff_of(STORY, shifted)
    assert diff.changes == []


# --- claim changes, one kind of edit each ------------------------------------------------------


def test_changed_figure_value():
    new = STORY.replace("600 人", "700 人")
    diff = diff_of(STORY, new, new_specs=story_specs(**{"600 人": fig("700 人", 700, "person")}))
    assert briefs(diff) == [("changed", "figure", "600 人", "700 人", {"value": (600, 700)})]
    change = diff.changes[0]
    assert (change.old_id, change.new_id) == ("story:figure:600-person:1", "story:figure:700-person:1")
    assert change.line == 1 and change.old_line == 1


def test_changed_figure_approx_range_and_unit():
    old = "公司裁员 600 人,营收 50 亿元。\n"
    new = "公司裁员约 600 至 800 人,营收 50 亿美元。\n"
    old_specs = [fig("600 人", 600, "person"), fig("50 亿元", 5e9, "CNY", "money")]
    new_specs = [fig("约 600 至 800 人", 600, "person", value_high=800, approx="range"), fig("50 亿美元", 5e9, "USD", "money")]
    diff = diff_of(old, new, old_specs, new_specs)
    assert briefs(diff) == [
        ("changed", "figure", "600 人", "约 600 至 800 人", {"value_high": (None, 800), "approx": ("exact", "range")}),
        ("changed", "figure", "50 亿元", "50 亿美元", {"unit": ("CNY", "USD")}),
    ]


def test_changed_date_quarter():
    new = STORY.replace("第一季度", "第二季度")
    q2 = dat("2026 年第二季度", "2026-Q2", "2026-04-01", "2026-06-30", "quarter")
    specs = story_specs(
        **{"2026 年第一季度": q2, "推迟": evt("推迟", "delay", subject="Avocado", certainty="reported", dates=["2026 年第二季度"])}
    )
    diff = diff_of(STORY, new, new_specs=specs)
    # The event links to the changed date through the pairing: only the date is reported.
    assert briefs(diff) == [
        (
            "changed",
            "date",
            "2026 年第一季度",
            "2026 年第二季度",
            {"timex": ("2026-Q1", "2026-Q2"), "start_date": ("2026-01-01", "2026-04-01"), "end_date": ("2026-03-31", "2026-06-30")},
        )
    ]
    assert diff.changes[0].line == 2
    assert [event.id for event in diff.changes[0].events] == ["story:event:delay-avocado:1"]  # named beside the date


def test_changed_figure_of_an_event_is_reported_once_on_the_figure():
    old = "Meta 宣布裁员 600 人。\n"
    new = "Meta 宣布裁员 700 人。\n"
    layoff = lambda surface: evt("裁员", "layoff", subject="Meta", figures=[surface])  # noqa: E731
    announce = evt("宣布", "announce", subject="Meta")
    old_specs = [ent("Meta"), announce, layoff("600 人"), fig("600 人", 600, "person")]
    new_specs = [ent("Meta"), announce, layoff("700 人"), fig("700 人", 700, "person")]
    diff = diff_of(old, new, old_specs, new_specs)
    assert briefs(diff) == [("changed", "figure", "600 人", "700 人", {"value": (600, 700)})]
    assert [(event.type, event.figure_ids) for event in diff.changes[0].events] == [("layoff", ["story:figure:700-person:1"])]


def test_changed_entity_canonical():
    new = STORY.replace("谷歌发布", "微软发布")
    specs = story_specs(**{"谷歌": ent("微软", "Microsoft"), "发布": evt("发布", "launch", nth=2, subject="Microsoft", object="Gemini 3")})
    diff = diff_of(STORY, new, new_specs=specs)
    assert briefs(diff) == [
        ("changed", "entity", "谷歌", "微软", {"canonical": ("Google", "Microsoft")}),
        ("changed", "event", "发布", "发布", {"subject": ("Google", "Microsoft")}),
    ]


def test_changed_event_certainty_reported_to_asserted():
    new = STORY.replace("据报道,Avocado", "Meta 证实,Avocado")
    specs = story_specs(**{"推迟": evt("推迟", "delay", subject="Avocado", certainty="asserted", attribution="Meta", dates=["2026 年第一季度"])})
    specs.append(ent("Meta", nth=2))
    diff = diff_of(STORY, new, new_specs=specs)
    assert briefs(diff) == [
        ("added", "entity", None, "Meta", {}),
        ("changed", "event", "推迟", "推迟", {"certainty": ("reported", "asserted"), "attribution": (None, "Meta")}),
        ("reworded", "date", "2026 年第一季度", "2026 年第一季度", {}),  # 据报道 became 证实: other words
    ]


def test_changed_event_polarity_type_and_object():
    new = STORY.replace("谷歌发布了 Gemini 3", "谷歌否认推出了 Gemini 3")
    specs = story_specs(**{"发布": evt("推出", "release", subject="Google", object="Gemini", polarity="negative")})
    diff = diff_of(STORY, new, new_specs=specs)
    assert briefs(diff) == [
        ("reworded", "entity", "谷歌", "谷歌", {}),
        ("changed", "event", "发布", "推出", {"type": ("launch", "release"), "object": ("Gemini 3", "Gemini"), "polarity": ("positive", "negative")}),
    ]


def test_changed_event_link_to_another_figure():
    old = "公司裁员 600 人,另有 300 人转岗。\n"
    specs_old = [fig("600 人", 600, "person"), fig("300 人", 300, "person"), evt("裁员", "layoff", subject="公司", figures=["600 人"])]
    specs_new = [fig("600 人", 600, "person"), fig("300 人", 300, "person"), evt("裁员", "layoff", subject="公司", figures=["300 人"])]
    diff = diff_of(old, old, specs_old, specs_new)
    assert briefs(diff) == [("changed", "event", "裁员", "裁员", {"figure_ids": (["600 人"], ["300 人"])})]


def test_a_link_dropped_while_its_figure_stays_is_an_event_change():
    text = "公司裁员 600 人。\n"
    linked = [fig("600 人", 600, "person"), evt("裁员", "layoff", subject="公司", figures=["600 人"])]
    unlinked = [fig("600 人", 600, "person"), evt("裁员", "layoff", subject="公司")]
    assert briefs(diff_of(text, text, linked, unlinked)) == [("changed", "event", "裁员", "裁员", {"figure_ids": (["600 人"], [])})]
    assert briefs(diff_of(text, text, unlinked, linked)) == [("changed", "event", "裁员", "裁员", {"figure_ids": ([], ["600 人"])})]


# An event's link to a claim found on one side only is that claim's change, reported once on it
# (naming the event), not a second change of the event: the richer extractors link every figure
# and date a sentence gives an event, so each added or dropped one would otherwise count twice.


def test_a_figure_added_to_an_event_is_one_added_figure():
    old = "英伟达营收同比暴涨 62%。\n"
    new = "英伟达营收同比暴涨 62%,达到 570 亿美元。\n"
    growth = evt("暴涨", "revenue_growth", subject="Nvidia", figures=["62%"])
    grown = evt("暴涨", "revenue_growth", subject="Nvidia", figures=["62%", "570 亿美元"])
    pct, usd = fig("62%", 62, "percent", "percent", direction="up", basis="yoy"), fig("570 亿美元", 5.7e10, "USD", "money")
    diff = diff_of(old, new, [ent("英伟达", "Nvidia"), growth, pct], [ent("英伟达", "Nvidia"), grown, pct, usd])
    assert [b for b in briefs(diff) if b[0] not in ("reworded", "moved")] == [("added", "figure", None, "570 亿美元", {})]
    [added] = [c for c in diff.changes if c.change == "added"]
    assert [event.text for event in added.events] == ["暴涨"]
    assert parse_fail_on("event").failing(diff) == []


def test_a_date_dropped_from_an_event_is_one_removed_date():
    old = "Meta 上周宣布裁员 600 人。\n"
    new = "Meta 宣布裁员 600 人。\n"
    week = dat("上周", "2025-W49", "2025-12-01", "2025-12-07", "week")

    def specs(dated: bool):
        dates = ["上周"] if dated else []
        events = [evt("宣布", "announce", subject="Meta", dates=dates), evt("裁员", "layoff", subject="Meta", dates=dates)]
        return [ent("Meta"), *([week] if dated else []), *events, fig("600 人", 600, "person")]

    diff = diff_of(old, new, specs(True), specs(False))
    assert [b for b in briefs(diff) if b[0] not in ("reworded", "moved")] == [("removed", "date", "上周", None, {})]
    assert [event.type for event in diff.changes[0].events] == ["announce", "layoff"]  # OLD's events, in text order


def test_compare_claims_without_a_pairing_compares_link_ids_as_they_are():
    specs = [fig("600 人", 600, "person"), fig("300 人", 300, "person"), evt("裁员", "layoff", figures=["600 人"])]
    ledger = ledger_of("公司裁员 600 人,另有 300 人转岗。\n", specs)
    event = next(c for c in ledger.claims if c.kind == "event")
    assert compare_claims(event, event) == []
    relinked = event.model_copy(update={"figure_ids": ["story:figure:300-person:1"]})
    assert [(f.field, f.old, f.new) for f in compare_claims(event, relinked)] == [
        ("figure_ids", ["story:figure:600-person:1"], ["story:figure:300-person:1"])
    ]


def test_removed_claim_points_where_it_was_in_new():
    new = STORY.replace("英伟达营收同比暴涨 62%。\n", "")
    specs = story_specs(**{"英伟达": None, "62%": None, "发布": evt("发布", "launch", nth=2, subject="Google", object="Gemini 3")})
    diff = diff_of(STORY, new, new_specs=specs)
    assert briefs(diff) == [("removed", "entity", "英伟达", None, {}), ("removed", "figure", "62%", None, {})]
    assert [(c.old_line, c.line, c.old_id) for c in diff.changes] == [
        (4, 4, "story:entity:nvidia:1"),
        (4, 4, "story:figure:62-percent:1"),
    ]  # line 4 of NEW is the sentence that now follows the removed one


def test_added_claim_with_its_line():
    new = STORY + "微软股价下跌 3%。\n"
    specs = story_specs() + [ent("微软", "Microsoft"), fig("3%", 3, "percent", "percent", direction="down")]
    diff = diff_of(STORY, new, new_specs=specs)
    assert briefs(diff) == [("added", "entity", None, "微软", {}), ("added", "figure", None, "3%", {})]
    assert {c.line for c in diff.changes} == {6}
    assert diff.changes[1].new_id == "story:figure:3-percent:1"


def test_removing_the_first_of_two_identical_claims_reports_that_one():
    old = "Meta 裁员 600 人。\n另一句。\nMeta 又裁员 600 人。\n"
    new = "另一句。\nMeta 又裁员 600 人。\n"
    old_specs = [ent("Meta"), fig("600 人", 600, "person"), ent("Meta", nth=2), fig("600 人", 600, "person", nth=2)]
    new_specs = [ent("Meta"), fig("600 人", 600, "person")]
    diff = diff_of(old, new, old_specs, new_specs)
    # The survivor's id shifts from …:2 to …:1; it is not reported.
    assert [(c.change, c.old_id) for c in diff.changes] == [
        ("removed", "story:entity:meta:1"),
        ("removed", "story:figure:600-person:1"),
    ]


def test_two_figures_changed_in_one_sentence_pair_up_by_place():
    old = "英伟达营收增长 62%,利润增长 65%。\n"
    new = "英伟达营收增长 66%,利润增长 60%。\n"
    pct = lambda s, v: fig(s, v, "percent", "percent")  # noqa: E731
    diff = diff_of(old, new, [pct("62%", 62), pct("65%", 65)], [pct("66%", 66), pct("60%", 60)])
    assert briefs(diff) == [
        ("changed", "figure", "62%", "66%", {"value": (62, 66)}),
        ("changed", "figure", "65%", "60%", {"value": (65, 60)}),
    ]


def test_unrelated_figures_are_removed_and_added_not_changed():
    old = "Meta 裁员 600 人。\n谷歌发布了 Gemini 3。\n"
    new = "谷歌发布了 Gemini 3。\n苹果的市值上涨了 12%。\n"
    diff = diff_of(old, new, [fig("600 人", 600, "person")], [fig("12%", 12, "percent", "percent")])
    assert briefs(diff) == [("removed", "figure", "600 人", None, {}), ("added", "figure", None, "12%", {})]


def test_a_changed_claim_in_a_moved_paragraph_is_changed_and_moved():
    old = "甲乙丙丁。\n戊己庚辛。\nMeta 裁员 600 人。\n"
    new = "Meta 裁员 700 人。\n甲乙丙丁。\n戊己庚辛。\n"
    diff = diff_of(old, new, [fig("600 人", 600, "person")], [fig("700 人", 700, "person")])
    [change] = diff.changes
    assert brief(change) == ("changed", "figure", "600 人", "700 人", {"value": (600, 700)})
    assert change.moved and (change.old_line, change.line) == (3, 1)


def test_same_claim_heavily_reworded_still_pairs():
    old = "据彭博社报道,Meta 内部地震频发,600 人裁员。\n"
    new = "彭博社称,Meta 近期裁员 600 人,内部震荡不断。\n"
    specs = [ent("Meta"), fig("600 人", 600, "person")]
    diff = diff_of(old, new, specs, specs)
    assert sorted(briefs(diff)) == [("reworded", "entity", "Meta", "Meta", {}), ("reworded", "figure", "600 人", "600 人", {})]


# --- articles ---------------------------------------------------------------------------------


def _two_articles(first_text, second_text):
    a = ledger_of(first_text, [fig("600 人", 600, "person")] if "600 人" in first_text else [fig("700 人", 700, "person")], "a")
    b = ledger_of(second_text, [ent("Meta")], "b")
    return Ledger(articles=a.articles + b.articles, claims=a.claims + b.claims)


def test_ledgers_compare_article_by_article():
    old = _two_articles("裁员 600 人。\n", "Meta 确认。\n")
    new = _two_articles("裁员 700 人。\n", "Meta 确认。\n")
    diff = diff_ledgers(old, new)
    assert [(a.old_article, a.new_article, len(a.changes)) for a in diff.articles] == [("a", "a", 1), ("b", "b", 0)]
    assert briefs(diff) == [("changed", "figure", "600 人", "700 人", {"value": (600, 700)})]


def test_article_option_picks_one_article():
    old = _two_articles("裁员 600 人。\n", "Meta 确认。\n")
    new = _two_articles("裁员 700 人。\n", "Meta 确认了。\n")
    diff = diff_ledgers(old, new, article="b")
    assert [a.new_article for a in diff.articles] == ["b"]
    assert briefs(diff) == [("reworded", "entity", "Meta", "Meta", {})]
    with pytest.raises(UsageError, match="no article 'zzz'"):
        diff_ledgers(old, new, article="zzz")


def test_an_article_only_on_one_side_is_all_added_or_removed():
    old = ledger_of("裁员 600 人。\n", [fig("600 人", 600, "person")], "a")
    both = _two_articles("裁员 600 人。\n", "Meta 确认。\n")
    diff = diff_ledgers(old, both)
    assert [(a.old_article, a.new_article) for a in diff.articles] == [("a", "a"), (None, "b")]
    assert briefs(diff) == [("added", "entity", None, "Meta", {})]
    assert diff.changes[0].line == 1
    removed = diff_ledgers(both, old)
    assert briefs(removed) == [("removed", "entity", "Meta", None, {})]
    assert removed.changes[0].line is None  # nowhere in NEW


def test_one_article_each_with_different_ids_are_versions():
    old = ledger_of(STORY, story_specs(), "meta-avocado")
    new = ledger_of(STORY.replace("600 人", "700 人"), story_specs(**{"600 人": fig("700 人", 700, "person")}), "meta-avocado-v2")
    diff = diff_ledgers(old, new)
    assert diff.articles[0].label == "meta-avocado → meta-avocado-v2"
    assert briefs(diff) == [("changed", "figure", "600 人", "700 人", {"value": (600, 700)})]
    assert diff.changes[0].new_id.startswith("meta-avocado-v2:")


# --- fail policy and field comparison -----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "kinds", "changes", "described"),
    [
        (None, ("entity", "date", "figure", "event"), ("changed", "added", "removed"), "all"),
        ("all", ("entity", "date", "figure", "event"), ("changed", "added", "removed"), "all"),
        ("figure,date", ("date", "figure"), ("changed", "added", "removed"), "date,figure"),
        ("changed", ("entity", "date", "figure", "event"), ("changed",), "changed"),
        (" Figure , changed ", ("figure",), ("changed",), "figure,changed"),
        ("none", (), (), "none"),
    ],
)
def test_parse_fail_on(text, kinds, changes, described):
    policy = parse_fail_on(text)
    assert (policy.kinds, policy.changes, policy.describe()) == (kinds, changes, described)


@pytest.mark.parametrize("text", ["figures", "reworded", "figure,moved", "all,figure"])
def test_parse_fail_on_refuses_unknown_tokens(text):
    with pytest.raises(UsageError, match="--fail-on"):
        parse_fail_on(text)


def test_fail_policy_matches_kind_and_change():
    new = STORY.replace("600 人", "700 人") + "微软发布了新模型。\n"
    specs = story_specs(**{"600 人": fig("700 人", 700, "person")}) + [ent("微软", "Microsoft")]
    diff = diff_of(STORY, new, new_specs=specs)
    assert [len(parse_fail_on(t).failing(diff)) for t in ("all", "figure", "entity", "date", "changed", "entity,changed", "none")] == [2, 1, 1, 0, 1, 0, 0]


def test_compare_claims_refuses_two_kinds():
    ledger = ledger_of(STORY, story_specs())
    entity, figure = ledger.claims[0], ledger.claims[1]
    with pytest.raises(ValueError, match="cannot compare"):
        compare_claims(entity, figure)


def test_diff_is_json_serializable_and_deterministic():
    new = STORY.replace("600 人", "700 人")
    first = diff_of(STORY, new, new_specs=story_specs(**{"600 人": fig("700 人", 700, "person")}))
    second = diff_of(STORY, new, new_specs=story_specs(**{"600 人": fig("700 人", 700, "person")}))
    assert first.model_dump_json() == second.model_dump_json()
    assert metaledger.LedgerDiff.model_validate_json(first.model_dump_json()) == first


# --- property: spacing and punctuation never make a claim change or a note ---------------------

from hypothesis import given  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_SPECS = story_specs()
# Every occurrence of a claim's surface stays whole, so the claims land on the same words.
_SURFACE_SPANS = [
    (start, start + len(surface))
    for surface in {spec[1] for spec in _SPECS}
    for start in range(len(STORY))
    if STORY.startswith(surface, start)
]
_FREE_POSITIONS = [p for p in range(len(STORY) + 1) if not any(a < p < b for a, b in _SURFACE_SPANS)]


@given(st.lists(st.tuples(st.sampled_from(_FREE_POSITIONS), st.sampled_from(list(" \n\u3000,。、!?;:·「」()"))), max_size=8))
def test_spacing_and_punctuation_edits_change_nothing(insertions):
    edited = STORY
    for position, char in sorted(insertions, reverse=True):
        edited = edited[:position] + char + edited[position:]
    assert diff_of(STORY, edited).changes == []


def _respec_after_deleting(specs, lines: list[str], deleted: set[int]):
    """The specs of the claims on kept lines, their occurrence numbers recounted in the new text."""
    old_text, new_text = "".join(lines), "".join(l for i, l in enumerate(lines) if i not in deleted)
    line_starts = [sum(len(l) for l in lines[:i]) for i in range(len(lines))]
    kept, removed = [], []
    for spec in specs:
        kind, surface, nth, fields = spec
        position = find_nth(old_text, surface, nth)
        line = max(i for i, start in enumerate(line_starts) if start <= position)
        if line in deleted:
            removed.append((kind, surface, line + 1))
            continue
        shift = sum(len(lines[i]) for i in deleted if i < line)
        new_position = position - shift
        new_nth = sum(1 for p in range(new_position + 1) if new_text.startswith(surface, p))
        kept.append((kind, surface, new_nth, fields))
    return new_text, kept, removed


@given(st.sets(st.sampled_from([0, 1, 3, 4])))
def test_deleting_lines_removes_exactly_their_claims(deleted):
    lines = STORY.splitlines(keepends=True)
    specs = [s for s in story_specs() if s[0] != "event"] + [evt("发布", "launch", nth=2, subject="Google", object="Gemini 3")]
    new_text, kept, removed = _respec_after_deleting(specs, lines, deleted)
    if not kept:
        return
    diff = diff_of(STORY, new_text, specs, kept)
    assert sorted((c.kind, c.old.text, c.old_line) for c in diff.changes) == sorted(removed)
    assert {c.change for c in diff.changes} <= {"removed"}


def test_a_claim_said_once_survives_a_complete_rewrite():
    old = "Meta 内部地震频发,600 人裁员。\n谷歌发布了 Gemini 3。\n"
    new = "谷歌发布了 Gemini 3。\n一场波及 600 人的调整正在进行。\n"
    diff = diff_of(old, new, [fig("600 人", 600, "person")], [fig("600 人", 600, "person")])
    assert [(c.change, c.moved, c.reworded) for c in diff.changes] == [("moved", True, True)]


def test_a_repeated_claim_in_unrelated_places_is_removed_and_added():
    old = "Meta 内部地震频发,600 人裁员。\n另有 600 人转岗。\n谷歌发布了 Gemini 3。\n"
    new = "谷歌发布了 Gemini 3。\n一场波及 600 人的调整。\n新团队招募 600 人。\n"
    specs_old = [fig("600 人", 600, "person"), fig("600 人", 600, "person", nth=2)]
    specs_new = [fig("600 人", 600, "person"), fig("600 人", 600, "person", nth=2)]
    diff = diff_of(old, new, specs_old, specs_new)
    assert sorted(c.change for c in diff.changes) == ["added", "added", "removed", "removed"]
