"""Which trigger words of general news are events here: gates that keep the class lexicon precise.

- A trigger that modifies the noun after it is no event: 救援人员, 起火原因, 地震局, 调查组.
  Strong heads (原因, 局, 预案…) always do; person and vehicle heads (人员, 官兵, 车辆…) only
  after a word used as a noun (救援/vn 人员 is a rescuer; 疏散/v 群众 evacuates people); any
  noun after a state (被困人员, 受伤群众, 受损线路: rule key ``state``).
- An incident noun (火灾, 事故, 地震: rule key ``nominal``) reports a new incident at the first
  mention of its type in the article, or after an occurrence word in its clause (发生, 一起,
  特大), or before one (事故发生在…, 地震发生时: when and where it happened); a later bare
  mention is the same incident again (火灾中没有人员伤亡, 事故原因). A headline does not count
  as the first mention: it announces what the body reports.
- An incident noun right after the incident's own verb names its kind (两车相撞事故, 三车追尾特大
  交通事故, 亚硝酸盐中毒事件): the verb is the event, the noun is no second one. Right before an act
  of the response (事故处置小组, 事故调查) it names what is handled: no new incident either.
"""

from __future__ import annotations

import re

from ...ledger.models import Sentence
from ...tokenize.tokens import Token
from .arguments import Hit, SentenceContext
from .cues import Cues
from .lexicon import event_lexicon

_NOMINAL_TAGS = ("n", "vn", "j", "l", "i")
_KIND_GAP = re.compile(r"(?:特大|重大|严重|特别重大|较大|一般)?(?:的)?")  # 相撞的事故, 追尾特大交通事故
_HEADLINE_ENDS = tuple("。！？!?…；;")


def modifies_next(token: Token | None, following: Token | None, start: int, end: int, cues: Cues, spec) -> bool:
    """The trigger text[start:end] modifies the word after it (in its own token or the next one).
    spec: its rule (a state before a noun describes it: 被困人员, 受伤群众)."""
    if token is not None and token.end > end and token.start <= start:
        rest = token.word[end - token.start :]
        if rest in cues.modifier_heads:
            return True
        nominal = spec.nominal or token.pos.startswith("n")  # 事故现场/n, 救援人员/n; not 赶赴现场/i
        return nominal and rest in cues.noun_heads
    if following is None or following.start != end:
        return False
    if following.word in cues.modifier_heads:
        return True
    if spec.state and spec.after is None and following.pos.startswith(("n", "j")) and following.word not in cues.phrases.abstract:
        return True  # (a frame's verb takes the noun after it as its object: 出现肚痛、呕吐等症状)
    nominal = spec.nominal or (token is not None and token.pos.startswith(_NOMINAL_TAGS))
    return nominal and following.word in cues.noun_heads


def head_of_compound(token_index, covering, start: int, end: int, spec) -> bool:
    """基础设施投资存在泡沫: a verb used as the head noun of a compound (a noun before it, the tagger's
    noun tag on it, a verb after it) names an activity, not an event. Casualties, incidents,
    disasters and speech keep theirs (人员伤亡 is a casualty count; in 轿车失控冲向路边 the tagger
    calls 失控 a noun, and it is a crash)."""
    if spec.casualty or spec.nominal or spec.standalone or spec.frame or len(covering) != 1:
        return False
    token = covering[0]
    if (token.start, token.end) != (start, end) or token.pos not in ("vn", "n"):
        return False
    before = token_index.overlapping(start - 1, start)
    after = token_index.overlapping(end, end + 1)
    return bool(before and after) and before[0].pos.startswith("n") and after[0].pos.startswith("v")


def is_headline(text: str, sentence: Sentence, index: int) -> bool:
    """The article's first line when it has no sentence end: a title, not a report."""
    if index != 0:
        return False
    return not sentence.text.rstrip().endswith(_HEADLINE_ENDS) and text[sentence.end : sentence.end + 2].strip(" \t\u3000") == ""


def repeated_incident(hit: Hit, ctx: SentenceContext, reported: set[str]) -> bool:
    """An incident noun whose type was reported before, with no occurrence word before it in its
    clause; one that occurs again (事故发生在…路口, 地震发生时) says when or where: it stands."""
    if not hit.spec.nominal or hit.spec.type not in reported:
        return False
    for token in ctx.tokens_in(hit.clause.start, hit.start):
        if token.word in ctx.cues.occurrence or token.word in ctx.cues.cause_verbs:
            return False  # 又发生爆炸; 误食野生菌致食物中毒: its cause is a claim of its own
    fused = ctx.token_index.overlapping(hit.start, hit.start + 1)
    if fused and fused[0].start < hit.start and ctx.text[fused[0].start : hit.start] in ctx.cues.occurrence:
        return False  # 发生爆炸 tagged as one word
    following = ctx.tokens_in(hit.end, min(hit.clause.end, hit.end + 4))
    return not (following and following[0].word in ctx.cues.occurs)


def names_kind_or_object(hit: Hit, ctx: SentenceContext, emitted: set[tuple[int, int]], reported: set[str]) -> bool:
    """An incident noun that names the kind of the incident verb just before it (相撞事故) or, once
    an incident was reported, what the response act right after it handles (事故处置小组): no
    incident of its own. emitted: spans of the sentence's triggers that made events so far;
    reported: event types reported before (商场发生火灾…成立事故处置小组: 事故 is that fire)."""
    if not hit.spec.nominal:
        return False
    for other in ctx.hits:
        if other is hit or other.spec.frame or other.spec.nominal:
            continue
        if other.end <= hit.start and (other.start, other.end) in emitted:
            if _KIND_GAP.fullmatch(ctx.text, other.end, hit.start):
                return True
        elif other.start == hit.end and reported and _acts(other.spec):
            return True
    if reported:  # 事故处置小组: the act describes the noun after it, so it is no hit of its own
        for start, end in ctx.modifiers:
            if start == hit.end and all(_acts(spec) for spec in event_lexicon().specs.get(ctx.text[start:end], ())):
                return True
    return False


def _acts(spec) -> bool:
    """An act of someone (处置, 调查, 救援), not an incident or what it did to people (死亡人数)."""
    return not (spec.standalone or spec.casualty or spec.nominal or spec.frame)
