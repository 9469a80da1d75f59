"""What the article as a whole tells about its entities: who a pronoun or a description
points back to, which organisation owns a product, and whose story it is.

Everything is computed from the entity mentions and the raw text, once per document.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections import Counter, defaultdict
from dataclasses import dataclass

from .cues import Cues
from .mentions import Mention

_PRONOUN_REACH = {"PERSON": 3, "PLACE": 5}  # sentences back a pronoun may reach (当地 stays put)
_DEFAULT_REACH = 2
_NAMING = re.compile(r"(?:代号|名字|名称|名)(?:为|是|叫)|名为|叫做|名叫|称为|dubbed")
_LOOKBACK = 12
_OWNERSHIP_GAP = re.compile(r"\s*(?:的|旗下的?|自家的?)?\s*")
_CLAUSE_MARK = re.compile(r"[，,。；;：:！!？?、（(]|和|与|及")
_PROTAGONIST_MIN = 3
_ALIAS_TAIL = re.compile(r"\s*[」』]?\s*(?:[(（][^)）]{0,40}[)）])?")
_ALIAS_WINDOW = 48


@dataclass(frozen=True)
class Description:
    head: str  # 模型, 团队, 公司…
    modifier: str  # 最新, 新, 前沿 AI…
    position: int  # where the article says it


class Discourse:
    def __init__(self, text: str, mentions: dict[int, list[Mention]], cues: Cues):
        self.text = text
        self.cues = cues
        self.sentence_of: dict[Mention, int] = {m: i for i, ms in mentions.items() for m in ms}
        self.mentions = sorted(self.sentence_of, key=lambda m: m.start)
        self._starts = [m.start for m in self.mentions]
        self.by_canonical: dict[str, list[Mention]] = defaultdict(list)
        for mention in self.mentions:
            self.by_canonical[mention.canonical].append(mention)
        self._by_sentence = mentions
        # descriptions, owners and protagonist are worked out when first asked for: many
        # articles resolve no description and no product owner.

    @functools.cached_property
    def _head_words(self) -> tuple[str, ...]:
        return tuple(self.cues.heads)

    @functools.cached_property
    def descriptions(self) -> dict[str, list[Description]]:
        return self._describe()

    @functools.cached_property
    def owners(self) -> dict[str, str]:
        return self._owners(self._by_sentence)

    @functools.cached_property
    def protagonist(self) -> Mention | None:
        return self._protagonist()

    # --- reference -----------------------------------------------------------------------

    def before(self, position: int):
        """Mentions that start before position, nearest first (no copy: articles can be long)."""
        for index in range(bisect.bisect_left(self._starts, position) - 1, -1, -1):
            yield self.mentions[index]

    def resolve_pronoun(self, word: str, position: int, sentence: int) -> Mention | None:
        types = self.cues.pronouns.get(word)
        if not types:
            return None
        for mention in self.before(position):
            reach = max(_PRONOUN_REACH.get(t, _DEFAULT_REACH) for t in types)
            if sentence - self.sentence_of[mention] > reach:
                return None
            if mention.type in types:
                return _as(mention, word)
        return None

    def resolve_description(self, head: str, modifier: str, position: int, sentence: int, phrase: str) -> Mention | None:
        """这支新组建的团队 → the entity once called a 团队; 新模型 → the one called 最新模型;
        公司 → the company named earlier in the sentence, else one once called a 公司."""
        types = self.cues.heads.get(head, frozenset())
        if "ORG" in types and (head in self.cues.definite or phrase in self.cues.definite):
            near = self._named_in_sentence(types, position, sentence)
            if near is not None:
                return _as(near, phrase)
        best, best_key = None, None
        for canonical, said in self.descriptions.items():
            said = [d for d in said if d.head == head and d.position < position]
            last = self._last_named(canonical, types, position) if said else None
            if last is None:
                continue
            key = (any(_shares(modifier, d.modifier) for d in said), last.start)
            if best_key is None or key > best_key:
                best, best_key = last, key
        if best is not None:
            return _as(best, phrase)
        return self._fallback(head, types, position, sentence, phrase)

    def _last_named(self, canonical: str, types, position: int) -> Mention | None:
        mentions = self.by_canonical.get(canonical, [])
        index = bisect.bisect_left([m.start for m in mentions], position) - 1
        while index >= 0 and mentions[index].type not in types:
            index -= 1
        return mentions[index] if index >= 0 else None

    def _named_in_sentence(self, types, position: int, sentence: int) -> Mention | None:
        for mention in self.before(position):
            if self.sentence_of[mention] != sentence:
                return None
            if mention.type in types:
                return mention
        return None

    def _fallback(self, head: str, types, position: int, sentence: int, phrase: str) -> Mention | None:
        """公司 with no earlier 公司 description: the company named just before in this sentence,
        else the article's protagonist; 新模型: the product named in this or the previous sentence."""
        if head not in self.cues.definite and phrase not in self.cues.definite:
            return None
        for mention in self.before(position):
            reach = 0 if "ORG" in types else 1
            if sentence - self.sentence_of[mention] > reach:
                break
            if mention.type in types:
                return _as(mention, phrase)
        if "ORG" in types and self.protagonist is not None:
            return _as(self.protagonist, phrase)
        return None

    def _describe(self) -> dict[str, list[Description]]:
        """How each entity is described where it is named: TBD 团队, Avocado 模型, 最新模型 Avocado,
        代号为Avocado(牛油果)的新模型."""
        found: dict[str, list[Description]] = defaultdict(list)
        heads = self.cues.head_pattern
        for mention in self.mentions:
            name = self.text[mention.start : mention.end]
            for match in heads.finditer(name):
                found[mention.canonical].append(Description(match.group(), "", mention.start))
            after = self._after_alias(mention.end)
            window = self.text[after : after + 12]
            direct = heads.match(window.lstrip(" 」』\""))
            if direct:
                found[mention.canonical].append(Description(direct.group(), "", mention.start))
            named = self._named_as(mention, window, heads)
            if named:
                found[mention.canonical].append(named)
            preceding = self._preceding(mention, heads)
            if preceding:
                found[mention.canonical].append(preceding)
        return found

    def _after_alias(self, end: int) -> int:
        match = _ALIAS_TAIL.match(self.text, end, end + _ALIAS_WINDOW)  # as on text[end : end + 48]
        return match.end() if match else end

    def _named_as(self, mention: Mention, window: str, heads: re.Pattern) -> Description | None:
        before = self.text[max(0, mention.start - 6) : mention.start].rstrip(" 「『\"")
        if not _NAMING.search(before[-4:] if len(before) >= 4 else before):
            return None
        match = re.match(r"\s*的([^，,。的]{0,8}?)(" + heads.pattern + ")", window)
        return Description(match.group(2), match.group(1).strip(), mention.start) if match else None

    def _preceding(self, mention: Mention, heads: re.Pattern) -> Description | None:
        window = self.text[max(0, mention.start - _LOOKBACK) : mention.start].rstrip(" 「『\"")
        if not window.endswith(self._head_words):
            return None  # what is left after the last clause mark ends as the window does
        window = _CLAUSE_MARK.split(window)[-1].rstrip(" 「『\"")
        ends = [m for m in heads.finditer(window) if m.end() == len(window)]
        if not ends:
            return None
        modifier = window[: ends[-1].start()].strip()[-4:]
        return Description(ends[-1].group(), modifier, mention.start)

    # --- ownership and focus -------------------------------------------------------------

    def _owners(self, mentions: dict[int, list[Mention]]) -> dict[str, str]:
        """Product → the organisation that owns it: from 阿里的 Qwen / Meta 开源 AI 模型 Llama 4,
        else the organisation it shares the most sentences with (clearly more than any other)."""
        said: dict[str, Counter] = defaultdict(Counter)
        together: dict[str, Counter] = defaultdict(Counter)
        for sentence_mentions in mentions.values():
            orgs = {m.canonical for m in sentence_mentions if m.type == "ORG"}
            for left, right in zip(sentence_mentions, sentence_mentions[1:]):
                if left.type == "ORG" and right.type == "PRODUCT" and self._owns(left, right):
                    said[right.canonical][left.canonical] += 1
            for mention in sentence_mentions:
                if mention.type == "PRODUCT":
                    together[mention.canonical].update(orgs)
        products = set(together)
        owners = {}
        for product in products:
            owner = _clear_winner(said[product], 1) or _clear_winner(together[product], 2)
            if owner:
                owners[product] = owner
        for product in products - set(owners):  # Llama 4 belongs to whoever owns Llama
            family = max((p for p in owners if product.startswith(p + " ")), key=len, default=None)
            if family:
                owners[product] = owners[family]
        return owners

    def _owns(self, org: Mention, product: Mention) -> bool:
        between = self.text[org.end : product.start]
        if _OWNERSHIP_GAP.fullmatch(between):
            return True
        if _CLAUSE_MARK.search(between) or len(between) > 14:
            return False
        stripped = between.strip()
        return any(m.end() == len(stripped) for m in self.cues.head_pattern.finditer(stripped))

    def owner(self, product: Mention) -> Mention | None:
        name = self.owners.get(product.canonical)
        return Mention(product.start, product.start, name, "ORG", "owner") if name else None

    def _protagonist(self) -> Mention | None:
        counts = Counter(m.canonical for m in self.mentions if m.type == "ORG")
        ranked = counts.most_common(2)
        if not ranked or ranked[0][1] < _PROTAGONIST_MIN:
            return None
        if len(ranked) > 1 and ranked[0][1] < 2 * ranked[1][1]:
            return None
        return Mention(0, 0, ranked[0][0], "ORG", "protagonist")


def _clear_winner(counts: Counter, minimum: int) -> str | None:
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    if not ranked or ranked[0][1] < minimum:
        return None
    if len(ranked) > 1 and ranked[1][1] == ranked[0][1]:
        return None
    return ranked[0][0]


def _shares(modifier: str, said: str) -> bool:
    wanted = {ch for ch in modifier if "\u4e00" <= ch <= "\u9fff" and ch != "的"}
    return bool(wanted & set(said))


def _as(mention: Mention, phrase: str) -> Mention:
    return Mention(mention.start, mention.end, mention.canonical, mention.type, phrase)
