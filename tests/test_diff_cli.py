"""metaledger diff through the CLI: sides, formats, options and exit codes."""

from __future__ import annotations

import json
import shutil

import pytest

import metaledger
from metaledger.cli import app

from conftest import ARTICLE, REFERENCE_DATE, ROOT
from ledger_builders import event_story

V1 = "data/articles/meta-avocado.txt"
V2 = "data/articles/meta-avocado-v2.txt"
WIDE = {"COLUMNS": "200"}


def invoke(runner, *args, **kwargs):
    return runner.invoke(app, ["diff", *args], env=WIDE, **kwargs)


@pytest.fixture
def repo(monkeypatch):
    """Run from the repository root, so article paths print as data/articles/…"""
    monkeypatch.chdir(ROOT)
    return ROOT


@pytest.fixture
def versions(tmp_path, monkeypatch):
    """A working folder with both bundled versions (and sidecars) under articles/."""
    (tmp_path / "articles").mkdir()
    for source in ARTICLE.parent.glob("meta-avocado*"):
        shutil.copy(source, tmp_path / "articles" / source.name)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _json(result) -> dict:
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.stdout)


def _changes(data: dict) -> list[dict]:
    return [change for article in data["articles"] for change in article["changes"]]


def _brief(change: dict) -> tuple:
    return (change["change"], change["kind"], {f["field"]: [f["old"], f["new"]] for f in change["fields"]})


def _extract(runner, *args):
    result = runner.invoke(app, ["extract", *args, "--date", REFERENCE_DATE])
    assert result.exit_code == 0, result.output


# --- the bundled pair ---------------------------------------------------------------------------


# The bundled v2 makes six edits: 600 → 700 人 (line 1), 2026 Q1 → Q2 (line 42), the paragraph now
# at line 40 moved up from line 45, line 25 reworded, the 20-year tenure dropped (old line 24) and
# two figures added to the Nvidia sentence (line 68). These tests check that the diff reports
# exactly those, whatever else the extractors find in the article; exact output is tested on
# hand-built ledgers (test_diff_render.py and the ledger-file tests below).


def test_bundled_versions_differ_in_exactly_the_edited_claims(runner, repo):
    result = invoke(runner, V1, V2, "--date", REFERENCE_DATE, "--format", "json")
    assert result.exit_code == 1
    data = _json(result)
    changes = _changes(data)
    changed = [c for c in changes if c["change"] == "changed"]
    assert [(_brief(c), c["line"], c["old_line"]) for c in changed] == [
        (("changed", "figure", {"value": [600, 700]}), 1, 1),
        (
            (
                "changed",
                "date",
                {"timex": ["2026-Q1", "2026-Q2"], "start_date": ["2026-01-01", "2026-04-01"], "end_date": ["2026-03-31", "2026-06-30"]},
            ),
            42,
            40,
        ),
    ]
    assert data["articles"][0]["path"] == V2
    assert data["articles"][0]["old_reference_date"] == data["articles"][0]["new_reference_date"] == REFERENCE_DATE
    # Claims are removed only from the tenure sentence and added only to the Nvidia sentence.
    removed = [c for c in changes if c["change"] == "removed"]
    assert {c["old_line"] for c in removed} == {24}
    assert any(c["kind"] == "figure" and c["old"]["value"] == 20 and c["old"]["unit"] == "year" for c in removed)
    added = [c for c in changes if c["change"] == "added"]
    assert {c["line"] for c in added} == {68}
    assert {(c["new"]["value"], c["new"]["unit"]) for c in added if c["kind"] == "figure"} >= {(5.7e10, "USD"), (90, "percent")}
    # The moved paragraph (now line 40) and the reworded sentence (line 25) carry notes, never changes.
    on_moved_line = [c for c in changes if c["line"] == 40]
    assert on_moved_line and {c["change"] for c in on_moved_line} == {"moved"}
    assert {c["change"] for c in changes if c["line"] == 25} == {"reworded"}


def test_events_of_the_edited_claims_are_not_reported_again(runner, repo):
    """The layoff's figure and the delay's date changed: each is reported once, on the figure or
    the date, naming its event; an event whose links gain or lose an added or removed claim is
    not a changed event."""
    data = _json(invoke(runner, V1, V2, "--date", REFERENCE_DATE, "--format", "json"))
    changes = _changes(data)
    assert not [c for c in changes if c["kind"] == "event" and c["change"] == "changed"]
    events_of = {c["kind"]: [e["type"] for e in c["events"]] for c in changes if c["change"] == "changed"}
    assert "layoff" in events_of["figure"] and "delay" in events_of["date"]


def test_table_is_the_default(runner, repo):
    result = invoke(runner, V1, V2, "--date", REFERENCE_DATE)
    assert result.exit_code == 1
    assert "meta-avocado → meta-avocado-v2" in result.stdout
    assert "600 人 → 700 人" in result.stdout and "value: 600 → 700" in result.stdout
    assert "fail (--fail-on all)" in result.stdout.replace("\n", " ")


def test_markdown_is_a_pull_request_comment(runner, repo):
    result = invoke(runner, V1, V2, "--date", REFERENCE_DATE, "--format", "markdown")
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines[0].startswith("**metaledger diff** ❌ ") and "claim changes" in lines[0]
    assert f"**meta-avocado → meta-avocado-v2** · `{V2}`" in result.stdout
    figure = next(line for line in lines if line.startswith("| 1 | figure | "))
    assert figure.startswith("| 1 | figure | 600 人 → 700 人 | value: 600 → 700") and figure.endswith(" | yes |")
    date = next(line for line in lines if line.startswith("| 42 | date | "))
    assert date.startswith(
        "| 42 | date | 2026 年第一季度 → 2026 年第二季度 | timex: 2026-Q1 → 2026-Q2; "
        "start\\_date: 2026-01-01 → 2026-04-01; end\\_date: 2026-03-31 → 2026-06-30"
    )
    assert any(line.startswith("<details><summary>") and "removed claim" in line for line in lines)
    assert any(line.startswith("<details><summary>") and "added claim" in line for line in lines)
    moved = next(line for line in lines if line.startswith("| 40 | moved | "))
    assert "Meta" in moved and moved.endswith(": same claims, moved from old line 45 |")


def test_github_annotations_point_at_new_lines(runner, repo):
    result = invoke(runner, V1, V2, "--date", REFERENCE_DATE, "--format", "github")
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert any(line.startswith(f"::error file={V2},line=1,title=figure changed::600 人 → 700 人 (value: 600 → 700") for line in lines)
    assert any(
        line.startswith(f"::error file={V2},line=42,title=date changed::2026 年第一季度 → 2026 年第二季度 (timex: 2026-Q1 → 2026-Q2;")
        for line in lines
    )
    moved = [line for line in lines if line.startswith(f"::notice file={V2},line=40,title=claims moved::")]
    assert len(moved) == 1 and moved[0].endswith(": same claims, moved from old line 45")
    assert all(line.startswith(("::error ", "::notice ")) for line in lines[:-1])
    assert lines[-1].startswith("metaledger diff: ")


def test_fail_on_limits_what_fails_but_everything_shows(runner, repo):
    # v2's 暴涨 62%,达到 570 亿美元 adds a reach event (issue 15): --fail-on event fails on it, not on the figure
    cases = (("figure", 1, True), ("figure,changed", 1, True), ("event", 1, False), ("entity", 0, False), ("none", 0, False), ("all", 1, True))
    for fail_on, code, figure_fails in cases:
        result = invoke(runner, V1, V2, "--date", REFERENCE_DATE, "--format", "github", "--fail-on", fail_on)
        assert result.exit_code == code, (fail_on, result.output)
        level = "error" if figure_fails else "warning"
        assert f"::{level} file={V2},line=1,title=figure changed::" in result.stdout


def test_github_escapes_percent_and_newlines(runner, versions):
    (versions / "a.txt").write_text("英伟达营收同比暴涨 62%。\n", encoding="utf-8")
    (versions / "b.txt").write_text("英伟达营收同比暴涨 65%。\n", encoding="utf-8")
    result = invoke(runner, "a.txt", "b.txt", "--format", "github")
    assert result.exit_code == 1
    assert result.stdout.startswith("::error file=b.txt,line=1,title=figure changed::62%25 → 65%25 (value: 62 → 65")


def test_no_claim_change_exits_0(runner, versions):
    (versions / "a.txt").write_text("Meta 宣布裁员 600 人。\n英伟达营收同比暴涨 62%。\n", encoding="utf-8")
    (versions / "b.txt").write_text("英伟达营收同比暴涨 62%!\n\nMeta 宣布裁员 600 人。\n", encoding="utf-8")
    result = invoke(runner, "a.txt", "b.txt")
    assert result.exit_code == 0, result.output
    assert "no claim changes" in result.stdout and "none fail" in result.stdout
    markdown = invoke(runner, "a.txt", "b.txt", "--format", "markdown")
    assert markdown.exit_code == 0 and markdown.stdout.startswith("**metaledger diff** ✅ no claim changes")
    data = _json(invoke(runner, "a.txt", "b.txt", "--format", "json"))
    assert data["summary"]["failing"] == 0 and data["summary"]["moved"] >= 1  # a note, not a change
    assert {c["change"] for c in _changes(data)} == {"moved"}


def test_json_summary(runner, repo):
    data = _json(invoke(runner, V1, V2, "--date", REFERENCE_DATE, "--format", "json", "--fail-on", "date"))
    assert data["schema"] == "metaledger-diff/1"
    summary = data["summary"]
    assert summary["fail_on"] == {"kinds": ["date"], "changes": ["changed", "added", "removed"]}
    assert summary["changed"] >= 1 and summary["moved"] >= 1 and summary["failing"] == sum(
        1 for c in _changes(data) if c["kind"] == "date" and c["change"] in ("changed", "added", "removed")
    )


# --- exact output and exit codes, on hand-built ledger files ----------------------------------------


@pytest.fixture
def story_ledgers(tmp_path, monkeypatch):
    """old.yaml and new.yaml: the hand-built event story (tests/ledger_builders.py)."""
    old, new = event_story()
    (tmp_path / "old.yaml").write_text(metaledger.dump_ledger(old), encoding="utf-8")
    (tmp_path / "new.yaml").write_text(metaledger.dump_ledger(new), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.mark.parametrize(
    ("fail_on", "code", "levels"),
    [
        ("all", 1, ["error", "error", "error", "error"]),
        ("figure,date", 1, ["error", "error", "warning", "error"]),
        ("event", 1, ["warning", "warning", "error", "warning"]),
        ("figure,changed", 1, ["error", "warning", "warning", "warning"]),
        ("entity", 0, ["warning", "warning", "warning", "warning"]),
        ("none", 0, ["warning", "warning", "warning", "warning"]),
    ],
)
def test_ledger_files_exit_codes_and_annotation_levels(runner, story_ledgers, fail_on, code, levels):
    result = invoke(runner, "old.yaml", "new.yaml", "--format", "github", "--fail-on", fail_on)
    assert result.exit_code == code, result.output
    lines = result.stdout.splitlines()
    assert [line.split(" ", 1)[0] for line in lines[:4]] == [f"::{level}" for level in levels]
    assert lines[:4] == [
        f"::{levels[0]} file=new/story.txt,line=1,title=figure changed::600 人 → 700 人 (value: 600 → 700; event 裁员 (Meta · layoff))",
        f"::{levels[1]} file=new/story.txt,line=2,title=date changed::2026 年第一季度 → 2026 年第二季度 (timex: 2026-Q1 → 2026-Q2; "
        "start_date: 2026-01-01 → 2026-04-01; end_date: 2026-03-31 → 2026-06-30; event 推迟 (Meta · delay · Avocado))",
        f"::{levels[2]} file=new/story.txt,line=3,title=event changed::提到 (Shengjia Zhao · mention · Llama) "
        "(subject: Jensen Huang → Shengjia Zhao; sentence unchanged)",
        f"::{levels[3]} file=new/story.txt,line=4,title=figure added::570 亿美元 (57000000000 USD; event 暴涨 (Nvidia · revenue_growth))",
    ]
    assert lines[4] == "::notice file=new/story.txt,line=4,title=claims reworded::英伟达, 暴涨, 62%25: same claims, sentence reworded"


def test_ledger_files_in_every_format(runner, story_ledgers):
    markdown = invoke(runner, "old.yaml", "new.yaml", "--format", "markdown")
    assert markdown.exit_code == 1
    assert markdown.stdout.startswith("**metaledger diff** ❌ 4 claim changes (changed: 1 date, 1 figure, 1 event; added: 1 figure); ")
    assert "| 1 | figure | 600 人 → 700 人 | value: 600 → 700; event 裁员 (Meta · layoff) | yes |" in markdown.stdout.splitlines()
    data = _json(invoke(runner, "old.yaml", "new.yaml", "--format", "json"))
    assert {k: data["summary"][k] for k in ("changed", "added", "removed", "reworded", "moved", "unchanged", "failing")} == {
        "changed": 3, "added": 1, "removed": 0, "reworded": 3, "moved": 0, "unchanged": 6, "failing": 4,
    }  # fmt: skip
    table = invoke(runner, "old.yaml", "new.yaml")
    assert table.exit_code == 1
    assert "value: 600 → 700; event 裁员 (Meta · layoff)" in table.stdout
    assert table.stdout.rstrip().endswith("4 fail (--fail-on all)")
    same = invoke(runner, "old.yaml", "old.yaml", "--format", "markdown")
    assert same.exit_code == 0 and same.stdout == "**metaledger diff** ✅ no claim changes; 12 unchanged in 1 article; none fail (--fail-on all)\n"


# --- sides: articles, ledgers, folders, stdin -----------------------------------------------------


def test_ledger_vs_ledger_matches_article_vs_article(runner, versions):
    _extract(runner, "articles/meta-avocado.txt", "-o", "old.yaml")
    _extract(runner, "articles/meta-avocado-v2.txt", "--format", "json", "-o", "new.json")
    from_articles = _json(invoke(runner, "articles/meta-avocado.txt", "articles/meta-avocado-v2.txt", "--format", "json"))
    from_ledgers = _json(invoke(runner, "old.yaml", "new.json", "--format", "json"))
    assert from_ledgers == from_articles
    mixed = _json(invoke(runner, "old.yaml", "articles/meta-avocado-v2.txt", "--format", "json"))
    assert mixed == from_articles
    mixed = _json(invoke(runner, "articles/meta-avocado.txt", "new.json", "--format", "json"))
    assert mixed == from_articles


def test_a_ledger_is_recognised_by_content_not_name(runner, versions):
    _extract(runner, "articles/meta-avocado.txt", "-o", "old.yaml")
    shutil.copy("old.yaml", "old-ledger.txt")
    result = invoke(runner, "old-ledger.txt", "articles/meta-avocado-v2.txt", "--format", "json")
    assert _json(result)["articles"][0]["old_article"] == "meta-avocado"


def test_date_and_lexicon_apply_to_both_articles(runner, versions):
    (versions / "names.yaml").write_text("entities:\n- {canonical: Avocado, type: PRODUCT, aliases: [牛油果]}\n", encoding="utf-8")
    (versions / "a.txt").write_text("牛油果模型延期。\n", encoding="utf-8")
    (versions / "b.txt").write_text("牛油果模型再次延期。\n", encoding="utf-8")
    data = _json(invoke(runner, "a.txt", "b.txt", "--format", "json", "--lexicon", "names.yaml", "--date", "2025-01-02"))
    assert {c["change"] for c in _changes(data)} == {"reworded"}
    assert ("entity", "Avocado") in {(c["kind"], c["new"].get("canonical")) for c in _changes(data)}
    assert data["articles"][0]["old_reference_date"] == data["articles"][0]["new_reference_date"] == "2025-01-02"
    without = _changes(_json(invoke(runner, "a.txt", "b.txt", "--format", "json")))
    assert "Avocado" not in {c["new"].get("canonical") for c in without}


def test_date_with_two_ledgers_is_noted(runner, versions):
    _extract(runner, "articles/meta-avocado.txt", "-o", "old.yaml")
    result = invoke(runner, "old.yaml", "old.yaml", "--date", "2025-01-02")
    assert result.exit_code == 0
    assert "--date and --lexicon apply to articles" in result.stderr


def _two_folders(versions):
    for side, text in (("old", "Meta 宣布裁员 600 人。\n"), ("new", "Meta 宣布裁员 700 人。\n")):
        folder = versions / side
        folder.mkdir()
        (folder / "layoffs.txt").write_text(text, encoding="utf-8")
        (folder / "nvidia.txt").write_text("英伟达营收同比暴涨 62%。\n", encoding="utf-8")
    (versions / "new" / "extra.txt").write_text("谷歌股价上涨 3%。\n", encoding="utf-8")


def test_folders_and_multi_article_ledgers_compare_by_id(runner, versions):
    _two_folders(versions)
    data = _json(invoke(runner, "old", "new", "--format", "json", "--date", REFERENCE_DATE))
    assert [(a["old_article"], a["new_article"]) for a in data["articles"]] == [(None, "extra"), ("layoffs", "layoffs"), ("nvidia", "nvidia")]
    extra, layoffs, nvidia = data["articles"]
    assert extra["path"] == "new/extra.txt"
    assert {c["change"] for c in extra["changes"]} == {"added"} and {"entity", "figure"} <= {c["kind"] for c in extra["changes"]}
    assert [_brief(c) for c in layoffs["changes"] if c["change"] == "changed"] == [("changed", "figure", {"value": [600, 700]})]
    assert nvidia["changes"] == []
    github = invoke(runner, "old", "new", "--format", "github", "--fail-on", "entity")
    assert github.exit_code == 1
    first, second = github.stdout.splitlines()[:2]
    assert first.startswith("::error file=new/extra.txt,line=1,title=article added::extra (new article): ")
    assert second.startswith("::warning file=new/layoffs.txt,line=1,title=figure changed::600 人 → 700 人 (value: 600 → 700")
    _extract(runner, "old", "-o", "old.yaml")
    _extract(runner, "new", "-o", "new.yaml")
    assert _json(invoke(runner, "old.yaml", "new.yaml", "--format", "json")) == data


def test_article_option_picks_one(runner, versions):
    _two_folders(versions)
    _extract(runner, "old", "-o", "old.yaml")
    _extract(runner, "new", "-o", "new.yaml")
    result = invoke(runner, "old.yaml", "new.yaml", "--article", "nvidia")
    assert result.exit_code == 0 and "no claim changes" in result.stdout
    data = _json(invoke(runner, "old.yaml", "new.yaml", "--article", "layoffs", "--format", "json"))
    assert [a["new_article"] for a in data["articles"]] == ["layoffs"]
    assert [_brief(c) for c in _changes(data)] == [("changed", "figure", {"value": [600, 700]})]


def test_an_article_against_a_ledger_of_several_uses_its_id(runner, versions):
    _two_folders(versions)
    _extract(runner, "old", "-o", "old.yaml")
    data = _json(invoke(runner, "old.yaml", "new/layoffs.txt", "--format", "json"))
    assert [(a["old_article"], a["new_article"]) for a in data["articles"]] == [("layoffs", "layoffs")]
    (versions / "layoffs-v2.txt").write_text("Meta 宣布裁员 800 人。\n", encoding="utf-8")
    result = invoke(runner, "old.yaml", "layoffs-v2.txt")
    assert result.exit_code == 2
    assert "old.yaml has no article 'layoffs-v2'" in result.stderr and "--article" in result.stderr
    data = _json(invoke(runner, "old.yaml", "layoffs-v2.txt", "--article", "layoffs", "--format", "json"))
    assert [_brief(c) for c in _changes(data)] == [("changed", "figure", {"value": [600, 800]})]


def test_stdin_side(runner, versions):
    old = (versions / "articles" / "meta-avocado.txt").read_bytes()
    result = invoke(runner, "-", "articles/meta-avocado-v2.txt", "--format", "json", "--date", REFERENCE_DATE, input=old)
    data = _json(result)
    assert data["articles"][0]["old_article"] == "stdin"
    assert any(_brief(c) == ("changed", "figure", {"value": [600, 700]}) for c in _changes(data))
    _extract(runner, "articles/meta-avocado.txt", "-o", "old.yaml")
    from_ledger = _json(invoke(runner, "-", "articles/meta-avocado-v2.txt", "--format", "json", input=(versions / "old.yaml").read_bytes()))
    assert from_ledger["articles"][0]["old_article"] == "meta-avocado"


# --- errors -------------------------------------------------------------------------------------


def _one_line_error(result, code: int, *needles: str) -> None:
    assert result.exit_code == code, result.output
    assert result.stderr.startswith("metaledger: error: ") and result.stderr.count("\n") == 1, result.stderr
    for needle in needles:
        assert needle in result.stderr


@pytest.mark.parametrize(
    ("content", "needle"),
    [
        (b"schema: metaledger/1\narticles: [unclosed\n", "invalid YAML"),
        (b"schema: metaledger/9\narticles: []\nclaims: []\n", "expected 'metaledger/1'"),
        (b"schema: metaledger/1\narticles: []\nclaims:\n- {id: x, kind: figure}\n", "invalid ledger"),
        (b"\x00\x01\x02binary", "binary"),
        (b"", "empty"),
    ],
    ids=["broken-yaml", "foreign-schema", "invalid-claim", "binary", "empty"],
)
def test_bad_input_exits_3(runner, versions, content, needle):
    (versions / "bad.yaml").write_bytes(content)
    _one_line_error(invoke(runner, "bad.yaml", "articles/meta-avocado.txt"), 3, "bad.yaml", needle)


def test_missing_file_exits_3(runner, versions):
    _one_line_error(invoke(runner, "nope.txt", "articles/meta-avocado.txt"), 3, "nope.txt: no such file")


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["--format", "xml"], "--format must be one of"),
        (["--fail-on", "figures"], "--fail-on: unknown 'figures'"),
        (["--date", "2025-13-01"], "2025-13-01"),
        (["--article", "nope"], "no article 'nope'"),
    ],
    ids=["format", "fail-on", "date", "article"],
)
def test_usage_errors_exit_2(runner, versions, args, needle):
    _extract(runner, "articles/meta-avocado.txt", "-o", "old.yaml")
    _extract(runner, "articles/meta-avocado-v2.txt", "-o", "new.yaml")
    _one_line_error(invoke(runner, "old.yaml", "new.yaml", *args), 2, needle)


def test_usage_errors_without_options_exit_2(runner, versions):
    _one_line_error(invoke(runner, "articles/meta-avocado.txt"), 2, "Missing argument 'NEW'")
    _one_line_error(invoke(runner, "-", "-"), 2, "only one side")


def test_help_has_an_example(runner):
    result = runner.invoke(app, ["diff", "--help"], env=WIDE)
    assert result.exit_code == 0
    assert "metaledger diff data/articles/meta-avocado.txt" in result.stdout and "--fail-on" in result.stdout
