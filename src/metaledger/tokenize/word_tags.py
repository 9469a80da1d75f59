"""jieba's word → part-of-speech table, without building it at every start.

jieba.posseg re-parses its 350,000-line dict.txt into a dict on every start, and even
from a cache, building that dict took a fifth of a second of a one-article run. Our
cache holds the words sorted, with one byte per word naming its tag; loading it is one
split of a blob, and a word's tag is found by bisection the first time it is asked for.
"""

from __future__ import annotations

import functools
import struct
from bisect import bisect_left

from ..support.cache import cache_dir, write_cache_file

_MAGIC = b"metaledger-tags-1\n"
_HEADER = struct.Struct("<qqq")  # words, bytes of tag names, bytes of words
_UNSEEN = object()


class WordTags:
    """A word → tag mapping over the sorted dictionary, with the part jieba.posseg uses of dict.

    Tags set on it (user words, our gazetteer) win over the dictionary's and stay in this
    instance: each tokenizer gets its own over the same shared table.
    """

    __slots__ = ("_words", "_codes", "_names", "_seen")

    def __init__(self, words: list[str], codes: bytes, names: list[str]):
        self._words, self._codes, self._names = words, codes, names
        self._seen: dict[str, str | None] = {}

    def get(self, word, default=None):
        tag = self._seen.get(word, _UNSEEN)
        if tag is _UNSEEN:
            tag = self._seen[word] = self._dictionary_tag(word)
        return default if tag is None else tag

    def _dictionary_tag(self, word):
        index = bisect_left(self._words, word)
        if index < len(self._words) and self._words[index] == word:
            return self._names[self._codes[index]]
        return None

    def __getitem__(self, word):
        tag = self.get(word)
        if tag is None:
            raise KeyError(word)
        return tag

    def __contains__(self, word) -> bool:
        return self.get(word) is not None

    def __setitem__(self, word, tag) -> None:
        self._seen[word] = tag

    def update(self, other) -> None:
        self._seen.update(other)

    def __len__(self) -> int:
        return len(self.as_dict())

    def as_dict(self) -> dict[str, str]:
        table = dict(zip(self._words, (self._names[code] for code in self._codes)))
        table.update((word, tag) for word, tag in self._seen.items() if tag is not None)
        return table


def word_tags() -> WordTags:
    """A fresh mapping over jieba's tag table (the table itself is loaded once per process)."""
    return WordTags(*_tag_table())


@functools.lru_cache(maxsize=1)
def _tag_table() -> tuple[list[str], bytes, list[str]]:
    import jieba

    path = cache_dir() / f"jieba-{jieba.__version__}-tags.bin"
    try:
        return decode_tag_table(path.read_bytes())
    except (OSError, ValueError):
        pass
    table = {}
    with jieba.get_dict_file() as dictionary:
        for line in dictionary:
            parts = line.decode("utf-8").split()
            if len(parts) == 3:
                table[parts[0]] = parts[2]
    data = encode_tag_table(table)
    write_cache_file(path, data)
    return decode_tag_table(data)


def encode_tag_table(table: dict[str, str]) -> bytes:
    names = sorted(set(table.values()))
    if len(names) > 256:
        raise ValueError("more than 256 tags")
    code_of = {name: code for code, name in enumerate(names)}
    ordered = sorted(table)
    codes = bytes(code_of[table[word]] for word in ordered)
    names_blob, words_blob = "\n".join(names).encode("utf-8"), "\n".join(ordered).encode("utf-8")
    return _MAGIC + _HEADER.pack(len(ordered), len(names_blob), len(words_blob)) + codes + names_blob + words_blob


def decode_tag_table(data: bytes) -> tuple[list[str], bytes, list[str]]:
    if not data.startswith(_MAGIC):
        raise ValueError("not a tag table")
    offset = len(_MAGIC)
    try:
        size, names_size, words_size = _HEADER.unpack_from(data, offset)
    except struct.error:
        raise ValueError("truncated tag table") from None
    offset += _HEADER.size
    if len(data) != offset + size + names_size + words_size:
        raise ValueError("truncated tag table")
    codes = data[offset : offset + size]
    offset += size
    names = data[offset : offset + names_size].decode("utf-8").split("\n")
    words = data[offset + names_size :].decode("utf-8").split("\n") if size else []
    if len(words) != size or (codes and max(codes) >= len(names)):
        raise ValueError("damaged tag table")
    return words, codes, names
