"""An article in traditional characters finds the same entities; spans keep the original text."""

from __future__ import annotations

import metaledger
from metaledger.text.script import to_simplified, traditional_table

from conftest import REFERENCE_DATE


def _entities(text):
    return [c for c in metaledger.extract_text(text, reference_date=REFERENCE_DATE).claims if c.kind == "entity"]


def test_taiwan_text_with_taiwan_names():
    text = (
        "據彭博社報導,祖克柏領導的 Meta 正在研發代號為「Avocado」的新模型。"
        "輝達執行長黃仁勳表示,他們支持 OpenAI 與 Anthropic。蘋果與微軟的股價上漲,臉書用戶增加。"
        "川普與普丁在紐約會面,台積電在新竹擴產。"
    )
    found = {c.text: (c.type, c.canonical) for c in _entities(text)}
    assert found["彭博社"] == ("ORG", "Bloomberg")
    assert found["祖克柏"] == ("PERSON", "Mark Zuckerberg")
    assert found["輝達"] == ("ORG", "Nvidia")
    assert found["黃仁勳"] == ("PERSON", "Jensen Huang")
    assert found["臉書"] == ("ORG", "Meta")
    assert found["蘋果"] == ("ORG", "Apple") and found["微軟"] == ("ORG", "Microsoft")
    assert found["川普"] == ("PERSON", "Donald Trump") and found["普丁"] == ("PERSON", "Vladimir Putin")
    assert found["台積電"] == ("ORG", "TSMC") and found["紐約"] == ("PLACE", "New York")


def test_the_bundled_article_in_traditional_characters(article_text, gold):
    """Every character the table maps back is written traditional; the gold must still be found."""
    back = {}
    for traditional, simplified in sorted(traditional_table().items()):
        back.setdefault(ord(simplified), chr(traditional))
    text = article_text.translate(back)
    assert text != article_text and len(text) == len(article_text)
    claims = _entities(text)
    for claim in claims:
        assert text[claim.start : claim.end] == claim.text
    used, hits = set(), 0
    for record in gold["entities"]:
        for index, claim in enumerate(claims):
            same = claim.type == record["type"] and claim.canonical.casefold() == record["canonical"].casefold()
            if index not in used and claim.start < record["end"] and record["start"] < claim.end and same:
                used.add(index)
                hits += 1
                break
    recall, precision = hits / len(gold["entities"]), hits / len(claims)
    assert 2 * recall * precision / (recall + precision) >= 0.90


def test_the_table_is_one_character_for_one_and_leaves_simplified_text_alone(article_text):
    table = traditional_table()
    assert len(table) > 3000
    assert all(len(chr(k)) == 1 and len(v) == 1 for k, v in table.items())
    assert to_simplified(article_text) == article_text  # a simplified article is not altered
    assert to_simplified("乾隆著名") == "乾隆著名"  # characters also written in simplified text stay
    assert to_simplified("臺灣後來發現於龍") == "台湾后来发现于龙"
    assert to_simplified("衞生為眾") == "卫生为众"  # Hong Kong / Taiwan variant forms


def test_rules_read_traditional_text_too(article_text, gold):
    """Without the article's gazetteer entries, the rules find as much in traditional script."""
    from test_entities import _recall_with_type, article_free_gazetteer

    back = {}
    for traditional, simplified in sorted(traditional_table().items()):
        back.setdefault(ord(simplified), chr(traditional))
    text = article_text.translate(back)
    lexicon = article_free_gazetteer(article_text)
    ledger = metaledger.extract_text(text, reference_date=REFERENCE_DATE, article_id="meta-avocado", lexicon=lexicon)
    recall = _recall_with_type([c for c in ledger.claims if c.kind == "entity"], gold["entities"])
    print(f"rules alone, traditional script: {recall:.3f} of gold mentions with the right type")
    assert recall >= 0.75


def test_to_simplified_sees_traditional_characters_of_both_planes():
    """The scan for anything to convert is split by plane (for speed); both halves must see."""
    table = traditional_table()
    assert any(code > 0xFFFF for code in table) and any(code <= 0xFFFF for code in table)
    for code, simplified in table.items():
        assert to_simplified("没有" + chr(code) + "𠀀") == "没有" + simplified + "𠀀"
    plain = "没有繁体字的新闻,只有一个生僻字 𠀀。"
    assert to_simplified(plain) is plain
