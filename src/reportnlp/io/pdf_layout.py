"""Turn pdfminer's page layout into report text: rows, columns, running heads, reflow.

pdfminer groups characters into boxes; a table's cells land in separate boxes and
a paragraph's lines are cut wherever the page ended them. Reports need the
opposite: one line per table row with a tab between cells, paragraphs rejoined,
and the running header, footer and page number of every page left out.
"""

from __future__ import annotations

import itertools
import re
import statistics
from collections import Counter
from dataclasses import dataclass

# A gap wider than this many character heights between two glyphs is a column break.
COLUMN_GAP_EM = 1.0
# A gap wider than this is a word space (CJK glyphs touch; Latin words do not).
SPACE_GAP_EM = 0.15
# The share of the page height at the top and bottom where running heads live.
MARGIN_ZONE = 0.1

_PAGE_NUMBER = re.compile(
    r"^\s*(?:第\s*\d+\s*頁(?:\s*[/，,]?\s*共\s*\d+\s*頁)?|[-–—]\s*\d+\s*[-–—]|\d+\s*/\s*\d+"
    r"|\d{1,4}|[Pp]age\s+\d+(?:\s+of\s+\d+)?|頁\s*\d+|[ivxlcIVXLC]{1,6})\s*$"
)


@dataclass(frozen=True)
class PdfLine:
    """One row of text on a page, with its box and font size (points)."""

    text: str
    x0: float
    x1: float
    y0: float
    y1: float
    size: float


def _glyphs(item: object) -> list[object]:
    from pdfminer.layout import LTChar

    if isinstance(item, LTChar):
        return [item]
    if hasattr(item, "__iter__"):
        return [glyph for child in item for glyph in _glyphs(child)]
    return []


def page_lines(layout: object) -> list[PdfLine]:
    """The page's glyphs as rows, top to bottom; cells of one row are joined by tabs."""
    glyphs = [g for g in _glyphs(layout) if g.get_text().strip()]
    if not glyphs:
        return []
    glyphs.sort(key=lambda g: (-round((g.y0 + g.y1) / 2), g.x0))
    rows: list[list[object]] = []
    for glyph in glyphs:
        middle = (glyph.y0 + glyph.y1) / 2
        if rows:
            last = rows[-1]
            last_middle = statistics.fmean((g.y0 + g.y1) / 2 for g in last[:5])
            if abs(middle - last_middle) <= 0.45 * max(glyph.size, 1.0):
                last.append(glyph)
                continue
        rows.append([glyph])
    return [_line(sorted(row, key=lambda g: g.x0)) for row in rows]


def _line(glyphs: list[object]) -> PdfLine:
    size = statistics.median(g.size for g in glyphs) or 10.0
    parts = [glyphs[0].get_text()]
    for previous, glyph in itertools.pairwise(glyphs):
        gap = glyph.x0 - previous.x1
        if gap > COLUMN_GAP_EM * size:
            parts.append("\t")
        elif gap > SPACE_GAP_EM * size:
            parts.append(" ")
        parts.append(glyph.get_text())
    return PdfLine(
        text="".join(parts),
        x0=glyphs[0].x0,
        x1=glyphs[-1].x1,
        y0=min(g.y0 for g in glyphs),
        y1=max(g.y1 for g in glyphs),
        size=size,
    )


def _signature(text: str) -> str:
    return re.sub(r"\d+", "#", text.strip())


def strip_running_heads(pages: list[list[PdfLine]], heights: list[float]) -> list[list[PdfLine]]:
    """Drop page numbers and the header/footer lines that repeat across pages."""
    marginal: Counter[str] = Counter()
    for lines, height in zip(pages, heights, strict=True):
        seen = {_signature(line.text) for line in lines if _in_margin(line, height)}
        marginal.update(seen)
    repeated = {s for s, count in marginal.items() if count >= 2 and count >= len(pages) / 2}
    kept = []
    for lines, height in zip(pages, heights, strict=True):
        kept.append([
            line for line in lines
            if not (_in_margin(line, height)
                    and (_PAGE_NUMBER.match(line.text) or _signature(line.text) in repeated))
        ])
    return kept


def _in_margin(line: PdfLine, height: float) -> bool:
    return line.y0 > height * (1 - MARGIN_ZONE) or line.y1 < height * MARGIN_ZONE


# A line that opens a new item: a label, a heading number, a bullet, a date.
_NEW_ITEM = re.compile(
    r"^\s*(?:[\u4e00-\u9fff/／]{2,16}[ \t]*[：:]|[壹貳參肆伍陸柒捌玖拾一二三四五六七八九十]{1,3}[ \t]*[、.．]"
    r"|[(（][一二三四五六七八九十\d]{1,3}[)）]|\d{1,2}(?:\.\d{1,2})*[.、．]?\s|第[一二三四五六七八九十\d]{1,3}[章天]"
    r"|[-•●◎■□☐☑]|\d{2,4}[./年])"
)


def _wraps(line: PdfLine, following: PdfLine, right_edge: float, left_edge: float) -> bool:
    """Whether ``following`` continues ``line`` (the page, not the author, broke it)."""
    if "\t" in following.text or _NEW_ITEM.match(following.text):
        return False
    slack = 2.5 * line.size
    if line.text[-1:].isascii() and following.text[:1].isascii() and following.text[:1].isalnum():
        # A Latin word too long for the line moved down whole.
        slack += 0.6 * line.size * len(following.text.split(" ", 1)[0])
    if "\t" in line.text:
        # A table row whose last cell wrapped: the rest stands indented under its column.
        return (following.x0 > left_edge + 2 * line.size
                and following.y1 > line.y0 - 1.6 * line.size
                and line.x1 >= right_edge - slack)
    if abs(following.x0 - left_edge) >= line.size or following.y1 <= line.y0 - 2.2 * line.size:
        return False
    return line.x1 >= right_edge - slack


def reflow(lines: list[PdfLine]) -> str:
    """Join lines that the page wrapped back into paragraphs; keep table rows apart."""
    if not lines:
        return ""
    right_edge = max(line.x1 for line in lines)
    left_edge = min(line.x0 for line in lines)
    out: list[str] = []
    for index, line in enumerate(lines):
        indented = index > 0 and "\t" in lines[index - 1].text and line.x0 > left_edge + 2 * line.size
        if indented and out and out[-1].endswith("\n"):
            out.append("\t")  # a row whose first cell is empty keeps its column
        out.append(line.text)
        following = lines[index + 1] if index + 1 < len(lines) else None
        if following is None:
            break
        if _wraps(line, following, right_edge, left_edge):
            latin = line.text[-1:].isascii() and following.text[:1].isascii()
            out.append(" " if latin and line.text[-1:].isalnum() else "")
        else:
            gap = line.y0 - following.y1
            out.append("\n\n" if gap > 1.2 * line.size else "\n")
    return "".join(out)
