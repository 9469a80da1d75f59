"""Tokens with part-of-speech tags, from a private jieba tokenizer fed from our lexicon.

Never the global jieba tokenizer: other code in the same process may have
changed it, and our lexicon must not leak into theirs. The prefix-dictionary
cache lives in the user cache directory so later runs start fast.
"""

from __future__ import annotations

import functools
import logging
import os
import re
import sys
from pathlib import Path

from .document import Token

# jieba's tags for names; our entity types map onto them so the tagger keeps gazetteer names whole.
_TAG_FOR_TYPE = {"PERSON": "nr", "ORG": "nt", "PLACE": "ns", "PRODUCT": "nz", "OTHER": "nz"}
_LEXICON_FREQUENCY = 50_000


def cache_dir() -> Path:
    """$METALEDGER_CACHE, else $XDG_CACHE_HOME/metaledger, else ~/.cache/metaledger."""
    explicit = os.environ.get("METALEDGER_CACHE")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "metaledger"


@functools.lru_cache(maxsize=4)
def pos_tokenizer(gazetteer=None):
    """A jieba POS tokenizer of our own, with every gazetteer alias added as a word."""
    import jieba
    import jieba.posseg

    logging.getLogger("jieba").setLevel(logging.ERROR)
    jieba.setLogLevel(logging.ERROR)
    tokenizer = jieba.Tokenizer()
    folder = cache_dir()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        tokenizer.tmp_dir = str(folder)
    except OSError:
        pass  # unwritable cache: jieba falls back to building the dictionary in memory each run
    tokenizer.initialize()
    if gazetteer is None:
        from .lexicon import packaged_gazetteer

        gazetteer = packaged_gazetteer()
    for alias, entry in sorted(gazetteer.aliases().items()):
        if " " not in alias and not alias.isascii():
            tokenizer.add_word(alias, _LEXICON_FREQUENCY, _TAG_FOR_TYPE[entry.type])
    return jieba.posseg.POSTokenizer(tokenizer)


# jieba's HMM guesses words and tags for characters its dictionary does not know; for a
# character outside its state table it weighs every tag (about 5 ms each), so a sentence
# of rare or garbled characters took seconds (a 1000-character one: 7 s). Past a handful
# of such characters the sentence is tagged from the dictionary alone.
_RARE_CHARACTERS_FOR_HMM = 8


_JIEBA_HAN = re.compile("[\u4e00-\u9fd5]")  # the characters jieba's HMM works on


@functools.lru_cache(maxsize=1)
def _hmm_known() -> frozenset[str]:
    from jieba.posseg import char_state_tab_P

    return frozenset(char_state_tab_P)


def _use_hmm(text: str) -> bool:
    known = _hmm_known()
    return sum(1 for char in _JIEBA_HAN.findall(text) if char not in known) <= _RARE_CHARACTERS_FOR_HMM


def tag_sentence(text: str, offset: int = 0, gazetteer=None) -> list[Token]:
    """Tag one sentence; token offsets index the whole article (offset is the sentence start)."""
    tokens = []
    position = offset
    for pair in pos_tokenizer(gazetteer).cut(text, HMM=_use_hmm(text)):
        word = sys.intern(pair.word)  # words repeat: one copy each keeps a long article's tokens small
        tokens.append(Token(word, sys.intern(pair.flag), position, position + len(word)))
        position += len(word)
    return tokens
