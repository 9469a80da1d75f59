"""The pipeline: decoded text → sentences → claims → a one-article Ledger.

Pure: no I/O here; the api module reads files and the ledger module writes them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from .extract.dates.reference import resolve_reference_date
from .ledger.claim_ids import assign_ids, sort_claims
from .ledger.models import Article, Claim, Ledger, Sentence
from .text.load import SourceText
from .text.segment import split_sentences
from .tokenize.document import Document, SentenceWindow

# An article longer than this is analysed in consecutive parts of whole sentences, so its
# tokens and working state never exceed one part (a 20 MB article stays in bounded memory).
# Context that crosses a part boundary (an alias defined 200,000 characters earlier, an
# attribution frame) is not carried over; articles below the size are one part.
PART_CHARS = 200_000


def analyze(doc: Document, seen: Counter | None = None) -> list[Claim]:
    """Run every extractor over a document and return its claims with ids, in ledger order."""
    from .extract.dates.extractor import extract_dates
    from .extract.entities.extractor import extract_entities
    from .extract.events.extractor import extract_events
    from .extract.figures import extract_figures

    seen = Counter() if seen is None else seen
    entities = extract_entities(doc)
    dates = extract_dates(doc)
    taken = [(c.start, c.end) for c in dates] + [(c.start, c.end) for c in entities if c.type == "PRODUCT"]
    figures = extract_figures(doc, exclude=taken, entities=entities)
    claims = assign_ids(entities + dates + figures, seen)
    events = assign_ids(extract_events(doc, claims), seen)
    return sort_claims(claims + events)


def sentence_parts(sentences: list[Sentence], limit: int | None = None) -> Iterator[range]:
    """Index ranges of consecutive whole sentences of at most ``limit`` (PART_CHARS) characters each."""
    limit = PART_CHARS if limit is None else limit
    first, size = 0, 0
    for position, sentence in enumerate(sentences):
        length = sentence.end - sentence.start
        if position > first and size + length > limit:
            yield range(first, position)
            first, size = position, 0
        size += length
    if first < len(sentences):
        yield range(first, len(sentences))


def analyze_source(
    source: SourceText,
    *,
    article_id: str,
    path: str | None = None,
    reference_date: str | None = None,
    lexicon=None,
) -> tuple[Article, Iterator[list[Claim]]]:
    """The article record, and its claims part by part in ledger order (lazily)."""
    sentences = split_sentences(source.text, source.body_start)
    reference = resolve_reference_date(source, reference_date, sentences)
    article = Article(
        id=article_id,
        path=path,
        sha256=source.sha256,
        title=source.metadata.get("title"),
        source=source.metadata.get("source"),
        url=source.metadata.get("url"),
        encoding=source.encoding,
        length=len(source.text),
        reference_date=reference.value,
        reference_date_source=reference.source,
        reference_date_evidence=reference.evidence,
        sentences=sentences,
        reference_date_candidate=reference.candidate,
        reference_date_note=reference.note,
    )

    def parts() -> Iterator[list[Claim]]:
        seen: Counter = Counter()
        for part in sentence_parts(sentences):
            window = SentenceWindow(sentences, part.start, part.stop)
            # A Document per part (extractors scan only Document.span): its tokens and working
            # state are freed when the part is done.
            yield analyze(Document(article_id, source.text, window, reference.value, lexicon), seen)

    return article, parts()


def build_ledger(source: SourceText, **options) -> Ledger:
    """A one-article Ledger (options as for analyze_source)."""
    article, parts = analyze_source(source, **options)
    return Ledger(articles=[article], claims=[claim for part in parts for claim in part])
