"""Entities in ordinary news: people by local evidence, places from lists and by rule,
organizations by composition, and canonical names by class. Sentences are written for these
tests in news style (no development data)."""

from __future__ import annotations

import pytest

import metaledger
from metaledger.errors import ResourceError


def _entities(text: str) -> dict[str, tuple[str, str, str]]:
    """surface → (type, canonical, rule) of every entity claim (the last one wins for repeats)."""
    return {c.text: (c.type, c.canonical, c.rule) for c in metaledger.extract_text(text).claims if c.kind == "entity"}


@pytest.mark.parametrize(
    "text, name, entity_type",
    [
        # a title before the name
        ("市卫健委副主任郑海峰介绍了救治情况。", "郑海峰", "PERSON"),
        ("县委书记沈建华带队察看灾情。", "沈建华", "PERSON"),
        # a speech word after the name
        ("钱文涛表示，新校区将于明年启用。", "钱文涛", "PERSON"),
        # a list of names
        ("获奖者有吴晓东、蒋丽萍、程国栋。", "蒋丽萍", "PERSON"),
        # a two-character foreign name with a title
        ("球队主教练卢卡赛后表示满意。", "卢卡", "PERSON"),
        # places no list has: facilities and roads
        ("事故发生在武林路与体育场路交叉口。", "武林路", "PLACE"),
        ("代表团下榻在喜来登酒店。", "喜来登酒店", "PLACE"),
        # listed places: a county short form jieba tags as a place, a world capital
        ("地震波及若羌县多个乡镇。", "若羌县", "PLACE"),
        ("特使抵达塔什干后举行会谈。", "塔什干", "PLACE"),
        # organizations by composition
        ("绍兴市消防支队调派8辆消防车赶到现场。", "绍兴市消防支队", "ORG"),
        ("记者从湖州市公安局获悉，嫌疑人已被抓获。", "湖州市公安局", "ORG"),
        # events and storms
        ("台风“山竹”已减弱为热带风暴。", "山竹", "OTHER"),
    ],
)
def test_names_no_list_has(text, name, entity_type):
    entities = _entities(text)
    assert name in entities, f"{name} not found in {text}: {entities}"
    assert entities[name][0] == entity_type


@pytest.mark.parametrize(
    "text, word",
    [
        ("精神文明建设取得新成效。", "文明"),
        ("气象卫星发回了云图。", "卫星"),
        ("这部电影的宣传语很短。", "宣传语"),
        ("他们加强了安全性检查。", "安全性"),
        ("以方便群众办事为目标。", "以"),
        ("生活越来越美好。", "美"),
        ("四川中南部出现降雨。", "中南部"),
    ],
)
def test_words_that_look_like_names_are_not_entities(text, word):
    claims = [c for c in metaledger.extract_text(text).claims if c.kind == "entity"]
    start = text.index(word)
    assert not [c.text for c in claims if c.start < start + len(word) and start < c.end]


def test_surname_and_honorific_is_the_surname_with_the_honorific_as_canonical():
    entities = _entities("据工人刘小姐介绍，当晚有十多人腹痛。")
    assert entities["刘"] == ("PERSON", "刘小姐", "entity.person_name")


def test_abbreviations_in_pairs_travel_and_sides():
    claims = [c for c in metaledger.extract_text("中美两国元首通话后，美方表示将派员访华。").claims if c.kind == "entity"]
    found = [(c.text, c.canonical) for c in claims]
    assert ("中", "China") in found and ("美", "United States") in found
    assert found.count(("美", "United States")) == 2  # 中美 and 美方
    assert ("华", "China") in found


def test_a_day_before_a_verb_is_no_country():
    claims = [c for c in metaledger.extract_text("边防部队5日称，当天没有发现异常。").claims if c.kind == "entity"]
    assert "日" not in [c.text for c in claims]


def test_short_form_of_a_dotted_name_is_the_same_person():
    text = "新任秘书长伊万·诺维科夫当天就职。诺维科夫的任期为四年。"
    canonicals = {c.text: c.canonical for c in metaledger.extract_text(text).claims if c.kind == "entity"}
    assert canonicals["诺维科夫"] == "伊万·诺维科夫"


def test_elliptical_bodies_take_the_article_city():
    text = "杭州市一居民楼起火。市公安局指挥中心接警后，市政府组织救援。杭州市政府随后通报情况。"
    canonicals = {c.text: c.canonical for c in metaledger.extract_text(text).claims if c.kind == "entity"}
    assert canonicals["市公安局指挥中心"] == "杭州市公安局指挥中心"
    assert canonicals["杭州市政府"] == "杭州市人民政府"


@pytest.mark.parametrize(
    "name, divisions, expected",
    [
        ("苏州市政府办公厅", {}, "苏州市人民政府办公厅"),
        ("浙江省消防总队", {}, "浙江省公安消防总队"),
        ("浙江省消防救援总队", {}, "浙江省消防救援总队"),  # today's name is left as it is
        ("市公安局", {"市": "苏州市"}, "苏州市公安局"),
        ("市公安局", {}, "市公安局"),  # no city in the article: as written
        ("Acme公司", {}, "Acme"),
        ("Acme Inc.", {}, "Acme"),
        ("德国政府", {}, "Government of Germany"),
        ("人民政府", {}, "人民政府"),
    ],
)
def test_organization_canonicals_by_class(name, divisions, expected):
    from metaledger.extract.entities.canonical import organization_canonical
    from metaledger.resources.gazetteer import packaged_gazetteer

    assert organization_canonical(name, divisions, packaged_gazetteer()) == expected


def test_governing_divisions_take_the_first_of_each_level():
    from metaledger.extract.entities.canonical import governing_divisions

    assert governing_divisions(["巴黎", "苏州", "浙江省", "杭州市", "若羌"]) == {"市": "苏州市", "省": "浙江省", "县": "若羌县"}


def test_place_lists_load_and_name_their_sources():
    from importlib import resources

    from metaledger.resources.place_names import full_name, is_short_form, listed_places, township_names

    places = listed_places()
    assert places.get("若羌") == ("county", "若羌县") and is_short_form("若羌", places.get("若羌"))
    assert places.get("塔什干")[0] == "capital"
    assert full_name("和平", places.get("和平")) == "和平"  # a short form several districts share
    assert "分水镇" in township_names()
    for name in ("places_china.txt", "places_world.txt"):
        header = resources.files("metaledger").joinpath("resources", "lexicon", name).read_text("utf-8")[:800]
        assert "Source: jionlp 1.5.31" in header and "Apache" in header
    assert "Unicode License v3" in resources.files("metaledger").joinpath("resources", "lexicon", "places_world.txt").read_text("utf-8")[:800]


def test_a_broken_place_line_is_a_resource_error():
    from metaledger.resources.place_names import WORLD_KINDS, _read_places

    with pytest.raises(ResourceError, match=r"places_world.txt:2"):
        _read_places("places_world.txt", "# header\n巴黎\tcapitol\n", WORLD_KINDS, {})


def test_dictionary_count_tells_words_from_names():
    from metaledger.tokenize.tokenizer import dictionary_count

    metaledger.extract_text("精神文明建设，郑海峰说。")  # loads the dictionary groups of these characters
    assert dictionary_count("文明") > 500
    assert dictionary_count("郑海峰") == 0
