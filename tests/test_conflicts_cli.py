"""metaledger conflicts through the CLI: exact output for the constructed cases, formats, filters,
exit codes (0 none, 1 found, 2 usage, 3 input) and the documentation."""

from __future__ import annotations

import json

import conflict_cases as cases
import pytest
import yaml

from metaledger.cli import app
from metaledger.ledger.store import dump_ledger

from conftest import ROOT

LEDGERS = {
    "quakes.yaml": (cases.quake_a, cases.quake_b, cases.quake_c, cases.quake_august),
    "fire.yaml": (cases.fire_city_desk, cases.fire_agency),
    "tolls.yaml": (cases.toll_evening, cases.toll_next_day),
    "one-article.yaml": (cases.fire_two_tolls,),
}


@pytest.fixture
def folder(tmp_path, monkeypatch):
    """The constructed report ledgers in a temporary current folder."""
    monkeypatch.chdir(tmp_path)
    for name, builders in LEDGERS.items():
        (tmp_path / name).write_text(dump_ledger(cases.reports(*builders)), encoding="utf-8")
    return tmp_path


def run(runner, *args, columns=120):
    return runner.invoke(app, ["conflicts", *args], env={"COLUMNS": str(columns), "NO_COLOR": "1"})


QUAKES_MD = r"""**metaledger conflicts** ❌ 2 facts stated more than once: 1 conflict, 0 updates, 1 agreed; 10 statements read from 4 articles; 1 fail (--fail-on conflict)

❌ **conflict: magnitude · earthquake at 汶川县** · 3 articles

- event class: earthquake, the main event (not 余震)
- place: 汶川县; also written 汶川
- dates: the statements' windows overlap on 2008-05-11 … 2008-05-13
- attribute: magnitude (unit magnitude)
- values: A admits 7.75–7.85 · B admits 7.55–7.65; they do not meet

| reading | value | as of | claim | per | certainty | sentence |
|---|---|---|---|---|---|---|
| A | 7.8级 → 7.8 magnitude | 2008-05-12 (report) | `quake-a:figure:7.8-magnitude:1`<br>reports/quake-a.txt:1 | — | asserted | 5月12日14时27分57.9秒，四川省汶川县发生**7.8级**地震。 |
| A | 7.8级 → 7.8 magnitude | 2008-05-12 (report) | `quake-b:figure:7.8-magnitude:1`<br>reports/quake-b.txt:1 | 中国地震台网 | reported | 据中国地震台网测定，12日14时28分，四川汶川发生强烈地震，震级为**7.8级**。 |
| B | 7.6级 → 7.6 magnitude | 2008-05-12 (report) | `quake-c:figure:7.6-magnitude:1`<br>reports/quake-c.txt:1 | — | asserted | 四川汶川县12日发生**7.6级**地震，成都震感强烈。 |

<details><summary>1 agreed fact</summary>

- ✅ onset · earthquake at 汶川县: A 5月12日14时27分57.9秒 → 2008-05-12 14:27:57.9 ×3 (quake-a, quake-b, quake-c)

</details>
"""

ONE_ARTICLE_MD = r"""**metaledger conflicts** ❌ 1 fact stated more than once: 1 conflict, 0 updates, 0 agreed; 2 statements read from 1 article; 1 fail (--fail-on conflict)

❌ **conflict: deaths · fire at 朝阳区** · 1 article

- event class: fire
- place: 朝阳区; 1 statement(s) name no place
- dates: the statements' windows overlap on 2024-01-06 … 2024-01-13
- attribute: deaths (unit person); a running count: larger as of a later time is an update
- values: A admits 16 · B admits 18; they do not meet

| reading | value | as of | claim | per | certainty | sentence |
|---|---|---|---|---|---|---|
| A | 16人 → 16 person | 2024-01-13 08:00 (截至13日8时) | `fire-two-tolls:figure:16-person:1`<br>reports/fire-two-tolls.txt:1 | — | asserted | 截至13日8时，朝阳区仓库火灾已造成**16人**死亡。 |
| B | 18人 → 18 person | 2024-01-13 08:00 (截至13日8时) | `fire-two-tolls:figure:18-person:1`<br>reports/fire-two-tolls.txt:2 | — | reported | 另据现场消息，截至13日8时，这起火灾已造成**18人**遇难。 |
"""

TOLLS_TIMELINE_MD = r"""**metaledger conflicts** ✅ 1 fact stated more than once: 0 conflicts, 1 update, 0 agreed; 2 statements read from 2 articles; none fail (--fail-on conflict)

↗ **update: deaths · earthquake at 汶川** · 2 articles

- event class: earthquake, the main event (not 余震)
- place: 汶川
- dates: the statements' windows overlap on 2008-05-06 … 2008-05-12
- attribute: deaths (unit person); a running count: larger as of a later time is an update
- values: A admits 107 · B admits 8000–10000; they do not meet

| step | value | as of | claim | per | certainty | sentence |
|---|---|---|---|---|---|---|
| A first | 107人 → 107 person | 2008-05-12 18:00 (截至12日18时) | `toll-evening:figure:107-person:1`<br>reports/toll-evening.txt:1 | — | asserted | 截至12日18时，汶川地震已造成**107人**死亡。 |
| B ↑ update | 近万人 → 10000 person \[at\_most\] | 2008-05-13 (report) | `toll-next-day:figure:10000-person:1`<br>reports/toll-next-day.txt:1 | — | asserted | 汶川地震已造成**近万人**死亡。 |
"""

FIRE_MD = r"""**metaledger conflicts** ❌ 1 fact stated more than once: 1 conflict, 0 updates, 0 agreed; 2 statements read from 2 articles; 1 fail (--fail-on conflict)

❌ **conflict: deaths · fire at 朝阳区** · 2 articles

- event class: fire
- place: 朝阳区
- dates: the statements' windows overlap on 2024-01-06 … 2024-01-13
- attribute: deaths (unit person); a running count: larger as of a later time is an update
- values: A admits 18 · B admits 16; they do not meet

| reading | value | as of | claim | per | certainty | sentence |
|---|---|---|---|---|---|---|
| A | 18人 → 18 person | 2024-01-13 08:00 (截至13日8时) | `fire-agency:figure:18-person:1`<br>reports/fire-agency.txt:1 | 北京市应急管理局 | asserted | 据北京市应急管理局通报，截至13日8时，朝阳区仓库火灾死亡人数为**18人**。 |
| B | 16人 → 16 person | 2024-01-13 08:00 (截至13日8时) | `fire-city-desk:figure:16-person:1`<br>reports/fire-city-desk.txt:1 | — | asserted | 截至13日8时，朝阳区一处仓库火灾已造成**16人**死亡。 |
"""

SEED_MD = r"""**metaledger conflicts** ❌ 1 fact stated more than once: 1 conflict, 0 updates, 0 agreed; 2 statements read from 2 articles; 1 fail (--fail-on conflict)

❌ **conflict: layoffs · layoff by Meta** · 2 articles

- event class: layoff
- actor: Meta
- dates: the statements' windows overlap on 2025-11-10 … 2025-12-11
- attribute: layoffs (unit person)
- values: A admits 600 · B admits 700; they do not meet

| reading | value | as of | claim | per | certainty | sentence |
|---|---|---|---|---|---|---|
| A | 600 人 → 600 person | 2025-12-11 (report) | `meta-avocado:figure:600-person:1`<br>data/articles/meta-avocado.txt:1 | — | asserted | …放的 Llama 4 黯然失色,Meta 内部地震频发:首席 AI 科学家离职、**600 人**裁员、顶级大佬空降、开源战略转向。 |
| B | 700 人 → 700 person | 2025-12-11 (report) | `meta-avocado-v2:figure:700-person:1`<br>data/articles/meta-avocado-v2.txt:1 | — | asserted | …放的 Llama 4 黯然失色,Meta 内部地震频发:首席 AI 科学家离职、**700 人**裁员、顶级大佬空降、开源战略转向。 |
"""

FIRE_TABLE = r"""CONFLICT  deaths · fire at 朝阳区  (2 articles)
┏━━━┳━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━┓
┃   ┃ value            ┃ as of               ┃ claim              ┃ per              ┃ certainty ┃ sentence            ┃
┡━━━╇━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━┩
│ A │ 18人 → 18 person │ 2024-01-13 08:00    │ fire-agency:figure │ 北京市应急管理局 │ asserted  │ 据北京市应急管理局  │
│   │                  │ (截至13日8时)       │ :18-person:1       │                  │           │ 通报，截至13日8时， │
│   │                  │                     │ reports/fire-agenc │                  │           │ 朝阳区仓库火灾死亡  │
│   │                  │                     │ y.txt:1            │                  │           │ 人数为⟦18人⟧。      │
│ B │ 16人 → 16 person │ 2024-01-13 08:00    │ fire-city-desk:fig │ —                │ asserted  │ 截至13日8时，朝阳区 │
│   │                  │ (截至13日8时)       │ ure:16-person:1    │                  │           │ 一处仓库火灾已造成⟦ │
│   │                  │                     │ reports/fire-city- │                  │           │ 16人⟧死亡。         │
│   │                  │                     │ desk.txt:1         │                  │           │                     │
└───┴──────────────────┴─────────────────────┴────────────────────┴──────────────────┴───────────┴─────────────────────┘
  event class: fire
  place: 朝阳区
  dates: the statements' windows overlap on 2024-01-06 … 2024-01-13
  attribute: deaths (unit person); a running count: larger as of a later time is an update
  values: A admits 18 · B admits 16; they do not meet

1 fact stated more than once: 1 conflict, 0 updates, 0 agreed; 2 statements read from 2 articles; 1 fail (--fail-on conflict)
"""


# ---- the constructed cases, exact output ------------------------------------------------------

@pytest.mark.parametrize("ledger, options, expected, code", [
    ("quakes.yaml", [], QUAKES_MD, 1),              # a report edited to say 7.6级
    ("fire.yaml", [], FIRE_MD, 1),                  # 16 and 18 dead at the same hour
    ("tolls.yaml", ["--timeline"], TOLLS_TIMELINE_MD, 0),  # 107 at 18时, 近万 the next day: an update
    ("one-article.yaml", [], ONE_ARTICLE_MD, 1),    # one article, two tolls for one time
], ids=["7.6-vs-7.8", "16-vs-18-dead", "update-timeline", "within-one-article"])
def test_constructed_cases_in_markdown(runner, folder, ledger, options, expected, code):
    result = run(runner, ledger, "--format", "markdown", *options)
    assert (result.exit_code, result.stdout) == (code, expected)


def test_seed_article_against_its_v2(runner, monkeypatch):
    monkeypatch.chdir(ROOT)
    result = run(runner, "--format", "markdown", "--kind", "layoffs")  # ./claims.yaml by default
    assert (result.exit_code, result.stdout) == (1, SEED_MD)


def test_the_table_quotes_each_side(runner, folder):
    result = run(runner, "fire.yaml")
    assert (result.exit_code, result.stdout) == (1, FIRE_TABLE)


# ---- formats, options, exit codes -------------------------------------------------------------

def test_json_and_yaml_hold_the_same_report(runner, folder):
    data = json.loads(run(runner, "quakes.yaml", "--format", "json").stdout)
    assert data == yaml.safe_load(run(runner, "quakes.yaml", "--format", "yaml").stdout)
    assert data["schema"] == "metaledger-conflicts/1"
    assert {k: data["summary"][k] for k in ("facts", "conflicts", "updates", "agreed", "failing")} == {
        "facts": 2, "conflicts": 1, "updates": 0, "agreed": 1, "failing": 1}
    conflict = data["facts"][0]
    assert conflict["relations"] == [
        {"kind": "conflict", "first": "quake-a:figure:7.8-magnitude:1", "second": "quake-c:figure:7.6-magnitude:1"},
    ]
    side = conflict["statements"][1]
    assert {k: side[k] for k in ("claim", "article", "path", "line", "sentence", "attribution", "certainty", "reading")} == {
        "claim": "quake-b:figure:7.8-magnitude:1", "article": "quake-b", "path": "reports/quake-b.txt", "line": 1,
        "sentence": "据中国地震台网测定，12日14时28分，四川汶川发生强烈地震，震级为7.8级。",
        "attribution": "中国地震台网", "certainty": "reported", "reading": "A"}
    onset = data["facts"][1]["statements"]
    assert [s["admits"] for s in onset] == [
        {"from": "2008-05-12 14:27:57.85", "before": "2008-05-12 14:27:58"},  # rounded or truncated to 57.9
        {"from": "2008-05-12 14:27:30", "before": "2008-05-12 14:29"},
        {"from": "2008-05-12 00:00", "before": "2008-05-13 00:00"},
    ]


@pytest.mark.parametrize("fail_on, code", [("conflict", 0), ("any", 1), ("none", 0)])
def test_fail_on_decides_the_exit_code_and_never_what_is_shown(runner, folder, fail_on, code):
    result = run(runner, "tolls.yaml", "--fail-on", fail_on)
    assert result.exit_code == code
    assert "UPDATE  deaths · earthquake at 汶川  (2 articles)" in result.stdout and "│ B ↑ update │" in result.stdout


def test_an_update_is_folded_as_its_timeline_in_markdown(runner, folder):
    result = run(runner, "tolls.yaml", "--format", "markdown")
    assert result.exit_code == 0
    assert "<details><summary>1 update of a running count</summary>" in result.stdout
    assert "| B ↑ update | 近万人 → 10000 person \\[at\\_most\\] | 2008-05-13 (report) |" in result.stdout


def test_no_fact_stated_twice_exits_0(runner, folder):
    result = run(runner, "quakes.yaml", "--kind", "deaths", "--format", "json")
    assert result.exit_code == 0 and json.loads(result.stdout)["facts"] == []


def test_entity_by_alias_since_and_until(runner, folder):
    titles = lambda *args: [f["title"] for f in json.loads(run(runner, *args, "--format", "json").stdout)["facts"]]  # noqa: E731
    every = ["quakes.yaml", "tolls.yaml", "fire.yaml"]
    assert titles(*every, "--entity", "四川") == titles(*every, "-e", "Sichuan") == [
        "magnitude · earthquake at 汶川县", "deaths · earthquake at 汶川县", "onset · earthquake at 汶川县"]
    assert titles(*every, "--since", "2024") == ["deaths · fire at 朝阳区"]
    assert titles(*every, "--until", "2008-05") == ["magnitude · earthquake at 汶川县", "deaths · earthquake at 汶川县",
                                                     "onset · earthquake at 汶川县"]


def test_the_context_option_cuts_the_quoted_sentence(runner, folder):
    result = run(runner, "fire.yaml", "--format", "markdown", "--context", "0")
    assert "| …**18人**… |" in result.stdout and "| …**16人**… |" in result.stdout


@pytest.mark.parametrize("args, message", [
    (["--format", "csv"], "--format must be one of table, json, yaml, markdown"),
    (["--fail-on", "changed"], "--fail-on must be one of conflict, any, none"),
    (["--kind", "colour"], "--kind must be one of magnitude, deaths"),
    (["--since", "2008-13"], "--since: '2008-13' has no month 13"),
    (["--since", "2009", "--until", "2008"], "--since 2009 is after --until 2008"),
    (["--entity", "汶川乡"], "--entity: no entity '汶川乡' in the ledgers; closest: 汶川"),
])
def test_usage_errors_exit_2(runner, folder, args, message):
    result = run(runner, "quakes.yaml", "tolls.yaml", *args)
    assert result.exit_code == 2 and message in result.stderr


def test_bad_input_exits_3(runner, folder):
    (folder / "broken.yaml").write_text("schema: metaledger/1\narticles: [\n", encoding="utf-8")
    assert run(runner, "broken.yaml").exit_code == 3
    assert run(runner, "missing.yaml").exit_code == 3


# ---- documentation ----------------------------------------------------------------------------

def test_every_option_has_help_and_is_in_the_readme(runner):
    import typer.main

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("<!-- section: conflicts (issue 18) -->")[1].split("<!-- end section: conflicts -->")[0]
    command = typer.main.get_command(app).commands["conflicts"]
    assert command.help and "metaledger conflicts" in section
    for parameter in command.params:
        assert parameter.help, f"conflicts {parameter.name} has no help"
        for option in getattr(parameter, "opts", []):
            if option.startswith("--") and option != "--help":
                assert option in section, f"conflicts {option} is not documented in the README"
    assert "| 1 | differences found (`extract --check`, `diff`, `conflicts` with a conflict)" in readme
