"""Claim-level differences between two versions of articles or ledgers.

    import metaledger
    diff = metaledger.diff_ledgers(metaledger.load_ledger("old.yaml"), metaledger.load_ledger("new.yaml"))
    for change in diff.changes:
        print(change.change, change.kind, [(f.field, f.old, f.new) for f in change.fields])

Pure functions over ledgers: pairing is in ``alignment``; reading files and
articles in ``diff_paths``; rendering in ``render_diff``.
"""

from __future__ import annotations

import os
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, Field

from .alignment import COMPARED_FIELDS, Alignment, align_claims
from .errors import InputError, UsageError
from .models import CLAIM_KINDS, Article, Claim, EventClaim, Ledger, Sentence

ChangeKind = Literal["added", "removed", "changed", "reworded", "moved"]
CHANGE_KINDS: tuple[str, ...] = ("changed", "added", "removed", "reworded", "moved")
# Reworded and moved are notes: the claim is the same, only its words or place are not.
CLAIM_CHANGES: tuple[str, ...] = ("changed", "added", "removed")
_LINK_FIELDS = ("date_ids", "figure_ids")


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
        result.changes = [_single(change, claim, article, None) for claim in sorted(new_claims or old_claims, key=_position)]
        return result
    alignment = align_claims(old, old_claims, new, new_claims)
    changes = _paired_changes(alignment, old, new)
    result.unchanged = len(alignment.pairs) - len(changes)
    changes += [_single("removed", c, old, _anchor_line(c, alignment, new)) for c in alignment.removed]
    changes += [_single("added", c, new, None) for c in alignment.added]
    result.changes = sorted(changes, key=_change_order)
    return result


def _paired_changes(alignment: Alignment, old: Article, new: Article) -> list[ClaimChange]:
    new_id_of = {pair.old.id: pair.new.id for pair in alignment.pairs}
    text_of = {c.id: c.text for pair in alignment.pairs for c in (pair.old, pair.new)}
    text_of.update({c.id: c.text for c in (*alignment.removed, *alignment.added)})
    changes = []
    for pair in alignment.pairs:
        fields = compare_claims(pair.old, pair.new, new_id_of, text_of)
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


def compare_claims(old: Claim, new: Claim, new_id_of: dict[str, str] | None = None, text_of: dict[str, str] | None = None) -> list[FieldChange]:
    """Fields whose claimed content differs, in field order.

    Event links (date_ids, figure_ids) are ids, which shift between versions:
    an old link counts as kept when it points at the claim paired with the new
    link (``new_id_of``: old id → new id). Changed links are shown as the
    linked claims' texts (``text_of``: id → text).
    """
    if old.kind != new.kind:
        raise ValueError(f"cannot compare a {old.kind} claim with a {new.kind} claim")
    fields = [
        FieldChange(field=name, old=getattr(old, name), new=getattr(new, name))
        for name in COMPARED_FIELDS[old.kind]
        if getattr(old, name) != getattr(new, name)
    ]
    if isinstance(old, EventClaim):
        new_id_of = new_id_of or {}
        text_of = text_of or {}
        for name in _LINK_FIELDS:
            old_links, new_links = getattr(old, name), getattr(new, name)
            if sorted(new_id_of.get(i, "") for i in old_links) != sorted(new_links):
                fields.append(
                    FieldChange(
                        field=name,
                        old=[text_of.get(i, i) for i in old_links],
                        new=[text_of.get(i, i) for i in new_links],
                    )
                )
    return fields


def _single(change: str, claim: Claim, article: Article, line: int | None) -> ClaimChange:
    """An added or removed claim."""
    sentence = article.sentences[claim.sentence]
    if change == "added":
        return ClaimChange(change="added", kind=claim.kind, new_id=claim.id, line=claim_line(claim, article), new_sentence=sentence, new=claim)
    return ClaimChange(
        change="removed", kind=claim.kind, old_id=claim.id, line=line, old_line=claim_line(claim, article), old_sentence=sentence, old=claim
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


# --- reading the two sides --------------------------------------------------------------

# A top-level `schema: metaledger/…` key (YAML), or `"schema": "metaledger/…"` (a JSON ledger).
_LEDGER_MARK = re.compile(r"""^[ \t]*\{?[ \t]*(?:schema|"schema"|'schema')[ \t]*:[ \t]*["']?metaledger/""", re.M)


@dataclass(frozen=True)
class Version:
    """One side of a diff: a ledger read from a file, or extracted from an article or a folder of them."""

    name: str
    ledger: Ledger
    source: Literal["ledger", "article", "folder"]


def ledger_from_bytes(data: bytes, name: str) -> Ledger | None:
    """The ledger in data, or None when data is not a ledger (so it is an article).

    Decided by content, not by file name: UTF-8 text with a top-level
    ``schema: metaledger/…`` key is a ledger, and then it must be a valid one.
    """
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None
    if not _LEDGER_MARK.search(text):
        return None
    from .ledger import parse_ledger

    return parse_ledger(text, name)


def load_version(path: str | os.PathLike, *, reference_date=None, lexicon=None) -> Version:
    """A ledger file as is; an article file or a folder of articles extracted."""
    from .api import extract_file, extract_files

    path = Path(path)
    if path.is_dir():
        return Version(str(path), extract_files([path], reference_date=reference_date, lexicon=lexicon), "folder")
    if not path.exists():
        raise InputError(f"{path}: no such file")
    try:
        data = path.read_bytes()
    except OSError as error:
        raise InputError(f"{path}: cannot read: {error.strerror or error}") from None
    ledger = ledger_from_bytes(data, str(path))
    if ledger is not None:
        return Version(str(path), ledger, "ledger")
    return Version(str(path), extract_file(path, reference_date=reference_date, lexicon=lexicon), "article")


def version_from_bytes(data: bytes, name: str, *, article_id: str = "stdin", reference_date=None, lexicon=None) -> Version:
    """Like load_version for bytes in memory (standard input): a ledger, or one article."""
    from .api import extract_text
    from .load import decode_bytes

    ledger = ledger_from_bytes(data, name)
    if ledger is not None:
        return Version(name, ledger, "ledger")
    text, _ = decode_bytes(data, name)
    return Version(name, extract_text(text, article_id=article_id, reference_date=reference_date, lexicon=lexicon), "article")


def diff_versions(old: Version, new: Version, *, article: str | None = None) -> LedgerDiff:
    """diff_ledgers, scoped: an article file compared with a ledger of several articles
    is compared with that ledger's article of the same id (or the one named by ``article``)."""
    if article is None:
        for single, other in ((old, new), (new, old)):
            if single.source == "article" and len(other.ledger.articles) > 1:
                article = single.ledger.articles[0].id
                if other.ledger.article(article) is None:
                    have = ", ".join(a.id for a in other.ledger.articles[:5])
                    more = ", …" if len(other.ledger.articles) > 5 else ""
                    raise UsageError(f"{other.name} has no article {article!r} (it has {have}{more}); choose one with --article")
                break
    return diff_ledgers(old.ledger, new.ledger, article=article)


def diff_paths(old: str | os.PathLike, new: str | os.PathLike, *, reference_date=None, lexicon=None, article: str | None = None) -> LedgerDiff:
    """Compare two files or folders; each is a ledger or an article (or folder of articles) to extract."""
    from .api import _lexicon

    gazetteer = _lexicon(lexicon)
    old_version = load_version(old, reference_date=reference_date, lexicon=gazetteer)
    new_version = load_version(new, reference_date=reference_date, lexicon=gazetteer)
    return diff_versions(old_version, new_version, article=article)
