"""jieba's prefix dictionary, loaded one first character at a time.

jieba cuts a sentence by asking its prefix dictionary (every word and word prefix → its
count, 500,000 entries) about fragments of that sentence, and every fragment starts with
one of the sentence's characters. Building the whole dict took a fifth of a second of
every start, while a 3,000-character article needs the entries of its 700 distinct
characters: 40 % of them. The cache file groups entries by first character, and each
tokenizer's dict is filled a group at a time, just before it cuts a sentence holding
characters it has not seen. The dict jieba reads is a plain dict throughout, so lookups
cost what they always did, and once filled it equals the eager one (a test compares them).
"""

from __future__ import annotations

import array
import struct

_MAGIC = b"metaledger-prefix-1\n"
_HEADER = struct.Struct("<qqqqq")  # total, entries, groups, bytes of first characters, bytes of words


def encode_prefix_dictionary(frequencies: dict[str, int], total: int) -> bytes:
    """The cache file: entries grouped by first character (groups and entries sorted)."""
    groups: dict[str, list[str]] = {}
    for word in frequencies:
        groups.setdefault(word[0], []).append(word)
    first_chars = sorted(groups)
    counts, entry_starts, byte_starts, pieces, offset = array.array("q"), array.array("q", [0]), array.array("q", [0]), [], 0
    for char in first_chars:
        words = sorted(groups[char])
        counts.extend(frequencies[word] for word in words)
        piece = ("\n".join(words) + "\n").encode("utf-8")
        pieces.append(piece)
        offset += len(piece)
        entry_starts.append(len(counts))
        byte_starts.append(offset)
    chars_blob, words_blob = "".join(first_chars).encode("utf-8"), b"".join(pieces)
    header = _HEADER.pack(total, len(counts), len(first_chars), len(chars_blob), len(words_blob))
    return _MAGIC + header + counts.tobytes() + entry_starts.tobytes() + byte_starts.tobytes() + chars_blob + words_blob


class PrefixDictionary:
    """The decoded cache file, shared by every tokenizer of the process; read-only."""

    def __init__(self, data: bytes):
        if not data.startswith(_MAGIC):
            raise ValueError("not a prefix dictionary")
        offset = len(_MAGIC)
        try:
            self.total, entries, groups, chars_size, words_size = _HEADER.unpack_from(data, offset)
        except struct.error:
            raise ValueError("truncated prefix dictionary") from None
        offset += _HEADER.size
        self._counts, offset = _array_at(data, offset, entries)
        self._entry_starts, offset = _array_at(data, offset, groups + 1)
        self._byte_starts, offset = _array_at(data, offset, groups + 1)
        first_chars = data[offset : offset + chars_size].decode("utf-8")
        self._words = data[offset + chars_size :]
        if len(self._words) != words_size or len(first_chars) != groups:
            raise ValueError("truncated prefix dictionary")
        if self._entry_starts[-1] != entries or self._byte_starts[-1] != words_size:
            raise ValueError("damaged prefix dictionary")
        self._group_of = {char: index for index, char in enumerate(first_chars)}

    def group(self, char: str):
        """(word, count) pairs of the entries starting with char."""
        index = self._group_of.get(char)
        if index is None:
            return ()
        words = self._words[self._byte_starts[index] : self._byte_starts[index + 1]].decode("utf-8").split("\n")
        counts = self._counts[self._entry_starts[index] : self._entry_starts[index + 1]]
        if len(words) != len(counts) + 1:
            raise ValueError("damaged prefix dictionary")
        return zip(words, counts)

    def as_dict(self) -> dict[str, int]:
        frequencies: dict[str, int] = {}
        for char in self._group_of:
            frequencies.update(self.group(char))
        return frequencies


def _array_at(data: bytes, offset: int, size: int) -> tuple[array.array, int]:
    values = array.array("q")
    end = offset + 8 * size
    if end > len(data):
        raise ValueError("truncated prefix dictionary")
    values.frombytes(data[offset:end])
    return values, end


class LazyFrequencies:
    """One tokenizer's FREQ dict, filled from the shared dictionary a first character at a time.

    Words added to the tokenizer (our gazetteer) are remembered as overrides: a group loaded
    later would otherwise put back the dictionary's count of such a word. Prefixes that
    add_word set to 0 take the dictionary's count when their group arrives, as they would
    have had the dictionary been loaded first.
    """

    def __init__(self, dictionary: PrefixDictionary):
        self.dictionary = dictionary
        self.frequencies: dict[str, int] = {}
        self._loaded: set[str] = set()
        self._overrides: dict[str, dict[str, int]] = {}

    def remember_added(self, word: str, count: int) -> None:
        self._overrides.setdefault(word[0], {})[word] = count

    def ensure(self, text: str) -> None:
        """Load the groups of every character of text not loaded yet."""
        new = set(text).difference(self._loaded)
        for char in sorted(new):
            self.frequencies.update(self.dictionary.group(char))
            self.frequencies.update(self._overrides.get(char, ()))
            self._loaded.add(char)
