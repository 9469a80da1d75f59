"""Entity mentions: people, organizations, products, places and works, one canonical name each.

    candidates:  gazetteer aliases (match)            → known type and canonical
                 Latin-script names (latin)           ┐
                 Chinese names from tokens (chinese)  ┘ → type by votes
    overlaps:    longest wins, no nesting (resolve.without_nesting)
    aliases:     X(Y) in the text links Y to X, and later Ys too (aliases)
    resolve:     group, vote types, pick canonical names (resolve.Resolver)
    nicknames:   小扎 / 老黄 for the article's one person with that first character
"""

from __future__ import annotations

import bisect
import operator
import re

from ...ledger.models import EntityClaim
from ...normalize.entities import match_view
from ...resources.gazetteer import packaged_gazetteer
from ...support.regex_cache import compile_pattern
from ...tokenize.document import Document
from .aliases import (
    bracket_aliases,
    nickname_mentions,
    repeated_aliases,
    repeated_names,
    short_form_mentions,
)
from .canonical import governing_divisions, organization_canonical
from .chinese import chinese_mentions
from .latin import latin_mentions, without_term_abbreviations
from .match import gazetteer_matcher
from .mention import FoldedDocument, Mention, SpanSet
from .organizations import joined_bodies
from .person_lists import listed_persons
from .persons import is_title, person_mentions
from .place_patterns import (
    abbreviation_pair_words,
    listed_in_a_list,
    places_named_with_a_division_word,
    region_mentions,
    route_mentions,
    village_mentions,
)
from .places import (
    abbreviation_mentions,
    listed_mentions,
    named_place_mentions,
    place_canonical,
    short_form_full_name,
)
from .resolve import Resolver, without_nesting

_HAN = compile_pattern(r"[\u3400-\u9fff]")
_GIVE_WAY = {"entity.jieba_name", "entity.person_name"}  # guesses a country abbreviation splits (中日建交)
_DOTS = re.compile(r"\s*[·•・‧]\s*")
_START = operator.attrgetter("start")


def extract_entities(document: Document) -> list[EntityClaim]:
    gazetteer = document.lexicon or packaged_gazetteer()
    doc = FoldedDocument(document)  # rules read simplified characters; claims quote the original
    for sentence in doc.part:
        document.tokens(sentence.index)  # every sentence is read; tagging them in one go keeps caches warm
    view = match_view(doc.text, *document.span)
    known = _gazetteer_mentions(doc, view, gazetteer)
    candidates = list(known)
    by_sentence: dict[int, list[Mention]] = {}
    for mention in known:
        by_sentence.setdefault(mention.sentence, []).append(mention)
    for sentence in doc.part:
        candidates += _sentence_candidates(doc, sentence, by_sentence.get(sentence.index, []), gazetteer, document.lexicon)
    mentions = joined_bodies(doc, without_nesting(candidates))
    mentions = without_term_abbreviations(doc, places_named_with_a_division_word(doc, mentions))
    aliases, links = bracket_aliases(doc, mentions)
    if aliases:  # (without them, mentions are already free of nesting)
        redefined = {(m.start, m.end) for m in aliases}
        mentions = without_nesting([m for m in mentions if (m.start, m.end) not in redefined] + aliases)
    repeats = repeated_aliases(doc, view, [alias for _, alias in links], mentions)
    links += [(_name_of(links, target), mention) for mention, target in repeats]
    replaced = {(m.start, m.end) for m, _ in repeats}
    mentions = [m for m in mentions if (m.start, m.end) not in replaced] + [m for m, _ in repeats]
    mentions = mentions + repeated_names(doc, view, mentions)
    short_forms = short_form_mentions(doc, view, mentions)
    if short_forms:
        spans = SpanSet((m.start, m.end) for m in short_forms)
        mentions = [m for m in mentions if not spans.overlaps(m.start, m.end)] + short_forms
    mentions = sorted(mentions, key=lambda m: m.start)
    return _claims(doc, mentions, links, document.text, gazetteer)


def _sentence_candidates(doc, sentence, listed: list[Mention], gazetteer, lexicon) -> list[Mention]:
    """Every rule's candidates in one sentence; listed are the gazetteer's names there."""
    tokens = doc.tokens(sentence.index)
    found = latin_mentions(doc, sentence)
    found += listed_mentions(tokens, sentence.index, gazetteer)
    found += listed_in_a_list(tokens, sentence.index, listed + found, gazetteer)
    found += route_mentions(doc, sentence, tokens) + region_mentions(doc, sentence, tokens)
    abbreviations = abbreviation_mentions(doc, sentence, tokens, gazetteer)
    abbreviations += abbreviation_pair_words(tokens, sentence.index, gazetteer, abbreviations)
    found += named_place_mentions(tokens, sentence.index, listed + found + abbreviations, lexicon)
    found += village_mentions(doc, sentence, tokens, listed + found)
    persons = person_mentions(doc, sentence, tokens)
    guesses = chinese_mentions(doc, sentence, listed + found + persons) + persons
    guesses += listed_persons(doc, sentence, tokens, listed + guesses)  # 记者X、Y和Z: the others of a list
    if abbreviations:  # jieba's word 中美关系/nt is two places and a noun, not one organization
        spans = SpanSet((m.start, m.end) for m in abbreviations)
        guesses = [m for m in guesses if m.rule not in _GIVE_WAY or not spans.overlaps(m.start, m.end)]
    return found + abbreviations + guesses


def _name_of(links, span) -> Mention:
    """The name an alias was defined for (links hold (name, alias) pairs)."""
    return next(name for name, alias in links if (alias.start, alias.end) == span)


def _gazetteer_mentions(doc, view, gazetteer) -> list[Mention]:
    mentions = []
    for start, end, sentence, entry in gazetteer_matcher(gazetteer).finditer(doc, view):
        if _inside_a_word(doc, sentence, start, end) and not _heads_its_word(doc, sentence, start, end, entry.type):
            continue  # 海口 in 夸下海口, 中国 in 中国人 (but 日本 in 日本首相/n, 马克思 in 马克思主义/n)
        mentions.append(Mention(start, end, sentence, "entity.gazetteer", entry.type, entry.canonical))
    return mentions


def _inside_a_word(doc, sentence: int, start: int, end: int) -> bool:
    """A Chinese alias whose edge falls inside one of jieba's words (the alias words are in its dictionary)."""
    text = doc.text
    edges = []
    if start > 0 and _is_han(text[start - 1]) and _is_han(text[start]):
        edges.append(start)
    if end < len(text) and _is_han(text[end]) and _is_han(text[end - 1]):
        edges.append(end)
    if not edges:
        return False
    bounds = doc.bounds(sentence)
    return any(edge not in bounds for edge in edges)


_DOCTRINE_WORDS = frozenset(("主义", "思想", "理论", "学说"))


def _heads_its_word(doc, sentence: int, start: int, end: int, entity_type: str) -> bool:
    """A place that begins one of jieba's words whose rest is a title (日本首相, 德国总理), or a
    person whose rest is a doctrine (马克思主义, like 邓小平理论 of entity.person_name)."""
    if entity_type not in ("PLACE", "PERSON") or start not in doc.bounds(sentence):
        return False
    tokens = doc.tokens(sentence)
    index = bisect.bisect_left(tokens, start, key=_START)
    if index == len(tokens) or tokens[index].start != start or tokens[index].end <= end:
        return False
    rest = doc.text[end : tokens[index].end]
    return is_title(rest) if entity_type == "PLACE" else rest in _DOCTRINE_WORDS


def _is_han(character: str) -> bool:
    return "\u3400" <= character <= "\u9fff"  # _HAN for one character, without a regex call


def _claims(doc, mentions: list[Mention], links, original: str, gazetteer) -> list[EntityClaim]:
    resolver = Resolver(doc, mentions, links)
    types = resolver.resolve()
    groups = resolver.groups.members()
    places = [doc.text[m.start : m.end] for i, m in enumerate(mentions) if types.get(resolver.groups.find(i)) == "PLACE"]
    divisions = governing_divisions(places)
    named = {root: (types[root], _canonical(resolver, groups[root], types[root], gazetteer, divisions)) for root in types}
    results = [(m, *named[resolver.groups.find(i)]) for i, m in enumerate(mentions) if resolver.groups.find(i) in named]
    persons = _first_characters(doc, results)
    for mention, canonical in nickname_mentions(doc, persons, mentions):
        results.append((mention, "PERSON", canonical))
    return [
        EntityClaim(
            id="",
            article=doc.article_id,
            sentence=m.sentence,
            start=m.start,
            end=m.end,
            text=original[m.start : m.end],
            rule=m.rule,
            type=entity_type,
            canonical=canonical,
        )
        for m, entity_type, canonical in sorted(results, key=lambda r: r[0].start)
    ]


def _canonical(resolver, members: list[int], entity_type: str, gazetteer, divisions: dict[str, str]) -> str:
    """The group's canonical: the gazetteer's, else the article's longest form, brought to the
    full name by class (桂林 → 桂林市; 市政府 → 苏州市人民政府: see canonical.py)."""
    canonical = resolver.canonical(members)
    if any(resolver.mentions[i].known for i in members):
        return canonical
    if entity_type == "PLACE":
        full = short_form_full_name(canonical)
        if full is not None:
            return place_canonical(full, gazetteer)
    elif entity_type == "ORG":
        return organization_canonical(canonical, divisions, gazetteer)
    return canonical


def _first_characters(doc, results) -> dict[str, str]:
    """First character of each person's Chinese name → that person's canonical, if only one has it."""
    owners: dict[str, set[str]] = {}
    for mention, entity_type, canonical in results:
        if entity_type != "PERSON" or mention.rule == "entity.nickname":
            continue
        surname = _DOTS.split(doc.text[mention.start : mention.end])[-1]  # 科里森 of 帕特里克·科里森
        for first in {doc.text[mention.start], surname[:1]}:
            if _HAN.match(first):
                owners.setdefault(first, set()).add(canonical)
    return {first: next(iter(names)) for first, names in owners.items() if len(names) == 1}

