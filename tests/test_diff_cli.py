"""metaledger diff through the CLI: sides, formats, options and exit codes."""

from __future__ import annotations

import json
import shutil

import pytest

from metaledger.cli import app

from conftest import ARTICLE, REFERENCE_DATE, ROOT

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


def test_bundled_versions_differ_in_claims(runner, repo):
    result = invoke(runner, V1, V2, "--date", REFERENCE_DATE, "--format", "json")
    assert result.exit_code == 1
    data = _json(result)
    changes = _changes(data)
    figure_600 = next(c for c in changes if c["kind"] == "figure" and c["change"] == "changed")
    assert _brief(figure_600) == ("changed", "figure", {"value": [600, 700]})
    assert (figure_600["line"], figure_600["old_line"]) == (1, 1)
    assert data["articles"][0]["path"] == V2
    assert data["articles"][0]["old_reference_date"] == data["articles"][0]["new_reference_date"] == REFERENCE_DATE
    # The 20-year tenure was dropped; about 90% was added to the Nvidia sentence (line 68).
    assert any(c["change"] == "removed" and c["kind"] == "figure" and c["old"]["value"] == 20 for c in changes)
    assert any(c["change"] == "added" and c["kind"] == "figure" and c["new"]["value"] == 90 and c["line"] == 68 for c in changes)
    # The moved paragraph (now line 40) and the reworded sentence (line 25) carry notes, never changes.
    on_moved_line = [c for c in changes if c["line"] == 40]
    assert on_moved_line and {c["change"] for c in on_moved_line} == {"moved"}
    assert {c["change"] for c in changes if c["line"] == 25} == {"reworded"}


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
    assert "| 1 | figure | 600 人 → 700 人 | value: 600 → 700 | yes |" in lines
    assert "<details><summary>1 removed claim</summary>" in lines
    assert any(line.startswith("<details><summary>") and "added claim" in line for line in lines)
    assert "| 40 | moved | Meta: same claims, moved from old line 45 |" in lines


def test_github_annotations_point_at_new_lines(runner, repo):
    result = invoke(runner, V1, V2, "--date", REFERENCE_DATE, "--format", "github")
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert f"::error file={V2},line=1,title=figure changed::600 人 → 700 人 (value: 600 → 700)" in lines
    assert f"::notice file={V2},line=40,title=claims moved::Meta: same claims, moved from old line 45" in lines
    assert all(line.startswith(("::error ", "::notice ")) for line in lines[:-1])
    assert lines[-1].startswith("metaledger diff: ")


def test_fail_on_limits_what_fails_but_everything_shows(runner, repo):
    for fail_on, code in (("figure", 1), ("figure,changed", 1), ("event", 0), ("entity", 0), ("none", 0), ("all", 1)):
        result = invoke(runner, V1, V2, "--date", REFERENCE_DATE, "--format", "github", "--fail-on", fail_on)
        assert result.exit_code == code, (fail_on, result.output)
        level = "error" if code else "warning"
        assert f"::{level} file={V2},line=1,title=figure changed::" in result.stdout


def test_github_escapes_percent_and_newlines(runner, versions):
    (versions / "a.txt").write_text("英伟达营收同比暴涨 62%。\n", encoding="utf-8")
    (versions / "b.txt").write_text("英伟达营收同比暴涨 65%。\n", encoding="utf-8")
    result = invoke(runner, "a.txt", "b.txt", "--format", "github")
    assert result.exit_code == 1
    assert "::error file=b.txt,line=1,title=figure changed::62%25 → 65%25 (value: 62 → 65)" in result.stdout.splitlines()


def test_no_claim_change_exits_0(runner, versions):
    (versions / "a.txt").write_text("Meta 宣布裁员 600 人。\n英伟达营收同比暴涨 62%。\n", encoding="utf-8")
    (versions / "b.txt").write_text("英伟达营收同比暴涨 62%!\n\nMeta 宣布裁员 600 人。\n", encoding="utf-8")
    result = invoke(runner, "a.txt", "b.txt")
    assert result.exit_code == 0, result.output
    assert "no claim changes" in result.stdout and "none fail" in result.stdout
    markdown = invoke(runner, "a.txt", "b.txt", "--format", "markdown")
    assert markdown.exit_code == 0 and markdown.stdout.startswith("**metaledger diff** ✅ no claim changes")
    data = _json(invoke(runner, "a.txt", "b.txt", "--format", "json"))
    assert data["summary"]["failing"] == 0 and data["summary"]["moved"] == 2  # a note, not a change


def test_json_summary(runner, repo):
    data = _json(invoke(runner, V1, V2, "--date", REFERENCE_DATE, "--format", "json", "--fail-on", "date"))
    assert data["schema"] == "metaledger-diff/1"
    summary = data["summary"]
    assert summary["fail_on"] == {"kinds": ["date"], "changes": ["changed", "added", "removed"]}
    assert summary["changed"] >= 1 and summary["moved"] >= 1 and summary["failing"] == sum(
        1 for c in _changes(data) if c["kind"] == "date" and c["change"] in ("changed", "added", "removed")
    )


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
    assert [(c["change"], c["new"]["canonical"]) for c in _changes(data)] == [("reworded", "Avocado")]
    assert data["articles"][0]["old_reference_date"] == data["articles"][0]["new_reference_date"] == "2025-01-02"
    assert _changes(_json(invoke(runner, "a.txt", "b.txt", "--format", "json"))) == []


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
    assert [(a["old_article"], a["new_article"], len(a["changes"])) for a in data["articles"]] == [
        (None, "extra", 2),
        ("layoffs", "layoffs", 1),
        ("nvidia", "nvidia", 0),
    ]
    assert data["articles"][0]["path"] == "new/extra.txt"
    github = invoke(runner, "old", "new", "--format", "github", "--fail-on", "entity")
    assert github.exit_code == 1
    assert github.stdout.splitlines()[:2] == [
        "::error file=new/extra.txt,line=1,title=article added::extra (new article): 2 claims added (1 entity, 1 figure)",
        "::warning file=new/layoffs.txt,line=1,title=figure changed::600 人 → 700 人 (value: 600 → 700)",
    ]
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
