"""Claim-level differences between two versions of articles or ledgers.

    import metaledger
    diff = metaledger.diff_ledgers(metaledger.load_ledger("old.yaml"), metaledger.load_ledger("new.yaml"))
    for change in diff.changes:
        print(change.change, change.kind, [(f.field, f.old, f.new) for f in change.fields])

Pure functions over ledgers: pairing is in ``alignment``; reading files and
articles in ``versions`` (and ``diff_paths``); rendering in ``diff.render``.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any, Literal

from pydantic import BaseModel, Field

from ..errors import UsageError
from ..ledger.models import CLAIM_KINDS, Article, Claim, EventClaim, Ledger, Sentence
from .alignment import COMPARED_FIELDS, Alignment, align_claims

ChangeKind = Literal["added", "removed", "changed", "reworded", "moved"]
CHANGE_KINDS: tuple[str, ...] = ("changed", "added", "removed", "reworded", "moved")
# Reworded and moved are notes: the claim is the same, only its words or place are not.
CLAIM_CHANGES: tuple[str, ...] = ("changed", "added", "removed")
_LINK_FIELDS = ("date_ids", "figure_ids", "place_ids")


class FieldChange(BaseModel):
    field: str
    old: Any = None
    new: Any = None


class ClaimChange(BaseModel):
    """One claim added, removed or changed, or a note that an unchanged claim was reworded or moved."""

    change: ChangeKind
    kind: str = Field(description="claim kind: entity | date | figure | event")
    old_id: str | None = None
    new_id: str | None = None
    fields: list[FieldChange] = []
    events: list[EventClaim] = Field(
        default=[],
        description="for a changed, added or removed date or figure: the events (in its version) that link it; "
        "the change is reported here, once, not again as a change of those events' links",
    )
    line: int | None = Field(default=None, description="line in NEW (for a removed claim: where it used to be)")
    old_line: int | None = None
    moved: bool = False
    reworded: bool = False
    old_sentence: Sentence | None = None
    new_sentence: Sentence | None = None
    old: Claim | None = None
    new: Claim | None = None

    @property
    def is_note(self) -> bool:
        return self.change not in CLAIM_CHANGES

    @property
    def claim(self) -> Claim:
        """The claim as it stands now (NEW's, or OLD's when removed)."""
        return self.new if self.new is not None else self.old

    @property
    def sentence(self) -> Sentence:
        """The claim's sentence as it stands now (NEW's, or OLD's when removed)."""
        return self.new_sentence if self.new is not None else self.old_sentence


class ArticleDiff(BaseModel):
    old_article: str | None
    new_article: str | None
    path: str | None = Field(default=None, description="NEW's article path (OLD's when the article was removed)")
    old_reference_date: str | None = Field(default=None, description="relative dates (今年, 上周) resolve against these")
    new_reference_date: str | None = None
    old_claims: int = 0
    new_claims: int = 0
    unchanged: int = Field(default=0, description="claims paired with no change and no note")
    changes: list[ClaimChange] = []

    @property
    def label(self) -> str:
        if self.old_article is None:
            return f"{self.new_article} (new article)"
        if self.new_article is None:
            return f"{self.old_article} (article removed)"
        if self.old_article == self.new_article:
            return self.new_article
        return f"{self.old_article} → {self.new_article}"


class LedgerDiff(BaseModel):
    articles: list[ArticleDiff] = []

    @property
    def changes(self) -> list[ClaimChange]:
        return [change for article in self.articles for change in article.changes]

    def counts(self) -> Counter:
        """(change, claim kind) → number of changes."""
        return Counter((c.change, c.kind) for c in self.changes)


class FailPolicy(BaseModel):
    """Which changes fail a run: a change fails when its claim kind and its change kind are both listed."""

    kinds: tuple[str, ...] = CLAIM_KINDS
    changes: tuple[str, ...] = CLAIM_CHANGES

    def fails(self, change: ClaimChange) -> bool:
        return change.kind in self.kinds and change.change in self.changes

    def failing(self, diff: LedgerDiff) -> list[ClaimChange]:
        return [change for change in diff.changes if self.fails(change)]

    def describe(self) -> str:
        """The policy as a --fail-on value: 'all', 'none', 'figure,date', 'figure,changed'…"""
        if not self.kinds or not self.changes:
            return "none"
        tokens = [] if self.kinds == CLAIM_KINDS else list(self.kinds)
        tokens += [] if self.changes == CLAIM_CHANGES else list(self.changes)
        return ",".join(tokens) or "all"


def parse_fail_on(text: str | None) -> FailPolicy:
    """'figure,date' → figures and dates added, removed or changed; 'changed' → any changed claim;
    'figure,changed' → changed figures; 'all' (the default) or 'none'."""
    if text is None or not text.strip():
        return FailPolicy()
    tokens = [token.strip().lower() for token in text.split(",") if token.strip()]
    if tokens == ["all"]:
        return FailPolicy()
    if tokens == ["none"]:
        return FailPolicy(kinds=(), changes=())
    known = (*CLAIM_KINDS, *CLAIM_CHANGES)
    unknown = [token for token in tokens if token not in known]
    if unknown:
        raise UsageError(
            f"--fail-on: unknown {', '.join(map(repr, unknown))}; use claim kinds ({', '.join(CLAIM_KINDS)}), "
            f"changes ({', '.join(CLAIM_CHANGES)}), 'all' or 'none'"
        )
    kinds = tuple(kind for kind in CLAIM_KINDS if kind in tokens) or CLAIM_KINDS
    changes = tuple(change for change in CLAIM_CHANGES if change in tokens) or CLAIM_CHANGES
    return FailPolicy(kinds=kinds, changes=changes)


def diff_ledgers(old: Ledger, new: Ledger, *, article: str | None = None) -> LedgerDiff:
    """Compare two ledgers claim by claim, article by article.

    With ``article``, only that article is compared; one side must hold that id,
    and a side holding a single article stands for it whatever its id (so a
    ledger's article compares with a new version saved under another name). Without it, two one-article ledgers are compared as versions of
    one article and larger ledgers pair their articles by id.
    """
    pairs = _article_pairs(old, new, article)
    old_claims, new_claims = _claims_by_article(old), _claims_by_article(new)
    return LedgerDiff(
        articles=[
            diff_article(a, old_claims.get(a.id, []) if a else [], b, new_claims.get(b.id, []) if b else [])
            for a, b in pairs
        ]
    )


def _claims_by_article(ledger: Ledger) -> dict[str, list[Claim]]:
    grouped: dict[str, list[Claim]] = {}
    for claim in ledger.claims:
        grouped.setdefault(claim.article, []).append(claim)
    return grouped


def _article_pairs(old: Ledger, new: Ledger, article: str | None) -> list[tuple[Article | None, Article | None]]:
    if article is not None:
        if old.article(article) is None and new.article(article) is None:
            raise UsageError(f"--article: no article {article!r} in either version")
        return [(_pick(old, article), _pick(new, article))]
    if len(old.articles) == 1 and len(new.articles) == 1:
        return [(old.articles[0], new.articles[0])]
    ids = sorted({a.id for a in old.articles} | {a.id for a in new.articles})
    return [(old.article(i), new.article(i)) for i in ids]


def _pick(ledger: Ledger, article_id: str) -> Article | None:
    found = ledger.article(article_id)
    if found is None and len(ledger.articles) == 1:
        return ledger.articles[0]
    return found


def diff_article(old: Article | None, old_claims: list[Claim], new: Article | None, new_claims: list[Claim]) -> ArticleDiff:
    """Changes between two versions of one article and its claims (either may be missing:
    all added or all removed)."""
    result = ArticleDiff(
        old_article=old.id if old else None,
        new_article=new.id if new else None,
        path=(new.path if new else old.path if old else None),
        old_reference_date=old.reference_date if old else None,
        new_reference_date=new.reference_date if new else None,
        old_claims=len(old_claims),
        new_claims=len(new_claims),
    )
    if old is None or new is None:
        article = new or old
        change = "added" if new else "removed"
        events_of = _linking_events(new_claims or old_claims)
        claims = sorted(new_claims or old_claims, key=_position)
        result.changes = [_single(change, claim, article, None, events_of) for claim in claims]
        return result
    alignment = align_claims(old, old_claims, new, new_claims)
    old_events_of, new_events_of = _linking_events(old_claims), _linking_events(new_claims)
    changes = _paired_changes(alignment, old, new, new_events_of)
    result.unchanged = len(alignment.pairs) - len(changes)
    changes += [_single("removed", c, old, _anchor_line(c, alignment, new), old_events_of) for c in alignment.removed]
    changes += [_single("added", c, new, None, new_events_of) for c in alignment.added]
    result.changes = sorted(changes, key=_change_order)
    return result


def _linking_events(claims: list[Claim]) -> dict[str, list[EventClaim]]:
    """Claim id → the events that link it (as a date, a figure or a place), in text order."""
    events_of: dict[str, list[EventClaim]] = {}
    for claim in sorted((c for c in claims if isinstance(c, EventClaim)), key=_position):
        for linked in (*claim.date_ids, *claim.figure_ids, *claim.place_ids):
            events_of.setdefault(linked, []).append(claim)
    return events_of


@dataclass(frozen=True)
class LinkPairing:
    """How event links (ids, which shift between versions) translate from OLD to NEW."""

    new_id_of: dict[str, str]  # old id → new id of each paired claim
    paired_new: frozenset[str]  # NEW's ids that have an OLD counterpart
    text_of: dict[str, str]  # id (either side) → the claim's text, to show a link

    @classmethod
    def of(cls, alignment: Alignment) -> LinkPairing:
        text_of = {c.id: c.text for pair in alignment.pairs for c in (pair.old, pair.new)}
        text_of.update({c.id: c.text for c in (*alignment.removed, *alignment.added)})
        new_id_of = {pair.old.id: pair.new.id for pair in alignment.pairs}
        return cls(new_id_of, frozenset(new_id_of.values()), text_of)


def _paired_changes(alignment: Alignment, old: Article, new: Article, events_of: dict[str, list[EventClaim]]) -> list[ClaimChange]:
    pairing = LinkPairing.of(alignment)
    changes = []
    for pair in alignment.pairs:
        fields = compare_claims(pair.old, pair.new, pairing)
        kind = "changed" if fields else "moved" if pair.moved else "reworded" if pair.reworded else None
        if kind is None:
            continue
        changes.append(
            ClaimChange(
                change=kind,
                kind=pair.new.kind,
                old_id=pair.old.id,
                new_id=pair.new.id,
                fields=fields,
                events=events_of.get(pair.new.id, []) if fields else [],
                line=claim_line(pair.new, new),
                old_line=claim_line(pair.old, old),
                moved=pair.moved,
                reworded=pair.reworded,
                old_sentence=old.sentences[pair.old.sentence],
                new_sentence=new.sentences[pair.new.sentence],
                old=pair.old,
                new=pair.new,
            )
        )
    return changes


def compare_claims(old: Claim, new: Claim, pairing: LinkPairing | None = None) -> list[FieldChange]:
    """Fields whose claimed content differs, in field order.

    Event links (date_ids, figure_ids, place_ids) are compared through the pairing: an old
    link is kept when it points at the claim paired with the new link. A link to
    a claim found on one side only (removed or added) is no change of the event:
    that claim is reported itself, once, naming the event (``ClaimChange.events``)
    — so "达到 570 亿美元" added to a growth sentence is one added figure, not also
    a changed event. Without a pairing, link ids are compared as they are.
    Changed links are shown as the linked claims' texts.
    """
    if old.kind != new.kind:
        raise ValueError(f"cannot compare a {old.kind} claim with a {new.kind} claim")
    fields = [
        FieldChange(field=name, old=getattr(old, name), new=getattr(new, name))
        for name in COMPARED_FIELDS[old.kind]
        if getattr(old, name) != getattr(new, name)
    ]
    if isinstance(old, EventClaim) and pairing is not None:
        fields = [f for f in fields if not _figure_role(f, old, new, pairing)]
    if isinstance(old, EventClaim):
        fields += [_link_change(name, getattr(old, name), getattr(new, name), pairing) for name in _LINK_FIELDS]
    return [field for field in fields if field is not None]


def _figure_role(field: FieldChange, old: EventClaim, new: EventClaim, pairing: LinkPairing) -> bool:
    """裁员 600 人 → 700 人: a subject or object written as one of the event's linked figures changes
    with that figure, which is reported itself (the figures are paired across the versions)."""
    if field.field not in ("subject", "object"):
        return False
    text_of = pairing.text_of
    olds = [i for i in old.figure_ids if text_of.get(i) == field.old]
    news = {i for i in new.figure_ids if text_of.get(i) == field.new}
    return any(pairing.new_id_of.get(i) in news for i in olds)


def _link_change(name: str, old_links: list[str], new_links: list[str], pairing: LinkPairing | None) -> FieldChange | None:
    if pairing is None:
        return None if sorted(old_links) == sorted(new_links) else FieldChange(field=name, old=old_links, new=new_links)
    kept_before = sorted(pairing.new_id_of[i] for i in old_links if i in pairing.new_id_of)
    kept_after = sorted(i for i in new_links if i in pairing.paired_new)
    if kept_before == kept_after:
        return None
    text_of = pairing.text_of
    return FieldChange(field=name, old=[text_of.get(i, i) for i in old_links], new=[text_of.get(i, i) for i in new_links])


def _single(change: str, claim: Claim, article: Article, line: int | None, events_of: dict[str, list[EventClaim]]) -> ClaimChange:
    """An added or removed claim."""
    sentence = article.sentences[claim.sentence]
    events = events_of.get(claim.id, [])
    if change == "added":
        return ClaimChange(
            change="added", kind=claim.kind, new_id=claim.id, events=events, line=claim_line(claim, article), new_sentence=sentence, new=claim
        )
    return ClaimChange(
        change="removed",
        kind=claim.kind,
        old_id=claim.id,
        events=events,
        line=line,
        old_line=claim_line(claim, article),
        old_sentence=sentence,
        old=claim,
    )


def claim_line(claim: Claim, article: Article) -> int:
    """1-based line of the claim's first character in its article."""
    sentence = article.sentences[claim.sentence]
    return sentence.line + sentence.text.count("\n", 0, claim.start - sentence.start)


def _anchor_line(claim: Claim, alignment: Alignment, new: Article) -> int | None:
    """Where in NEW a removed claim used to be: its sentence if that survives, else just after
    the nearest earlier sentence that does."""
    if not new.sentences:
        return None
    mapping = alignment.sentence_map
    if claim.sentence in mapping:
        return new.sentences[mapping[claim.sentence]].line
    earlier = [i for i in mapping if i < claim.sentence]
    if not earlier:
        return new.sentences[0].line
    following = min(mapping[max(earlier)] + 1, len(new.sentences) - 1)
    return new.sentences[following].line


def _position(claim: Claim) -> tuple:
    return (claim.start, CLAIM_KINDS.index(claim.kind), claim.id)


def _change_order(change: ClaimChange) -> tuple:
    """NEW's order: by line; a removed claim first at the line it was anchored to, the rest by position."""
    claim = change.claim
    line = change.line if change.line is not None else 0
    position = claim.start if change.new is not None else -1
    return (line, position, CLAIM_KINDS.index(change.kind), claim.id)
