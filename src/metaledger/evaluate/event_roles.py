"""When a predicted event's arguments agree with a gold event's: the two event match modes.

- ``strict`` (the bundled gold): the subjects are the same entity. The bundled gold's
  conventions write a role as a canonical entity name or null, so a predicted argument that
  names no entity of the article (a phrase as written: 首席 AI 科学家) is compared as null.
- ``consistent`` (the dev gold, whose roles are entity names or phrases as written): some
  predicted subject or object agrees with some gold subject or object; two names agree
  through the alias map, and a phrase agrees when one text contains the other. A name is
  also compared in its written forms: the gold's entity texts of that canonical, the
  ledger's entity claims of that canonical in the event's sentence. A gold event with
  neither subject nor object needs only its trigger.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from ..ledger.models import Claim, EntityClaim, EventClaim
from .matching import NameMatcher

EVENT_MATCHES = ("strict", "consistent")


class EventRoles:
    """Argument comparison for one article: its gold entities and its predicted entity claims."""

    def __init__(self, names: NameMatcher, gold_entities: Iterable[dict] = (), claims: Iterable[Claim] = ()):
        self.names = names
        self.gold_forms: dict[str, set[str]] = defaultdict(set)
        for record in gold_entities:
            if record.get("canonical") and record.get("text"):
                self.gold_forms[record["canonical"]].add(record["text"])
        self.predicted_forms: dict[tuple[int, str], set[str]] = defaultdict(set)
        self.entity_names: set[str] | None = None
        for claim in claims:
            if isinstance(claim, EntityClaim):
                self.entity_names = self.entity_names or set()
                self.entity_names.add(claim.canonical)
                self.predicted_forms[(claim.sentence, claim.canonical)].add(claim.text)

    def entity_or_null(self, value: str | None) -> str | None:
        """A predicted argument as the bundled gold writes roles: an entity name, else null.
        Without entity claims to tell names from phrases, the value is kept."""
        if value is None or self.entity_names is None:
            return value
        return value if value in self.entity_names else None

    def same_subject(self, gold: dict, event: EventClaim) -> bool:
        return self.names.same(gold.get("subject"), self.entity_or_null(event.subject))

    def same_object(self, gold: dict, event: EventClaim) -> bool:
        return self.names.same(gold.get("object"), self.entity_or_null(event.object))

    def consistent(self, gold: dict, event: EventClaim) -> bool:
        wanted = [v for v in (gold.get("subject"), gold.get("object")) if v]
        if not wanted:
            return True
        given = [v for v in (event.subject, event.object) if v]
        for value in given:
            forms = {value} | self.predicted_forms.get((event.sentence, value), set())
            for target in wanted:
                if self.names.same(target, value):
                    return True
                targets = {target} | self.gold_forms.get(target, set())
                if any(_contains(a, b) for a in forms for b in targets):
                    return True
        return False


def _contains(a: str, b: str) -> bool:
    a, b = _plain(a), _plain(b)
    return bool(a) and bool(b) and (a in b or b in a)


def _plain(text: str) -> str:
    return "".join(text.split()).casefold()
