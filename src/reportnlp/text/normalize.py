"""Turn a RawDocument's pages into one normalised string with provenance.

The normalised string is what the report's ``text`` holds and what every offset
points into. It keeps the source's script (a simplified report stays
simplified); ``analysis`` is the same string in traditional script, character
for character, so every later stage can match traditional names and keywords
with the same offsets.
"""

from __future__ import annotations

import bisect
import html
import re
from array import array
from dataclasses import dataclass
from functools import lru_cache

from reportnlp.io.raw import RawDocument

# Full-width ASCII letters and digits, and the ideographic space, folded to half width.
# CJK punctuation (，：（）「」) is kept: it is part of the text as written.
_WIDTH = {c: c - 0xFEE0 for c in range(0xFF10, 0xFF1A)}
_WIDTH |= {c: c - 0xFEE0 for c in range(0xFF21, 0xFF3B)}
_WIDTH |= {c: c - 0xFEE0 for c in range(0xFF41, 0xFF5B)}
_WIDTH |= {0x3000: 0x20, 0x00A0: 0x20, 0x200B: None, 0xFEFF: None}
_WIDTH_TABLE = {k: (chr(v) if v is not None else "") for k, v in _WIDTH.items()}

_CJK = r"[\u3400-\u9fff\uf900-\ufaff]"
_REWRITES = re.compile(
    r"(?P<checked><input\b[^>]*\bchecked\b[^>]*>)"
    r"|(?P<box><input\b[^>]*type=\"?checkbox\"?[^>]*>)"
    r"|(?P<block></?(?:p|br|div|tr|li|h\d)\b[^>]*>)"
    r"|(?P<cell></?(?:td|th)\b[^>]*>)"
    r"|(?P<tag></?[a-zA-Z][^<>\n]{0,200}>)"
    r"|(?P<entity>&(?:[a-zA-Z]+|#\d+|#x[0-9a-fA-F]+);)"
    rf"|(?P<spaced>(?<!\S){_CJK}(?: {_CJK}){{2,}}(?!\S))"
    r"|(?P<crlf>\r\n?)",
    re.IGNORECASE,
)


def fold_width(text: str) -> str:
    """Full-width letters, digits and spaces folded to half width, as normalisation does."""
    return text.translate(_WIDTH_TABLE)


@dataclass(frozen=True)
class Text:
    """A normalised document: ``text`` (as written), ``analysis`` (traditional), provenance."""

    text: str
    analysis: str
    script: str
    page_starts: tuple[int, ...]
    raw_offsets: array
    paged: bool = False

    def page_of(self, offset: int) -> int | None:
        """The 1-based page an offset falls on, or None for unpaged text."""
        if not self.paged:
            return None
        return bisect.bisect_right(self.page_starts, offset)

    def raw_offset(self, offset: int) -> tuple[int | None, int]:
        """Map a normalised offset back to (page, offset in that page's raw text)."""
        index = min(max(offset, 0), len(self.raw_offsets) - 1) if self.raw_offsets else 0
        raw = self.raw_offsets[index] if self.raw_offsets else 0
        return self.page_of(offset), raw


def _rewrite(match: re.Match[str]) -> str:
    kind = match.lastgroup
    if kind == "checked":
        return "☑"
    if kind == "box":
        return "☐"
    if kind == "block":
        return "\n"
    if kind == "cell":
        return "\t"
    if kind == "tag":
        return ""
    if kind == "entity":
        return html.unescape(match.group())
    if kind == "spaced":
        return match.group().replace(" ", "")
    return "\n"


def _normalize_page(raw: str) -> tuple[str, list[int]]:
    folded = fold_width(raw)
    # translate may drop zero-width characters: map folded offsets back to raw ones.
    if len(folded) == len(raw):
        base = list(range(len(raw)))
    else:
        base = [i for i, c in enumerate(raw) if _WIDTH_TABLE.get(ord(c), c) != ""]
    out: list[str] = []
    offsets: list[int] = []
    last = 0
    for match in _REWRITES.finditer(folded):
        out.append(folded[last : match.start()])
        offsets.extend(base[last : match.start()])
        replacement = _rewrite(match)
        out.append(replacement)
        offsets.extend([base[match.start()]] * len(replacement))
        last = match.end()
    out.append(folded[last:])
    offsets.extend(base[last:])
    text = "".join(out)
    # Trailing blanks on lines carry no meaning and break label matching.
    return text, offsets


@lru_cache(maxsize=1)
def _converters() -> tuple[object, object]:
    import opencc

    return opencc.OpenCC("s2t"), opencc.OpenCC("t2s")


def detect_script(text: str) -> str:
    """'s' when the text is written in simplified characters, else 't'."""
    s2t, t2s = _converters()
    sample = "".join(re.findall(_CJK, text[:20000]))
    if not sample:
        return "t"
    simplified_only = sum(a != b for a, b in zip(sample, s2t.convert(sample), strict=False))
    traditional_only = sum(a != b for a, b in zip(sample, t2s.convert(sample), strict=False))
    return "s" if simplified_only > max(traditional_only, len(sample) // 100) else "t"


def to_traditional(text: str) -> str:
    """The text in traditional script with the same length (so offsets carry over)."""
    s2t, _ = _converters()
    converted = s2t.convert(text)
    if len(converted) == len(text):
        return converted
    return "".join(c if len(t := s2t.convert(c)) != 1 else t for c in text)


def normalize(document: RawDocument) -> Text:
    """Normalise every page and join them into one string with a page map."""
    parts: list[str] = []
    offsets = array("i")
    page_starts: list[int] = []
    position = 0
    for page in document.pages:
        text, page_offsets = _normalize_page(page.text)
        if parts:
            parts.append("\n")
            offsets.append(page_offsets[-1] if page_offsets else 0)
            position += 1
        page_starts.append(position)
        parts.append(text)
        offsets.extend(page_offsets)
        position += len(text)
    joined = "".join(parts)
    script = detect_script(joined)
    analysis = to_traditional(joined) if script == "s" else joined
    return Text(
        text=joined,
        analysis=analysis,
        script=script,
        page_starts=tuple(page_starts),
        raw_offsets=offsets,
        paged=document.paged,
    )
