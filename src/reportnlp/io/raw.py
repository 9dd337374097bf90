"""The value the ingest stage hands on: pages of raw text and where they came from."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class RawPage:
    """One page of text as read; ``number`` is 1-based, ``ocr`` says an OCR engine made it,
    with the engine's mean confidence in its words (0–1)."""

    number: int
    text: str
    ocr: bool = False
    ocr_confidence: float | None = None


@dataclass(frozen=True)
class RawDocument:
    """A document as read from a file (or given as a string), before normalisation."""

    pages: tuple[RawPage, ...]
    path: str | None = None
    sha256: str | None = None
    media_type: str | None = None
    encoding: str | None = None
    paged: bool = False
    warnings: tuple[str, ...] = field(default=())

    @classmethod
    def from_text(cls, text: str, path: str | None = None) -> RawDocument:
        """A single unpaged document, for text given directly."""
        return cls(pages=(RawPage(1, text),), path=path, media_type="text/plain")
