"""Decode text files in the encodings Taiwanese archives hold: UTF-8, UTF-16, Big5/CP950."""

from __future__ import annotations

import codecs

from reportnlp.errors import InputError

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def _looks_utf16(data: bytes) -> str | None:
    """UTF-16 without BOM: ASCII-range text leaves every other byte zero."""
    sample = data[:4000]
    if len(sample) < 4:
        return None
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    if odd > len(sample) // 8 and even == 0:
        return "utf-16-le"
    if even > len(sample) // 8 and odd == 0:
        return "utf-16-be"
    return None


def decode_text(data: bytes, path: str) -> tuple[str, str]:
    """Return ``(text, encoding)`` for a text file's bytes.

    Tries a BOM, then UTF-16 by its zero bytes, then strict UTF-8, then CP950
    (Microsoft's Big5, a superset of what government Word exports use).

    Raises:
        InputError: when no encoding decodes the bytes (E105).
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data.decode(encoding), encoding.replace("-sig", "")
    utf16 = _looks_utf16(data)
    if utf16:
        try:
            return data.decode(utf16), "utf-16"
        except UnicodeDecodeError:
            pass
    for encoding in ("utf-8", "cp950", "big5hkscs"):
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    raise InputError("E105", path)
