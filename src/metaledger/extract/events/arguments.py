"""Subject and object of one trigger, by rule.

subject = the entity heading the clause before the trigger (the head of its noun
phrase: what follows the last 的), 被/获得 passives reversed, 将/把 objects moved;
object = the entity after the trigger in the clause (or in a 其中包括 … clause
that spells it out). Entity types decide which role an entity can fill, so
「Avocado 被曝延期」 makes Avocado the thing delayed. An implicit subject comes
from the previous clause of the sentence, then from the product's owner.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ...tokenize.tokens import Token
from .cues import Cues
from .discourse import Discourse
from .lexicon import TriggerSpec
from .mentions import Mention, coordinated_groups, modifiers
from .patterns import any_word_pattern
from .text import Clause, SpanIndex, inside

_QUOTES = " 「」『』“”\"'"
_LEADING_WORDS = ("而", "但", "且", "并", "也", "则", "就", "却", "还", "又")
_COMITATIVE = ("与", "和", "同", "跟")
_PATIENT_MARKERS = ("对", "向")  # 对英伟达展开调查; 向 Anthropic 投资
_SOURCE_MARKERS = ("据", "根据", "依据")
_VERB_TAGS = frozenset({"v", "vd", "vi"})
_ADVERB_PREFIXES = frozenset("已曾将正也还又并均都再就")


@dataclass(frozen=True, eq=False)  # one trigger match is one hit: identity is equality, hashing is cheap
class Hit:
    spec: TriggerSpec
    start: int
    end: int
    clause: Clause


@dataclass
class Arguments:
    subjects: list[Mention] = field(default_factory=list)
    objects: list[Mention] = field(default_factory=list)
    passive: bool = False
    carried: bool = False  # the subject came from the previous clause, not this one
    unnamed_head: bool = False  # the subject is a noun phrase naming no one (Meta 投入…的新模型)
    objects_carried: bool = False  # the object is the previous clause's topic, not in this clause


@dataclass
class SentenceContext:
    text: str
    index: int
    start: int
    end: int
    mentions: list[Mention]
    tokens: list[Token]
    clauses: list[Clause]
    hits: list[Hit]
    cues: Cues
    discourse: Discourse
    adjuncts: list[tuple[int, int]] = field(default_factory=list)
    token_index: SpanIndex | None = None  # of tokens; built here when not given
    modifiers: list[tuple[int, int]] = field(default_factory=list)  # trigger words that only describe a noun (被困人员)

    def __post_init__(self) -> None:
        if self.token_index is None:
            self.token_index = SpanIndex(self.tokens)

    def mentions_in(self, start: int, end: int) -> list[Mention]:
        return [m for m in self.mentions if start <= m.start and m.end <= end]

    def tokens_in(self, start: int, end: int) -> list[Token]:
        return self.token_index.within(start, end)


def find_arguments(hit: Hit, ctx: SentenceContext, topic: list[Mention], theme: list[Mention] = ()) -> Arguments:
    """Subject and object of one trigger; topic is the subject so far in the sentence, theme the
    product acted on so far (原以为 Avocado 会发布，但计划已推迟: the delay is Avocado's too)."""
    spec = hit.spec
    start = _zone_start(hit, ctx)
    args = Arguments(unnamed_head=_after_relative_clause(hit, ctx, start))
    if args.unnamed_head or (spec.frame and _unnamed_speaker(ctx, start, hit)):
        topic = []  # the relative clause's agent, or 对方称: someone unnamed speaks
    before, comitative = _governed_split(ctx, _candidates(ctx, start, hit), spec, start)
    passive = _marker(ctx, start, hit.start, ctx.cues.passive, passive=True)
    disposal = _marker(ctx, start, hit.start, ctx.cues.disposal)
    if passive is not None:
        args.passive = True
        args.subjects = _first_fit(_groups(ctx, [m for m in before if m.start > passive.start]), spec.subject_types)
        patients = _heads(ctx, start, passive.start, [m for m in before if m.end <= passive.start])
        args.objects = _first_fit(_groups(ctx, patients), spec.object_types)
    else:
        moved = [m for m in before if disposal is not None and m.start > disposal.start]
        end = disposal.start if moved else hit.start
        heads = _after_last_verb(ctx, _heads(ctx, start, end, [m for m in before if m not in moved]), start, end)
        _assign(args, _groups(ctx, heads), spec)
        if not args.subjects:
            _assign(args, _refer(ctx, start, hit), spec)
        if not args.subjects:
            _assign(args, _possessor(ctx, start, disposal.start if moved else hit.start, heads_in=before), spec)
        if moved:
            args.objects = _first_fit(_groups(ctx, moved), spec.object_types) or args.objects
    if comitative:  # partners of 合作, patients of 对…调查
        args.objects = args.objects or _first_fit(_groups(ctx, comitative), spec.object_types)
    if not args.objects:
        args.objects = _object_after(hit, ctx)
    if not args.objects and spec.agent_from_owner and theme:
        args.objects = list(theme)
    _fill_implicit(args, spec, topic, ctx.discourse, _affiliation(ctx, topic))
    return args


def _zone_start(hit: Hit, ctx: SentenceContext) -> int:
    """Where the trigger's subject can start: its clause, after a speech verb (Meta 确认将…),
    after a relative clause ending in 的 (Meta 投入…的新模型不仅闭源), inside its own adjunct."""
    start = hit.clause.start
    for other in ctx.hits:
        if other.clause is not hit.clause or other.end > hit.start:
            continue
        if other.spec.frame:
            start = max(start, other.end)
            continue
        if ctx.text[other.start : other.end] in ctx.cues.means_verbs:
            continue  # 使用未经授权的数据训练模型: one subject for both verbs
        de = _last_de(ctx, other.end, hit.start)
        if de is not None:
            start = max(start, de.end)
    for adjunct_start, adjunct_end in ctx.adjuncts:
        # 在 Llama 4 翻车后: the subject is inside; Llama 4 在 4 月发布后: it is before 在
        if adjunct_start <= hit.start < adjunct_end and ctx.mentions_in(adjunct_start, hit.start):
            start = max(start, adjunct_start + 1)
    for match in ctx.cues.complement_verbs.finditer(ctx.text, start, hit.start):
        if ctx.mentions_in(match.end(), hit.start):  # 许多人原以为 Avocado 会发布: Avocado's release
            start = match.end()
    return start


def _unnamed_speaker(ctx: SentenceContext, start: int, hit: Hit) -> bool:
    """对方称 / 网友表示: a noun before a speech verb that names no entity."""
    tokens = [t for t in ctx.tokens_in(start, hit.start) if not ctx.mentions_in(t.start, t.end)]
    return any(t.pos.startswith(("n", "r")) and t.word not in ctx.cues.pronouns for t in tokens)


def _after_relative_clause(hit: Hit, ctx: SentenceContext, start: int) -> bool:
    return start > hit.clause.start and ctx.text[start - 1] == "的"


def _candidates(ctx: SentenceContext, start: int, hit: Hit) -> list[Mention]:
    settings = [a for a in ctx.adjuncts if not (a[0] <= hit.start < a[1])]
    return [m for m in ctx.mentions_in(start, hit.start) if not inside(settings, m.start, m.end)]


def _governed_split(ctx: SentenceContext, mentions: list[Mention], spec: TriggerSpec, start: int = 0):
    """Drop entities governed by a preposition (凭借 Claude, 与 Alphabet 相反); for 合作-like
    triggers the partner after 与/和/同 becomes the object."""
    kept, partners = [], []
    for index, mention in enumerate(mentions):
        word = _governor(ctx, mentions, index, start)
        if word is None or (spec.frame and word in _SOURCE_MARKERS):  # 据彭博社报道: Bloomberg reports
            kept.append(mention)
        elif (spec.comitative and word in _COMITATIVE) or word in _PATIENT_MARKERS:
            partners.append(mention)  # 与 Anthropic 合作; 对英伟达展开调查
    if spec.comitative and not partners and len(kept) > 1:  # 谷歌和 Meta 合作: the first is the subject
        groups = _groups(ctx, kept)
        if len(groups[0]) > 1:
            partners = groups[0][1:]
            kept = [m for m in kept if m not in partners]
    return kept, partners


def _governor(ctx: SentenceContext, mentions: list[Mention], index: int, start: int = 0) -> str | None:
    """The preposition governing mentions[index], or None (a 和 between two names coordinates them;
    the 在 opening the trigger's own setting phrase governs nothing: 在 Llama 4 翻车后)."""
    word = _word_before(ctx, mentions[index].start)
    if word is None or word.start < start:
        return None
    preposition = word.word
    if len(preposition) == 2 and preposition[0] in _ADVERB_PREFIXES:
        preposition = preposition[1]  # 已向 OpenAI 投资: jieba fused the adverb and the preposition
    if not ctx.cues.prepositions.fullmatch(preposition):
        return None
    if preposition in _COMITATIVE and index > 0 and _touches(ctx, mentions[index - 1].end, word):
        return None  # 亚马逊和谷歌: coordinated, not governed
    return preposition


def clause_candidates(ctx: SentenceContext, start: int, end: int) -> list[Mention]:
    """Entities of text[start:end] that could head it: not in a setting phrase, not governed
    by a preposition, not a modifier of another entity."""
    mentions = [m for m in ctx.mentions_in(start, end) if not inside(ctx.adjuncts, m.start, m.end)]
    kept = [m for i, m in enumerate(mentions) if _governor(ctx, mentions, i) is None]
    dropped = modifiers(ctx.text, kept, ctx.cues.role_nouns, ctx.cues.head_pattern)
    return [m for m in kept if m not in dropped]


def _word_before(ctx: SentenceContext, position: int) -> Token | None:
    for token in reversed(ctx.token_index.ending_by(position)):
        if token.word.strip(_QUOTES):
            return token
    return None


def _touches(ctx: SentenceContext, end: int, token: Token | None) -> bool:
    return token is not None and not ctx.text[end : token.start].strip(_QUOTES)


def _marker(ctx: SentenceContext, start: int, end: int, words: frozenset[str], passive: bool = False) -> Token | None:
    if not any_word_pattern(words).search(ctx.text, start, end):
        return None  # no token can be one of the words
    found = None
    for token in ctx.tokens_in(start, end):
        if token.word not in words:
            continue
        if passive and ctx.cues.not_passive.match(ctx.text, token.start):
            continue
        if not passive and not ctx.mentions_in(token.end, end):
            continue  # 将 as "will": nothing moved before the verb
        found = token
    return found


def _last_de(ctx: SentenceContext, start: int, end: int) -> Token | None:
    """The last 的 in text[start:end] outside setting phrases that is not right before end."""
    if ctx.text.find("的", start, end) < 0:
        return None
    found = None
    for token in ctx.tokens_in(start, end):
        if token.word != "的" or inside(ctx.adjuncts, token.start, token.end):
            continue
        if ctx.text[token.end : end].strip(_QUOTES):
            found = token
    return found


def _heads(ctx: SentenceContext, start: int, end: int, mentions: list[Mention]) -> list[Mention]:
    """The noun phrase's head: after the last 的 (本该绽放的 Llama 4), or the possessor of a role noun
    (KeyBanc 资本市场的分析师写道); modifiers dropped (Scale AI 创始人 Alexandr Wang)."""
    if not mentions:
        return []
    de = _last_de(ctx, start, end)
    if de is not None:
        after = [m for m in mentions if m.start >= de.end]
        if after:
            mentions = after
        elif ctx.cues.role_nouns.match(ctx.text[de.end : end].strip()):
            mentions = [m for m in mentions if m.end <= de.start][-1:]
        else:
            return []
    dropped = modifiers(ctx.text, mentions, ctx.cues.role_nouns, ctx.cues.head_pattern)
    return [m for m in mentions if m not in dropped]


def _after_last_verb(ctx: SentenceContext, heads: list[Mention], start: int, end: int) -> list[Mention]:
    """华尔街想看到 Meta 如何…投入: the subject of an embedded verb follows the main verb."""
    if not heads:
        return heads
    verb_end = None
    for token in ctx.tokens_in(start, end):
        main_verb = token.pos in _VERB_TAGS and token.word not in ctx.cues.auxiliaries
        if main_verb and not inside(ctx.adjuncts, token.start, token.end):
            verb_end = token.end
        elif token.word == "的":
            verb_end = None  # the verb was inside a modifier
    later = [m for m in heads if verb_end is not None and m.start >= verb_end]
    return later or heads


def _possessor(ctx: SentenceContext, start: int, end: int, heads_in: list[Mention]) -> list[list[Mention]]:
    """谷歌的新模型套壳…, 字节跳动旗下的模型宣布降价 — when the head noun names no one, its owner
    stands in for it."""
    de = _last_de(ctx, start, end)
    if de is None:
        return []
    owners = [m for m in heads_in if m.end <= de.start and ctx.text[m.end : de.start].strip() in ("", "旗下")]
    return [owners[-1:]] if owners else []


def _groups(ctx: SentenceContext, mentions: list[Mention]) -> list[list[Mention]]:
    if not mentions:
        return []
    dropped = modifiers(ctx.text, mentions, ctx.cues.role_nouns, ctx.cues.head_pattern)
    heads = [m for m in mentions if m not in dropped]
    return coordinated_groups(ctx.text, heads, dropped, ctx.cues.coordination)


def _first_fit(groups: list[list[Mention]], types) -> list[Mention]:
    for group in groups:
        fitting = [m for m in group if m.type in types]
        if fitting:
            return fitting
    return []


def _assign(args: Arguments, groups: list[list[Mention]], spec: TriggerSpec) -> None:
    """The first group that can be the subject is; one that can only be the object is the thing
    acted on (Llama 4 在 4 月发布)."""
    for group in groups:
        subjects = [m for m in group if m.type in spec.subject_types]
        if subjects and not args.subjects:
            args.subjects = subjects
            continue
        objects = [m for m in group if m.type in spec.object_types and m.type not in spec.subject_types]
        if objects and not args.objects:
            args.objects = objects


def _refer(ctx: SentenceContext, start: int, hit: Hit, end: int | None = None) -> list[list[Mention]]:
    """A pronoun (他, 它) or a description (这支新组建的团队, 新模型, 公司) standing for the subject
    (text[start:trigger]) or the object (text[start:end] after the trigger). A subject's
    description may begin before a relative clause that moved the zone start (这支新组建的团队)."""
    end = hit.start if end is None else end
    if ctx.cues.pronoun_pattern.search(ctx.text, start, end):  # else no token can be one
        for token in ctx.tokens_in(start, end):
            if token.word in ctx.cues.pronouns:
                found = ctx.discourse.resolve_pronoun(token.word, token.start, ctx.index)
                return [[found]] if found else []
    left = hit.clause.start if end == hit.start else start
    zone = ctx.text[left:end]
    for head in ctx.cues.head_pattern.finditer(zone):
        if left + head.start() < start:
            continue
        phrase, modifier = _description(zone, head, ctx.cues)
        if phrase is None:
            continue
        found = ctx.discourse.resolve_description(head.group(), modifier, left + head.start(), ctx.index, phrase)
        return [[found]] if found else []
    return []


def _description(zone: str, head, cues: Cues) -> tuple[str | None, str]:
    """(phrase, modifier) when the head noun is definite: after 这/该/这支… or a bare 公司/新模型 at the start."""
    left = zone[: head.start()]
    demonstrative = None
    for match in cues.demonstratives.finditer(left):
        demonstrative = match
    if demonstrative is not None and head.start() - demonstrative.end() <= 10:
        modifier = left[demonstrative.end() :].replace("的", "").strip()
        return zone[demonstrative.start() : head.end()], modifier
    if "的" in left:  # Meta 投入上千亿元的新模型: the head right after the relative clause
        left = left[left.rindex("的") + 1 :]
    bare_start = head.start() - len(left.lstrip(" 「『\"" + "".join(_LEADING_WORDS)))
    for word in sorted(cues.definite, key=len, reverse=True):
        if zone.startswith(word, bare_start) and bare_start + len(word) >= head.end():
            return word, word[: -len(head.group())]
    return None, ""


def _object_after(hit: Hit, ctx: SentenceContext) -> list[Mention]:
    end = min([h.start for h in ctx.hits if h.clause is hit.clause and h.start >= hit.end] + [hit.clause.end])
    settings = [a for a in ctx.adjuncts if not (a[0] <= hit.start < a[1])]
    mentions = [m for m in ctx.mentions_in(hit.end, end) if not inside(settings, m.start, m.end)]
    found = _first_fit(_groups(ctx, mentions), hit.spec.object_types) or _relative_head(hit, ctx, end)
    if not found:  # 起诉了该公司: a description or pronoun as the object
        referred = _refer(ctx, hit.end, hit, end)
        found = [m for group in referred for m in group if m.type in hit.spec.object_types]
    if found or end < hit.clause.end:
        return found
    following = [c for c in ctx.clauses if c.index == hit.clause.index + 1]
    if following and ctx.cues.elaboration.match(ctx.text, following[0].start):  # 其中包括 …
        return _first_fit(_groups(ctx, ctx.mentions_in(following[0].start, following[0].end)), hit.spec.object_types)
    return []


def _relative_head(hit: Hit, ctx: SentenceContext, end: int) -> list[Mention]:
    """Meta 投入上千亿元的新模型: the noun a relative clause modifies is its verb's object."""
    if ctx.text.find("的", hit.end, end) < 0:
        return []
    de = next((t for t in ctx.tokens_in(hit.end, end) if t.word == "的"), None)
    if de is None:
        return []
    tail = ctx.text[de.end : end].lstrip()
    for word in sorted(ctx.cues.definite, key=len, reverse=True):
        head = ctx.cues.head_pattern.search(word)
        if tail.startswith(word) and head and ctx.cues.heads[head.group()] & hit.spec.object_types:
            position = end - len(ctx.text[de.end : end].lstrip()) + head.start()
            found = ctx.discourse.resolve_description(head.group(), word[: head.start()], position, ctx.index, word)
            return [found] if found else []
    return []


def _affiliation(ctx: SentenceContext, topic: list[Mention]) -> Mention | None:
    """The company a person speaks for when named with their role: 阿里巴巴CEO吴泳铭称，将投入…"""
    if len(topic) != 1 or topic[0].type != "PERSON" or topic[0] not in ctx.mentions:
        return None
    index = ctx.mentions.index(topic[0])
    if index == 0 or ctx.mentions[index - 1].type != "ORG":
        return None
    organisation = ctx.mentions[index - 1]
    between = ctx.text[organisation.end : topic[0].start].strip()
    return organisation if between and ctx.cues.role_nouns.fullmatch(between) else None


def _fill_implicit(
    args: Arguments, spec: TriggerSpec, topic: list[Mention], discourse: Discourse, affiliation: Mention | None
) -> None:
    """An empty role is filled from the previous clause's topic when its type fits (a passive's
    topic is the patient; a company's officer speaks for the company in what the company does),
    then from the owner of the product acted on."""
    topic_types = {m.type for m in topic}
    fits = lambda types: bool(topic) and topic_types <= types  # noqa: E731
    if args.passive:
        if not args.objects and fits(spec.object_types):
            args.objects = list(topic)
    elif not args.subjects and affiliation is not None and "ORG" in spec.subject_types and not spec.frame:
        args.subjects, args.carried = [affiliation], True
    elif not args.subjects and fits(spec.subject_types):
        args.subjects, args.carried = list(topic), True
    elif not args.subjects and not args.objects and fits(spec.object_types):
        args.objects, args.objects_carried = list(topic), True
    if not args.subjects and spec.agent_from_owner and args.objects and args.objects[0].type == "PRODUCT":
        owner = discourse.owner(args.objects[0])
        if owner is not None and owner.type in spec.subject_types:
            args.subjects = [owner]
