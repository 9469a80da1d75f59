"""Querying ledgers: the claims about an entity, filtered; any claim shown in its sentence.

Pure functions over validated Ledger records; the CLI (cli/query.py) only parses
options and renders. Several ledgers are combined first (``combine_ledgers``).

An entity is named by its canonical name or any alias: the mention texts seen in
the ledger, the gazetteer's aliases, event participants and figure subjects as
written — compared after ``lexicon.normalize_alias`` (traditional → simplified,
Latin case-insensitive, spaces and middle dots ignored).

A claim is *about* an entity when it is a mention of it, an event with it as
subject, object or attribution, or a figure whose subject it is or that one of its
events links. A date range keeps the claims whose dates overlap it: a date by its
own interval, an event by its linked dates (by its sentence's dates when it links
none), any other claim by the dates of its sentence. Unresolved dates match no range.
"""

from __future__ import annotations

import calendar
import difflib
import functools
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property

from .errors import LedgerError, UsageError
from .ledger.claim_ids import sort_claims
from .ledger.models import (
    SCHEMA,
    Article,
    Claim,
    DateClaim,
    EntityClaim,
    EventClaim,
    FigureClaim,
    Ledger,
    Sentence,
)
from .resources.gazetteer import Gazetteer, normalize_alias, packaged_gazetteer

__all__ = [
    "ClaimContext",
    "EntityInfo",
    "LedgerIndex",
    "claim_context",
    "closest_claim_ids",
    "closest_names",
    "combine_ledgers",
    "entity_index",
    "find_entity",
    "ledger_index",
    "parse_date_bound",
    "query_claims",
]

_PARTIAL_DATE = re.compile(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?")


@functools.lru_cache(maxsize=65536)
def _normalized(name: str) -> str:
    # A 50,000-claim ledger repeats a few hundred names; normalize each once.
    return normalize_alias(name)


def parse_date_bound(value: str, *, end: bool = False, where: str = "date") -> str:
    """YYYY, YYYY-MM or YYYY-MM-DD as an inclusive ISO day: the first day, or the last when end."""
    match = _PARTIAL_DATE.fullmatch(value.strip())
    if not match:
        raise UsageError(f"{where}: {value!r} is not a date (expected YYYY, YYYY-MM or YYYY-MM-DD)")
    year, month, day = int(match[1]), match[2], match[3]
    if month is None:
        return f"{year:04d}-12-31" if end else f"{year:04d}-01-01"
    month = int(month)
    if not 1 <= month <= 12:
        raise UsageError(f"{where}: {value!r} has no month {month}")
    last = calendar.monthrange(year, month)[1]
    if day is None:
        return f"{year:04d}-{month:02d}-{last if end else 1:02d}"
    if not 1 <= int(day) <= last:
        raise UsageError(f"{where}: {value!r} is not a day of {year:04d}-{month:02d}")
    return f"{year:04d}-{month:02d}-{int(day):02d}"


def combine_ledgers(ledgers: Sequence[Ledger], sources: Sequence[str] | None = None) -> Ledger:
    """One ledger holding the articles and claims of several.

    An article found in two ledgers with the same content is kept once; with different
    content (another version of the text or of the extraction) it is an error, because
    its claim ids would clash and a query could not say which version it answers from.
    """
    if len(ledgers) == 1:
        return ledgers[0]
    sources = list(sources or (f"ledger #{n + 1}" for n in range(len(ledgers))))
    articles: dict[str, tuple[Article, list[Claim], str]] = {}
    for ledger, source in zip(ledgers, sources):
        claims_by_article: dict[str, list[Claim]] = defaultdict(list)
        for claim in ledger.claims:
            claims_by_article[claim.article].append(claim)
        for article in ledger.articles:
            claims = claims_by_article.get(article.id, [])
            if article.id in articles:
                kept, kept_claims, kept_source = articles[article.id]
                if kept != article or kept_claims != claims:
                    raise LedgerError(
                        f"article {article.id!r} differs between {kept_source} and {source}; query them one at a time"
                    )
                continue
            articles[article.id] = (article, claims, source)
    claims = [claim for _, article_claims, _ in articles.values() for claim in article_claims]
    seen: dict[str, str] = {}
    for claim in claims:
        if claim.id in seen:
            raise LedgerError(f"claim id {claim.id!r} is used by articles {seen[claim.id]!r} and {claim.article!r}")
        seen[claim.id] = claim.article
    # Every part was validated when its ledger was loaded and the cross-ledger rules are
    # checked above, so the combination is built without validating 50,000 claims again.
    return Ledger.model_construct(
        schema_version=SCHEMA,
        articles=[articles[key][0] for key in sorted(articles)],
        claims=sort_claims(claims),
    )


@dataclass(frozen=True)
class EntityInfo:
    """An entity as the ledger knows it."""

    canonical: str
    type: str
    mentions: int
    aliases: tuple[tuple[str, int], ...]  # mention texts with their counts, most frequent first
    articles: tuple[str, ...]
    events: int  # events with it as subject, object or attribution


@dataclass(frozen=True)
class ClaimContext:
    """A claim in its sentence with the claims it links and that link it."""

    claim: Claim
    article: Article
    sentence: Sentence
    before: str  # the sentence text before the claim's span
    after: str
    dates: tuple[DateClaim, ...]  # an event's linked dates
    figures: tuple[FigureClaim, ...]  # an event's linked figures
    linked_from: tuple[EventClaim, ...]  # events that link this date or figure
    entity: EntityInfo | None  # for a mention: its entity across the ledger
    same_sentence: tuple[Claim, ...]  # the sentence's other claims, in ledger order
    places: tuple[EntityClaim, ...] = ()  # an event's linked places


class LedgerIndex:
    """Lookups over one ledger, each built on first use: a query pays only for what it needs."""

    def __init__(self, ledger: Ledger, gazetteer: Gazetteer | None = None):
        self.ledger = ledger
        self._gazetteer = gazetteer

    @cached_property
    def gazetteer(self) -> Gazetteer:
        return self._gazetteer if self._gazetteer is not None else packaged_gazetteer()

    @cached_property
    def claims_by_id(self) -> dict[str, Claim]:
        return {claim.id: claim for claim in self.ledger.claims}

    @cached_property
    def articles_by_id(self) -> dict[str, Article]:
        return {article.id: article for article in self.ledger.articles}

    @cached_property
    def types(self) -> frozenset[str]:
        """Entity and event types present, case-folded."""
        return frozenset(c.type.casefold() for c in self.ledger.claims if c.kind in ("entity", "event"))

    @cached_property
    def _mention_texts(self) -> dict[str, Counter]:
        texts: dict[str, Counter] = defaultdict(Counter)
        for claim in self.ledger.claims:
            if claim.kind == "entity":
                texts[claim.canonical][claim.text] += 1
        return texts

    @cached_property
    def _participants(self) -> set[str]:
        """Event subjects, objects and sources and figure subjects, as written."""
        names: set[str] = set()
        for claim in self.ledger.claims:
            if claim.kind == "event":
                names.update(n for n in (claim.subject, claim.object, claim.attribution) if n)
            elif claim.kind == "figure" and claim.subject:
                names.add(claim.subject)
        return names

    @cached_property
    def names(self) -> dict[str, str]:
        """Normalized name → canonical. Later layers win: participants as written, the
        gazetteer's aliases, mention texts (the most frequent canonical), canonical names."""
        names = {_normalized(name): name for name in sorted(self._participants)}
        present = set(self._mention_texts) | self._participants
        for entry in self.gazetteer.entries:
            if entry.canonical in present or any(_normalized(a) in names for a in (entry.canonical, *entry.aliases)):
                for alias in (entry.canonical, *entry.aliases):
                    names[_normalized(alias)] = entry.canonical
        seen = [(n, canonical, text) for canonical, texts in self._mention_texts.items() for text, n in texts.items()]
        for _, canonical, text in sorted(seen):
            names[_normalized(text)] = canonical
        for canonical in sorted(self._mention_texts):
            names[_normalized(canonical)] = canonical
        return names

    @cached_property
    def _display_names(self) -> dict[str, str]:
        """Normalized name → a written form of it, for suggestions."""
        forms = {_normalized(n): n for n in self._participants}
        for entry in self.gazetteer.entries:
            forms.update((_normalized(a), a) for a in (entry.canonical, *entry.aliases))
        for canonical, texts in self._mention_texts.items():
            forms.update((_normalized(t), t) for t in (canonical, *texts))
        return forms

    def resolve(self, name: str | None) -> str | None:
        """The canonical a participant or figure subject stands for (itself when unknown)."""
        if not name:
            return None
        return self.names.get(_normalized(name), name)

    @cached_property
    def sentence_dates(self) -> dict[tuple[str, int], list[tuple[str, str]]]:
        """(article, sentence) → the intervals of its resolved dates."""
        dates: dict[tuple[str, int], list[tuple[str, str]]] = defaultdict(list)
        for claim in self.ledger.claims:
            if claim.kind == "date" and claim.start_date:
                dates[(claim.article, claim.sentence)].append((claim.start_date, claim.end_date))
        return dates

    @cached_property
    def sentence_claims(self) -> dict[tuple[str, int], list[Claim]]:
        claims: dict[tuple[str, int], list[Claim]] = defaultdict(list)
        for claim in self.ledger.claims:
            claims[(claim.article, claim.sentence)].append(claim)
        return claims

    @cached_property
    def linked_from(self) -> dict[str, list[EventClaim]]:
        """Claim id → the events that link it in date_ids, figure_ids or place_ids."""
        events: dict[str, list[EventClaim]] = defaultdict(list)
        for claim in self.ledger.claims:
            if claim.kind == "event":
                for linked in (*claim.date_ids, *claim.figure_ids, *claim.place_ids):
                    events[linked].append(claim)
        return events


def ledger_index(source: Ledger | LedgerIndex | Sequence[Ledger]) -> LedgerIndex:
    """An index of a ledger, of several ledgers combined, or the index itself."""
    if isinstance(source, LedgerIndex):
        return source
    if isinstance(source, Ledger):
        return LedgerIndex(source)
    return LedgerIndex(combine_ledgers(list(source)))


Source = Ledger | LedgerIndex | Sequence[Ledger]
_index = ledger_index


def find_entity(source: Source, name: str) -> str | None:
    """The canonical name the ledger knows name by, or None."""
    index = _index(source)
    key = _normalized(name)
    if not key:
        return None
    if key in index.names:
        return index.names[key]
    entry = index.gazetteer.lookup(name)
    if entry is not None and _normalized(entry.canonical) in index.names:
        return index.names[_normalized(entry.canonical)]
    return None


def closest_names(source: Source, name: str, limit: int = 5) -> list[tuple[str, str]]:
    """Names the ledger knows that look like name, best first, as (name as written, canonical)."""
    index = _index(source)
    key = _normalized(name)
    scored = []
    for candidate, canonical in index.names.items():
        score = difflib.SequenceMatcher(None, key, candidate).ratio()
        if key and (key in candidate or candidate in key):
            score = max(score, 0.75)  # 扎克 for 扎克伯格: a fragment is a strong hint
        if score >= 0.5:
            scored.append((-score, candidate, canonical))
    found: dict[str, str] = {}
    for _, candidate, canonical in sorted(scored):
        if canonical not in found and len(found) < limit:
            found[canonical] = index._display_names.get(candidate, candidate)
    return [(written, canonical) for canonical, written in found.items()]


def _about(index: LedgerIndex, canonical: str) -> set[str]:
    """Ids of the claims about an entity (mentions, its events and the events that happened in it,
    figures of it or of its events)."""
    resolve = index.resolve
    mentions = {c.id for c in index.ledger.claims if c.kind == "entity" and c.canonical == canonical}
    ids: set[str] = set(mentions)
    for claim in index.ledger.claims:
        kind = claim.kind
        if kind == "event":
            located = any(i in mentions for i in claim.place_ids)
            if located or canonical in (resolve(claim.subject), resolve(claim.object), resolve(claim.attribution)):
                ids.add(claim.id)
                ids.update(claim.figure_ids)
        elif kind == "figure" and claim.subject and resolve(claim.subject) == canonical:
            ids.add(claim.id)
    return ids


def _intervals(index: LedgerIndex, claim: Claim) -> Iterable[tuple[str, str]]:
    if claim.kind == "date":
        return [(claim.start_date, claim.end_date)] if claim.start_date else []
    if claim.kind == "event" and claim.date_ids:
        linked = (index.claims_by_id.get(i) for i in claim.date_ids)
        return [(d.start_date, d.end_date) for d in linked if d is not None and d.start_date]
    return index.sentence_dates.get((claim.article, claim.sentence), ())


def query_claims(
    source: Source,
    *,
    entity: str | None = None,
    kinds: Iterable[str] = (),
    types: Iterable[str] = (),
    date_from: str | None = None,
    date_to: str | None = None,
    articles: Iterable[str] = (),
    certainties: Iterable[str] = (),
) -> list[Claim]:
    """Claims matching every filter given (several values of one filter: any of them), in ledger order.

    entity is any name of an entity (no claims when the ledger does not know it); types
    match the type of entity and event claims, case-insensitively; certainties apply to
    events; date_from and date_to are inclusive ISO days (see ``parse_date_bound``).
    """
    index = _index(source)
    about = None
    if entity is not None:
        canonical = find_entity(index, entity)
        if canonical is None:
            return []
        about = _about(index, canonical)
    kinds, articles, certainties = set(kinds), set(articles), set(certainties)
    types = {t.casefold() for t in types}
    dated = date_from is not None or date_to is not None
    low, high = date_from or "0000-01-01", date_to or "9999-12-31"
    found = []
    for claim in index.ledger.claims:
        if about is not None and claim.id not in about:
            continue
        if (kinds and claim.kind not in kinds) or (articles and claim.article not in articles):
            continue
        if types and (claim.kind not in ("entity", "event") or claim.type.casefold() not in types):
            continue
        if certainties and (claim.kind != "event" or claim.certainty not in certainties):
            continue
        if dated and not any(start <= high and end >= low for start, end in _intervals(index, claim)):
            continue
        found.append(claim)
    return sort_claims(found)


def entity_index(source: Source, *, types: Iterable[str] = (), articles: Iterable[str] = ()) -> list[EntityInfo]:
    """The entities mentioned (in the given articles, of the given types), most mentioned first."""
    index = _index(source)
    types, articles = {t.casefold() for t in types}, set(articles)
    mentions: dict[str, list[EntityClaim]] = defaultdict(list)
    events: Counter = Counter()
    for claim in index.ledger.claims:
        if articles and claim.article not in articles:
            continue
        if claim.kind == "entity":
            mentions[claim.canonical].append(claim)
        elif claim.kind == "event":
            participants = {index.resolve(n) for n in (claim.subject, claim.object, claim.attribution)}
            events.update(p for p in participants if p)
    infos = []
    for canonical, claims in mentions.items():
        entity_type = Counter(c.type for c in claims).most_common(1)[0][0]
        if types and entity_type.casefold() not in types:
            continue
        aliases = sorted(Counter(c.text for c in claims).items(), key=lambda item: (-item[1], item[0]))
        infos.append(EntityInfo(
            canonical=canonical, type=entity_type, mentions=len(claims), aliases=tuple(aliases),
            articles=tuple(sorted({c.article for c in claims})), events=events[canonical],
        ))
    return sorted(infos, key=lambda info: (-info.mentions, info.canonical))


def claim_context(source: Source, claim_id: str) -> ClaimContext | None:
    """The claim with its sentence, what it links and what links it; None for an unknown id."""
    index = _index(source)
    claim = index.claims_by_id.get(claim_id)
    if claim is None:
        return None
    article = index.articles_by_id[claim.article]
    sentence = article.sentences[claim.sentence]
    dates = figures = places = ()
    if claim.kind == "event":
        dates = tuple(index.claims_by_id[i] for i in claim.date_ids if i in index.claims_by_id)
        figures = tuple(index.claims_by_id[i] for i in claim.figure_ids if i in index.claims_by_id)
        places = tuple(index.claims_by_id[i] for i in claim.place_ids if i in index.claims_by_id)
    entity = None
    if claim.kind == "entity":
        entity = next(i for i in entity_index(index) if i.canonical == claim.canonical)
    neighbours = index.sentence_claims[(claim.article, claim.sentence)]
    return ClaimContext(
        claim=claim,
        article=article,
        sentence=sentence,
        before=sentence.text[: claim.start - sentence.start],
        after=sentence.text[claim.end - sentence.start :],
        dates=dates,
        figures=figures,
        linked_from=tuple(index.linked_from.get(claim.id, ())),
        entity=entity,
        same_sentence=tuple(c for c in neighbours if c.id != claim.id),
        places=places,
    )


def closest_claim_ids(source: Source, claim_id: str, limit: int = 5) -> list[str]:
    """Claim ids that look like claim_id (those of its article first, when it names one)."""
    index = _index(source)
    article = claim_id.split(":", 1)[0]
    pool = [c.id for c in index.ledger.claims if c.article == article] or list(index.claims_by_id)
    return difflib.get_close_matches(claim_id, pool, n=limit, cutoff=0.5)
