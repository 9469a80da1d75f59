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


def _quiet_jieba():
    import jieba

    logging.getLogger("jieba").setLevel(logging.ERROR)
    jieba.setLogLevel(logging.ERROR)
    return jieba


@functools.lru_cache(maxsize=1)
def _base_dictionary() -> tuple[dict, int]:
    """jieba's prefix dictionary (word → frequency, total), loaded once from the user cache."""
    tokenizer = _quiet_jieba().Tokenizer()
    folder = cache_dir()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        tokenizer.tmp_dir = str(folder)
    except OSError:
        pass  # unwritable cache: jieba builds the dictionary in memory each run
    tokenizer.initialize()
    return tokenizer.FREQ, tokenizer.total


@functools.lru_cache(maxsize=1)
def _word_tags() -> dict[str, str]:
    """jieba's word → part-of-speech table, cached in the user cache directory.

    jieba re-parses its 350,000-line dict.txt for this on every start; the cache holds one
    line per tag ("nr\tword word …"), which loads in a third of the time.
    """
    import jieba

    path = cache_dir() / f"jieba-{jieba.__version__}-tags.txt"
    try:
        return _read_tags(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        pass
    table = {}
    with _quiet_jieba().get_dict_file() as dictionary:
        for line in dictionary:
            parts = line.decode("utf-8").split()
            if len(parts) == 3:
                table[parts[0]] = parts[2]
    _write_tags(path, table)
    return table


def _read_tags(text: str) -> dict[str, str]:
    table: dict[str, str] = {}
    for line in text.split("\n"):
        tag, tab, words = line.partition("\t")
        if not tab:
            raise ValueError("not a tag table")
        table.update(dict.fromkeys(words.split(" "), tag))
    return table


def _write_tags(path: Path, table: dict[str, str]) -> None:
    by_tag: dict[str, list[str]] = {}
    for word, tag in table.items():
        by_tag.setdefault(tag, []).append(word)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(f".{os.getpid()}.tmp")
        partial.write_text("\n".join(f"{tag}\t{' '.join(words)}" for tag, words in sorted(by_tag.items())), encoding="utf-8")
        os.replace(partial, path)  # atomic: a concurrent reader sees the old file or the whole new one
    except OSError:
        pass  # no cache this time; the table is still right


@functools.lru_cache(maxsize=4)
def pos_tokenizer(gazetteer=None):
    """A jieba POS tokenizer of our own, with every gazetteer alias added as a word.

    Its dictionary is a copy of jieba's (loaded once per process), so our words never
    reach jieba's global tokenizer nor another gazetteer's tokenizer.
    """
    jieba = _quiet_jieba()
    import jieba.posseg

    frequencies, total = _base_dictionary()
    tokenizer = jieba.Tokenizer()
    tokenizer.FREQ, tokenizer.total, tokenizer.initialized = dict(frequencies), total, True
    if gazetteer is None:
        from .lexicon import packaged_gazetteer

        gazetteer = packaged_gazetteer()
    for alias, entry in sorted(gazetteer.aliases().items()):
        word = to_simplified(alias)
        # jieba cuts Chinese at spaces, dots and Latin letters, so only all-Chinese aliases can be words.
        if _CHINESE_WORD.fullmatch(word):
            tokenizer.add_word(word, _LEXICON_FREQUENCY, _TAG_FOR_TYPE[entry.type])
    return _tagger_class()(tokenizer)


@functools.lru_cache(maxsize=1)
def _tagger_class():
    import jieba.posseg

    class CachedTagsPOSTokenizer(jieba.posseg.POSTokenizer):
        """A POSTokenizer that takes its word-tag table from _word_tags() instead of re-reading dict.txt."""

        def load_word_tag(self, dictionary):
            dictionary.close()
            self.word_tag_tab = dict(_word_tags())  # a copy: our gazetteer's tags are added to it

    return CachedTagsPOSTokenizer


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
