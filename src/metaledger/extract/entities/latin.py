"""Names in Latin script the gazetteer does not know: Alexandr Wang, Claude Opus 4.5, gpt-oss.

The rule's regex (rules/entities_latin.yaml) takes a run of Latin words and short version
numbers; here the run is cut at words that are not names (CEO, LLM), trimmed, and given the
votes its shape earns: an organization word at the end (Labs, AI, Capital Markets), a version
or a tier word (4.5, Pro, Opus), a given name or a Chinese surname (Nat Friedman, Shengjia Zhao).
Context votes are added later, over the whole article (resolve).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from ...resources.rulebook import Rule, load_rule_file
from .data import is_not_entity, name_parts
from .mention import Mention

RULE_ID = "entity.latin_name"
_WORD = re.compile(r"\S+")
_LETTER = re.compile(r"[A-Za-z]")  # every name the rule takes starts with one
_VERSION = re.compile(r"[0-9]")
_CAPITALIZED = re.compile(r"(?:Mc|Mac|O')?[A-Z][a-z]+(?:-[A-Z][a-z]+)?")  # Rohit McAllister, Sean O'Brien
_ENDS_IN_AI = re.compile(r"[A-Za-z][A-Za-z0-9]*AI")
_LOWER_CAMEL = re.compile(r"[a-z]+[A-Z]")
_ENGLISH_WORDS = frozenset(("He", "Ho", "Le", "Ma", "Lee", "Long", "Park", "Chang"))  # words, or names of things


@dataclass(frozen=True)
class LatinRule:
    rule: Rule
    max_words: int
    org_words: frozenset[str]
    product_words: frozenset[str]
    place_words: frozenset[str]
    connectors: frozenset[str]


@functools.lru_cache(maxsize=1)
def latin_rule() -> LatinRule:
    rule = load_rule_file("entities_latin").rule(RULE_ID)
    return LatinRule(
        rule=rule,
        max_words=int(rule.get("max_words", 6)),
        org_words=frozenset(rule.get("org_words", ())),
        product_words=frozenset(rule.get("product_words", ())),
        place_words=frozenset(rule.get("place_words", ())),
        connectors=frozenset(str(word).casefold() for word in rule.get("connectors", ())),
    )


def latin_mentions(doc, sentence) -> list[Mention]:
    config = latin_rule()
    mentions = []
    letter = _LETTER.search(doc.text, sentence.start, sentence.end)
    if letter is None:
        return mentions  # a scan for one letter is much cheaper than the rule's scan
    for match in config.rule.pattern.finditer(doc.text, letter.start(), sentence.end):  # lookbehinds still see before
        run = match.group()
        if " " not in run and "\t" not in run:  # one word, as most runs are (Meta, OpenAI, GPT-5)
            evidence = _one_word_votes(run)
            if evidence is not None:
                mentions.append(Mention(match.start(), match.end(), sentence.index, RULE_ID, evidence=evidence))
            continue
        words = _unglued([(word.group(), word.start(), word.end()) for word in _WORD.finditer(doc.text, *match.span())])
        for piece in _pieces(words, config):
            mention = _mention(piece, sentence.index, config)
            if mention is not None:
                mentions.append(mention)
    return mentions


@functools.lru_cache(maxsize=65536)
def _one_word_votes(word: str) -> tuple[tuple[str, float], ...] | None:
    """The shape votes of a run that is this one word, or None when it is no name.

    The same steps as a longer run, asked once per word: words repeat (Meta, AI, OpenAI).
    """
    config = latin_rule()
    pieces = _pieces([(word, 0, len(word))], config)
    mention = _mention(pieces[0], 0, config) if pieces else None
    return None if mention is None else mention.evidence


_GLUED = re.compile(r"([A-Z][a-z]{2,})([A-Z][a-z]{2,})")
_CUT = ("", -1, -1)  # a word that ends a piece (is_not_entity(""): see _pieces)


def _unglued(words: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
    """Two names a lost line break glued together (Kevin MooreJohn Smith): a capitalized word
    whose second half is a given name is two words, and the names on each side are two pieces."""
    given = name_parts().given_names
    result = []
    for word, start, end in words:
        glued = _GLUED.fullmatch(word)
        if glued and len(words) > 1 and glued.group(2) in given:
            cut = start + len(glued.group(1))
            result += [(glued.group(1), start, cut), _CUT, (glued.group(2), cut, end)]
        else:
            result.append((word, start, end))
    return result


def _pieces(words: list[tuple[str, int, int]], config: LatinRule) -> list[list[tuple[str, int, int]]]:
    """Cut a run at words that are not part of names (CEO in "Meta CEO Mark Zuckerberg")."""
    kept_inside = config.org_words | config.product_words
    pieces, current = [], []
    for word in words:
        text = word[0]
        connector = text.casefold() in config.connectors
        plain_english = text.isalpha() and text.islower() and not connector  # "are launching ... today"
        if word is _CUT or plain_english or (is_not_entity(text) and text not in kept_inside and not connector):
            pieces.append(current)
            current = []
        else:
            current.append(word)
    pieces.append(current)
    return [_trim(piece, config) for piece in pieces if piece]


def _trim(piece: list, config: LatinRule) -> list:
    """No name starts with a connector or a stop word, nor ends with a connector."""
    while piece and (piece[0][0].casefold() in config.connectors or is_not_entity(piece[0][0])):
        piece = piece[1:]
    while piece and piece[-1][0].casefold() in config.connectors:
        piece = piece[:-1]
    return piece


def _mention(piece: list, sentence: int, config: LatinRule) -> Mention | None:
    if not piece or len(piece) > config.max_words:
        return None
    names = [word for word, _, _ in piece]
    if piece[0][0][0].isdigit() or all(is_not_entity(word) for word in names):
        return None
    if len(names) == 1 and len(names[0]) == 1:
        return None  # a lone letter (X, Q) is too ambiguous to be a name on its own
    if not any(c.isupper() or c.isdigit() or c == "-" for word in names for c in word):
        return None  # plain lower-case English (vibe coding) is not a name
    return Mention(piece[0][1], piece[-1][2], sentence, RULE_ID, evidence=_shape_votes(names, config))


def _shape_votes(names: list[str], config: LatinRule) -> tuple[tuple[str, float], ...]:
    parts = name_parts()
    last = names[-1]
    if last in config.org_words and (len(names) > 1 or last != "AI"):
        return (("ORG", 3.0),)
    if last in config.place_words and len(names) > 1:
        return (("PLACE", 3.0),)  # Aurora City, Menlo Park
    if len(names) == 1 and _ENDS_IN_AI.fullmatch(last):
        return (("ORG", 3.0),)  # OpenAI, xAI
    if any(_VERSION.search(word) for word in names) or (len(names) > 1 and any(word in config.product_words for word in names)):
        return (("PRODUCT", 3.0),)
    if len(names) == 1 and (_LOWER_CAMEL.match(last) or (last.islower() and "-" in last)):
        return (("PRODUCT", 2.0),)  # iPhone, gpt-oss
    if 2 <= len(names) <= 3 and all(_CAPITALIZED.fullmatch(word) for word in names):
        if names[0] in parts.given_names or last in parts.latin_surnames:
            return (("PERSON", 3.0),)
        # Firstname Lastname or Two Words Inc: context decides; two words are a person a little more
        # often than a product (微软的 Jane Doe: the possessive alone does not make her a product)
        return (("PERSON", 1.25 if len(names) == 2 else 1.0), ("ORG", 0.5))
    if len(names) == 1 and last in parts.latin_surnames and last not in _ENGLISH_WORDS:
        return (("PERSON", 1.0),)  # Xu, Zhang: a Chinese surname alone is the person it names
    if len(names) == 1 and last.isupper() and len(last) <= 5:
        return (("ORG", 0.75),)  # NBA, MSL (a cue can still say it is an event: WWDC 大会)
    return (("ORG", 0.5),)  # a capitalized word in Chinese news is most often a company


_ACRONYM = re.compile(r"[A-Z][A-Z0-9]{1,5}")


def without_term_abbreviations(doc, mentions: list[Mention]) -> list[Mention]:
    """长短期记忆网络（LSTM）: an acronym bracketed right after Chinese words that
    are no name abbreviates a term, not a name; every use of it in the article goes."""
    text = doc.text
    ends = {m.end for m in mentions}
    terms = set()
    for m in mentions:
        if m.rule != RULE_ID or m.known or not _ACRONYM.fullmatch(text, m.start, m.end):
            continue
        opening = m.start - 1
        if opening >= 1 and text[opening] in "(（" and m.end < len(text) and text[m.end] in ")）":
            if "\u4e00" <= text[opening - 1] <= "\u9fff" and opening not in ends:
                terms.add(text[m.start : m.end])
    if not terms:
        return mentions
    return [m for m in mentions if m.rule != RULE_ID or m.known or text[m.start : m.end] not in terms]
