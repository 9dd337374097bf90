"""Decode text files in the encodings Taiwanese archives hold: UTF-8, UTF-16, Big5/CP950, GB18030."""

from __future__ import annotations

import codecs
import re
from functools import lru_cache

from reportnlp.errors import InputError
from reportnlp.resources import models_dir

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


@lru_cache(maxsize=1)
def _common_chars() -> frozenset[str]:
    path = models_dir() / "text" / "common_chars.txt"
    return frozenset("".join(line for line in path.read_text(encoding="utf-8").splitlines()
                             if not line.startswith("#")))


def ordinariness(text: str) -> float:
    """The share of a text's CJK characters that are common ones: near 0.9 for a right
    decoding, far lower for Big5 bytes read as GB18030 or the reverse."""
    cjk = [c for c in text[:20000] if "\u4e00" <= c <= "\u9fff"]
    if not cjk:
        return 0.0
    common = _common_chars()
    return sum(c in common for c in cjk) / len(cjk)


def decode_text(data: bytes, path: str) -> tuple[str, str]:
    """Return ``(text, encoding)`` for a text file's bytes.

    Tries a BOM, then UTF-16 by its zero bytes, then strict UTF-8; then the two legacy
    families Taiwanese archives hold, CP950 (Microsoft's Big5, what government Word exports
    use) and GB18030 (mainland reports and 赴大陸 attachments). Many byte strings decode in
    both, so the decoding whose characters are the ordinary ones wins.

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
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    decoded = []
    for encoding in ("cp950", "big5hkscs", "gb18030"):
        try:
            decoded.append((data.decode(encoding), encoding))
        except UnicodeDecodeError:
            continue
    if not decoded:
        raise InputError("E105", path)
    return max(decoded, key=lambda pair: ordinariness(pair[0]))


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


def without_control_characters(text: str, path: str) -> tuple[str, list[str]]:
    """The text without NUL and other control characters (tab, line and page breaks stay),
    with a warning saying how many were removed."""
    count = len(_CONTROL.findall(text))
    if not count:
        return text, []
    return _CONTROL.sub("", text), [f"{path}: {count} control character(s) (NUL and the like) removed"]
