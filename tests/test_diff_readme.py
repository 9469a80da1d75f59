"""The README's diff demo is the output of a real run (scripts/update_readme_diff.py writes it)."""

from __future__ import annotations

import importlib.util

from metaledger.cli import app

from conftest import ROOT


def _script():
    spec = importlib.util.spec_from_file_location("update_readme_diff", ROOT / "scripts" / "update_readme_diff.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_readme_diff_block_matches_a_real_run(runner, monkeypatch):
    monkeypatch.chdir(ROOT)
    script = _script()

    def run(args: list[str]) -> tuple[str, int]:
        result = runner.invoke(app, args, env={"COLUMNS": "100", "NO_COLOR": "1"})
        assert result.exit_code in (0, 1), result.output
        return result.stdout, result.exit_code

    expected = script.build_block(run)
    actual = script.current_block((ROOT / "README.md").read_text(encoding="utf-8"))
    assert actual == expected, "README diff demo is stale: run .venv/bin/python scripts/update_readme_diff.py"


def test_the_demo_command_fails_like_diff(runner, monkeypatch):
    monkeypatch.chdir(ROOT)
    script = _script()
    result = runner.invoke(app, script.MARKDOWN_ARGS)
    assert result.exit_code == 1, result.output
    assert script.MARKDOWN_ARGS[:5] == ["diff", "data/articles/meta-avocado.txt", "data/articles/meta-avocado-v2.txt", "--date", "2025-12-11"]
