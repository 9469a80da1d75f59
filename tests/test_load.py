"""Bytes to text: encodings, refusals and metadata."""

from __future__ import annotations

import pytest

from metaledger.errors import InputError
from metaledger.text.load import decode_bytes, read_article, source_from_text

SAMPLE = "据彭博社报道,Meta 计划削减 600 人。扎克伯格表示,这是必要的。"
TRADITIONAL = "據彭博社報導,Meta 計劃削減 600 人。祖克柏表示,這是必要的調整。"


@pytest.mark.parametrize(
    "data, encoding",
    [
        (SAMPLE.encode("utf-8"), "utf-8"),
        (b"\xef\xbb\xbf" + SAMPLE.encode("utf-8"), "utf-8-sig"),
        (SAMPLE.encode("gb18030"), "gb18030"),
        (SAMPLE.encode("gbk"), "gb18030"),
        (TRADITIONAL.encode("big5"), "big5"),
        (SAMPLE.encode("utf-16"), "utf-16"),
    ],
    ids=["utf8", "utf8-bom", "gb18030", "gbk", "big5", "utf16-bom"],
)
def test_decodes_supported_encodings(data, encoding):
    text, found = decode_bytes(data, "a.txt")
    assert found == encoding
    assert text in (SAMPLE, TRADITIONAL)


@pytest.mark.parametrize(
    "data, message",
    [
        (b"", "file is empty"),
        (b" \n\t\r\n ", "only whitespace"),
        (b"abc\x00def", "binary file"),
        (bytes(range(0x80, 0x100)) * 4, "cannot decode"),
        (b"\xff\xfe\x00", "not UTF-16 text"),
    ],
    ids=["empty", "whitespace", "nul", "undecodable", "broken-utf16"],
)
def test_refuses_bad_bytes_naming_the_file(data, message):
    with pytest.raises(InputError, match=message) as caught:
        decode_bytes(data, "bad.txt")
    assert "bad.txt" in str(caught.value)


def test_front_matter_gives_metadata_and_body_offset():
    text = "---\ntitle: 标题\ndate: 2025-12-11\nurl: https://example.com/a\n---\n正文第一句。\n"
    source = source_from_text(text)
    assert source.metadata == {"title": "标题", "date": "2025-12-11", "url": "https://example.com/a"}
    assert source.date_source == "front_matter"
    assert text[source.body_start :].startswith("正文")


@pytest.mark.parametrize("front", ["---\ndate: 2025-13-40\n---\n正文。", "---\n[unclosed\n---\n正文。", "---\n- a list\n---\n正文。"])
def test_bad_front_matter_is_an_input_error(front):
    with pytest.raises(InputError, match="front matter"):
        source_from_text(front)


def test_front_matter_without_body_is_refused():
    with pytest.raises(InputError, match="no article text"):
        source_from_text("---\ntitle: x\n---\n   \n")


def test_sidecar_metadata_and_front_matter_precedence(tmp_path):
    article = tmp_path / "story.txt"
    article.write_text("---\ntitle: 前言标题\n---\n正文。", encoding="utf-8")
    (tmp_path / "story.meta.yaml").write_text("title: 旁注标题\ndate: '2024-01-02'\nsource: 新华社\n", encoding="utf-8")
    source = read_article(article)
    assert source.metadata == {"title": "前言标题", "date": "2024-01-02", "source": "新华社"}
    assert source.date_source == "sidecar"


@pytest.mark.parametrize(
    "make, message",
    [
        (lambda p: p, "no such file"),
        (lambda p: (p.mkdir(), p)[1], "is a directory"),
    ],
    ids=["missing", "directory"],
)
def test_missing_and_directory_paths(tmp_path, make, message):
    with pytest.raises(InputError, match=message):
        read_article(make(tmp_path / "x.txt"))


def test_html_is_refused_with_advice():
    with pytest.raises(InputError, match="looks like HTML"):
        source_from_text("<!DOCTYPE html><html><body><p>新闻</p></body></html>")


def test_offsets_index_the_decoded_text_with_crlf_kept():
    source = source_from_text("第一句。\r\n第二句。")
    assert source.text == "第一句。\r\n第二句。"
