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

from ..support.cache import cache_dir, write_cache_file
from ..support.regex_cache import compile_pattern
from ..text.script import to_simplified
from .pos_hmm import tag_unknown_word
from .prefix_dictionary import (
    LazyFrequencies,
    PrefixDictionary,
    encode_prefix_dictionary,
)
from .tokens import Token
from .word_cut import WordCutter
from .word_tags import word_tags

# jieba's tags for names; our entity types map onto them so the tagger keeps gazetteer names whole.
_TAG_FOR_TYPE = {"PERSON": "nr", "ORG": "nt", "PLACE": "ns", "PRODUCT": "nz", "OTHER": "nz"}
_LEXICON_FREQUENCY = 50_000
_CHINESE_WORD = compile_pattern(r"[\u3400-\u9fff]+")


@functools.lru_cache(maxsize=1)
def _quiet_jieba():
    """Import jieba and jieba.posseg without their two start-up costs we do not need.

    jieba imports pkg_resources when setuptools is installed (only to locate its own
    files; it falls back to a plain path), and importing jieba.posseg makes a global
    POS tokenizer that re-parses the 350,000-line dict.txt. We hide pkg_resources
    during the import, and let that global tokenizer read an empty file, then give it
    the same word-tag table our own tokenizer uses (from the user cache): jieba's
    global objects end up exactly as usual, for anyone else in the process.
    """
    import sys

    hidden = "pkg_resources" not in sys.modules
    if hidden:
        sys.modules["pkg_resources"] = None  # makes "import pkg_resources" raise ImportError
    try:
        import jieba
    finally:
        if hidden and sys.modules.get("pkg_resources", 0) is None:
            del sys.modules["pkg_resources"]
    logging.getLogger("jieba").setLevel(logging.ERROR)
    jieba.setLogLevel(logging.ERROR)
    if "jieba.posseg" not in sys.modules:
        default_dictionary = jieba.dt.dictionary
        jieba.dt.dictionary = os.devnull
        try:
            import jieba.posseg
        finally:
            jieba.dt.dictionary = default_dictionary
        jieba.posseg.dt.word_tag_tab = _GlobalTagsOnFirstUse()
    return jieba


class _GlobalTagsOnFirstUse:
    """jieba.posseg's global tag table, built only if someone in the process uses it.

    We never tag with jieba's global tokenizer, but others in the process may: on first
    use this puts the plain dict jieba would have built in its place.
    """

    def _table(self) -> dict:
        import jieba.posseg

        table = word_tags().as_dict()
        jieba.posseg.dt.word_tag_tab = table
        return table

    def get(self, *args):
        return self._table().get(*args)

    def update(self, *args):
        return self._table().update(*args)

    def __getitem__(self, word):
        return self._table()[word]

    def __setitem__(self, word, tag):
        self._table()[word] = tag

    def __contains__(self, word):
        return word in self._table()

    def __len__(self):
        return len(self._table())


@functools.lru_cache(maxsize=1)
def _base_dictionary() -> PrefixDictionary:
    """jieba's prefix dictionary, from the user cache (built from dict.txt when missing).

    jieba caches it with marshal, which loads 500,000 short strings in 0.6 s; ours is a
    UTF-8 blob and an array of counts grouped by first character (see prefix_dictionary).
    """
    jieba = _quiet_jieba()
    path = cache_dir() / f"jieba-{jieba.__version__}-prefix.bin"
    try:
        return PrefixDictionary(path.read_bytes())
    except (OSError, ValueError):
        pass
    with jieba.get_dict_file() as dictionary:
        frequencies, total = jieba.Tokenizer.gen_pfdict(dictionary)
    data = encode_prefix_dictionary(frequencies, total)
    write_cache_file(path, data)
    return PrefixDictionary(data)


@functools.lru_cache(maxsize=4)
def pos_tokenizer(gazetteer=None):
    """A jieba POS tokenizer of our own, with every gazetteer alias added as a word.

    Its dictionary is a copy of jieba's (loaded once per process), so our words never
    reach jieba's global tokenizer nor another gazetteer's tokenizer.
    """
    jieba = _quiet_jieba()
    import jieba.posseg

    dictionary = _base_dictionary()
    frequencies = LazyFrequencies(dictionary)
    tokenizer = jieba.Tokenizer()
    tokenizer.FREQ, tokenizer.total, tokenizer.initialized = frequencies.frequencies, dictionary.total, True
    if gazetteer is None:
        from ..resources.gazetteer import packaged_gazetteer

        gazetteer = packaged_gazetteer()
    for alias, entry in sorted(gazetteer.aliases().items()):
        word = to_simplified(alias)
        # jieba cuts Chinese at spaces, dots and Latin letters, so only all-Chinese aliases can be words.
        if _CHINESE_WORD.fullmatch(word):
            tokenizer.add_word(word, _LEXICON_FREQUENCY, _TAG_FOR_TYPE[entry.type])
            frequencies.remember_added(word, _LEXICON_FREQUENCY)
    tagger = _tagger_class()(tokenizer)
    tagger.frequencies = frequencies  # _tagged_words fills it before each cut
    tagger.pairs_by_word = {}  # word → its (piece, tag) pairs, filled by _tagged_words
    tagger.cutter = WordCutter(frequencies.frequencies, tokenizer.total, jieba.finalseg.cut)
    return tagger


@functools.lru_cache(maxsize=1)
def _tagger_class():
    import jieba.posseg

    class CachedTagsPOSTokenizer(jieba.posseg.POSTokenizer):
        """A POSTokenizer that takes its word-tag table from word_tags() instead of re-reading dict.txt."""

        def load_word_tag(self, dictionary):
            dictionary.close()
            self.word_tag_tab = word_tags()  # its own: our gazetteer's tags are added to it

    return CachedTagsPOSTokenizer


def dictionary_count(word: str, gazetteer=None) -> int:
    """How often jieba's dictionary counts word (0: not one of its words, e.g. a name its HMM made).

    The entity rules read it as a signal: real names are rare there, plain words are not.
    """
    frequencies = pos_tokenizer(gazetteer).frequencies
    frequencies.ensure(word[:1])
    return frequencies.frequencies.get(word) or 0


# jieba's POS HMM weighs every tag for a character outside its state table (about 5 ms
# each), so a sentence of rare or garbled characters took seconds (1000 characters: 7 s).
# Unknown words with such characters are tagged "x" without it.
@functools.lru_cache(maxsize=1)
def _hmm_known() -> frozenset[str]:
    from jieba.posseg import char_state_tab_P

    return frozenset(char_state_tab_P)


def tag_sentence(text: str, offset: int = 0, gazetteer=None) -> list[Token]:
    """Tag one sentence; token offsets index the whole article (offset is the sentence start).

    Traditional text is tagged in its simplified form (jieba's dictionary is simplified; the
    mapping is one character for one), but each token's ``word`` is the text as written.
    """
    tokens = []
    position = offset
    simplified = to_simplified(text)
    tagged = _tagged_words(pos_tokenizer(gazetteer), simplified)
    if simplified is text:
        # Most news: the words are the text as written, and each is already the tagger's one
        # copy of that word (its table of words seen), shared as an interned copy would be.
        for word, tag in tagged:
            end = position + len(word)
            tokens.append(Token(word, tag, position, end))
            position = end
        return tokens
    for word, tag in tagged:
        size = len(word)
        start = position - offset
        # Words repeat: one interned copy each keeps a long article's tokens small.
        tokens.append(Token(sys.intern(text[start : start + size]), tag, position, position + size))
        position += size
    return tokens


_HAN = compile_pattern(r"[\u4E00-\u9FD5]+")
_NUMBER = re.compile(r"[\.0-9]+")
_LATIN = re.compile(r"[a-zA-Z0-9]+")


def _tagged_words(tagger, text: str) -> list[tuple[str, str]]:
    """(word, tag) pairs, about four times as fast as jieba.posseg's own cut (make bench).

    jieba.posseg runs its joint word-and-tag HMM over every run of characters, which is
    most of its time. We segment as jieba's plain cut does (word_cut: the dictionary DAG, and its
    lighter HMM for runs of unknown characters), take each known word's tag from the
    dictionary, and run the POS HMM (pos_hmm) only on the words the dictionary lacks:
    those are the unknown names (人名 nr, 地名 ns, 机构 nt) the extractors need tags for.
    The words and tags differ from posseg's only on some single characters (曝 zg for v)
    and digits.
    """
    tagger.makesure_userdict_loaded()
    tagger.frequencies.ensure(text)
    tags = tagger.word_tag_tab
    # A word's pairs depend on the word and this tagger's fixed tables only: each word is
    # looked up (or decoded) once, then read from this table. Bounded: once full, a new
    # word is simply worked out again.
    memo = tagger.pairs_by_word
    pairs: list[tuple[str, str]] = []
    for word in tagger.cutter.words(text):
        found = memo.get(word)
        if found is None:
            found = _word_pairs(tags, word)
            if len(memo) < _PAIRS_BY_WORD_MAX:
                memo[word] = found
        pairs.extend(found)
    return pairs


_PAIRS_BY_WORD_MAX = 1 << 16


def _word_pairs(tags, word: str) -> tuple[tuple[str, str], ...]:
    """(piece, tag) pairs of one word of the cut: the dictionary's tag, else the POS HMM's
    pieces for an unknown Han word, else a tag for numbers, Latin and the rest."""
    tag = tags.get(word)
    if tag is not None:
        return ((word, tag),)
    if len(word) > 1 and _HAN.fullmatch(word):
        if _hmm_known().issuperset(word):
            return tuple(tag_unknown_word(word))  # remembered by the caller's table of words
        return ((word, "x"),)
    if _NUMBER.fullmatch(word):
        return ((word, "m"),)
    if _LATIN.fullmatch(word):
        return ((word, "eng"),)
    return ((word, "x"),)
