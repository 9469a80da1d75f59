"""Typed records: sentences, articles, the four claim kinds and the ledger.

Field order here is the key order in the YAML ledger, so it is part of the
format: append new fields, never reorder.
"""

from __future__ import annotations

import math
from typing import Annotated, Literal, Union

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

SCHEMA = "metaledger/1"

ISO_DATE = r"^\d{4}-\d{2}-\d{2}$"
# A time of day on a date claim's day: 10:20, 14:27:57, 14:27:57.9 (local to the text; see the claim's note).
CLOCK_TIME = r"^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,3})?)?$"
# A reference date may be known only to the year or month (found in the text).
PARTIAL_ISO_DATE = r"^\d{4}(-\d{2}(-\d{2})?)?$"

EntityType = Literal["PERSON", "ORG", "PRODUCT", "PLACE", "OTHER"]
Granularity = Literal[
    "day", "week", "weekend", "month", "quarter", "half", "year", "decade", "century", "range", "fuzzy",
    "hour", "minute", "second",
]
Measure = Literal["count", "money", "percent", "duration", "ordinal", "number", "measure", "multiple"]
Approx = Literal["exact", "about", "at_least", "at_most", "range"]
Certainty = Literal["asserted", "reported", "hedged"]
Polarity = Literal["positive", "negative"]
ReferenceDateSource = Literal["option", "front_matter", "sidecar", "text"]


class Record(BaseModel):
    """Strict base: unknown fields are an error, so a foreign file is caught."""

    model_config = ConfigDict(extra="forbid", allow_inf_nan=False)


class Sentence(Record):
    index: int = Field(ge=0)
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    line: int = Field(ge=1, description="1-based line of the sentence start in the article")
    text: str

    @model_validator(mode="after")
    def _span_matches_text(self) -> Sentence:
        if self.end - self.start != len(self.text):
            raise ValueError(f"sentence {self.index}: end - start != len(text)")
        return self


class Article(Record):
    id: str = Field(min_length=1)
    path: str | None = None
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$")
    title: str | None = None
    source: str | None = None
    url: str | None = None
    encoding: str = "utf-8"
    length: int = Field(ge=0, description="characters in the decoded text")
    reference_date: str | None = Field(default=None, pattern=PARTIAL_ISO_DATE)
    reference_date_source: ReferenceDateSource | None = None
    reference_date_evidence: str | None = None
    sentences: list[Sentence] = []
    # A date the text suggests but does not state (a year it merely names), and why it was
    # not used as the reference: relative dates then stay symbolic.
    reference_date_candidate: str | None = Field(default=None, pattern=PARTIAL_ISO_DATE)
    reference_date_note: str | None = None

    @model_validator(mode="after")
    def _sentences_ordered(self) -> Article:
        previous_end = 0
        for position, sentence in enumerate(self.sentences):
            if sentence.index != position:
                raise ValueError(f"sentence {sentence.index} is at position {position}")
            if sentence.start < previous_end or sentence.end > self.length:
                raise ValueError(f"sentence {sentence.index} overlaps or runs past the text")
            previous_end = sentence.end
        return self


class ClaimBase(Record):
    id: str = ""  # assigned by claims.assign_ids once all claims of an article are known
    kind: str
    article: str
    sentence: int = Field(ge=0)
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    text: str
    rule: str = Field(min_length=1)

    @model_validator(mode="after")
    def _span_matches_text(self) -> ClaimBase:
        if self.end - self.start != len(self.text):
            raise ValueError(f"claim {self.id}: end - start != len(text)")
        return self


class EntityClaim(ClaimBase):
    kind: Literal["entity"] = "entity"
    type: EntityType
    canonical: str = Field(min_length=1)


class DateClaim(ClaimBase):
    kind: Literal["date"] = "date"
    timex: str = Field(min_length=1)
    start_date: str | None = Field(default=None, pattern=ISO_DATE)
    end_date: str | None = Field(default=None, pattern=ISO_DATE)
    granularity: Granularity
    relative: bool = False
    note: str | None = Field(default=None, description="why the date is unresolved, when it is")
    start_time: str | None = Field(default=None, pattern=CLOCK_TIME, description="time of day on start_date")
    end_time: str | None = Field(default=None, pattern=CLOCK_TIME, description="time of day on end_date")
    # the zone a time is given in: UTC+08:00 (北京时间), local (当地时间: the place's own); null: the report's own
    time_zone: str | None = Field(default=None, pattern=r"^(local|UTC([+-]\d{2}:\d{2})?)$")
    time_approx: Approx | None = Field(default=None, description="how exactly the time is given: 许/左右 → about, 8点多 → at_least")

    @model_validator(mode="after")
    def _interval_ordered(self) -> DateClaim:
        if (self.start_date is None) != (self.end_date is None):
            raise ValueError(f"claim {self.id}: start_date and end_date must both be set or both null")
        if self.start_date and self.end_date and self.start_date > self.end_date:
            raise ValueError(f"claim {self.id}: start_date after end_date")
        return self


Number = Annotated[Union[int, float], Field(union_mode="smart")]


def canonical_number(value: int | float | None) -> int | float | None:
    """Integral floats become ints so 600 and 600.0 write and compare the same."""
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
        return int(value)
    return value


class FigureClaim(ClaimBase):
    kind: Literal["figure"] = "figure"
    value: Number
    value_high: Number | None = None
    unit: str | None = None
    measure: Measure
    approx: Approx = "exact"
    direction: Literal["up", "down"] | None = None
    basis: Literal["yoy", "qoq"] | None = None
    subject: str | None = None
    attribute: str | None = None

    @field_validator("value", "value_high")
    @classmethod
    def _finite_canonical(cls, value: int | float | None) -> int | float | None:
        if isinstance(value, float) and not math.isfinite(value):
            raise ValueError("value must be finite")
        return canonical_number(value)


class EventClaim(ClaimBase):
    kind: Literal["event"] = "event"
    type: str = Field(min_length=1)
    trigger: str
    subject: str | None = None
    object: str | None = None
    certainty: Certainty = "asserted"
    polarity: Polarity = "positive"
    attribution: str | None = None
    date_ids: list[str] = []
    figure_ids: list[str] = []
    place_ids: list[str] = []  # the PLACE entity claims of the event's clause (where it happened)


Claim = Annotated[Union[EntityClaim, DateClaim, FigureClaim, EventClaim], Field(discriminator="kind")]
CLAIM_KINDS = ("entity", "date", "figure", "event")


class Ledger(Record):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    schema_version: Literal["metaledger/1"] = Field(default=SCHEMA, alias="schema")
    articles: list[Article] = []
    claims: list[Claim] = []

    @model_validator(mode="after")
    def _consistent(self) -> Ledger:
        """Ids unique; every claim points at an article and sentence and quotes it exactly."""
        articles: dict[str, Article] = {}
        for article in self.articles:
            if article.id in articles:
                raise ValueError(f"duplicate article id {article.id!r}")
            articles[article.id] = article
        ids: set[str] = set()
        for claim in self.claims:
            if not claim.id:
                raise ValueError(f"claim at {claim.article}:{claim.start} has no id")
            if claim.id in ids:
                raise ValueError(f"duplicate claim id {claim.id!r}")
            ids.add(claim.id)
            article = articles.get(claim.article)
            if article is None:
                raise ValueError(f"claim {claim.id}: unknown article {claim.article!r}")
            if claim.sentence >= len(article.sentences):
                raise ValueError(f"claim {claim.id}: article {article.id} has no sentence {claim.sentence}")
            sentence = article.sentences[claim.sentence]
            if not (sentence.start <= claim.start <= claim.end <= sentence.end):
                raise ValueError(f"claim {claim.id}: span {claim.start}-{claim.end} is outside sentence {sentence.index}")
            if sentence.text[claim.start - sentence.start : claim.end - sentence.start] != claim.text:
                raise ValueError(f"claim {claim.id}: text does not match the article at {claim.start}-{claim.end}")
        for claim in self.claims:
            if claim.kind == "event":
                for linked in (*claim.date_ids, *claim.figure_ids, *claim.place_ids):
                    if linked not in ids:
                        raise ValueError(f"claim {claim.id}: links to unknown claim {linked!r}")
        return self

    def article(self, article_id: str) -> Article | None:
        return next((a for a in self.articles if a.id == article_id), None)

    def claims_of(self, article_id: str) -> list[Claim]:
        return [c for c in self.claims if c.article == article_id]
