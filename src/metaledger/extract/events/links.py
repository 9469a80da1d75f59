"""Which date, figure and place claims belong to which event: those of its clause, so one ledger
row reads as a whole claim (Nvidia · revenue_growth · 62% · 2025-11; 地震 · 汶川县 · 2025-05-12)."""

from __future__ import annotations

from ...ledger.models import DateClaim, EntityClaim, FigureClaim
from .arguments import Hit, SentenceContext

Links = tuple[list[str], list[str], list[str], bool]  # date ids, figure ids, place ids, a figure of its own clause


def link_claims(ctx: SentenceContext, hits: list[Hit], claims: list) -> dict[Hit, Links]:
    """A date belongs to every event of its clause, or of the sentence when its clause has none
    (上周，Meta 也正式确认…); a fuzzy one (目前, 现在) only when the event has no calendar date.
    A figure belongs to the nearest event of its clause (600 人裁员), else to the event of the
    clause just before (宣布裁员，涉及 600 人), never to a later one (拥有 20 年工龄的 Chris Cox，
    …被撤掉), and only to an event that takes its measure (营收 takes money, not the 九成 of
    占总营收的比重接近九成). Speech verbs take dates but no figures. The flag says a figure sits in
    the event's own clause: only such a figure makes an event without participants worth keeping.
    A place (a PLACE entity) links like a date: to every event of its clause, or of the sentence when
    its clause has none; a place in the credit line (新华社成都5月12日电) is where the report was filed,
    one that modifies a person, a body or a time names who or when (成都市民, 四川省地震局, 北京时间)."""
    links = {hit: ([], [], [], False) for hit in hits}
    if not claims:
        return links
    content = [h for h in hits if not h.spec.frame]
    fuzzy = {c.id for c in claims if isinstance(c, DateClaim) and c.granularity == "fuzzy"}
    for claim in sorted(claims, key=lambda c: c.start):
        clause = next((c for c in ctx.clauses if c.start <= claim.start < c.end), None)
        if isinstance(claim, DateClaim) or (isinstance(claim, EntityClaim) and _located(ctx, claim)):
            targets = [h for h in hits if h.clause is clause] or hits
            slot = 0 if isinstance(claim, DateClaim) else 2
            for hit in targets:
                if claim.id not in links[hit][slot]:
                    links[hit][slot].append(claim.id)
        elif isinstance(claim, FigureClaim):
            pool = [h for h in content if h.clause is clause] or _previous_clause(content, clause)
            pool = [h for h in pool if h.spec.takes(claim.measure)]
            if pool:
                nearest = min(pool, key=lambda h: (_gap(h, claim), -h.start))
                dates, figures, places, own = links[nearest]
                links[nearest] = (dates, figures + [claim.id], places, own or nearest.clause is clause)
    return {hit: (_calendar_first(dates, fuzzy), figures, places, own) for hit, (dates, figures, places, own) in links.items()}


def _located(ctx: SentenceContext, claim) -> bool:
    """A place named as where, not as a modifier of who or when (西安市民, 陕西省地震局, 北京时间)
    nor in the credit line."""
    if _credit_line(ctx, claim):
        return False
    following = ctx.token_index.overlapping(claim.end, claim.end + 1)
    if not following or following[0].start != claim.end:
        return True
    word, cues = following[0].word, ctx.cues.phrases
    return not (word.endswith(cues.person_tails) or word.endswith(cues.org_tails) or word.startswith(cues.time_heads))


def _credit_line(ctx: SentenceContext, claim) -> bool:
    dateline = ctx.cues.dateline.match(ctx.text, ctx.start, ctx.end)
    if dateline is not None and claim.end <= dateline.end():
        return True
    return any(m.start() <= claim.start and claim.end <= m.end() for m in ctx.cues.byline.finditer(ctx.text, ctx.start, ctx.end))


def _calendar_first(date_ids: list[str], fuzzy: set[str]) -> list[str]:
    """现在的计划已推迟至2026 年第一季度: the quarter says when; 现在 (the reference date, by
    assumption) is kept only when the event has no calendar date."""
    calendar = [i for i in date_ids if i not in fuzzy]
    return calendar or date_ids


def _previous_clause(hits: list[Hit], clause) -> list[Hit]:
    if clause is None:
        return []
    return [h for h in hits if h.clause.index == clause.index - 1]


def _gap(hit: Hit, claim) -> int:
    return max(hit.start - claim.end, claim.start - hit.end, 0)
