"""From candidate mentions to entities: no nesting, one type and one canonical name per entity.

- Overlaps: the longest candidate wins; on equal length a gazetteer name beats a rule's guess.
- Grouping: mentions with the same name (case, spacing and script folded), names an article
  links (X(Y)), short forms of a person's name (Wang, 扎克伯格 after 马克·扎克伯格), an
  organization with and without its suffix word (Thinking Machines, Thinking Machines Lab) and
  team names on one head (TBD 团队, TBD 实验室, TBD Lab) are one entity.
- Types: a group with a gazetteer member takes its type and canonical name; otherwise its
  members vote, each with its shape (rules) and its context (lexicon/type_cues.yaml), and the
  canonical name is the name the article defined, else the longest form it used.
"""

from __future__ import annotations

import bisect
import re
from collections import defaultdict

from ...resources.gazetteer import normalize_alias
from .context import context_votes, coordinated
from .mention import ENTITY_TYPE_ORDER, Mention, SpanSet

_RULE_RANK = {
    rule: rank
    for rank, rule in enumerate(
        (
            "entity.gazetteer",
            "entity.defined_alias",
            "entity.place_list",
            "entity.place_abbreviation",
            "entity.route_name",
            "entity.place_region",
            "entity.place_name",
            "entity.org_suffix",
            "entity.person_cue",
            "entity.person_name",
            "entity.person_in_list",
            "entity.titled_work",
            "entity.latin_name",
            "entity.transliterated",
            "entity.named_event",
            "entity.named_storm",
            "entity.quoted_document",
            "entity.jieba_name",
            "entity.nickname",
            "entity.person_short_form",
        )
    )
}
_VERSION_TAIL = re.compile(r"-?(?:[a-z]+)?[0-9][0-9.]*[a-z]*")
_ORG_TAILS = ("lab", "labs", "inc", "inc.", "corp", "group", "ai", "team", "团队", "实验室", "公司", "集团")
_TEAM_TAIL = re.compile(r"(?:\s*(?:团队|实验室|小组|工作室)|\s+(?:Lab|Labs|Team))$")
_SPACES = re.compile(r"\s+")


def without_nesting(mentions: list[Mention]) -> list[Mention]:
    """Longest first, gazetteer first on ties; rule guesses covered by two known names dropped."""
    known = sorted((m for m in mentions if m.known), key=lambda m: m.start)
    known_starts = [m.start for m in known]
    kept: list[Mention] = []
    taken = SpanSet()
    for mention in sorted(mentions, key=lambda m: (-m.length, _RULE_RANK.get(m.rule, 99), m.start)):
        if taken.overlaps(mention.start, mention.end) or _tiled(mention, known, known_starts):
            continue
        kept.append(mention)
        taken.add(mention.start, mention.end)
    return sorted(kept, key=lambda m: m.start)


def _tiled(mention: Mention, known: list[Mention], starts: list[int]) -> bool:
    """"OpenAI GPT-5" is two known names side by side, not one unknown Latin name."""
    if mention.rule != "entity.latin_name":
        return False
    first, last = bisect.bisect_left(starts, mention.start), bisect.bisect_left(starts, mention.end)
    return sum(1 for k in known[first:last] if k.end <= mention.end) >= 2


class _Groups:
    """Union-find over mention indexes; the grouping is kept until the next union changes it
    (the resolver asks for it many times between a few unions)."""

    def __init__(self, size: int):
        self.parent = list(range(size))
        self._members: dict[int, list[int]] | None = None

    def find(self, item: int) -> int:
        while self.parent[item] != item:
            self.parent[item] = self.parent[self.parent[item]]
            item = self.parent[item]
        return item

    def union(self, a: int, b: int) -> None:
        a, b = self.find(a), self.find(b)
        if a != b:
            self.parent[max(a, b)] = min(a, b)
            self._members = None

    def members(self) -> dict[int, list[int]]:
        """Root → its items, in increasing order (do not modify: it is shared until a union)."""
        if self._members is None:
            groups: dict[int, list[int]] = {}
            for item in range(len(self.parent)):
                groups.setdefault(self.find(item), []).append(item)
            self._members = groups
        return self._members


class Resolver:
    """Groups, votes and names the mentions of one article."""

    def __init__(self, doc, mentions: list[Mention], links: list[tuple[Mention, Mention]]):
        self.doc = doc
        self.mentions = mentions
        self.index = {(m.start, m.end): i for i, m in enumerate(mentions)}
        self.keys = [normalize_alias(doc.text[m.start : m.end]) for m in mentions]
        self.context = context_votes(doc, mentions)
        self.partners = coordinated(doc, mentions)
        self.extra: list[list[tuple[str, float]]] = [[] for _ in mentions]  # votes a group earns from others
        self.groups = _Groups(len(mentions))
        self.defining: set[int] = set()
        self._group_same_names()
        for name, alias in links:
            a, b = self.index.get((name.start, name.end)), self.index.get((alias.start, alias.end))
            if a is not None and b is not None and self._compatible(a, b):
                self.groups.union(a, b)
                self.defining.add(a)

    def _group_same_names(self) -> None:
        first: dict[str, int] = {}
        for i, mention in enumerate(self.mentions):
            name = ("known", mention.canonical) if mention.known else ("key", self.keys[i])
            if name in first:
                self.groups.union(first[name], i)
            else:
                first[name] = i

    def _compatible(self, a: int, b: int) -> bool:
        ca, cb = self.mentions[a].canonical, self.mentions[b].canonical
        return ca is None or cb is None or ca == cb

    def votes(self, members: list[int]) -> dict[str, float]:
        """A name's shape votes once per spelling; every mention's context votes on its own."""
        totals: dict[str, float] = defaultdict(float)
        spellings = {}
        for i in members:
            spellings.setdefault(self.keys[i], self.mentions[i].evidence)
            for entity_type, weight in (*self.context[i], *self.extra[i]):
                totals[entity_type] += weight
        for evidence in spellings.values():
            for entity_type, weight in evidence:
                totals[entity_type] += weight
        return totals

    def group_type(self, members: list[int]) -> str | None:
        for i in members:
            if self.mentions[i].known or self.mentions[i].type:
                return self.mentions[i].type
        totals = self.votes(members)
        if not totals:
            return self.mentions[members[0]].type
        return max(ENTITY_TYPE_ORDER, key=lambda t: (totals.get(t, 0.0), -ENTITY_TYPE_ORDER.index(t)))

    def resolve(self) -> dict[int, str]:
        """The type of each group's root after family votes, cue checks and short-form merging."""
        types = {root: self.group_type(members) for root, members in self.groups.members().items()}
        types = self._family_votes(types)
        types = self._partner_votes(types)
        dropped = {root for root, members in self.groups.members().items() if self._unconfirmed(members)}
        self._merge_short_forms(types, dropped)
        self._merge_teams(types, dropped)
        dropped = {self.groups.find(d) for d in dropped}
        return {
            root: self.group_type(members) or "ORG"
            for root, members in self.groups.members().items()
            if root not in dropped
        }

    def _family_votes(self, types: dict[int, str]) -> dict[int, str]:
        """Llama is a product when Llama 4 is: a family shares its versions' type."""
        products = {self.keys[i] for i in range(len(self.mentions)) if types.get(self.groups.find(i)) == "PRODUCT"}
        families = {p[:cut] for p in products for cut in range(1, len(p)) if _VERSION_TAIL.fullmatch(p, cut)}
        for root, members in self.groups.members().items():
            if not self.mentions[root].known and self.keys[root] in families:
                self.extra[root].append(("PRODUCT", 3.0))
                types[root] = self.group_type(members)
        return types

    def _partner_votes(self, types: dict[int, str]) -> dict[int, str]:
        """亚马逊和谷歌: each unknown name votes once for the type of every name coordinated with it."""
        for i, partners in enumerate(self.partners):
            if not self.mentions[i].known:
                self.extra[i].extend((types[self.groups.find(j)], 1.0) for j in partners if types.get(self.groups.find(j)))
        return {root: self.group_type(members) for root, members in self.groups.members().items()}

    def _unconfirmed(self, members: list[int]) -> bool:
        """jieba's guess with no cue anywhere in the article.

        An organization tag on a common phrase is confirmed by any cue; a place tag only by a
        place cue, since jieba's dictionary tags idioms such as 夸下海口 as places. (Person names
        no longer wait for an article-wide cue: persons.py decides on each sentence's evidence.)
        """
        return all(self.mentions[i].needs_cue and not self._confirmed(i) for i in members)

    def _confirmed(self, i: int) -> bool:
        guesses = {entity_type for entity_type, _ in self.mentions[i].evidence}
        votes = {entity_type for entity_type, _ in (*self.context[i], *self.extra[i])}
        return bool(votes & guesses)

    def _merge_short_forms(self, types: dict[int, str], dropped: set[int]) -> None:
        """Raman after Priya Raman, Lumen Forge beside Lumen Forge Labs: one entity each,
        whatever the short form's own votes said, when exactly one longer form fits."""
        longer = self._longer_form_index(types, dropped)
        for root in list(self.groups.members()):
            if root in dropped or self.mentions[root].known:
                continue
            key = self.keys[root]
            persons = set(longer.get(("PERSON", key), ())) - {root}
            targets = set(persons)
            for tail in (*_ORG_TAILS, "s"):
                targets |= longer.get(("ORG", key + tail), set())
            targets.discard(root)
            if len(targets) == 1:
                self.groups.union(root, targets.pop())
            elif persons and persons == targets:
                self.extra[root].append(("PERSON", 3.0))  # Doe after two spellings of one name (Jane Doe, Jayne Doe): a person, unjoined

    def _longer_form_index(self, types: dict[int, str], dropped: set[int]) -> dict[tuple[str, str], set[int]]:
        """("PERSON", first or last word) and ("ORG", full name) → the groups that have them."""
        index: dict[tuple[str, str], set[int]] = defaultdict(set)
        for i, mention in enumerate(self.mentions):
            root = self.groups.find(i)
            if root in dropped:
                continue
            if types.get(root) == "PERSON":
                for part in _name_parts(self.doc.text[mention.start : mention.end]):
                    if len(part) < len(self.keys[i]):
                        index[("PERSON", part)].add(root)
            elif types.get(root) == "ORG":
                index[("ORG", self.keys[i])].add(root)
        return index

    def _merge_teams(self, types: dict[int, str], dropped: set[int]) -> None:
        heads: dict[str, int] = {}
        for i, mention in enumerate(self.mentions):
            if types.get(self.groups.find(i)) != "ORG" or self.groups.find(i) in dropped:
                continue
            surface = self.doc.text[mention.start : mention.end]
            if not _TEAM_TAIL.search(surface):
                continue
            head = normalize_alias(_TEAM_TAIL.sub("", surface))
            if head and head in heads and self._compatible(heads[head], i):
                self.groups.union(heads[head], i)
            heads.setdefault(head, i)

    def canonical(self, members: list[int]) -> str:
        for i in members:
            if self.mentions[i].known:
                return self.mentions[i].canonical
        defined = [i for i in members if i in self.defining]
        pool = defined or members
        best = max(pool, key=lambda i: (len(self.keys[i]), -self.mentions[i].start))
        return _SPACES.sub(" ", self.doc.text[self.mentions[best].start : self.mentions[best].end]).strip()


def _name_parts(surface: str) -> set[str]:
    """The first and last word of a name (Alexandr Wang → alexandr, wang; 马克·扎克伯格 → 扎克伯格)."""
    words = [w for w in re.split(r"[\s·•・‧]+", surface) if w]
    if len(words) < 2:
        return set()
    return {normalize_alias(words[0]), normalize_alias(words[-1])}
