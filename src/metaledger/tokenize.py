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
from pathlib import Path

from .document import Token
from .normalize.script import to_simplified

# jieba's tags for names; our entity types map onto them so the tagger keeps gazetteer names whole.
_TAG_FOR_TYPE = {"PERSON": "nr", "ORG": "nt", "PLACE": "ns", "PRODUCT": "nz", "OTHER": "nz"}
_LEXICON_FREQUENCY = 50_000
_CHINESE_WORD = re.compile(r"[\u3400-\u9fff]+")


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
        word = to_simplified(alias)
        # jieba cuts Chinese at spaces, dots and Latin letters, so only all-Chinese aliases can be words.
        if _CHINESE_WORD.fullmatch(word):
            tokenizer.add_word(word, _LEXICON_FREQUENCY, _TAG_FOR_TYPE[entry.type])
    return jieba.posseg.POSTokenizer(tokenizer)


def tag_sentence(text: str, offset: int = 0, gazetteer=None) -> list[Token]:
    """Tag one sentence; token offsets index the whole article (offset is the sentence start).

    Traditional text is tagged in its simplified form (jieba's dictionary is simplified; the
    mapping is one character for one), but each token's ``word`` is the text as written.
    """
    tokens = []
    position = offset
    for pair in pos_tokenizer(gazetteer).cut(to_simplified(text)):
        size = len(pair.word)
        start = position - offset
        tokens.append(Token(text[start : start + size], pair.flag, position, position + size))
        position += size
    return tokens
