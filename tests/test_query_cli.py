"""metaledger query / entities / show through the CLI, as a user or a script sees them."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest
import yaml

from metaledger.cli import app
from metaledger.ledger.store import dump_ledger

from conftest import ROOT
from test_query import chips_ledger, tech_ledger


@pytest.fixture
def ledgers(tmp_path, monkeypatch):
    """tech.yaml and chips.yaml in a temporary current folder, tech also as ./claims.yaml."""
    monkeypatch.chdir(tmp_path)
    for name, ledger in (("tech.yaml", tech_ledger()), ("chips.yaml", chips_ledger()), ("claims.yaml", tech_ledger())):
        (tmp_path / name).write_text(dump_ledger(ledger), encoding="utf-8")
    return tmp_path


def invoke(runner, *args):
    return runner.invoke(app, list(args))


def ids(runner, *args) -> list[str]:
    result = invoke(runner, *args, "--format", "json")
    assert result.exit_code == 0, result.output
    return [claim["id"] for claim in json.loads(result.stdout)]


# ---- query ------------------------------------------------------------------------------

def test_query_an_alias_defaults_to_claims_yaml_and_prints_a_table(runner, ledgers):
    result = invoke(runner, "query", "--entity", "小扎")
    assert result.exit_code == 0, result.output
    assert "tech:entity:mark-zuckerberg:1" in result.stdout and "tech:event:statement-小扎:1" in result.stdout
    assert "2 claim(s) about Mark Zuckerberg in 1 article(s)" in result.stderr


@pytest.mark.parametrize("option, name", [("--entity", "紮克伯格"), ("--entity", "扎克伯格"),
                                          ("--entity", "mark zuckerberg"), ("-e", "Zuckerberg")])
def test_traditional_and_latin_names_give_the_same_claims(runner, ledgers, option, name):
    assert ids(runner, "query", option, name) == ids(runner, "query", "--entity", "小扎")


@pytest.mark.parametrize("name", ["谷歌", "穀歌", "Google", "GOOGLE"])
def test_google_by_any_name(runner, ledgers, name):
    assert ids(runner, "query", "--entity", name) == [
        "tech:entity:google:1", "tech:event:release-google-gemini:1", "tech:event:release-google:1",
    ]


def test_json_output_is_the_ledger_records(runner, ledgers):
    result = invoke(runner, "query", "--entity", "英伟达", "--format", "json")
    records = json.loads(result.stdout)
    assert [r["kind"] for r in records] == ["entity", "event", "figure"]
    event = records[1]
    assert (event["type"], event["attribution"], event["certainty"]) == ("growth", "Bloomberg", "reported")
    assert event["figure_ids"] == [records[2]["id"]]
    assert result.stderr == ""


def test_yaml_output_parses_to_the_same_records(runner, ledgers):
    as_yaml = yaml.safe_load(invoke(runner, "query", "--entity", "Meta", "--format", "yaml").stdout)
    as_json = json.loads(invoke(runner, "query", "--entity", "Meta", "--format", "json").stdout)
    assert as_yaml == as_json and len(as_json) == 3


def test_csv_output_has_every_claim_field(runner, ledgers):
    result = invoke(runner, "query", "tech.yaml", "chips.yaml", "--entity", "Nvidia", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert list(rows[0])[:8] == ["id", "kind", "article", "sentence", "start", "end", "text", "rule"]
    assert {"canonical", "start_date", "value", "unit", "certainty", "date_ids", "figure_ids"} <= set(rows[0])
    layoff = next(r for r in rows if r["kind"] == "event" and r["article"] == "chips")
    assert (layoff["polarity"], layoff["certainty"], layoff["date_ids"]) == ("negative", "hedged", "chips:date:2025-03:1")
    figure = next(r for r in rows if r["kind"] == "figure")
    assert (figure["value"], figure["unit"], figure["canonical"]) == ("62", "percent", "")


def test_several_ledgers_at_once(runner, ledgers):
    found = ids(runner, "query", "tech.yaml", "chips.yaml", "--entity", "Meta", "--kind", "entity")
    assert found == ["chips:entity:meta:1", "tech:entity:meta:1"]


def test_the_same_ledger_twice_counts_once(runner, ledgers):
    assert ids(runner, "query", "tech.yaml", "claims.yaml") == ids(runner, "query")


def test_date_range_overlap(runner, ledgers):
    november = ids(runner, "query", "--entity", "英伟达", "--from", "2025-11", "--to", "2025-11")
    assert november == ["tech:entity:nvidia:1", "tech:event:growth-nvidia:1", "tech:figure:62-percent:1"]
    assert ids(runner, "query", "--kind", "date", "--from", "2024-06-15", "--to", "2024-06-15") == ["tech:date:2024:1"]
    assert ids(runner, "query", "chips.yaml", "--kind", "date", "--to", "2025-02") == []
    assert ids(runner, "query", "chips.yaml", "--kind", "date", "--from", "2025-03-31") == ["chips:date:2025-03:1"]


def test_kind_type_certainty_article_filters(runner, ledgers):
    both = ("tech.yaml", "chips.yaml")
    assert ids(runner, "query", *both, "--type", "layoff") == ["chips:event:layoff-nvidia:1", "tech:event:layoff-meta:1"]
    assert ids(runner, "query", *both, "--type", "PERSON", "--article", "chips") == [
        "chips:entity:jensen-huang:1", "chips:entity:mark-zuckerberg:1",
    ]
    assert ids(runner, "query", *both, "--certainty", "hedged", "--certainty", "reported") == [
        "chips:event:layoff-nvidia:1", "tech:event:growth-nvidia:1",
    ]
    assert ids(runner, "query", *both, "--kind", "figure", "--kind", "date", "--article", "chips") == [
        "chips:date:2025-03:1", "chips:figure:26-percent:1",
    ]


def test_query_without_entity_lists_everything_in_order(runner, ledgers):
    everything = ids(runner, "query", "tech.yaml")
    assert len(everything) == len(tech_ledger().claims) and everything[0] == "tech:entity:bloomberg:1"


def test_filters_that_match_nothing_exit_0_with_empty_output(runner, ledgers):
    result = invoke(runner, "query", "--entity", "小扎", "--kind", "figure", "--format", "json")
    assert (result.exit_code, json.loads(result.stdout)) == (0, [])
    table = invoke(runner, "query", "--entity", "小扎", "--kind", "figure")
    assert table.exit_code == 0 and table.stdout == "" and "0 claim(s)" in table.stderr


def test_lexicon_adds_names_for_the_query(runner, ledgers):
    (ledgers / "names.yaml").write_text("entities:\n- {canonical: Nvidia, type: ORG, aliases: [N记]}\n", encoding="utf-8")
    assert invoke(runner, "query", "--entity", "N记").exit_code == 1
    assert ids(runner, "query", "--entity", "N记", "--lexicon", "names.yaml")[0] == "tech:entity:nvidia:1"


@pytest.mark.parametrize("fmt, empty", [("json", []), ("yaml", []), ("csv", None), ("table", None)])
def test_unknown_entity_exits_1_with_suggestions_and_parseable_output(runner, ledgers, fmt, empty):
    result = invoke(runner, "query", "--entity", "扎克伯哥", "--format", fmt)
    assert result.exit_code == 1
    assert result.stderr.startswith("metaledger: no claims for '扎克伯哥'; closest: 扎克伯格 (Mark Zuckerberg)")
    if fmt == "json":
        assert json.loads(result.stdout) == empty
    elif fmt == "yaml":
        assert yaml.safe_load(result.stdout) == empty
    elif fmt == "csv":
        assert list(csv.reader(io.StringIO(result.stdout)))[0][0] == "id" and result.stdout.count("\n") == 1
    else:
        assert result.stdout == ""


def test_a_known_name_without_claims_says_so(runner, ledgers):
    result = invoke(runner, "query", "--entity", "亚马逊")
    assert result.exit_code == 1 and "no claims for '亚马逊'" in result.stderr


@pytest.mark.parametrize("option, value, message", [
    ("--article", "tec", "no article 'tec' in the ledger; closest: tech"),
    ("--type", "layof", "no claims of type 'layof'; closest: layoff"),
])
def test_unknown_article_or_type_exits_1(runner, ledgers, option, value, message):
    result = invoke(runner, "query", option, value)
    assert result.exit_code == 1 and message in result.stderr


@pytest.mark.parametrize("args, message", [
    (["--format", "xml"], "--format must be one of table, json, yaml, csv"),
    (["--kind", "person"], "--kind must be one of entity, date, figure, event"),
    (["--certainty", "sure"], "--certainty must be one of asserted, reported, hedged"),
    (["--from", "November"], "--from: 'November' is not a date"),
    (["--to", "2025-02-30"], "--to: '2025-02-30' is not a day of 2025-02"),
    (["--from", "2025-12", "--to", "2025-11"], "--from 2025-12 is after --to 2025-11"),
])
def test_bad_options_exit_2(runner, ledgers, args, message):
    result = invoke(runner, "query", *args)
    assert result.exit_code == 2 and message in result.stderr


@pytest.mark.parametrize("command", [["query"], ["entities"], ["show", "tech:entity:meta:1"]])
def test_broken_ledger_exits_3(runner, ledgers, command):
    (ledgers / "broken.yaml").write_text("schema: metaledger/1\nclaims: [{id: x}]\n", encoding="utf-8")
    result = invoke(runner, *command, "broken.yaml")
    assert result.exit_code == 3
    assert re.match(r"metaledger: error: broken.yaml: invalid ledger: claims\[0\]", result.stderr)


def test_missing_ledger_exits_3(runner, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = invoke(runner, "query", "--entity", "小扎")
    assert result.exit_code == 3 and "claims.yaml: no such ledger file" in result.stderr


def test_conflicting_ledgers_exit_3(runner, ledgers):
    other = tech_ledger().model_copy(update={"claims": tech_ledger().claims[:3]})
    (ledgers / "old.yaml").write_text(dump_ledger(other), encoding="utf-8")
    result = invoke(runner, "query", "tech.yaml", "old.yaml")
    assert result.exit_code == 3 and "article 'tech' differs between tech.yaml and old.yaml" in result.stderr


# ---- entities ---------------------------------------------------------------------------

def test_entities_table_lists_names_aliases_and_counts(runner, ledgers):
    result = invoke(runner, "entities", "tech.yaml", "chips.yaml")
    assert result.exit_code == 0, result.output
    assert "Mark Zuckerberg" in result.stdout and "小扎 ×1" in result.stdout and "扎克伯格 ×1" in result.stdout
    assert "7 entities" in result.stderr  # Meta, Mark Zuckerberg, Nvidia, Jensen Huang, Bloomberg, Google, Gemini


def test_entities_json_and_yaml(runner, ledgers):
    records = json.loads(invoke(runner, "entities", "tech.yaml", "chips.yaml", "--format", "json").stdout)
    zuckerberg = next(r for r in records if r["canonical"] == "Mark Zuckerberg")
    assert zuckerberg == {"canonical": "Mark Zuckerberg", "type": "PERSON", "mentions": 2,
                          "articles": ["chips", "tech"], "events": 1, "aliases": {"小扎": 1, "扎克伯格": 1}}
    as_yaml = yaml.safe_load(invoke(runner, "entities", "tech.yaml", "chips.yaml", "--format", "yaml").stdout)
    assert as_yaml == records


def test_entities_csv_and_type_filter(runner, ledgers):
    result = invoke(runner, "entities", "tech.yaml", "chips.yaml", "--type", "person", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [r["canonical"] for r in rows] == ["Mark Zuckerberg", "Jensen Huang"]
    assert rows[0]["articles"] == "chips;tech" and set(rows[0]["aliases"].split(";")) == {"小扎", "扎克伯格"}


def test_entities_of_one_article(runner, ledgers):
    records = json.loads(invoke(runner, "entities", "tech.yaml", "chips.yaml", "--article", "chips", "--format", "json").stdout)
    assert {r["canonical"] for r in records} == {"Jensen Huang", "Nvidia", "Mark Zuckerberg", "Meta"}
    assert all(r["articles"] == ["chips"] for r in records)


def test_entities_bad_type_or_article(runner, ledgers):
    assert invoke(runner, "entities", "--type", "COMPANY").exit_code == 2
    result = invoke(runner, "entities", "--article", "chip", "--format", "json")
    assert result.exit_code == 1 and json.loads(result.stdout) == []


# ---- show -------------------------------------------------------------------------------

def test_show_marks_the_span_in_its_sentence(runner, ledgers):
    result = invoke(runner, "show", "tech:entity:mark-zuckerberg:1")
    assert result.exit_code == 0, result.output
    page = re.sub(r"\s+", "", result.stdout)
    assert "⟦小扎⟧说Meta将在2026年裁员600人。" in page
    assert "MarkZuckerberg(PERSON):1mention(s)in1article(s),1event(s)" in page
    assert "tech:event:statement-小扎:1" in page  # the same sentence's claims


def test_show_an_event_with_its_links(runner, ledgers):
    result = invoke(runner, "show", "tech:event:growth-nvidia:1", "--format", "json")
    record = json.loads(result.stdout)
    assert record["claim"]["type"] == "growth"
    assert record["highlight"]["before"] + record["highlight"]["text"] + record["highlight"]["after"] == record["sentence"]["text"]
    assert [d["timex"] for d in record["dates"]] == ["2025-11-20"]
    assert [f["value"] for f in record["figures"]] == [62]
    assert record["article"] == {"id": "tech", "title": None, "path": None, "reference_date": "2025-12-11"}
    table = invoke(runner, "show", "tech:event:growth-nvidia:1").stdout
    assert "tech:date:2025-11-20:1" in table and "tech:figure:62-percent:1" in table


def test_show_a_figure_lists_the_events_linking_it_as_yaml(runner, ledgers):
    record = yaml.safe_load(invoke(runner, "show", "tech:figure:600-person:1", "--format", "yaml").stdout)
    assert [e["id"] for e in record["linked_from"]] == ["tech:event:layoff-meta:1"]
    assert record["entity"] is None


def test_show_from_several_ledgers(runner, ledgers):
    result = invoke(runner, "show", "chips:event:layoff-nvidia:1", "tech.yaml", "chips.yaml")
    assert result.exit_code == 0 and "⟦裁员⟧" in result.stdout


@pytest.mark.parametrize("fmt, empty", [("table", ""), ("json", "null\n")])
def test_show_unknown_claim_exits_1_with_close_ids(runner, ledgers, fmt, empty):
    result = invoke(runner, "show", "tech:entity:mark-zuckerberg:2", "--format", fmt)
    assert result.exit_code == 1 and result.stdout == empty
    assert result.stderr.startswith("metaledger: no claim 'tech:entity:mark-zuckerberg:2'; closest: tech:entity:mark-zuckerberg:1")


def test_show_has_no_csv(runner, ledgers):
    assert invoke(runner, "show", "tech:entity:meta:1", "--format", "csv").exit_code == 2


# ---- documentation ----------------------------------------------------------------------

@pytest.mark.parametrize("command", ["query", "entities", "show"])
def test_every_command_and_option_has_help_and_is_in_the_readme(runner, command):
    import typer.main

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("<!-- section: query (issue 7) -->")[1].split("<!-- end section: query -->")[0]
    assert f"metaledger {command}" in section
    click_command = typer.main.get_command(app).commands[command]
    assert click_command.help
    for parameter in click_command.params:
        assert parameter.help, f"{command} {parameter.name} has no help"
        for option in getattr(parameter, "opts", []):
            if option.startswith("--") and option != "--help":
                assert option in section, f"{command} {option} is not documented in the README"
