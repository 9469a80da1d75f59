"""Events: who did what to whom, when and how much — according to whom, and how sure.

For each sentence: find trigger words (resources/rules/events*.yaml) on jieba
token boundaries, outside direct quotations; cut the sentence into clauses; give
each trigger its subject and object (arguments), its certainty,
attribution and polarity (frames), and the ids of the date and figure
claims of its clause. A coordinated list of participants yields one event each.

The extractor reads only the claims passed in (entities, dates, figures with ids),
the tokens of each sentence and the raw text.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections import defaultdict
from dataclasses import dataclass, field, replace

from ...ledger.models import (
    Claim,
    DateClaim,
    EntityClaim,
    EventClaim,
    FigureClaim,
    Sentence,
)
from ...text.script import to_simplified
from ...tokenize.document import Document
from ...tokenize.tokens import Token
from .arguments import Arguments, Hit, SentenceContext, find_arguments
from .discourse import Discourse
from .frames import Frame, advised, cue_frames, judge, negated, speech_frame
from .incidents import head_of_compound, is_headline, modifies_next, names_kind_or_object, repeated_incident
from .lexicon import EventLexicon, event_lexicon
from .links import link_claims
from .mentions import Mention, sentence_mentions
from .phrase_roles import PhraseRoles, SentencePhrases
from .roles import has_own_subject, needs_phrases, participant_pairs, role_values
from .text import SpanIndex, adjunct_spans, inside, speech_quotes, split_clauses
from .topic import clause_topics

_BLANK_LINE = re.compile(r"\n[ \t\u3000]*\n")
_QUOTE_MARKS = re.compile(r"[「『“]")
_SEMICOLONS = ("；", ";")
_QUOTE_MAX = 2002  # the longest quotation text.speech_quotes takes
_LEAD_IN_CUE = 8  # a lead-in frame opens near the start of its sentence (然而，据报道，…)
_LEAD_IN_CONTENT = 24  # and says little itself
_FUSED_WORD = 2  # characters the rest of a fused token needs to be a word of its own


@dataclass
class _State:
    """What carries from one sentence to the next."""

    pending: list[Frame] = field(default_factory=list)  # frames the previous sentence opened for this one
    topic: list[Mention] = field(default_factory=list)  # carried only across a ；
    last_report: str | None = None  # the last named second-hand source (for 报道还透露)
    reported_types: set[str] = field(default_factory=set)  # event types found so far (地震已造成… refers back)
    headline: bool = False  # the sentence being read is the article's title


def extract_events(doc: Document, claims: list[Claim]) -> list[EventClaim]:
    lexicon = event_lexicon()
    text = to_simplified(doc.text)  # one character for one: offsets hold, 發佈 matches 发布
    entities = [c for c in claims if isinstance(c, EntityClaim)]
    linkable: dict[int, list[Claim]] = defaultdict(list)  # date, figure and place claims by sentence
    for claim in claims:
        if isinstance(claim, (DateClaim, FigureClaim)) or (isinstance(claim, EntityClaim) and claim.type == "PLACE"):
            linkable[claim.sentence].append(claim)
    mentions = sentence_mentions(entities, text)
    discourse = Discourse(text, mentions, lexicon.cues)
    quotes = speech_quotes(text, *doc.span)
    state = _State()
    events: list[EventClaim] = []
    for sentence in doc.sentences:
        first = bisect.bisect_left(quotes, (sentence.start - _QUOTE_MAX, 0))
        local_quotes = quotes[first : bisect.bisect_left(quotes, (sentence.end, 0), first)]  # in start order
        continued = _continues(doc, sentence)
        state.headline = is_headline(doc.text, sentence, sentence.index)
        context = _context(doc, text, sentence, lexicon, mentions.get(sentence.index, []), discourse, local_quotes, continued)
        found, frames, topic = _sentence_events(doc, context, linkable[sentence.index], local_quotes, state, continued)
        events.extend(found)
        state.topic = topic
        content = [hit for hit in context.hits if not hit.spec.frame] + context.mentions
        state.pending = _carried_frames(doc, sentence, frames, content, continued)
    return events


def _context(
    doc, text: str, sentence: Sentence, lexicon: EventLexicon, mentions, discourse, quotes, continued: bool
) -> SentenceContext:
    matches = list(lexicon.pattern.finditer(text, sentence.start, sentence.end))
    if not matches and not continued:
        # No trigger and no topic to hand on: only the sentence's cue frames and mentions count.
        return SentenceContext(text, sentence.index, sentence.start, sentence.end, mentions, [], [], [], lexicon.cues, discourse)
    clauses = split_clauses(text, sentence.start, sentence.end)
    hits, tokens, modifiers = [], [], []
    if matches or mentions:
        tokens = doc.tokens(sentence.index)
        if text is not doc.text:  # the article has a traditional character: maybe in these words
            tokens = _simplified_tokens(tokens)
    token_index = SpanIndex(tokens)
    cues = lexicon.cues
    for match, covering in _token_matches(lexicon.pattern, matches, text, sentence.end, token_index, cues):
        start, end = match.span()
        if inside(quotes, start, end) or _inside_a_body(mentions, start, end):
            continue
        spec = lexicon.spec_at(match.group(), text, start, end)
        if spec is None:  # 起火原因, 内部地震: a guard says no event, the word describes what follows
            if not any(s.conditional for s in lexicon.specs[match.group()]):
                modifiers.append((start, end))  # (a frame's verb without its object is a plain verb)
            continue
        if _modifier(token_index, covering, start, end, cues, spec):
            modifiers.append((start, end))
            continue
        if head_of_compound(token_index, covering, start, end, spec):
            continue
        clause = next((c for c in clauses if c.start <= start and end <= c.end), None)
        if clause is not None:
            hits.append(Hit(spec, start, end, clause))
    if not hits and not continued:  # only words a guard or a token boundary turned away (高, 长, 起火原因)
        return SentenceContext(text, sentence.index, sentence.start, sentence.end, mentions, [], [], [], lexicon.cues, discourse)
    adjuncts = adjunct_spans(text, token_index, clauses, cues.adjunct_openers, cues.adjunct_closers)
    adjuncts += _credit_lines(text, sentence, cues)
    return SentenceContext(
        text, sentence.index, sentence.start, sentence.end, mentions, tokens, clauses, hits,
        lexicon.cues, discourse, adjuncts, token_index, modifiers,
    )


def _inside_a_body(mentions, start: int, end: int) -> bool:
    """A trigger word inside an organization's name is part of the name, no event (世界卫生组织,
    欧洲安全与合作组织, 地震救援队, 技术开发中心)."""
    return any(m.type == "ORG" and m.start <= start and end <= m.end and m.end - m.start > end - start for m in mentions)


def _token_matches(pattern, matches, text: str, end: int, token_index, cues):
    """The trigger matches on token boundaries, each with the tokens it covers. A match across a
    word boundary (起火 in 一起火灾, tagged 一起/火灾) hid any trigger starting inside it: the text
    is searched again from the next character (火灾)."""
    found, reached = [], 0  # reached: the end of the last match kept (a retried one may reach past the next)
    overlapping = token_index.overlapping
    for match in matches:
        start, stop = match.span()
        if start < reached:
            continue
        covering = overlapping(start, stop)
        if _on_token_boundaries(covering, start, stop, cues):
            reached = stop
            found.append((match, covering))
            continue
        retry = pattern.search(text, start + 1, end)
        while retry is not None and retry.start() < stop:
            covering = overlapping(*retry.span())
            if _on_token_boundaries(covering, *retry.span(), cues):
                reached = retry.end()
                found.append((retry, covering))
                break
            retry = pattern.search(text, retry.start() + 1, end)
    return found


def _credit_lines(text: str, sentence: Sentence, cues) -> list[tuple[int, int]]:
    """The dateline and byline of a news report (新华社成都5月12日电（记者 张华）) name who filed
    it, not who acts in it: their entities are settings, never subjects or objects."""
    spans = [m.span() for m in cues.byline.finditer(text, sentence.start, sentence.end)]
    dateline = cues.dateline.match(text, sentence.start, sentence.end)
    if dateline is not None:
        spans.append(dateline.span())
    return spans


def _simplified_tokens(tokens: list[Token]) -> list[Token]:
    """Tokens keep the words as written (據, 並未, 這); every cue list is simplified, like the text.
    Most news has no traditional character: the same list comes back, no token is rebuilt."""
    words = [t.word for t in tokens]
    simplified = list(map(_simplified_word, words))
    if simplified == words:
        return tokens
    return [t if word == t.word else Token(word, t.pos, t.start, t.end) for t, word in zip(tokens, simplified)]


# Keyed by a word: words repeat within and across articles, and each is converted once.
_simplified_word = functools.lru_cache(maxsize=1 << 16)(to_simplified)


def _modifier(token_index: SpanIndex, covering, start: int, end: int, cues, spec) -> bool:
    """救援人员, 起火原因: the trigger modifies the noun after it (see incidents.modifies_next)."""
    last = covering[-1]
    following = token_index.overlapping(last.end, last.end + 1)
    return modifies_next(last, following[0] if following else None, start, end, cues, spec)


def _on_token_boundaries(covering, start: int, end: int, cues) -> bool:
    """The trigger is whole tokens (说 but not 也就是说; 发布 but not 发布会), or a trigger of two or
    more characters fused with another word into one token (合作开发, 发生爆炸, 突然转向), or with
    a resultative complement (疏散出, 救出来).
    covering: the tokens that overlap the trigger, in order."""
    closers = cues.adjunct_closers
    if not covering:
        return False
    aligned_start, aligned_end = covering[0].start == start, covering[-1].end == end
    if aligned_start and aligned_end:
        return True
    if end - start < 2:  # 在接受采访时说 tagged 时说: a one-character verb fused to an adjunct's closer
        return len(covering) == 1 and aligned_end and covering[0].word[:-1] in closers
    if len(covering) > 1:  # 另有1人失联 tagged 人失/联: one side aligned and a whole token inside
        whole = any(start <= t.start and t.end <= end for t in covering)
        return whole and (aligned_start or aligned_end)
    token = covering[0]
    leftover = (token.end - end) if token.start == start else (start - token.start) if token.end == end else 0
    if leftover == 1 and token.start == start:
        return token.word[-1] in cues.complements
    return leftover >= _FUSED_WORD


def _sentence_events(doc, ctx: SentenceContext, linkable, quotes, state: _State, continued: bool):
    drafts, topic = clause_topics(ctx, find_arguments, state.topic, carry=continued)
    frames = list(state.pending)
    frames += cue_frames(ctx, quotes)
    for hit, args in drafts:
        if hit.spec.frame:
            frame = speech_frame(hit, args, ctx, state.last_report)
            frames.append(frame)
            if hit.spec.frame == "second_hand" and frame.source and args.subjects:
                state.last_report = frame.source
    links = link_claims(ctx, [hit for hit, _ in drafts], linkable)
    denied = _denied_hits(frames, [hit for hit, _ in drafts])
    phrases = SentencePhrases(ctx, [(c.start, c.end) for c in linkable if isinstance(c, DateClaim)]) if drafts else None
    events = []
    waiting: list[tuple[Hit, Arguments, PhraseRoles]] = []  # 接警后，…: for the main clause's subject
    emitted: set[tuple[int, int]] = set()  # spans of the triggers that made events so far
    for hit, args in drafts:
        if _refers_back(ctx, hit, args, state.reported_types) or repeated_incident(hit, ctx, state.reported_types):
            continue
        if names_kind_or_object(hit, ctx, emitted, state.reported_types):  # 两车相撞事故: the collision is the event
            continue
        roles = phrases.roles(hit, _phrase_zone(ctx, hit)) if needs_phrases(hit, args) else PhraseRoles()
        found = _claims_for(doc, ctx, hit, args, roles, frames, links[hit], hit in denied)
        if not any(c.subject for c in found) and _opens_time_clause(ctx, hit):  # (到达现场后，民警…)
            waiting.append((hit, args, roles))
            continue
        if waiting and hit.clause.index > waiting[-1][0].clause.index:
            subjects = list(dict.fromkeys(c.subject for c in found if c.subject))
            for early, early_args, early_roles in waiting:
                events.extend(_claims_for(doc, ctx, early, early_args, early_roles, frames, links[early], early in denied, subjects))
            waiting = []
        events.extend(found)
        if found:
            emitted.add((hit.start, hit.end))
        if found and not state.headline:  # 商场起火后，大火持续…: the fire is reported by then
            state.reported_types.add(found[0].type)
    for early, early_args, early_roles in waiting:  # no main clause event after it: it stands alone
        events.extend(_claims_for(doc, ctx, early, early_args, early_roles, frames, links[early], early in denied, []))
    return events, frames, topic


def _phrase_zone(ctx: SentenceContext, hit: Hit) -> int:
    """Where a trigger's subject phrase may start: its clause, after a speech verb before it in the
    clause (目击者称发生两次爆炸: the blasts are not the witness's)."""
    start = hit.clause.start
    for other in ctx.hits:
        if other.clause is hit.clause and other.spec.frame and other.end <= hit.start:
            start = max(start, other.end)
    return start


def _refers_back(ctx: SentenceContext, hit: Hit, args: Arguments, reported_types: set[str]) -> bool:
    """截至12日20时，地震已造成2人死亡: a disaster named as the cause of what follows, with no
    participant of its own, is the one reported before (a first 火灾造成3人死亡 still stands)."""
    if not hit.spec.standalone or args.subjects or args.objects or hit.spec.type not in reported_types:
        return False
    return ctx.cues.cause_reference.match(ctx.text, hit.end) is not None


def _denied_hits(frames: list[Frame], hits: list[Hit]) -> set[Hit]:
    """What a denial denies is the first claim after it (奥尔特曼否认 OpenAI 计划推迟发布 GPT-5: the delay)."""
    denied = set()
    for frame in frames:
        if frame.denial:
            covered = [h for h in hits if frame.covers(h.start) and not h.spec.frame]
            if covered:
                denied.add(min(covered, key=lambda h: h.start))
    return denied


def _opens_time_clause(ctx: SentenceContext, hit: Hit) -> bool:
    """接报后，中队立即出动…: a clause that is only the trigger (and its object) and 后 says when
    the main clause happens; its subject is the main clause's (the brigade took the call). So is
    one that says through what effort the main clause came about (经过一夜的扑救，…; 营救过程中，…)."""
    clause = ctx.text[hit.clause.start : hit.clause.end]
    head, tail = clause[: hit.start - hit.clause.start], clause[hit.end - hit.clause.start :]
    if _THROUGH.match(head):
        return _THROUGH_END.fullmatch(tail) is not None
    return _TIME_CLAUSE.fullmatch(head) is not None and _AFTER_CLAUSE.search(tail) is not None


_TIME_CLAUSE = re.compile(r"\s*(?:在|于|自|待|等)?\s*")  # what may open the clause before the trigger
_AFTER_CLAUSE = re.compile(r"(?:后|之后|以后|过后|过程中)\s*$")
_THROUGH = re.compile(r"\s*经过")
_THROUGH_END = re.compile(r"\s*(?:后|之后)?\s*")


def _claims_for(
    doc, ctx: SentenceContext, hit: Hit, args: Arguments, roles: PhraseRoles, frames, links, denied: bool,
    borrowed: list[str] | None = None,
) -> list[EventClaim]:
    """borrowed: the subjects of the main clause, for a time clause with none of its own (接警后，…);
    such a clause stands even when the main clause names no one (接报后，立即赶赴现场)."""
    spec = hit.spec
    date_ids, figure_ids, place_ids, own_figure = links
    if spec.requires_subject and not has_own_subject(args, roles):  # 马斯克回应称: one statement, not two
        return []
    if spec.requires_figure and not figure_ids:
        return []
    if roles.first_person or advised(hit, ctx):  # 「我们会推出…」: the speaker's; 严禁使用明火: no claim
        return []
    certainty, frame = judge(hit, ctx, frames)
    polarity = "negative" if negated(hit, ctx) != denied else "positive"
    subjects, objects = role_values(args, roles, spec, ctx.cues)
    if borrowed and not any(subjects):
        subjects = list(borrowed)
    anchored = any(subjects) or any(objects) or own_figure or spec.nominal or borrowed is not None
    if not (anchored or (spec.standalone and (date_ids or place_ids or polarity == "negative"))):
        return []  # 事故未造成人员死亡 and 宁县也有强烈震感 stand; a bare 「闭源转向」 does not
    attribution = _attribution(frame, args)
    event_type = _type(ctx, hit, args)
    claims = []
    for subject, obj in participant_pairs(subjects, objects):
        claims.append(
            EventClaim(
                id="", article=doc.article_id, sentence=ctx.index, start=hit.start, end=hit.end,
                text=doc.text[hit.start : hit.end], rule=spec.rule_id, type=event_type,
                trigger=doc.text[hit.start : hit.end], subject=subject, object=obj,
                certainty=certainty, polarity=polarity, attribution=attribution,
                date_ids=list(date_ids), figure_ids=list(figure_ids), place_ids=list(place_ids),
            )
        )
    return claims


def _attribution(frame: Frame | None, args: Arguments) -> str | None:
    if frame is None:
        return None
    if frame.self_published:  # 财报显示，英伟达营收…: Nvidia's own report
        return next((m.canonical for m in args.subjects if m.type == "ORG"), None)
    return frame.source


def _type(ctx: SentenceContext, hit: Hit, args: Arguments) -> str:
    """A change names what changed: 营收同比暴涨 → revenue_growth, 股价下跌 → stock_price_decline."""
    spec = hit.spec
    if spec.with_product and any(m.type == "PRODUCT" for m in args.subjects + args.objects):
        return spec.with_product
    if not spec.change:
        return spec.type
    metrics = list(ctx.cues.metric_pattern.finditer(ctx.text, hit.clause.start, hit.start))
    if not metrics:
        metrics = list(ctx.cues.metric_pattern.finditer(ctx.text, ctx.start, hit.start))
    if not metrics:
        return spec.type
    return f"{ctx.cues.metrics[metrics[-1].group()]}_{spec.change}"


def _continues(doc: Document, sentence: Sentence) -> bool:
    """A sentence cut at ；on the same line is one sentence for topic and attribution."""
    following = sentence.index + 1
    if following >= len(doc.sentences) or not sentence.text.rstrip().endswith(_SEMICOLONS):
        return False
    return "\n" not in doc.text[sentence.end : doc.sentences[following].start]


def _carried_frames(doc: Document, sentence: Sentence, frames: list[Frame], content: list, continued: bool) -> list[Frame]:
    """Frames that cover the next sentence: all that reach the end of a sentence cut at ；, one that
    ends this sentence with a colon (分析师写道:), or a short second-hand lead-in at the start of a
    sentence that names no one and has no event word (然而，据报道，情况并未如愿。)."""
    following = sentence.index + 1
    if following >= len(doc.sentences):
        return []
    after = doc.sentences[following]
    if continued:
        return [replace(f, start=after.start, end=after.end) for f in frames if f.end == sentence.end]
    for frame in reversed(frames):
        if frame.continues:
            return [replace(frame, start=after.start, end=after.end, continues=False)]
    if _BLANK_LINE.search(doc.text, sentence.end, after.start):
        return []
    for frame in reversed(frames):
        if frame.end != sentence.end or frame.certainty != "reported" or frame.cue < sentence.start:
            continue  # a frame carried in from an earlier sentence is carried once only
        if frame.cue - sentence.start > _LEAD_IN_CUE or sentence.end - frame.start > _LEAD_IN_CONTENT:
            continue
        if _QUOTE_MARKS.search(doc.text, frame.start, frame.end):
            continue
        if not any(frame.covers(item.start) for item in content):
            return [replace(frame, start=after.start, end=after.end, cue=after.start - 1)]
    return []
