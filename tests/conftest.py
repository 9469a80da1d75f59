"""Shared fixtures: the bundled article, its gold annotation and a CLI runner."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings

ROOT = Path(__file__).resolve().parent.parent
ARTICLE = ROOT / "data" / "articles" / "meta-avocado.txt"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
GOLD = FIXTURES / "gold" / "meta-avocado.gold.yaml"
REFERENCE_DATE = "2025-12-11"

# CI runs a few hundred examples per property; `make fuzz` raises this to thousands.
settings.register_profile("ci", max_examples=100, deadline=None)
settings.register_profile("fuzz", max_examples=int(os.environ.get("FUZZ_EXAMPLES", "10000")), deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


@pytest.fixture
def runner():
    from typer.testing import CliRunner

    return CliRunner()


@pytest.fixture
def article_text() -> str:
    return ARTICLE.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def gold() -> dict:
    import yaml

    return yaml.safe_load(GOLD.read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def seed_ledger():
    """The bundled article extracted with the gold's reference date (shared, read-only)."""
    import metaledger

    return metaledger.extract_file(ARTICLE, reference_date=REFERENCE_DATE)


@pytest.fixture
def workdir(tmp_path, monkeypatch):
    """A temporary current directory holding a copy of the bundled article and its sidecar."""
    (tmp_path / "articles").mkdir()
    for source in ARTICLE.parent.glob(ARTICLE.stem + ".*"):  # the article and its sidecar, not other versions
        (tmp_path / "articles" / source.name).write_bytes(source.read_bytes())
    monkeypatch.chdir(tmp_path)
    return tmp_path


def load_script(name: str):
    """A script of scripts/ as a module (scripts are not a package)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def readme_run(runner):
    """run(args) -> (stdout, exit code) of the CLI as the README demo scripts run it (100 columns, no colour)."""
    from metaledger.cli import app

    def run(args: list[str]) -> tuple[str, int]:
        result = runner.invoke(app, args, env={"COLUMNS": "100", "NO_COLOR": "1"})
        assert result.exit_code in (0, 1), result.output
        return result.stdout, result.exit_code

    return run
