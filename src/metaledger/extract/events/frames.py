"""According to whom, and how sure: attribution frames, certainty and polarity of one trigger.

A frame is opened by a speech verb (Meta 确认, 据彭博社报道, 消息人士表示, 报道还透露),
a document (财报显示) or a bare second-hand cue (被曝, 最新消息); it covers the rest of
its sentence, or what came before when it closes the sentence (…，彭博社报道称。), or the
next sentence when it ends in a colon (分析师写道:).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from .arguments import Arguments, Hit, SentenceContext
from .cues import Cues
from .patterns import any_word_pattern
from .text import inside

_REST_NOISE = " \t,，:：「」『』“”\"。!！?？…；;"
_COLONS = (":", "：")
# 计划明年推出, 计划于 2026 年推出 — but not 计划已推迟 (a plan that was put off)
_INTENT_GAP = re.compile(r"\s*(?:将|要|会)?\s*(?:(?:在|于)?\s*[0-9０-９一二三四五六七八九十今明后年月日季度周底初中旬内\s]{1,10})?\s*(?:将|要|会)?\s*")
_NEGATION_REACH = 6  # tokens between a negator and its trigger
_NOMINAL_TAGS = ("n", "eng", "m", "q", "f", "s", "t", "r")
_SPACE = " \t\u3000"
_SOURCE_PREPOSITIONS = ("从", "据", "根据", "援引")
_SOURCE_CUT = re.compile(r"根据|据|从|经|向|记者|[，,：:]")


@dataclass(frozen=True)
class Frame:
    start: int  # the stretch of text it covers
    end: int
    cue: int  # where it was opened; the latest applicable frame names the source
    certainty: str  # asserted | reported
    source: str | None = None
    speaker: bool = False  # a speech verb or a document: it decides attribution
    denial: bool = False
    self_published: bool = False  # 财报显示: the company the report is about
    continues: bool = False  # ends its sentence with a colon: covers the next sentence

    @property
    def on_record(self) -> bool:
        return self.speaker and self.certainty == "asserted" and (self.source is not None or self.self_published)

    def covers(self, position: int) -> bool:
        return self.start <= position < self.end


def speech_frame(hit: Hit, args: Arguments, ctx: SentenceContext, last_report: str | None) -> Frame:
    """The frame a speech verb opens, with its source and how first-hand it is."""
    spec, cues = hit.spec, ctx.cues
    zone = ctx.text[hit.clause.start : hit.start].strip()
    learned_from = _governed_source(hit, ctx, spec.source_from) if spec.source_from else None
    if learned_from is not None:  # 记者从四川省地震局获悉: the office speaks, not the reporter
        source, anonymous = learned_from, False
    else:
        source, anonymous = _source(args, zone, cues, last_report, _governed_source(hit, ctx))
    second_hand = spec.frame == "second_hand" or anonymous or source is None or _back_reference(zone, cues)
    certainty = "reported" if second_hand else "asserted"
    rest = ctx.text[hit.end : ctx.end].strip(_REST_NOISE)
    frame = Frame(hit.end, ctx.end, hit.start, certainty, source, True, spec.frame == "denial")
    if rest:
        return frame
    if ctx.text[hit.end : ctx.end].rstrip().endswith(_COLONS):
        return replace(frame, continues=True)
    return replace(frame, start=ctx.start, end=hit.start)  # …，彭博社报道称。


def _source(args: Arguments, zone: str, cues: Cues, last_report: str | None, governed: str | None):
    """(source, anonymous?): a named speaker, the office learned from (记者从四川省地震局获悉),
    a label for an unnamed one, the report cited before, an official body as written."""
    if args.subjects and args.subjects[0].resolved_from != "owner":
        return args.subjects[0].canonical, False
    if governed is not None:
        return governed, False
    for anonymous in cues.anonymous:
        if anonymous.pattern.search(zone):
            return anonymous.label, True
    if _back_reference(zone, cues):
        return last_report, False
    body = _SOURCE_CUT.split(zone)[-1].strip()
    if body and cues.official.search(body):
        return body, False
    return None, False


def _governed_source(hit: Hit, ctx: SentenceContext, prepositions=_SOURCE_PREPOSITIONS) -> str | None:
    for mention in ctx.mentions_in(hit.clause.start, hit.start):
        before = ctx.text[max(hit.clause.start, mention.start - 3) : mention.start].strip()
        if before.endswith(tuple(prepositions)):
            return mention.canonical
    return None


def _back_reference(zone: str, cues: Cues) -> bool:
    return bool(zone) and bool(cues.back_reference.search(zone))


def cue_frames(ctx: SentenceContext, quotes: list[tuple[int, int]]) -> list[Frame]:
    """Frames without a speech verb: 被曝 / 最新消息 (second-hand), 财报显示 (a document)."""
    frames = []
    for match in ctx.cues.reported.finditer(ctx.text, ctx.start, ctx.end):
        if not inside(quotes, match.start(), match.end()):
            frames.append(Frame(match.end(), ctx.end, match.start(), "reported"))
    for match in ctx.cues.documents.finditer(ctx.text, ctx.start, ctx.end):
        if inside(quotes, match.start(), match.end()):
            continue
        owner = [m for m in ctx.mentions if m.end <= match.start() and not ctx.text[m.end : match.start()].strip(_SPACE)]
        own = any(match.group().startswith(word) for word in ctx.cues.self_published)
        source = owner[-1].canonical if owner else None
        frames.append(Frame(match.end(), ctx.end, match.start(), "asserted", source, True, self_published=own and not owner))
    return frames


def judge(hit: Hit, ctx: SentenceContext, frames: list[Frame]) -> tuple[str, Frame | None]:
    """(certainty, the frame that names the source) of one trigger."""
    applicable = [f for f in frames if f.covers(hit.start) and f.cue != hit.start]
    speakers = [f for f in applicable if f.speaker]
    latest = max(speakers, key=lambda f: f.cue, default=None)
    if _hedged(hit, ctx, latest):
        certainty = "hedged"
    elif any(f.certainty == "reported" for f in applicable):
        certainty = "reported"
    else:
        certainty = "asserted"
    return certainty, latest


def _hedged(hit: Hit, ctx: SentenceContext, latest: Frame | None) -> bool:
    start = hit.clause.start
    hedges = ctx.cues.hedges
    if hedges.search(ctx.text, start, hit.start):
        return True
    # 英伟达预计，第四财季营收将增长: the hedge governs the clause after it. The hedges are plain
    # words: with none before the trigger's clause, no earlier clause can end in one.
    for clause in ctx.clauses if hedges.search(ctx.text, ctx.start, start) else ():
        if clause.end > start:
            break
        if any(m.end() == clause.end for m in hedges.finditer(ctx.text, clause.start, clause.end)):
            return True
    if latest is not None and latest.on_record:
        return False  # Meta 确认公司计划削减…: a plan stated on record
    for match in ctx.cues.intents.finditer(ctx.text, start, hit.start):
        if _INTENT_GAP.fullmatch(ctx.text[match.end() : hit.start]):
            return True
    return False


def negated(hit: Hit, ctx: SentenceContext) -> bool:
    """A negator token governs the trigger (未能「完全发布」, 没有提到, 毫无动作,
    不会在中国市场降价), or the clause calls it false (…裁员的消息不实).

    Between the negator and the trigger only gap words (完全, 正式, 造成…), setting phrases
    and a preposition with its noun phrase may stand."""
    if ctx.cues.false_report.search(ctx.text, hit.end, hit.clause.end):
        return True  # 网传公司将裁员的消息不实
    if not any_word_pattern(ctx.cues.negators).search(ctx.text, hit.clause.start, hit.start):
        return False  # no token can be a negator
    tokens = [t for t in ctx.tokens_in(hit.clause.start, hit.start) if t.word.strip(_SPACE)]
    for index in range(len(tokens) - 1, -1, -1):
        if tokens[index].word in ctx.cues.negators:
            return _governs(tokens[index + 1 :], ctx)
    return False


def advised(hit: Hit, ctx: SentenceContext) -> bool:
    """An advice or a ban governs the trigger (禁止烧烤、燃放烟花、使用明火; 防止次生事故发生): no
    claim at all. It reaches over a few words of its clause, a list of what it forbids too."""
    if not any_word_pattern(ctx.cues.advisories).search(ctx.text, hit.clause.start, hit.start):
        return False
    tokens = [t for t in ctx.tokens_in(hit.clause.start, hit.start) if t.word.strip(_SPACE)]
    return any(t.word in ctx.cues.advisories for t in tokens[-_ADVICE_REACH:])


_ADVICE_REACH = 6  # tokens: 严禁/野炊/、/吸烟/、/使用


def _governs(between: list, ctx: SentenceContext) -> bool:
    if len(between) > _NEGATION_REACH:
        return False
    in_phrase = False
    for token in between:
        if token.word in ctx.cues.negation_gap or inside(ctx.adjuncts, token.start, token.end):
            continue
        if ctx.cues.prepositions.fullmatch(token.word):
            in_phrase = True
        elif not (in_phrase and token.pos.startswith(_NOMINAL_TAGS)):
            return False
    return True
