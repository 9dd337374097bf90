"""The three things an input can turn into before parsing: a file to parse, a skip, a failure."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from reportnlp.batch.workers import Outcome
from reportnlp.io.read import IMAGE_SUFFIXES, TEXT_SUFFIXES

# what reportnlp.io.read parses; a file without a suffix (read as text there) is skipped here
REPORT_SUFFIXES = frozenset(TEXT_SUFFIXES | IMAGE_SUFFIXES | {".pdf", ".docx"})
CHUNK = 1 << 20


@dataclass(frozen=True)
class InputFile:
    """A report file ready to parse: ``path`` holds its bytes, ``sha256`` their hash.

    ``temporary`` files (archive members) are deleted once parsed.
    """

    display: str
    path: Path
    sha256: str
    suffix: str
    temporary: bool = False


@dataclass(frozen=True)
class Skipped:
    """An input that is not a report file (counted, never an error)."""

    display: str
    reason: str


Entry = InputFile | Skipped | Outcome


def skip_reason(name: str) -> str | None:
    """Why a file of this name is skipped, or None when it is a report file."""
    suffix = Path(name).suffix.lower()
    if suffix in REPORT_SUFFIXES:
        return None
    return f"unsupported type {suffix}" if suffix else "no file suffix"


def sha256_of(handle: BinaryIO) -> str:
    """Hash a stream in chunks (memory stays flat whatever its size)."""
    digest = hashlib.sha256()
    while chunk := handle.read(CHUNK):
        digest.update(chunk)
    return digest.hexdigest()
