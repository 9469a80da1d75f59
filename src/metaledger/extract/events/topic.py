"""The topic chain of a sentence: a clause without a subject of its own continues the last one.

「Meta 内部地震频发:首席 AI 科学家离职、600 人裁员」 — Meta heads the first clause, so it is
the company the layoff is about. The chain never crosses a sentence boundary; across
sentences only pronouns, descriptions and product owners carry (discourse).
"""

from __future__ import annotations

from collections.abc import Callable

from .arguments import Arguments, Hit, SentenceContext, clause_candidates
from .mentions import Mention
from .text import Clause, inside


def clause_topics(
    ctx: SentenceContext, find: Callable, topic: list[Mention], carry: bool = True
) -> tuple[list[tuple[Hit, Arguments]], list[Mention]]:
    """Arguments of every trigger in the sentence, each clause handed the topic so far; and the
    topic at the end (a sentence cut at ；continues into the next one), [] unless carry."""
    drafts: list[tuple[Hit, Arguments]] = []
    theme: list[Mention] = []  # the product acted on so far in the sentence
    # Clauses whose head, if they have one, is the topic: looked for only when a trigger needs it
    # (most clauses of most sentences hand their topic to no one).
    unsettled: list[Clause] = []
    by_clause: dict[int, list[Hit]] = {}
    for hit in ctx.hits:
        by_clause.setdefault(hit.clause.index, []).append(hit)
    for clause in ctx.clauses:
        hits = by_clause.get(clause.index, [])
        if hits:
            topic, unsettled = _settle(ctx, topic, unsettled), []
        current, subjects, cleared = topic, None, False
        for hit in hits:
            args = find(hit, ctx, current, theme)
            drafts.append((hit, args))
            if args.objects and all(m.type == "PRODUCT" for m in args.objects):
                theme = args.objects
            if hit.spec.frame == "second_hand" or hit.spec.source_from:
                subjects, cleared = None, True  # 彭博社报道称，… / 库克从富士康获悉，…: the reporter
                continue  # or the learner is not who acts in what follows
            if inside(ctx.adjuncts, hit.start, hit.end):
                continue
            about = args.objects if args.passive else args.subjects  # Anthropic 获得亚马逊加持: Anthropic
            if about:
                current = args.subjects or current
                subjects, cleared = about, False  # the last event of the clause hands its topic on
            elif args.unnamed_head:
                current, subjects, cleared = [], None, True  # its subject is someone unnamed
        if subjects or cleared:
            topic, unsettled = subjects or [], []
        else:
            unsettled.append(clause)  # its head, if any, becomes the topic
    return drafts, _settle(ctx, topic, unsettled) if carry else []


def _settle(ctx: SentenceContext, topic: list[Mention], unsettled: list[Clause]) -> list[Mention]:
    """The topic after the unsettled clauses: the head of the last one that has one, else topic."""
    for clause in reversed(unsettled):
        head = clause_head(ctx, clause)
        if head:
            return head
    return topic


def clause_head(ctx: SentenceContext, clause: Clause) -> list[Mention]:
    """The entity a clause is about: a bare noun phrase (· OpenAI; …现任首席产品官的 Chris Cox),
    else its first entity when no verb comes before it (Anthropic 则凭借…; not 让 Meta 压力…)."""
    candidates = clause_candidates(ctx, clause.start, clause.end)
    if not candidates:
        return []
    last = candidates[-1]
    if not ctx.text[last.end : clause.end].strip(" 」』”\"") and _follows_de(ctx, clause.start, last.start):
        return [last]
    first = candidates[0]
    verb_at = None
    for token in ctx.tokens_in(clause.start, first.start):
        if token.pos.startswith("v"):
            verb_at = token.end
        elif token.word == "的":
            verb_at = None  # 本该绽放的 Llama 4: the verb is inside a modifier
    return [] if verb_at is not None else [first]


def _follows_de(ctx: SentenceContext, start: int, position: int) -> bool:
    return any(t.word == "的" for t in ctx.tokens_in(start, position)) or not ctx.tokens_in(start, position)
