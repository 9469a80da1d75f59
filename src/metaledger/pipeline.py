"""The pipeline: decoded text → sentences → claims → a one-article Ledger.

Pure: no I/O here; the api module reads files and the ledger module writes them.
"""

from __future__ import annotations

from .claims import assign_ids, sort_claims
from .document import Document
from .load import SourceText
from .models import Article, Claim, Ledger
from .reference import resolve_reference_date
from .segment import split_sentences


def analyze(doc: Document) -> list[Claim]:
    """Run every extractor over a document and return its claims with ids, in ledger order."""
    from .extract.dates import extract_dates
    from .extract.entities import extract_entities
    from .extract.events import extract_events
    from .extract.figures import extract_figures

    entities = extract_entities(doc)
    dates = extract_dates(doc)
    taken = [(c.start, c.end) for c in dates] + [(c.start, c.end) for c in entities if c.type == "PRODUCT"]
    figures = extract_figures(doc, exclude=taken, entities=entities)
    claims = assign_ids(entities + dates + figures)
    events = assign_ids(extract_events(doc, claims))
    return sort_claims(claims + events)


def build_ledger(
    source: SourceText,
    *,
    article_id: str,
    path: str | None = None,
    reference_date: str | None = None,
    lexicon=None,
) -> Ledger:
    sentences = split_sentences(source.text, source.body_start)
    reference = resolve_reference_date(source, reference_date, sentences)
    doc = Document(article_id, source.text, sentences, reference.value, lexicon)
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
    )
    return Ledger(articles=[article], claims=analyze(doc))
