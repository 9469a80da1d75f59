"""Start-up shortcuts in tokenize.py leave jieba exactly as jieba would be, and caches self-heal."""

from __future__ import annotations

import subprocess
import sys

from metaledger import tokenize


def test_frequency_cache_round_trips_and_rejects_damage():
    frequencies = {"中": 3, "中国": 10, "中国人": 0}
    data = tokenize._encode_frequencies(frequencies, 13)
    assert tokenize._read_frequencies(data) == (frequencies, 13)
    for damaged in (data[:-3], b"junk" + data, data[: len(data) // 2]):
        try:
            tokenize._read_frequencies(damaged)
        except ValueError:
            continue
        raise AssertionError("a damaged cache was accepted")


def test_cached_dictionary_equals_jiebas_own(tmp_path, monkeypatch):
    import jieba

    frequencies, total = tokenize._base_dictionary()
    reference = jieba.Tokenizer()
    reference.tmp_dir = str(tmp_path)
    reference.initialize()
    assert total == reference.total
    assert frequencies == reference.FREQ


def test_jieba_global_state_is_untouched_and_pkg_resources_not_imported():
    probe = (
        "import sys\n"
        "from metaledger.tokenize import tag_sentence\n"
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
    from metaledger.tokenize import tag_sentence

    text = "四川省地震局局长张华表示,Llama 4 的营收增长 62%。"
    tokens = tag_sentence(text, 100)
    assert "".join(t.word for t in tokens) == text
    assert tokens[0].start == 100 and tokens[-1].end == 100 + len(text)
    tags = {t.word: t.pos for t in tokens}
    assert tags["张华"] == "nr"  # not in jieba's dictionary: tagged by the POS HMM
    assert tags["四川省"] == "ns" and tags["表示"] == "v"  # dictionary words keep their tags
    assert tags["Llama"] == "eng" and tags["4"] == "m"
