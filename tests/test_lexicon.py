"""The packaged gazetteer and user lexicons."""

from __future__ import annotations

from collections import Counter

import pytest

from metaledger.errors import InputError
from metaledger.resources.gazetteer import ENTITY_TYPES, load_gazetteer, normalize_alias, packaged_gazetteer


def test_packaged_gazetteer_has_real_coverage():
    gazetteer = packaged_gazetteer()
    types = Counter(entry.type for entry in gazetteer.entries)
    assert len(gazetteer.entries) >= 600
    assert types["ORG"] >= 250 and types["PLACE"] >= 150 and types["PERSON"] >= 80 and types["PRODUCT"] >= 60
    assert set(types) <= set(ENTITY_TYPES)


def test_no_alias_names_two_packaged_entities():
    owners: dict[str, set[str]] = {}
    for entry in packaged_gazetteer().entries:
        for alias in (entry.canonical, *entry.aliases):
            owners.setdefault(normalize_alias(alias), set()).add(entry.canonical)
    assert {alias: names for alias, names in owners.items() if len(names) > 1} == {}
    canonicals = Counter(entry.canonical for entry in packaged_gazetteer().entries)
    assert [name for name, count in canonicals.items() if count > 1] == []


@pytest.mark.parametrize(
    "alias, canonical",
    [
        ("小扎", "Mark Zuckerberg"),
        ("祖克柏", "Mark Zuckerberg"),
        ("马克 · 扎克伯格", "Mark Zuckerberg"),
        ("輝達", "Nvidia"),
        ("NVIDIA", "Nvidia"),
        ("彭博 · 社", "Bloomberg"),
        ("國家發改委", "National Development and Reform Commission"),
        ("广东省", "Guangdong"),
        ("Scale AI", "Scale AI"),
        ("华尔街", "Wall Street"),
    ],
)
def test_lookup_folds_case_spacing_dots_and_script(alias, canonical):
    assert packaged_gazetteer().lookup(alias).canonical == canonical


def test_user_lexicon_is_merged_and_wins(tmp_path):
    path = tmp_path / "mine.yaml"
    path.write_text(
        "entities:\n"
        "- {canonical: Meta Platforms Inc., type: ORG, aliases: [Meta, 脸书]}\n"
        "- {canonical: Quasar Labs, type: ORG, aliases: [类星体实验室]}\n"
        "- {canonical: Meta, type: PRODUCT, aliases: [Meta 眼镜]}\n",
        encoding="utf-8",
    )
    gazetteer = load_gazetteer((path,))
    assert gazetteer.lookup("类星体实验室").canonical == "Quasar Labs"
    assert gazetteer.lookup("脸书").canonical == "Meta Platforms Inc."  # their alias beats ours
    assert gazetteer.lookup("Meta 眼镜").type == "PRODUCT"  # same canonical: their entry replaces ours
    assert gazetteer.lookup("谷歌").canonical == "Google"  # the rest is still there


@pytest.mark.parametrize(
    "content, message",
    [
        ("- just a list\n", "needs a list under 'entities'"),
        ("entities:\n- {type: ORG}\n", "needs a 'canonical'"),
        ("entities:\n- {canonical: X, type: COMPANY}\n", "type must be one of"),
        ("entities:\n- {canonical: X, type: ORG, aliases: a string}\n", "aliases must be a list"),
    ],
)
def test_broken_user_lexicon_is_an_input_error(tmp_path, content, message):
    path = tmp_path / "bad.yaml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=message):
        load_gazetteer((path,))


def test_missing_user_lexicon(tmp_path):
    with pytest.raises(InputError, match="no such lexicon file"):
        load_gazetteer((tmp_path / "nope.yaml",))


def test_cli_extract_with_lexicon(runner, workdir):
    from metaledger.cli import app

    (workdir / "my.yaml").write_text("entities:\n- {canonical: Quasar Labs, type: ORG, aliases: [类星体实验室]}\n", encoding="utf-8")
    (workdir / "a.txt").write_text("类星体实验室发布了新模型。\n", encoding="utf-8")
    result = runner.invoke(app, ["extract", "a.txt", "--lexicon", "my.yaml", "-o", "out.yaml"])
    assert result.exit_code == 0, result.stderr
    assert "canonical: Quasar Labs" in (workdir / "out.yaml").read_text(encoding="utf-8")


def test_the_readme_lexicon_example_loads_and_works(tmp_path):
    import re
    from pathlib import Path

    import metaledger

    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("<!-- section: entities") : readme.index("<!-- end section: entities")]
    example = re.search(r"```yaml\n(.*?)```", section, re.S).group(1)
    path = tmp_path / "my-names.yaml"
    path.write_text(example, encoding="utf-8")
    claims = metaledger.extract_text("類星體實驗室與 Meta 合作。", lexicon=path).claims
    names = {c.text: c.canonical for c in claims if c.kind == "entity"}
    assert names == {"類星體實驗室": "Quasar Labs", "Meta": "Meta Platforms Inc."}
