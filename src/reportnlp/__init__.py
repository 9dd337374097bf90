"""reportnlp: Taiwanese government trip reports (公務出國報告) as structured, typed data.

>>> import reportnlp
>>> report = reportnlp.parse_file("corpora/local/taichung_citynet_2017.txt")
>>> report.period.start.isoformat()
'2017-11-04'

Heavy dependencies (spaCy, jieba) load on first use, not at import.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from reportnlp import errors
from reportnlp.dates import find_dates
from reportnlp.model import Report

if TYPE_CHECKING:
    from pathlib import Path

    from spacy.language import Language

__version__ = "0.1.0"

__all__ = [
    "Report",
    "__version__",
    "batch",
    "errors",
    "find_dates",
    "load_nlp",
    "parse_file",
    "parse_text",
]


def parse_text(text: str) -> Report:
    """Parse a report given as a string into a :class:`Report`.

    Never raises for odd text: an empty or unstructured text gives a Report
    whose ``warnings`` say what was missing.
    """
    from reportnlp.pipeline import parse_text as _parse_text

    return _parse_text(text)


def parse_file(path: str | Path) -> Report:
    """Parse a report file (.txt in UTF-8/UTF-16/Big5, .pdf, images) into a :class:`Report`.

    Raises:
        reportnlp.errors.ReportNLPError: the file cannot be read or is not a
            report; the message names the file and the reason.
    """
    from reportnlp.pipeline import parse_file as _parse_file

    return _parse_file(path)


def load_nlp() -> Language:
    """reportnlp's spaCy pipeline (built once per process)."""
    from reportnlp.ner.pipeline import load_nlp as _load_nlp

    return _load_nlp()


def __getattr__(name: str) -> object:
    """``reportnlp.batch`` on first use: it pulls in process pools and sinks a parse needs not."""
    if name == "batch":
        import importlib

        return importlib.import_module("reportnlp.batch")
    raise AttributeError(f"module 'reportnlp' has no attribute {name!r}")
