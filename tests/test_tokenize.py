"""The private jieba tokenizer: our lexicon in, nobody else's dictionary touched, offsets exact."""

from __future__ import annotations

import jieba
import pytest

from metaledger.support.cache import cache_dir
from metaledger.resources.gazetteer import Entry, Gazetteer
from metaledger.tokenize.tokenizer import pos_tokenizer, tag_sentence


def test_gazetteer_names_are_kept_whole_with_their_type():
    tokens = {t.word: t.pos for t in tag_sentence("据彭博社报道,来自谷歌的模型")}
    assert tokens["彭博社"] == "nt" and tokens["谷歌"] == "nt"


def test_the_global_jieba_dictionary_is_untouched():
    lexicon = Gazetteer([Entry("Zyxq", "ORG", ("兹伊克斯",))])
    assert any(t.word == "兹伊克斯" for t in tag_sentence("兹伊克斯发布了新品", 0, lexicon))
    jieba.setLogLevel(60)
    jieba.dt.check_initialized()
    assert "兹伊克斯" not in jieba.dt.FREQ and "扎克伯格" not in jieba.dt.FREQ  # our words stay in our Tokenizer
    assert "兹伊克斯" not in pos_tokenizer().tokenizer.FREQ  # nor leak into another gazetteer's
    assert pos_tokenizer(lexicon).tokenizer is not jieba.dt


def test_offsets_index_the_whole_text_and_words_are_as_written():
    text = "前文。輝達執行長黃仁勳表示"
    tokens = tag_sentence(text[3:], 3)
    assert tokens[0].start == 3 and tokens[-1].end == len(text)
    for left, right in zip(tokens, tokens[1:]):
        assert left.end == right.start
    assert all(text[t.start : t.end] == t.word for t in tokens)
    assert any(t.word == "黃仁勳" and t.pos == "nr" for t in tokens)  # tagged in simplified, kept traditional


def test_cache_dir_honours_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("METALEDGER_CACHE", str(tmp_path / "c"))
    assert cache_dir() == tmp_path / "c"
    monkeypatch.delenv("METALEDGER_CACHE")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "x"))
    assert cache_dir() == tmp_path / "x" / "metaledger"


def test_word_tag_cache_round_trip():
    from metaledger.tokenize.word_tags import WordTags, decode_tag_table, encode_tag_table

    table = {"北京": "ns", "扎克伯格": "nr", "模型": "n", "C++": "nz", "北": "f"}
    tags = WordTags(*decode_tag_table(encode_tag_table(table)))
    assert tags.as_dict() == table
    assert all(tags.get(word) == tag for word, tag in table.items())
    assert tags.get("北京大学") is None and tags.get("北京大学", "x") == "x" and "模" not in tags


def test_word_tags_set_on_one_tokenizer_stay_there():
    from metaledger.tokenize.word_tags import WordTags, decode_tag_table, encode_tag_table

    shared = decode_tag_table(encode_tag_table({"苹果": "n"}))
    mine, theirs = WordTags(*shared), WordTags(*shared)
    mine.update({"苹果": "nt", "小扎": "nr"})
    assert mine["苹果"] == "nt" and mine["小扎"] == "nr"
    assert theirs["苹果"] == "n" and "小扎" not in theirs


@pytest.mark.parametrize("damage", [b"", b"metaledger-tags-1\n", b"not a table at all"])
def test_a_damaged_tag_cache_is_refused(damage):
    from metaledger.tokenize.word_tags import decode_tag_table, encode_tag_table

    good = encode_tag_table({"北京": "ns", "模型": "n"})
    with pytest.raises(ValueError):
        decode_tag_table(damage)
    with pytest.raises(ValueError):
        decode_tag_table(good[:-1])
