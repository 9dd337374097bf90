"""The output types of reportnlp (shared/CONTRACT.md).

Every type that leaves the package is defined here and nowhere else, so the JSON
contract other systems rely on has one source of truth. Fields may be added;
none of the contract's keys may be renamed or dropped without a major
``SCHEMA_VERSION`` bump.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION = "1.0"

SectionKind = Literal[
    "summary",
    "members",
    "purpose",
    "itinerary",
    "process",
    "impressions",
    "recommendations",
    "impressions_recommendations",
    "conclusion",
    "appendix",
    "toc",
    "other",
]

ReportType = Literal["提要", "報告"]

# The entity labels every report is annotated, learned and scored with (the contract's
# minimum; the pipeline may add LOC and others).
ENTITY_LABELS = ("PERSON", "ORG", "GPE")


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=False)


class Confidence(_Model):
    """How sure reportnlp is of one value, and the evidence it judged by (calibrated: of the
    values given 0.9, about nine in ten were right on reports nobody tuned it on)."""

    confidence: float = Field(ge=0.0, le=1.0)
    evidence: list[str] = Field(default_factory=list)


def _confidence() -> Any:
    return Field(default=None, ge=0.0, le=1.0,
                 description="Probability that this value is right (reportnlp.confidence).")


def _evidence() -> Any:
    return Field(default_factory=list, description="What the confidence was judged from.")


class Source(_Model):
    """Where a report came from and how it was read."""

    path: str | None = None
    sha256: str | None = None
    media_type: str | None = None
    pages: int | None = None
    ocr: bool = False
    ocr_pages: list[int] = Field(
        default_factory=list, description="1-based numbers of the pages OCR read."
    )
    ocr_engine: str | None = Field(default=None, description="The OCR engine that read them.")
    ocr_confidence: dict[int, float] = Field(
        default_factory=dict,
        description="Page number -> the OCR engine's mean confidence in its words (0-1).")
    encoding: str | None = Field(
        default=None, description="Text encoding detected for text files (utf-8, cp950, utf-16)."
    )


class Contact(_Model):
    """The report's contact person (聯絡人) and telephone."""

    name: str | None = None
    phone: str | None = Field(
        default=None, description="Digits and '-', extension after '#', e.g. 04-22289111#11414."
    )


class Traveler(_Model):
    """One person who travelled (出國人員)."""

    name: str | None = None
    agency: str | None = None
    unit: str | None = None
    title: str | None = None
    confidence: float | None = _confidence()
    evidence: list[str] = _evidence()


class Period(_Model):
    """The trip's period (出國期間); start == end for a one-day trip."""

    start: dt.date
    end: dt.date


class Span(_Model):
    """Where a value stands in the normalised text (provenance)."""

    start: int
    end: int
    page: int | None = None


class DateMention(_Model):
    """One date or date range written in the text."""

    text: str
    start: int
    end: int
    date: dt.date
    end_date: dt.date | None = None
    page: int | None = None


class Section(_Model):
    """A section of the report, with its sub-sections."""

    kind: SectionKind
    heading: str
    text: str
    start: int
    end: int
    page: int | None = None
    children: list[Section] = Field(default_factory=list)
    confidence: float | None = _confidence()
    evidence: list[str] = _evidence()


class ItineraryRow(_Model):
    """One row of the trip's itinerary (行程)."""

    date: dt.date
    end_date: dt.date | None = None
    location: str | None = None
    activity: str | None = None
    start: int | None = None
    end: int | None = None
    page: int | None = None
    confidence: float | None = _confidence()
    evidence: list[str] = _evidence()


class Entity(_Model):
    """A named-entity mention (PERSON, ORG, GPE, LOC ...)."""

    text: str
    label: str
    start: int
    end: int
    normalized: str
    page: int | None = None
    confidence: float | None = _confidence()
    evidence: list[str] = _evidence()


class Official(_Model):
    """A person written with a title, e.g. 首爾市長 Park Won-Soon."""

    name: str
    title: str | None = None
    organization: str | None = None
    start: int | None = None
    end: int | None = None
    page: int | None = None
    confidence: float | None = _confidence()
    evidence: list[str] = _evidence()


class Report(_Model):
    """A parsed trip report: header fields, sections, itinerary and entities.

    Every offset (``start``/``end``) points into ``text``; ``provenance`` maps
    each header field to where its value was read.
    """

    schema_version: str = SCHEMA_VERSION
    source: Source = Field(default_factory=Source)
    report_type: ReportType | None = None
    title: str | None = None
    category: str | None = None
    trip_types: list[str] = Field(default_factory=list)
    organizer: str | None = None
    contact: Contact | None = None
    travelers: list[Traveler] = Field(default_factory=list)
    period: Period | None = None
    destinations: list[str] = Field(default_factory=list)
    report_date: dt.date | None = None
    project_id: str | None = Field(default=None, description="計畫編號 of an academic report.")
    conference: str | None = Field(default=None, description="會議名稱 as written.")
    paper_title: str | None = Field(default=None, description="發表題目 as written.")
    sections: list[Section] = Field(default_factory=list)
    itinerary: list[ItineraryRow] = Field(default_factory=list)
    entities: list[Entity] = Field(default_factory=list)
    officials: list[Official] = Field(default_factory=list)
    dates: list[DateMention] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)
    text: str = ""
    provenance: dict[str, list[Span]] = Field(
        default_factory=dict,
        description="Header field name -> spans of the text its value was read from.",
    )
    field_confidence: dict[str, Confidence] = Field(
        default_factory=dict,
        description="Header field name -> how sure the value (or its absence) is right.",
    )
    needs_review: bool = Field(
        default=False, description="A header field or traveler is below the review threshold.")
    review_reasons: list[str] = Field(
        default_factory=list, description="Which values sent the report to review, and why.")
