"""Entity extraction speed, with and without jieba tagging, in characters per second.

    .venv/bin/python benchmarks/entities_speed.py [--kb 300] [--repeat 3]

The corpus is made from the bundled article: its paragraphs reshuffled (fixed seed) into
articles of about the bundled one's size, half of them in traditional characters, until the
corpus holds --kb kilobytes of UTF-8. Three timings over the same articles:

- tagging: jieba part-of-speech tagging of every sentence (what Document.tokens costs);
- entities, tagging included: extract_entities on fresh documents;
- entities, tagging excluded: extract_entities on documents whose tokens are already cached.

Start-up (building the tokenizer and the gazetteer regex) is timed apart. The best of
--repeat runs is reported. One long document is also timed, to show cost grows linearly.
"""

from __future__ import annotations

import argparse
import random
import time
from pathlib import Path

from metaledger.tokenize.document import Document
from metaledger.extract.entities.extractor import extract_entities
from metaledger.resources.gazetteer import packaged_gazetteer
from metaledger.text.script import traditional_table
from metaledger.text.segment import split_sentences

ARTICLE = Path(__file__).resolve().parent.parent / "data" / "articles" / "meta-avocado.txt"


def corpus(kilobytes: int) -> list[str]:
    paragraphs = [p for p in ARTICLE.read_text(encoding="utf-8").split("\n") if p.strip()]
    back = {}
    for traditional, simplified in sorted(traditional_table().items()):
        back.setdefault(ord(simplified), chr(traditional))
    rng = random.Random(5)
    articles, size = [], 0
    while size < kilobytes * 1024:
        rng.shuffle(paragraphs)
        text = "\n".join(paragraphs) + "\n"
        if len(articles) % 2:
            text = text.translate(back)
        articles.append(text)
        size += len(text.encode("utf-8"))
    return articles


def documents(texts: list[str]) -> list[Document]:
    return [Document(f"a{i}", text, split_sentences(text)) for i, text in enumerate(texts)]


def best_of(repeat: int, run) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        run()
        times.append(time.perf_counter() - started)
    return min(times)


def tag_all(docs: list[Document]) -> None:
    for doc in docs:
        for index in range(len(doc.sentences)):
            doc.tokens(index)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kb", type=int, default=300)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    started = time.perf_counter()
    extract_entities(documents(["启动。"])[0])
    print(f"start-up (tokenizer + {len(packaged_gazetteer().entries)}-entry gazetteer regex): {time.perf_counter() - started:.2f} s")

    texts = corpus(args.kb)
    chars = sum(len(text) for text in texts)
    print(f"corpus: {len(texts)} articles, {chars:,} characters, {sum(len(t.encode()) for t in texts) / 1024:.0f} KB")

    tagging = best_of(args.repeat, lambda: tag_all(documents(texts)))
    included = best_of(args.repeat, lambda: [extract_entities(doc) for doc in documents(texts)])
    tagged = documents(texts)
    tag_all(tagged)
    excluded = best_of(args.repeat, lambda: [extract_entities(doc) for doc in tagged])
    mentions = sum(len(extract_entities(doc)) for doc in tagged)
    print(f"jieba tagging alone:            {chars / tagging:>12,.0f} chars/s")
    print(f"entities, tagging included:     {chars / included:>12,.0f} chars/s")
    print(f"entities, tagging excluded:     {chars / excluded:>12,.0f} chars/s  ({mentions:,} mentions)")

    long_doc = documents(["".join(texts)])
    tag_all(long_doc)
    single = best_of(1, lambda: extract_entities(long_doc[0]))
    print(f"one {chars:,}-character document, tagging excluded: {chars / single:,.0f} chars/s")


if __name__ == "__main__":
    main()
