"""Entities on the bundled article (gold), without its gazetteer entries, and on unseen text."""

from __future__ import annotations

import pytest

import metaledger
from metaledger.evaluate.gold import score_ledger
from metaledger.resources.gazetteer import Gazetteer, packaged_gazetteer
from metaledger.normalize.entities import match_form, match_view

from conftest import REFERENCE_DATE

# Entries an article-free lexicon may keep although the article names them: country names,
# which any lexicon of Chinese news has and which are not what this article is about.
# Everything else the article mentions (Meta, 谷歌, 英伟达, 彭博, Llama, 华尔街 …) is dropped.
KEPT_COMMON = {"China"}


def _entities(ledger):
    return [claim for claim in ledger.claims if claim.kind == "entity"]


def _recall_with_type(claims, golds) -> float:
    """One-to-one, in gold order: a gold mention is found by an overlapping claim of its type."""
    used = set()
    hits = 0
    for gold in golds:
        for index, claim in enumerate(claims):
            overlap = claim.start < gold["end"] and gold["start"] < claim.end
            if index not in used and overlap and claim.type == gold["type"]:
                used.add(index)
                hits += 1
                break
    return hits / len(golds)


def article_free_gazetteer(text: str) -> Gazetteer:
    """The packaged gazetteer less every entry any of whose names occurs in text (folded)."""
    view = match_view(text).text
    kept = [
        entry
        for entry in packaged_gazetteer().entries
        if entry.canonical in KEPT_COMMON
        or not any(match_form(name) and match_form(name) in view for name in (entry.canonical, *entry.aliases))
    ]
    return Gazetteer(kept)


def test_gold_entities_f1_at_least_090(seed_ledger, gold, capsys):
    scores = {score.section: score for score in score_ledger(seed_ledger, gold)}
    entities = scores["entities"]
    with capsys.disabled():
        print(f"\ngold entities: P {entities.precision:.3f} R {entities.recall:.3f} F1 {entities.f1:.3f}")
    assert entities.f1 >= 0.90
    assert entities.agreement["type"][0] / entities.agreement["type"][1] >= 0.95
    assert entities.agreement["canonical"][0] / entities.agreement["canonical"][1] >= 0.95


def test_rules_recover_the_article_without_its_gazetteer_entries(article_text, gold, capsys):
    lexicon = article_free_gazetteer(article_text)
    dropped = len(packaged_gazetteer().entries) - len(lexicon.entries)
    assert dropped >= 35  # the article's companies, people, models and places are really gone
    assert lexicon.lookup("Meta") is None and lexicon.lookup("扎克伯格") is None and lexicon.lookup("谷歌") is None
    ledger = metaledger.extract_text(
        article_text, reference_date=REFERENCE_DATE, article_id="meta-avocado", lexicon=lexicon
    )
    recall = _recall_with_type(_entities(ledger), gold["entities"])
    with capsys.disabled():
        print(f"\nrules alone ({dropped} gazetteer entries dropped): {recall:.3f} of gold mentions with the right type")
    assert recall >= 0.75


def test_spans_are_exact_and_never_nested(seed_ledger, article_text):
    entities = _entities(seed_ledger)
    for claim in entities:
        assert article_text[claim.start : claim.end] == claim.text
    for first, second in zip(entities, entities[1:]):
        assert first.end <= second.start, (first.text, second.text)
    lab = next(c for c in entities if c.text == "Meta 超级智能实验室")
    assert lab.type == "ORG" and lab.canonical == "Meta Superintelligence Labs"


def test_aliases_scripts_and_nicknames_share_one_canonical():
    text = "马克·扎克伯格周二发文。扎克伯格表示,Zuckerberg 本人很满意。小扎还说,祖克柏是台湾的译名。"
    names = {c.text: c.canonical for c in _entities(metaledger.extract_text(text))}
    assert names["台湾"] == "Taiwan"
    for alias in ("马克·扎克伯格", "扎克伯格", "Zuckerberg", "小扎", "祖克柏"):
        assert names[alias] == "Mark Zuckerberg"


@pytest.mark.parametrize(
    "text, word",
    [
        ("首席 AI 科学家离职", "首席 AI 科学家"),
        ("负责管理 Meta 的大语言模型(LLM)", "大语言模型"),
        ("他们开启了全明星招聘模式,挖来顶级大佬", "全明星"),
        ("在电话会上,CEO 黄仁勋直言", "CEO"),
        ("它可能是闭源模型,他也这么认为", "它"),
        ("公司计划削减虚拟现实和元宇宙业务", "公司"),
    ],
)
def test_generic_words_roles_and_pronouns_are_not_entities(text, word):
    start = text.index(word)
    end = start + len(word)
    covered = [c.text for c in _entities(metaledger.extract_text(text)) if c.start < end and start < c.end and c.text == word]
    assert not covered


def test_unknown_names_group_under_their_longest_form():
    text = (
        "初创公司 Lumen Forge Labs 由 Priya Raman 创立。Priya Raman 表示公司会继续招人。"
        "Raman 还说,Lumen Forge 明年上线新模型 Quasar 2,Quasar 系列此前只在内部使用。"
    )
    claims = {c.text: c for c in _entities(metaledger.extract_text(text))}
    assert claims["Lumen Forge Labs"].type == "ORG"
    assert claims["Lumen Forge"].canonical == "Lumen Forge Labs"
    assert claims["Raman"].canonical == "Priya Raman" and claims["Raman"].type == "PERSON"
    assert claims["Quasar 2"].type == "PRODUCT" and claims["Quasar"].type == "PRODUCT"
    assert claims["Quasar"].canonical == "Quasar"  # a family and its version stay apart


def test_article_defined_aliases_hold_for_the_whole_article():
    text = "公司成立了「Nova 智能实验室」(Nova Intelligence Lab,NIL)。\n一年后,NIL 已有 300 人,Nova Intelligence Lab 仍在扩张。"
    claims = _entities(metaledger.extract_text(text))
    by_text = {c.text: c for c in claims}
    assert {c.canonical for c in claims if c.text != "公司"} == {"Nova 智能实验室"}
    assert by_text["NIL"].rule == "entity.defined_alias"
    assert sum(1 for c in claims if c.text == "NIL") == 2


def test_user_lexicon_wins(tmp_path):
    lexicon = tmp_path / "my.yaml"
    lexicon.write_text(
        "entities:\n- {canonical: Quasar Labs, type: ORG, aliases: [类星体实验室, Quasar]}\n"
        "- {canonical: Meta Platforms Inc., type: ORG, aliases: [Meta, 脸书]}\n",
        encoding="utf-8",
    )
    claims = {c.text: c for c in _entities(metaledger.extract_text("类星体实验室和 Meta 合作开发 Quasar。", lexicon=lexicon))}
    assert claims["类星体实验室"].canonical == "Quasar Labs" and claims["类星体实验室"].rule == "entity.gazetteer"
    assert claims["Quasar"].canonical == "Quasar Labs"
    assert claims["Meta"].canonical == "Meta Platforms Inc."


def test_extraction_is_deterministic(article_text):
    first = metaledger.dump_ledger(metaledger.extract_text(article_text, reference_date=REFERENCE_DATE))
    second = metaledger.dump_ledger(metaledger.extract_text(article_text, reference_date=REFERENCE_DATE))
    assert first == second


def test_unseen_news_sentences():
    text = (
        "据路透社报道,特斯拉首席执行官埃隆·马斯克周二表示,公司将在上海工厂生产新款 Model Y。\n"
        "记者王晓东从国家发改委获悉,投资同比增长 2.1%。\n"
        "初创公司 Periodic Labs 完成融资,其联合创始人 Liam Fedus 曾在 OpenAI 工作。\n"
        "深圳市人民政府与腾讯签署战略合作协议,欧盟将对中国电动汽车加征关税。"
    )
    claims = {c.text: (c.type, c.canonical) for c in _entities(metaledger.extract_text(text))}
    assert claims["路透社"] == ("ORG", "Reuters")
    assert claims["埃隆·马斯克"] == ("PERSON", "Elon Musk")
    assert claims["Model Y"][0] == "PRODUCT"
    assert claims["王晓东"][0] == "PERSON"
    assert claims["Periodic Labs"][0] == "ORG" and claims["Liam Fedus"][0] == "PERSON"
    assert claims["深圳市人民政府"][0] == "ORG"
    assert "中国电动汽车" not in claims and claims["中国"] == ("PLACE", "China")
