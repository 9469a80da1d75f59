"""Claims read as statements of facts: which attribute of which event a figure or a date states.

The ledger's links come first, then documented fallbacks:

- **Attribute** of a figure: the nearest cue word in its own segment (107人死亡, 死亡人数达107人,
  震级为7.8), else the event that links it (`figure_ids`: a death event counts the dead), else its
  unit when the topic has one attribute in that unit (级 → magnitude). An unlinked figure takes
  the nearest event of its clause (600 人裁员).
- **Topic**: the linked event when it is a topic (earthquake, fire, layoff …), else the nearest
  topic event of the sentence (before the figure first), else the nearest one earlier in the
  article, else the article's only topic class. Words in or before the trigger qualify it (余震).
- **Place or actor**: the places the topic event's subject names (川西汶川 → 汶川县), else those it
  links (`place_ids`) when they lie on one chain (四川, 汶川县 → 汶川县) — a clause naming unrelated
  places (where a quake struck and where it was felt) gives none; for actors the event's subject,
  else the figure's. A statement without a place joins the only fact it fits.
- **Window**: the topic event's dates (`date_ids`, never an as-of date), else its sentence's, else
  the days before the report's date (facts.yaml: window).
- **As of**: a date right after 截至/截止/至 in the sentence, else the report's date.
- **Onset**: the finest date an event of a topic with `onset` links (a time of day over a day).
"""

from __future__ import annotations

import re
from collections import Counter
from itertools import groupby

from ..ledger.models import Article, Claim, DateClaim, EventClaim, FigureClaim
from ..query import LedgerIndex
from .places import Places
from .report import Statement
from .rules import Attribute, FactRules, Topic
from .values import Span, as_of_span, date_span, days_span, figure_span, reference_span

_SEGMENT_BREAK = re.compile(r"[、，,；;。！？!?：:（）()「」“”\n]")
_CLAUSE_BREAK = re.compile(r"[，,；;。！？!?：:\n]")
_ONSET_GRANULARITIES = ("second", "minute", "hour", "day")


def _bounds(text: str, start: int, end: int, breaks: re.Pattern) -> tuple[int, int]:
    """The stretch of text around [start, end) between two breaks."""
    left = max((m.end() for m in breaks.finditer(text, 0, start)), default=0)
    right = next((m.start() for m in breaks.finditer(text, end)), len(text))
    return left, right


class StatementReader:
    """Reads every statement of a ledger; one instance per ledger (it learns the places first)."""

    def __init__(self, index: LedgerIndex, rules: FactRules):
        self.index, self.rules = index, rules
        claims = index.ledger.claims
        self.places = Places((c for c in claims if c.kind == "entity"), rules.place_suffixes)
        self.statements: list[Statement] = []

    def read(self) -> list[Statement]:
        for article_id, claims in groupby(self.index.ledger.claims, key=lambda c: c.article):
            _ArticleReader(self, self.index.articles_by_id[article_id], list(claims)).read()
        return self.statements


class _ArticleReader:
    def __init__(self, reader: StatementReader, article: Article, claims: list[Claim]):
        self.reader, self.rules, self.index = reader, reader.rules, reader.index
        self.article, self.claims = article, claims
        self.events = [c for c in claims if isinstance(c, EventClaim)]
        self.topic_events = [e for e in self.events if e.type in self.rules.topic_of_event]
        self.as_of_dates: dict[str, str] = {}  # date claim id → the as-of word before it (截至)
        for claim in claims:
            cue = self.rules.as_of.search(self._before(claim, 12)) if isinstance(claim, DateClaim) else None
            if cue:
                self.as_of_dates[claim.id] = cue.group().strip()
        classes = Counter(self.rules.topic_of_event[e.type].name for e in self.topic_events)
        self.main_topic = next(iter(classes)) if len(classes) == 1 else None
        self.report = reference_span(article.reference_date)

    def _text(self, claim: Claim) -> str:
        return self.article.sentences[claim.sentence].text

    def _before(self, claim: Claim, width: int) -> str:
        sentence = self.article.sentences[claim.sentence]
        offset = claim.start - sentence.start
        return sentence.text[max(0, offset - width) : offset]

    def _after(self, claim: Claim, width: int) -> str:
        sentence = self.article.sentences[claim.sentence]
        offset = claim.end - sentence.start
        return sentence.text[offset : offset + width]

    def read(self) -> None:
        for claim in self.claims:
            if isinstance(claim, FigureClaim):
                self._figure(claim)
        for event in self.topic_events:
            if "onset" in self.rules.topic_of_event[event.type].attributes:
                self._onset(event)

    # --- figures -------------------------------------------------------------------------------

    def _cue(self, figure: FigureClaim) -> tuple[str, str] | None:
        """(cue word, 'before'/'after') nearest the figure in its segment."""
        text, sentence = self._text(figure), self.article.sentences[figure.sentence]
        start, end = figure.start - sentence.start, figure.end - sentence.start
        left, right = _bounds(text, start, end, _SEGMENT_BREAK)
        before = [(start - m.end(), m.group(), "before") for m in self.rules.cues.finditer(text, left, start)]
        after = [(m.start() - end, m.group(), "after") for m in self.rules.cues.finditer(text, end, right)]
        if not before and not after:
            return None
        _, word, side = min(after[:1] + before[-1:], key=lambda found: (found[0], found[2] != "after"))
        return word, side

    def _clause_events(self, claim: Claim) -> list[EventClaim]:
        """Events in the claim's clause, nearest first."""
        sentence = self.article.sentences[claim.sentence]
        left, right = _bounds(sentence.text, claim.start - sentence.start, claim.end - sentence.start, _CLAUSE_BREAK)
        inside = [e for e in self.events if e.sentence == claim.sentence and left <= e.start - sentence.start < right]
        return sorted(inside, key=lambda e: abs(e.start - claim.start))

    def _figure(self, figure: FigureClaim) -> None:
        linked = [e for e in self.index.linked_from.get(figure.id, ()) if e.article == figure.article]
        how = []
        if not linked:
            linked = self._clause_events(figure)[:1]
            if linked:
                how.append(f"no event links it; nearest event of its clause: {linked[0].text} ({linked[0].id})")
        else:
            how.append(f"linked by event {linked[0].text} ({linked[0].id})")
        found = self._attribute(figure, linked, how)
        if found is None:
            return
        attribute, source = found
        if source is not None and source.polarity == "negative":
            return  # 并未裁员 600 人 states no count
        topic_event, topic_how = self._topic_event(figure, attribute, linked)
        if topic_event is None:
            return
        self._add(figure, figure_span(figure, self.rules), topic_event, attribute, source,
                  tuple(how + topic_how), figure.unit or next(iter(sorted(attribute.units)), None))

    def _attribute(self, figure: FigureClaim, linked: list[EventClaim], how: list[str]):
        """(attribute, the event the statement is sourced to) or None."""
        rules = self.rules
        cue = self._cue(figure)
        if cue is not None:
            word, side = cue
            fitting = [rules.attributes[n] for n in rules.cue_attributes[word]]
            fitting = [a for a in fitting if a.takes(figure.unit, figure.measure, cued=True)]
            if len(fitting) == 1:
                how.append(f"attribute {fitting[0].name}: cue {word} {side} it")
                return fitting[0], linked[0] if linked else self._sentence_source(figure)
        for event in linked:
            fitting = [a for a in rules.attributes_of_event(event.type, event.trigger)
                       if a.takes(figure.unit, figure.measure, cued=False)]
            if len(fitting) == 1:
                how.append(f"attribute {fitting[0].name}: a figure of event type {event.type}")
                return fitting[0], event
            topic = rules.topic_of_event.get(event.type)
            if topic is not None:
                fitting = [rules.attributes[n] for n in topic.attributes]
                fitting = [a for a in fitting if a.takes(figure.unit, figure.measure, cued=False)]
                if len(fitting) == 1:
                    how.append(f"attribute {fitting[0].name}: the only one of {topic.name} in unit {figure.unit or figure.measure}")
                    return fitting[0], event
        return None

    def _sentence_source(self, claim: Claim) -> EventClaim | None:
        """The event whose attribution frames the sentence, when no event is the claim's own."""
        framed = [e for e in self.events if e.sentence == claim.sentence]
        return next((e for e in framed if e.attribution), framed[0] if framed else None)

    def _topic_event(self, figure: FigureClaim, attribute: Attribute, linked: list[EventClaim]):
        """The event a statement is about, and how it was found: its own linked event, else the
        nearest of its sentence (before it first), else the nearest earlier, else the article's
        only kind — a specific incident always before one that only refers back (事故)."""
        takes = [e for e in self.topic_events if attribute.name in self._topic(e).attributes]
        ids = {e.id for e in takes}
        own = [e for e in linked if e.id in ids]
        same = sorted((e for e in takes if e.sentence == figure.sentence),
                      key=lambda e: (e.start > figure.start, abs(e.start - figure.start)))
        earlier = [e for e in reversed(takes) if e.sentence < figure.sentence]
        found = [(e, None) for e in own] + [(e, "the nearest {} of its sentence") for e in same]
        found += [(e, "the nearest {} before it") for e in earlier]
        if self.main_topic and takes and self._topic(takes[0]).name == self.main_topic:
            found.append((takes[0], "the article's only kind of topic"))
        if not found:
            return None, []
        specific = [(e, why) for e, why in found if not self._refers_back(e, attribute)]
        event, why = (specific or found)[0]
        if why is None:
            return event, []
        return event, [f"about {event.text} ({event.id}), " + why.format(self._topic(event).name)]

    def _refers_back(self, event: EventClaim, attribute: Attribute) -> bool:
        return event.trigger in self.rules.referring_triggers or event.trigger in attribute.cues

    def _topic(self, event: EventClaim) -> Topic:
        return self.rules.topic_of_event[event.type]

    # --- onsets --------------------------------------------------------------------------------

    def _onset(self, event: EventClaim) -> None:
        dates = [self.index.claims_by_id.get(i) for i in event.date_ids]
        dates = [d for d in dates if isinstance(d, DateClaim) and d.start_date and d.id not in self.as_of_dates
                 and d.granularity in _ONSET_GRANULARITIES]
        if not dates:
            return
        best = min(dates, key=lambda d: (d.start_time is None, _ONSET_GRANULARITIES.index(d.granularity), d.start))
        # The dates work marks approximate times (time_approx) and zones (time_zone, 当地时间); read
        # them when the ledger has them, the words after the time otherwise.
        approximate = getattr(best, "time_approx", None) == "about" or bool(self.rules.approx_time.search(self._after(best, 4)))
        zone = getattr(best, "time_zone", None)
        how = (f"date of event {event.text} ({event.id}) by date_ids" + (", approximate" if approximate else ""),)
        # Chinese reports give Beijing time unless they say otherwise: a local time is not compared with it.
        unit = "time" if zone in (None, "UTC+08:00") else f"time ({zone})"
        self._add(best, date_span(best, approximate), event, self.rules.attributes["onset"], event, how, unit)

    # --- the statement -------------------------------------------------------------------------

    def _add(self, claim, value: Span, event: EventClaim, attribute: Attribute, source, how, unit) -> None:
        topic = self._topic(event)
        event_sentence = self.article.sentences[event.sentence]
        qualifier = topic.qualifier_of(event_sentence.text[: event.start - event_sentence.start], event.trigger)
        subject, subject_key = self._subject(event, topic, claim)
        obj = self.index.resolve(event.object) if topic.by_object else None
        as_of, label, as_of_id = self._as_of(claim)
        self.reader.statements.append(Statement(
            claim=claim, sentence=self.article.sentences[claim.sentence], article_path=self.article.path,
            topic=topic.name, qualifier=qualifier.name if qualifier else None, attribute=attribute.name, unit=unit,
            value=value, subject=subject, subject_key=subject_key, object=obj,
            window=self._window(event, topic), moment=self._moment(event), as_of=as_of, as_of_label=label,
            as_of_id=as_of_id, event=event, source=source, how=how,
        ))

    def _subject(self, event: EventClaim, topic: Topic, claim: Claim) -> tuple[str | None, str | None]:
        """(name, key): where a place topic happened, or who an actor topic's actor is (see the module doc)."""
        places = self.reader.places
        if topic.where == "actor":
            actor = self.index.resolve(event.subject) or self.index.resolve(getattr(claim, "subject", None))
            return actor, places.key(actor) if actor else None
        key = places.most_specific(places.named_in(event.subject or ""))
        if key is None:
            linked = [self.index.claims_by_id.get(i) for i in event.place_ids]
            key = places.most_specific(places.key(p.canonical) for p in linked if p is not None and p.kind == "entity")
        return (places.names.get(key, key), key) if key else (None, None)

    def _dates(self, claims) -> list[DateClaim]:
        return [d for d in claims if isinstance(d, DateClaim) and d.start_date and d.id not in self.as_of_dates
                and d.granularity != "fuzzy"]

    def _window(self, event: EventClaim, topic: Topic) -> Span | None:
        dates = self._dates(self.index.claims_by_id.get(i) for i in event.date_ids)
        if not dates:
            dates = self._dates(self.index.sentence_claims.get((event.article, event.sentence), ()))
        if dates:
            return days_span(min(d.start_date for d in dates), max(d.end_date for d in dates), topic.slack_days)
        if self.report is None:
            return None
        return Span(self.report.low - topic.lookback_days * 86400.0, self.report.high)

    def _moment(self, event: EventClaim) -> Span | None:
        dates = [self.index.claims_by_id.get(i) for i in event.date_ids]
        timed = [d for d in dates if isinstance(d, DateClaim) and d.start_time and d.id not in self.as_of_dates]
        return date_span(timed[0]) if timed else None

    def _as_of(self, claim: Claim) -> tuple[Span | None, str, str | None]:
        sentence_claims = self.index.sentence_claims.get((claim.article, claim.sentence), ())
        cued = [d for d in sentence_claims if d.id in self.as_of_dates and d.start_date]
        if cued:
            date = min(cued, key=lambda d: (d.start > claim.start, abs(d.start - claim.start)))
            when = date.end_date + (f" {date.end_time or date.start_time}" if date.start_time else "")
            return as_of_span(date), f"{when} ({self.as_of_dates[date.id]}{date.text})", date.id
        if self.report is None:
            return None, "undated report", None
        return self.report, f"{self.article.reference_date} (report)", None
