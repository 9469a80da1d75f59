"""Hand-built ledgers for diff tests: claims placed on given surface texts, ids assigned by
the real id scheme, so a test states exactly which claims each version holds and does not
depend on the extractors.

    ledger_of("Meta 裁员 600 人。\n", [ent("Meta"), fig("600 人", 600, "person"), evt("裁员", "layoff", figures=["600 人"])])
"""

from __future__ import annotations

import metaledger
from metaledger.ledger.claim_ids import assign_ids, sort_claims
from metaledger.ledger.models import Article, DateClaim, EntityClaim, EventClaim, FigureClaim, Ledger


def ent(surface, canonical=None, type="ORG", nth=1):
    return ("entity", surface, nth, {"type": type, "canonical": canonical or surface})


def fig(surface, value, unit=None, measure="count", nth=1, **more):
    return ("figure", surface, nth, {"value": value, "unit": unit, "measure": measure, **more})


def dat(surface, timex, start, end, granularity, nth=1, **more):
    return ("date", surface, nth, {"timex": timex, "start_date": start, "end_date": end, "granularity": granularity, **more})


def evt(surface, type, nth=1, dates=(), figures=(), places=(), **more):
    links = {"_dates": dates, "_figures": figures, "_places": places}
    return ("event", surface, nth, {"type": type, "trigger": surface, **more, **links})


_CLASSES = {"entity": EntityClaim, "date": DateClaim, "figure": FigureClaim, "event": EventClaim}


def find_nth(text: str, surface: str, nth: int) -> int:
    position = -1
    for _ in range(nth):
        position = text.find(surface, position + 1)
        assert position >= 0, f"{surface!r} #{nth} not in text"
    return position


def find_nth_index(text: str, claim) -> int:
    """Which occurrence of its text a claim is (1 for the first)."""
    return text.count(claim.text, 0, claim.start) + 1 if claim.text else 1


def ledger_of(text: str, specs, article_id: str = "story", path: str | None = None, reference_date: str | None = None) -> Ledger:
    """A one-article ledger with a claim on each spec's surface text (links name surfaces, or
    (surface, nth) for a later occurrence)."""
    sentences = metaledger.split_sentences(text)
    claims, links = [], []
    for kind, surface, nth, fields in specs:
        fields = dict(fields)
        start = find_nth(text, surface, nth)
        index = next(s.index for s in sentences if s.start <= start < s.end)
        dates, figures, places = fields.pop("_dates", ()), fields.pop("_figures", ()), fields.pop("_places", ())
        claim = _CLASSES[kind](
            article=article_id, sentence=index, start=start, end=start + len(surface), text=surface, rule=f"test.{kind}", **fields
        )
        claims.append(claim)
        links.append((claim, dates, figures, places))
    assign_ids(claims)
    by_text = {}
    for claim in claims:
        by_text[claim.text] = claim.id  # a plain surface names its last claim
        by_text[(claim.text, find_nth_index(text, claim))] = claim.id
    for claim, dates, figures, places in links:
        if dates or figures or places:
            claim.date_ids = [by_text[t] for t in dates]
            claim.figure_ids = [by_text[t] for t in figures]
            claim.place_ids = [by_text[t] for t in places]
    article = Article(id=article_id, path=path, sha256="0" * 64, length=len(text), sentences=sentences,
                      reference_date=reference_date)
    return Ledger(articles=[article], claims=sort_claims(claims))


EVENT_STORY_OLD = (
    "Meta 宣布裁员 600 人。\n"
    "据报道,Avocado 推迟至 2026 年第一季度。\n"
    "他没有提到 Llama。\n"
    "英伟达营收同比暴涨 62%。\n"
)
EVENT_STORY_NEW = (
    "Meta 宣布裁员 700 人。\n"
    "据报道,Avocado 推迟至 2026 年第二季度。\n"
    "他没有提到 Llama。\n"
    "英伟达营收同比暴涨 62%,达到 570 亿美元。\n"
)


def _event_story_specs(people, quarter, speaker, revenue):
    q_surface, q_timex, q_start, q_end = quarter
    figures = ["62%"] + ([revenue[0]] if revenue else [])
    return [
        ent("Meta"),
        evt("宣布", "announce", subject="Meta"),
        evt("裁员", "layoff", subject="Meta", figures=[people[0]]),
        fig(people[0], people[1], "person"),
        ent("Avocado", type="PRODUCT"),
        evt("推迟", "delay", subject="Meta", object="Avocado", certainty="reported", dates=[q_surface]),
        dat(q_surface, q_timex, q_start, q_end, "quarter"),
        evt("提到", "mention", subject=speaker, object="Llama", polarity="negative"),
        ent("Llama", type="PRODUCT"),
        ent("英伟达", "Nvidia"),
        evt("暴涨", "revenue_growth", subject="Nvidia", figures=figures),
        fig("62%", 62, "percent", "percent", direction="up", basis="yoy"),
        *([fig(revenue[0], revenue[1], "USD", "money")] if revenue else []),
    ]


def event_story() -> tuple[Ledger, Ledger]:
    """Two versions: 600 → 700 (a layoff's figure), Q1 → Q2 (a delay's date), 570 亿美元 added to
    the growth event, and 他 read as someone else in an unchanged sentence."""
    q1 = ("2026 年第一季度", "2026-Q1", "2026-01-01", "2026-03-31")
    q2 = ("2026 年第二季度", "2026-Q2", "2026-04-01", "2026-06-30")
    old = ledger_of(EVENT_STORY_OLD, _event_story_specs(("600 人", 600), q1, "Jensen Huang", None), "story", "old/story.txt")
    new_specs = _event_story_specs(("700 人", 700), q2, "Shengjia Zhao", ("570 亿美元", 5.7e10))
    new = ledger_of(EVENT_STORY_NEW, new_specs, "story", "new/story.txt")
    return old, new
