"""metaledger.query: finding entities by any name, filtering claims, claims in context.

The ledgers are extracted from small texts the current extractors handle; events are
added by hand (today's pipeline yields none) with the links an event extractor makes.
"""

from __future__ import annotations

import pytest

import metaledger
from metaledger.ledger.claim_ids import assign_ids, sort_claims
from metaledger.errors import LedgerError, UsageError
from metaledger.ledger.models import EventClaim, Ledger
from metaledger.query import (
    LedgerIndex,
    claim_context,
    closest_claim_ids,
    closest_names,
    combine_ledgers,
    entity_index,
    find_entity,
    parse_date_bound,
    query_claims,
)

TECH_TEXT = (
    "据彭博社报道，2025年11月20日，英伟达营收同比暴涨 62%。"
    "小扎说 Meta 将在 2026 年裁员 600 人。"
    "谷歌在 2024 年发布了 Gemini，2025 年又发布了新版本。"
)
CHIPS_TEXT = "黄仁勋在 2025年3月 表示英伟达不会裁员。扎克伯格称 Meta 营收增长 26%。"


def add_events(ledger: Ledger, *specs: dict) -> Ledger:
    """The ledger with events added; a spec names its trigger (nth occurrence) and links by claim text."""
    article = ledger.articles[0]
    text = "".join(s.text for s in article.sentences)  # these texts have no gaps between sentences
    by_text = {c.text: c.id for c in ledger.claims}
    events = []
    for spec in specs:
        spec = dict(spec)
        trigger, occurrence = spec.pop("trigger"), spec.pop("nth", 1)
        start = -1
        for _ in range(occurrence):
            start = text.index(trigger, start + 1)
        sentence = next(s.index for s in article.sentences if s.start <= start < s.end)
        events.append(EventClaim(
            article=article.id, sentence=sentence, start=start, end=start + len(trigger), text=trigger,
            rule="event.test", trigger=trigger,
            date_ids=[by_text[t] for t in spec.pop("dates", ())],
            figure_ids=[by_text[t] for t in spec.pop("figures", ())],
            **spec,
        ))
    # Extracted events are replaced by these hand-built ones, so the tests do not follow the event rules.
    kept = [claim for claim in ledger.claims if claim.kind != "event"]
    return Ledger(articles=ledger.articles, claims=sort_claims(kept + assign_ids(events)))


def tech_ledger() -> Ledger:
    ledger = metaledger.extract_text(TECH_TEXT, article_id="tech", reference_date="2025-12-11")
    return add_events(
        ledger,
        dict(trigger="暴涨", type="growth", subject="Nvidia", attribution="Bloomberg", certainty="reported",
             dates=["2025年11月20日"], figures=["62%"]),
        dict(trigger="裁员", type="layoff", subject="Meta", dates=["2026 年"], figures=["600 人"]),
        dict(trigger="说", type="statement", subject="小扎"),  # a participant as written, no links
        dict(trigger="发布", type="release", subject="Google", object="Gemini", dates=["2024 年"]),
        dict(trigger="发布", nth=2, type="release", subject="Google", dates=["2025 年"]),
    )


def chips_ledger() -> Ledger:
    ledger = metaledger.extract_text(CHIPS_TEXT, article_id="chips", reference_date="2025-12-11")
    return add_events(
        ledger,
        dict(trigger="裁员", type="layoff", subject="Nvidia", polarity="negative", attribution="Jensen Huang",
             certainty="hedged", dates=["2025年3月"]),
    )


@pytest.fixture(scope="module")
def tech() -> LedgerIndex:
    return LedgerIndex(tech_ledger())


@pytest.fixture(scope="module")
def both() -> LedgerIndex:
    return LedgerIndex(combine_ledgers([tech_ledger(), chips_ledger()]))


def texts(claims) -> list[tuple[str, str]]:
    return [(c.kind, c.text) for c in claims]


@pytest.mark.parametrize("name", ["小扎", "扎克伯格", "紮克伯格", "马克·扎克伯格", "Mark Zuckerberg",
                                  "mark zuckerberg", "ZUCKERBERG", " Mark  Zuckerberg "])
def test_any_alias_finds_the_canonical(tech, name):
    assert find_entity(tech, name) == "Mark Zuckerberg"


@pytest.mark.parametrize("name", ["谷歌", "穀歌", "Google", "google", "GOOGLE"])
def test_google_by_every_name(tech, name):
    assert find_entity(tech, name) == "Google"


@pytest.mark.parametrize("name", ["亚马逊", "Amazon", "不存在的公司", "", "   "])
def test_names_without_claims_find_nothing(tech, name):
    assert find_entity(tech, name) is None
    assert query_claims(tech, entity=name) == []


def test_participants_resolve_through_the_gazetteer_without_a_mention(tech):
    # 彭博 is a gazetteer alias of Bloomberg, and the ledger mentions 彭博社: either finds the source.
    assert find_entity(tech, "彭博") == "Bloomberg"
    assert find_entity(tech, "gemini") == "Gemini"  # an event object no mention names


def test_entity_claims_are_mentions_events_and_their_figures(tech):
    assert texts(query_claims(tech, entity="小扎")) == [("entity", "小扎"), ("event", "说")]
    assert texts(query_claims(tech, entity="Meta")) == [("entity", "Meta"), ("event", "裁员"), ("figure", "600 人")]
    nvidia = texts(query_claims(tech, entity="英伟达"))
    assert nvidia == [("entity", "英伟达"), ("event", "暴涨"), ("figure", "62%")]


def test_source_of_an_event_counts_as_about_it(tech):
    # What Bloomberg reported: the event it is the source of, and the figure that event links.
    assert texts(query_claims(tech, entity="彭博社")) == [("entity", "彭博社"), ("event", "暴涨"), ("figure", "62%")]


def test_figure_subject_links_a_figure_to_its_entity():
    ledger = tech_ledger()
    claims = [c.model_copy(update={"subject": "谷歌"}) if c.text == "600 人" else c for c in ledger.claims]
    index = LedgerIndex(Ledger(articles=ledger.articles, claims=claims))
    assert ("figure", "600 人") in texts(query_claims(index, entity="Google"))


def test_traditional_and_simplified_give_the_same_claims(tech):
    assert query_claims(tech, entity="紮克伯格") == query_claims(tech, entity="小扎")
    assert query_claims(tech, entity="穀歌") == query_claims(tech, entity="谷歌") != []


def test_date_range_by_own_interval_linked_dates_or_sentence_dates(tech):
    november = query_claims(tech, date_from="2025-11-01", date_to="2025-11-30")
    assert texts(november) == [
        ("entity", "彭博社"), ("date", "2025年11月20日"), ("entity", "英伟达"), ("event", "暴涨"), ("figure", "62%"),
        # the last sentence: 谷歌 and Gemini by their sentence's 2025 年; the second 发布 links 2025 年, the first 2024 年
        ("entity", "谷歌"), ("entity", "Gemini"), ("date", "2025 年"), ("event", "发布"),
    ]
    # 说 links no date, so its sentence's 2026 年 dates it.
    assert ("event", "说") in texts(query_claims(tech, date_from="2026-01-01"))


def test_an_event_is_dated_by_its_links_not_by_other_dates_of_its_sentence(tech):
    releases = query_claims(tech, entity="Google", kinds=["event"], date_from="2025-01-01", date_to="2025-12-31")
    assert [(c.text, c.date_ids) for c in releases] == [("发布", ["tech:date:2025:1"])]


def test_overlap_not_containment(tech):
    mid_2024 = query_claims(tech, kinds=["date"], date_from="2024-06-01", date_to="2024-07-31")
    assert texts(mid_2024) == [("date", "2024 年")]
    assert query_claims(tech, kinds=["date"], date_to="2023-12-31") == []


def test_kind_type_certainty_and_article_filters(both):
    assert {c.kind for c in query_claims(both, kinds=["figure"])} == {"figure"}
    layoffs = query_claims(both, types=["LAYOFF"])
    assert [(c.article, c.subject) for c in layoffs] == [("chips", "Nvidia"), ("tech", "Meta")]
    people = query_claims(both, types=["person"])
    assert {c.canonical for c in people} == {"Mark Zuckerberg", "Jensen Huang"}
    assert texts(query_claims(both, certainties=["hedged", "reported"])) == [("event", "裁员"), ("event", "暴涨")]
    assert {c.article for c in query_claims(both, articles=["chips"])} == {"chips"}
    assert texts(query_claims(both, entity="Nvidia", articles=["chips"], kinds=["event"])) == [("event", "裁员")]


def test_without_filters_every_claim_in_ledger_order(both):
    everything = query_claims(both)
    assert len(everything) == len(both.ledger.claims)
    assert everything == sort_claims(everything)


def test_combining_ledgers_keeps_identical_articles_once_and_refuses_conflicts():
    tech, chips = tech_ledger(), chips_ledger()
    combined = combine_ledgers([tech, chips, tech_ledger()], ["a.yaml", "b.yaml", "c.yaml"])
    assert [a.id for a in combined.articles] == ["chips", "tech"]
    assert len(combined.claims) == len(tech.claims) + len(chips.claims)
    other = metaledger.extract_text("谷歌裁员 600 人。", article_id="tech")
    with pytest.raises(LedgerError, match="article 'tech' differs between a.yaml and c.yaml"):
        combine_ledgers([tech, chips, other], ["a.yaml", "b.yaml", "c.yaml"])


def test_combining_refuses_a_claim_id_used_by_two_articles():
    one = metaledger.extract_text("谷歌在 2024 年发布了 Gemini。", article_id="one")
    two = metaledger.extract_text("英伟达营收同比暴涨 62%。", article_id="two")
    clash = two.claims[0].model_copy(update={"id": one.claims[0].id})
    two = Ledger(articles=two.articles, claims=[clash, *two.claims[1:]])
    with pytest.raises(LedgerError, match="used by articles 'one' and 'two'"):
        combine_ledgers([one, two])


def test_entity_index_counts_aliases_mentions_articles_and_events(both):
    infos = {info.canonical: info for info in entity_index(both)}
    zuckerberg = infos["Mark Zuckerberg"]
    assert (zuckerberg.type, zuckerberg.mentions, zuckerberg.articles) == ("PERSON", 2, ("chips", "tech"))
    assert dict(zuckerberg.aliases) == {"小扎": 1, "扎克伯格": 1}
    assert zuckerberg.events == 1  # 说, whose subject is written 小扎
    assert infos["Nvidia"].events == 2 and infos["Jensen Huang"].events == 1
    assert [i.canonical for i in entity_index(both, types=["person"])] == ["Mark Zuckerberg", "Jensen Huang"]
    assert {i.canonical for i in entity_index(both, articles=["chips"])} == {"Jensen Huang", "Nvidia", "Mark Zuckerberg", "Meta"}
    first = entity_index(both)[0]
    assert first.mentions == max(i.mentions for i in infos.values())


def test_claim_context_of_an_event_shows_its_links_and_sentence(tech):
    event = next(c for c in tech.ledger.claims if c.kind == "event" and c.type == "growth")
    context = claim_context(tech, event.id)
    assert context.before + event.text + context.after == context.sentence.text
    assert [d.text for d in context.dates] == ["2025年11月20日"]
    assert [f.text for f in context.figures] == ["62%"]
    assert {c.text for c in context.same_sentence} == {"彭博社", "2025年11月20日", "英伟达", "62%"}


def test_claim_context_of_a_figure_lists_the_events_linking_it(tech):
    figure = next(c for c in tech.ledger.claims if c.text == "600 人")
    assert [e.type for e in claim_context(tech, figure.id).linked_from] == ["layoff"]


def test_claim_context_of_a_mention_counts_the_entity(both):
    context = claim_context(both, "tech:entity:mark-zuckerberg:1")
    assert context.entity.mentions == 2 and context.entity.articles == ("chips", "tech")
    assert context.dates == () and context.linked_from == ()


def test_unknown_claim_id_gives_none_and_close_ids(tech):
    assert claim_context(tech, "tech:entity:mark-zuckerberg:9") is None
    assert closest_claim_ids(tech, "tech:entity:mark-zuckerberg:9")[0] == "tech:entity:mark-zuckerberg:1"


@pytest.mark.parametrize("name, expected", [("小扎扎", "Mark Zuckerberg"), ("扎克", "Mark Zuckerberg"),
                                            ("Gogle", "Google"), ("英伟", "Nvidia")])
def test_closest_names_suggest_the_entity(tech, name, expected):
    assert closest_names(tech, name)[0][1] == expected


def test_closest_names_of_nonsense_is_empty(tech):
    assert closest_names(tech, "完全无关的名字xyz") == []


@pytest.mark.parametrize("value, end, expected", [
    ("2025", False, "2025-01-01"), ("2025", True, "2025-12-31"),
    ("2025-11", False, "2025-11-01"), ("2025-11", True, "2025-11-30"),
    ("2024-02", True, "2024-02-29"), ("2025-3-5", False, "2025-03-05"), ("2025-11-20", True, "2025-11-20"),
])
def test_date_bounds(value, end, expected):
    assert parse_date_bound(value, end=end) == expected


@pytest.mark.parametrize("value", ["nov", "2025-13", "2025-02-29", "2025-11-31", "25-11-01", "2025/11/01", ""])
def test_bad_date_bounds_are_usage_errors(value):
    with pytest.raises(UsageError):
        parse_date_bound(value, where="--from")


def test_query_functions_accept_a_ledger_or_several():
    tech, chips = tech_ledger(), chips_ledger()
    assert find_entity(tech, "小扎") == "Mark Zuckerberg"
    assert {c.article for c in query_claims([tech, chips], entity="Meta")} == {"tech", "chips"}


@pytest.mark.parametrize("enabled", [True, False])
def test_loading_a_ledger_leaves_the_garbage_collector_as_it_was(enabled):
    import gc

    from metaledger.ledger.store import dump_ledger, parse_ledger

    text = dump_ledger(tech_ledger())
    (gc.enable if enabled else gc.disable)()
    try:
        assert parse_ledger(text) == tech_ledger()
        assert gc.isenabled() is enabled
        with pytest.raises(LedgerError):
            parse_ledger(text.replace("end: 28", "end: 29"))
        assert gc.isenabled() is enabled
    finally:
        gc.enable()


def test_query_functions_are_exported_at_the_top_level():
    assert metaledger.find_entity(tech_ledger(), "小扎") == "Mark Zuckerberg"
    assert metaledger.query_claims is query_claims and metaledger.LedgerIndex is LedgerIndex
