"""Dispatch a file to its reader by type and wrap every failure in a typed error."""

from __future__ import annotations

import hashlib
from pathlib import Path

from reportnlp.errors import InputError, UnreadableFileError, UnsupportedFormatError
from reportnlp.io.docx_file import read_docx
from reportnlp.io.ocr import ocr_image
from reportnlp.io.pdf import read_pdf
from reportnlp.io.raw import RawDocument, RawPage
from reportnlp.io.text_file import decode_text, without_control_characters

TEXT_SUFFIXES = {".txt", ".text", ".md"}
IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".tif", ".tiff", ".bmp"}
MEDIA_TYPES = {
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".pdf": "application/pdf",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".tif": "image/tiff",
    ".tiff": "image/tiff",
    ".bmp": "image/bmp",
}


def read_document(path: str | Path) -> RawDocument:
    """Read a report file into a :class:`RawDocument`.

    Raises:
        UnreadableFileError: missing, unreadable, corrupt or encrypted files.
        InputError: empty files or text in an unknown encoding.
        UnsupportedFormatError: file types reportnlp does not read.
    """
    p = Path(path)
    name = str(path)
    try:
        data = p.read_bytes()
    except FileNotFoundError as exc:
        raise UnreadableFileError("E102", name) from exc
    except OSError as exc:
        raise UnreadableFileError("E103", name, reason=exc.strerror or str(exc)) from exc
    if not data:
        raise InputError("E101", name)
    sha = hashlib.sha256(data).hexdigest()
    suffix = p.suffix.lower()
    if suffix in TEXT_SUFFIXES or suffix == "":
        text, encoding = decode_text(data, name)
        text, warnings = without_control_characters(text, name)
        return RawDocument(
            pages=(RawPage(1, text),), path=name, sha256=sha,
            media_type="text/plain", encoding=encoding, warnings=tuple(warnings),
        )
    if suffix == ".pdf":
        if not data.startswith(b"%PDF"):
            raise UnreadableFileError("E108", name, reason="the file does not start with %PDF")
        pages, warnings = read_pdf(data, name)
        return RawDocument(
            pages=tuple(pages), path=name, sha256=sha, media_type=MEDIA_TYPES[suffix],
            paged=True, warnings=tuple(warnings),
        )
    if suffix == ".docx":
        return RawDocument(
            pages=(RawPage(1, read_docx(data, name)),), path=name, sha256=sha,
            media_type=MEDIA_TYPES[suffix],
        )
    if suffix in IMAGE_SUFFIXES:
        text, confidence = ocr_image(p, name)
        return RawDocument(
            pages=(RawPage(1, text, ocr=True, ocr_confidence=confidence),), path=name, sha256=sha,
            media_type=MEDIA_TYPES[suffix], paged=True,
        )
    raise UnsupportedFormatError("E104", name, suffix=suffix)
