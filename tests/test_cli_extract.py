"""metaledger extract through the CLI, as a user sees it."""

from __future__ import annotations

import json
import re

import pytest

import metaledger
from metaledger.cli import app

from conftest import REFERENCE_DATE, ROOT


def invoke(runner, *args):
    return runner.invoke(app, list(args))


def test_extract_writes_claims_yaml_and_a_summary(runner, workdir):
    result = invoke(runner, "extract", "articles/meta-avocado.txt")
    assert result.exit_code == 0, result.output
    assert "wrote claims.yaml" in result.stderr
    assert "meta-avocado" in result.stderr
    ledger = metaledger.load_ledger(workdir / "claims.yaml")
    assert [a.id for a in ledger.articles] == ["meta-avocado"]
    article = ledger.articles[0]
    assert article.reference_date == REFERENCE_DATE and article.reference_date_source == "sidecar"
    assert article.path == "articles/meta-avocado.txt"


def test_same_input_gives_byte_identical_ledgers(runner, workdir):
    for name in ("a.yaml", "b.yaml"):
        assert invoke(runner, "extract", "articles/meta-avocado.txt", "--date", REFERENCE_DATE, "-o", name).exit_code == 0
    assert (workdir / "a.yaml").read_bytes() == (workdir / "b.yaml").read_bytes()


def test_date_option_wins_over_sidecar(runner, workdir):
    result = invoke(runner, "extract", "articles/meta-avocado.txt", "--date", "2025-01-02", "-o", "-")
    ledger = metaledger.parse_ledger(result.stdout)
    assert ledger.articles[0].reference_date == "2025-01-02"
    assert ledger.articles[0].reference_date_source == "option"


@pytest.mark.parametrize("fmt", ["yaml", "json", "table"])
def test_formats_print_to_stdout_and_write_nothing(runner, workdir, fmt):
    result = invoke(runner, "extract", "articles/meta-avocado.txt", "--format", fmt)
    assert result.exit_code == 0, result.output
    assert not (workdir / "claims.yaml").exists()
    if fmt == "json":
        assert json.loads(result.stdout)["schema"] == "metaledger/1"
    elif fmt == "yaml":
        assert metaledger.parse_ledger(result.stdout).articles[0].id == "meta-avocado"
    else:
        assert "meta-avocado" in result.stdout and "entity" in result.stdout


def test_json_to_a_file_loads_back(runner, workdir):
    assert invoke(runner, "extract", "articles/meta-avocado.txt", "--format", "json", "-o", "c.json").exit_code == 0
    assert metaledger.load_ledger(workdir / "c.json").articles[0].id == "meta-avocado"


def test_extracting_into_an_existing_ledger_keeps_other_articles(runner, workdir):
    (workdir / "articles" / "other.txt").write_text("谷歌在 2024 年发布了 Gemini。", encoding="utf-8")
    assert invoke(runner, "extract", "articles/other.txt").exit_code == 0
    assert invoke(runner, "extract", "articles/meta-avocado.txt").exit_code == 0
    ledger = metaledger.load_ledger(workdir / "claims.yaml")
    assert [a.id for a in ledger.articles] == ["meta-avocado", "other"]


def test_folder_expands_to_its_articles_with_progress(runner, workdir):
    (workdir / "articles" / "other.txt").write_text("英伟达营收同比暴涨 62%。", encoding="utf-8")
    result = invoke(runner, "extract", "articles")
    assert result.exit_code == 0, result.output
    assert [a.id for a in metaledger.load_ledger(workdir / "claims.yaml").articles] == ["meta-avocado", "other"]


def test_check_passes_when_current_and_fails_with_a_diff(runner, workdir):
    assert invoke(runner, "extract", "articles/meta-avocado.txt").exit_code == 0
    result = invoke(runner, "extract", "articles/meta-avocado.txt", "--check")
    assert result.exit_code == 0, result.output
    assert "up to date" in result.stderr
    ledger_path = workdir / "claims.yaml"
    stale = ledger_path.read_text(encoding="utf-8").replace("  value: 600\n", "  value: 700\n")
    ledger_path.write_text(stale, encoding="utf-8")
    result = invoke(runner, "extract", "articles/meta-avocado.txt", "--check")
    assert result.exit_code == 1
    assert "-  value: 700" in result.stdout and "+  value: 600" in result.stdout
    assert ledger_path.read_text(encoding="utf-8") == stale  # --check writes nothing


def test_check_without_a_ledger_exits_1(runner, workdir):
    result = invoke(runner, "extract", "articles/meta-avocado.txt", "--check")
    assert result.exit_code == 1
    assert "does not exist" in result.stderr


def _one_line_error(result, code: int, fragment: str) -> None:
    assert result.exit_code == code, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("metaledger: error: ")
    assert fragment in lines[0]
    assert "Traceback" not in result.output


@pytest.mark.parametrize(
    "content, fragment",
    [(None, "no such file"), (b"", "empty"), (b"  \n\t", "whitespace"), (b"\x00\x01binary\x00", "binary"), (b"\xff\xfe\xfd\x80\x81" * 10, "cannot decode")],
    ids=["missing", "empty", "whitespace", "binary", "undecodable"],
)
def test_bad_articles_give_one_line_and_exit_3_and_keep_the_ledger(runner, workdir, content, fragment):
    assert invoke(runner, "extract", "articles/meta-avocado.txt").exit_code == 0
    before = (workdir / "claims.yaml").read_bytes()
    if content is not None:
        (workdir / "bad.txt").write_bytes(content)
    result = invoke(runner, "extract", "bad.txt")
    _one_line_error(result, 3, fragment)
    assert "bad.txt" in result.stderr
    assert (workdir / "claims.yaml").read_bytes() == before


def test_broken_ledger_target_exits_3_untouched(runner, workdir):
    broken = b"schema: metaledger/1\narticles: [\n"
    (workdir / "claims.yaml").write_bytes(broken)
    result = invoke(runner, "extract", "articles/meta-avocado.txt")
    _one_line_error(result, 3, "claims.yaml")
    assert (workdir / "claims.yaml").read_bytes() == broken


@pytest.mark.parametrize(
    "args, fragment",
    [(["--date", "2025-13-01"], "--date"), (["--date", "yesterday"], "--date"), (["--format", "xml"], "--format")],
)
def test_bad_options_exit_2_with_one_line(runner, workdir, args, fragment):
    result = invoke(runner, "extract", "articles/meta-avocado.txt", *args)
    _one_line_error(result, 2, fragment)


def test_gb18030_and_big5_copies_give_the_same_claims(runner, workdir):
    text = (workdir / "articles" / "meta-avocado.txt").read_text(encoding="utf-8")
    (workdir / "gb").mkdir()
    (workdir / "gb" / "meta-avocado.txt").write_bytes(text.encode("gb18030"))
    result = invoke(runner, "extract", "gb/meta-avocado.txt", "--date", REFERENCE_DATE, "-o", "gb.yaml")
    assert result.exit_code == 0, result.output
    invoke(runner, "extract", "articles/meta-avocado.txt", "--date", REFERENCE_DATE, "-o", "utf8.yaml")
    gb = metaledger.load_ledger(workdir / "gb.yaml")
    utf8 = metaledger.load_ledger(workdir / "utf8.yaml")
    assert gb.claims == utf8.claims
    assert gb.articles[0].encoding == "gb18030"


def test_version_and_help_on_every_command(runner):
    result = invoke(runner, "--version")
    assert result.exit_code == 0 and re.match(r"metaledger \d+\.\d+", result.stdout)
    commands = app.registered_commands
    assert commands
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for command in commands:
        name = command.name or command.callback.__name__
        result = invoke(runner, name, "--help")
        assert result.exit_code == 0
        assert "Example" in result.stdout, f"{name} --help has no example"
        assert f"metaledger {name}" in readme, f"README does not document {name}"


def test_python_dash_m_runs(tmp_path):
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-m", "metaledger", "--version"], capture_output=True, text=True)
    assert done.returncode == 0 and done.stdout.startswith("metaledger ")
