"""The event extractor measured on its own: gold entities, dates and figures in, gold events out.

Entity quality is another issue's business; here the extractor receives the gold
annotation's entity/date/figure claims (with ids) and is scored on the gold events
(trigger overlap with equal subject; certainty and attribution agreement on hits).
Run as a script to print the misses: python tests/test_events_gold.py
"""

from __future__ import annotations

import sys
from pathlib import Path

import yaml

from metaledger.ledger.claim_ids import assign_ids
from metaledger.tokenize.document import Document
from metaledger.evaluate.event_roles import EventRoles
from metaledger.evaluate.gold import score_section
from metaledger.evaluate.matching import NameMatcher
from metaledger.extract.events.extractor import extract_events
from metaledger.ledger.models import DateClaim, EntityClaim, FigureClaim
from metaledger.text.segment import split_sentences

sys.path.insert(0, str(Path(__file__).resolve().parent))
from conftest import ARTICLE, GOLD, REFERENCE_DATE  # noqa: E402

F1_FLOOR = 0.75
AGREEMENT_FLOOR = 0.85


def gold_document(text: str) -> Document:
    return Document("meta-avocado", text, split_sentences(text), REFERENCE_DATE)


def gold_claims(gold: dict, doc: Document) -> list:
    """EntityClaims, DateClaims and FigureClaims built from the gold sections, ids assigned."""
    def base(record: dict, rule: str) -> dict:
        sentence = doc.sentence_index(record["start"])
        assert sentence is not None, record
        return dict(article=doc.article_id, sentence=sentence, start=record["start"], end=record["end"], text=record["text"], rule=rule)

    claims = [EntityClaim(**base(r, "gold.entity"), type=r["type"], canonical=r["canonical"]) for r in gold["entities"]]
    for record in gold["dates"]:
        timex = f"{record['start_date']}/{record['end_date']}"
        claims.append(DateClaim(**base(record, "gold.date"), timex=timex, start_date=record["start_date"],
                                end_date=record["end_date"], granularity=record["granularity"], relative=record["relative"]))
    for record in gold["figures"]:
        claims.append(FigureClaim(**base(record, "gold.figure"), value=record["value"], unit=record["unit"],
                                  measure=record["kind"], approx=record["approx"]))
    return assign_ids(claims)


def score_with_gold_inputs(gold: dict):
    doc = gold_document(ARTICLE.read_text(encoding="utf-8"))
    claims = gold_claims(gold, doc)
    events = assign_ids(extract_events(doc, claims))
    names = NameMatcher()
    roles = EventRoles(names, gold["entities"], claims)  # the gold's roles are entity names or null
    return score_section("events", gold["events"], events, names, roles=roles), events


def _ratio(score, name: str) -> float:
    agree, compared = score.agreement[name]
    return agree / compared if compared else 0.0


def test_events_from_gold_inputs_meet_the_bar(gold):
    score, _ = score_with_gold_inputs(gold)
    certainty, attribution = _ratio(score, "certainty"), _ratio(score, "attribution")
    print(
        f"\nevents (gold entity/date/figure input): P={score.precision:.3f} R={score.recall:.3f} F1={score.f1:.3f} "
        f"hits={score.hits}/{score.gold} predicted={score.predicted} unscored={score.unscored} "
        f"certainty={certainty:.3f} attribution={attribution:.3f} polarity={_ratio(score, 'polarity'):.3f} "
        f"object={_ratio(score, 'object'):.3f}"
    )
    assert score.f1 >= F1_FLOOR
    assert certainty >= AGREEMENT_FLOOR
    assert attribution >= AGREEMENT_FLOOR


def test_event_links_point_at_claims_of_the_same_sentence(gold):
    doc = gold_document(ARTICLE.read_text(encoding="utf-8"))
    claims = gold_claims(gold, doc)
    by_id = {c.id: c for c in claims}
    events = extract_events(doc, claims)
    linked = [e for e in events if e.date_ids or e.figure_ids]
    assert linked
    for event in linked:
        for claim_id in (*event.date_ids, *event.figure_ids):
            assert by_id[claim_id].sentence == event.sentence


if __name__ == "__main__":
    data = yaml.safe_load(GOLD.read_text(encoding="utf-8"))
    result, predicted = score_with_gold_inputs(data)
    print(f"P={result.precision:.3f} R={result.recall:.3f} F1={result.f1:.3f} hits={result.hits}/{result.gold} "
          f"predicted={result.predicted} unscored={result.unscored}")
    print({k: f"{a}/{n}" for k, (a, n) in result.agreement.items()})
    for miss in result.misses:
        print("MISS", miss)
    for alarm in result.false_alarms:
        print("FALSE", alarm)
    if "-v" in sys.argv:
        for event in predicted:
            print(event.sentence, event.text, event.type, event.subject, event.object, event.certainty, event.polarity, event.attribution)
