"""Ingest: read a file's bytes into a :class:`RawDocument` (pages of text)."""

from reportnlp.io.raw import RawDocument, RawPage
from reportnlp.io.read import read_document

__all__ = ["RawDocument", "RawPage", "read_document"]
