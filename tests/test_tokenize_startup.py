"""Start-up shortcuts in tokenize.py leave jieba exactly as jieba would be, and caches self-heal."""

from __future__ import annotations

import subprocess
import sys

import pytest

from metaledger.tokenize import tokenizer as tokenize
from metaledger.tokenize.prefix_dictionary import PrefixDictionary, encode_prefix_dictionary


def test_prefix_dictionary_round_trips_and_rejects_damage():
    frequencies = {"中": 3, "中国": 10, "中国人": 0, "人": 7, "𠀋": 1}
    data = encode_prefix_dictionary(frequencies, 21)
    dictionary = PrefixDictionary(data)
    assert dictionary.as_dict() == frequencies and dictionary.total == 21
    assert dict(dictionary.group("中")) == {"中": 3, "中国": 10, "中国人": 0} and dict(dictionary.group("国")) == {}
    for damaged in (data[:-3], b"junk" + data, data[: len(data) // 2], data[:30]):
        with pytest.raises(ValueError):
            PrefixDictionary(damaged)


def test_cached_dictionary_equals_jiebas_own(tmp_path):
    import jieba

    dictionary = tokenize._base_dictionary()
    reference = jieba.Tokenizer()
    reference.tmp_dir = str(tmp_path)
    reference.initialize()
    assert dictionary.total == reference.total
    assert dictionary.as_dict() == reference.FREQ


def test_a_lazily_filled_dictionary_ends_as_the_eager_one_with_our_words_on_top():
    import jieba

    tagger = tokenize.pos_tokenizer()
    eager = jieba.Tokenizer()
    eager.FREQ, eager.total, eager.initialized = tokenize._base_dictionary().as_dict(), tokenize._base_dictionary().total, True
    added = sorted(word for group in tagger.frequencies._overrides.values() for word in group)
    assert {"扎克伯格", "英伟达", "谷歌", "小扎"} <= set(added)
    for word in added:  # in pos_tokenizer's order
        eager.add_word(word, tokenize._LEXICON_FREQUENCY)
    text = "扎克伯格说，英伟达和谷歌的营收都在增长，小扎表示满意。"
    tagger.frequencies.ensure(text)
    for fragment in {text[i:j] for i in range(len(text)) for j in range(i + 1, min(len(text), i + 8) + 1)}:
        assert tagger.tokenizer.FREQ.get(fragment) == eager.FREQ.get(fragment), fragment
    assert tagger.tokenizer.FREQ["英伟达"] == tokenize._LEXICON_FREQUENCY  # not put back to jieba's count
    assert list(tagger.tokenizer.cut(text)) == list(eager.cut(text))


def test_jieba_global_state_is_untouched_and_pkg_resources_not_imported():
    probe = (
        "import sys\n"
        "from metaledger.tokenize.tokenizer import tag_sentence\n"
        "tag_sentence('扎克伯格在北京发布了新模型')\n"
        "import jieba, jieba.posseg\n"
        "assert 'pkg_resources' not in sys.modules, 'pkg_resources was imported'\n"
        "assert jieba.dt.dictionary == jieba.DEFAULT_DICT\n"
        "assert len(jieba.posseg.dt.word_tag_tab) > 300000\n"
        "assert [p.flag for p in jieba.posseg.lcut('北京')] == ['ns']\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def test_fast_tagging_covers_the_text_and_tags_unknown_names():
    from metaledger.tokenize.tokenizer import tag_sentence

    text = "四川省地震局局长张华表示,Llama 4 的营收增长 62%。"
    tokens = tag_sentence(text, 100)
    assert "".join(t.word for t in tokens) == text
    assert tokens[0].start == 100 and tokens[-1].end == 100 + len(text)
    tags = {t.word: t.pos for t in tokens}
    assert tags["张华"] == "nr"  # not in jieba's dictionary: tagged by the POS HMM
    assert tags["四川省"] == "ns" and tags["表示"] == "v"  # dictionary words keep their tags
    assert tags["Llama"] == "eng" and tags["4"] == "m"
