"""The README's diff demo is the output of a real run (scripts/update_readme_diff.py writes it)."""

from __future__ import annotations

from metaledger.cli import app

from conftest import ROOT, load_script, readme_run


def _script():
    return load_script("update_readme_diff")


def test_readme_diff_block_matches_a_real_run(runner, monkeypatch):
    monkeypatch.chdir(ROOT)
    script = _script()
    expected = script.build_block(readme_run(runner))
    actual = script.current_block((ROOT / "README.md").read_text(encoding="utf-8"))
    assert actual == expected, "README diff demo is stale: run .venv/bin/python scripts/update_readme_diff.py"


def test_the_demo_command_fails_like_diff(runner, monkeypatch):
    monkeypatch.chdir(ROOT)
    script = _script()
    result = runner.invoke(app, script.MARKDOWN_ARGS)
    assert result.exit_code == 1, result.output
    assert script.MARKDOWN_ARGS[:5] == ["diff", "data/articles/meta-avocado.txt", "data/articles/meta-avocado-v2.txt", "--date", "2025-12-11"]
