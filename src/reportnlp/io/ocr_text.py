"""What every OCR engine's output goes through: one page's rows as :class:`PdfLine`, with
confusions the context decides corrected, checkbox rows read as boxes, and names the
gazetteers know restored where one character was misread.

An engine hands back rows with boxes, so an OCR'd page takes the same column, running-head
and reflow path a text-layer page does (:mod:`reportnlp.io.pdf_layout`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from reportnlp.io.pdf_layout import PdfLine

_CJK = "\u3400-\u9fff"
# Confusions whose correction the context makes certain.
_FIXES = (
    (re.compile(rf"(?<=[{_CJK}]) ?, ?(?=[{_CJK}「」（）])"), "，"),
    (re.compile(rf"(?<=[{_CJK}」）]) ?[°º](?= |$)", re.M), "。"),
    (re.compile(rf"(?<=[{_CJK}]) ?; ?(?=[{_CJK}])"), "；"),
    (re.compile(rf"(?<=[{_CJK}]) ?: ?(?=[{_CJK}\d])"), "："),
    (re.compile(rf"(?<=[{_CJK}]) +(?=[{_CJK}])"), ""),
    (re.compile(r"(?<=\d)[Oo](?=\d)|(?<=\d)[Oo](?=[年月日./])|(?<=[年月./])[Oo](?=\d)"), "0"),
    (re.compile(r"(?<=\d)[lI|](?=\d)|(?<=\d)[lI|](?=[年月日./])|(?<=[年月./])[lI|](?=\d)"), "1"),
    # 一 read as a dash where only a numeral can stand: 第一天, （一）, 一、 at a line's start.
    (re.compile(r"(?<=第)[—–-](?=[天章節條項屆次期])|(?<=[（(])[—–-](?=[)）])|^[—–-](?=、)", re.M),
     "一"),
    (re.compile(r"^[口□](?=\s*[\u4e00-\u9fff])|(?<=\s)[口](?=[\u4e00-\u9fff]{2})", re.M), "□"),
)


@dataclass(frozen=True)
class OcrPage:
    """One page as an engine read it: rows top to bottom, the image height (pixels) and
    the engine's mean confidence in its words (0–1)."""

    lines: list[PdfLine]
    height: float
    confidence: float | None


def fix_confusions(text: str) -> str:
    """Correct OCR confusions the context decides: ASCII punctuation between CJK
    characters, spaces inside CJK runs, O/l inside dates, 口 read for an empty checkbox."""
    for pattern, replacement in _FIXES:
        text = pattern.sub(replacement, text)
    return text


def checkbox_row(line: str) -> str:
    """In a checkbox row OCR reads □ as 口 and a ticked box as 回, 図 or 團."""
    if "類別" not in line and "附件" not in line:
        return line
    return re.sub(r"[回図團☒]", "■", line.replace("口", "□"))


def clean_row(text: str) -> str:
    """One OCR'd row as report text."""
    return checkbox_row(fix_confusions(text))


@lru_cache(maxsize=1)
def _masked_forms() -> dict[str, str | None]:
    """Every gazetteer name of 5–16 characters, once per position with that character
    masked: a window of OCR text that matches a masked form differs from the name in that
    one character. A mask two names share is ambiguous and maps to None."""
    from reportnlp.ner.gazetteer import load_gazetteer

    masks: dict[str, str | None] = {}
    for form, entry in load_gazetteer().forms.items():
        if entry.label not in ("ORG", "GPE", "TITLE") or not 5 <= len(form) <= 16 or form.isascii():
            continue
        for index in range(len(form)):
            mask = form[:index] + "\0" + form[index + 1:]
            masks[mask] = form if masks.get(mask, form) == form else None
    return masks


def _compound(window: str, forms: dict) -> bool:
    """Whether ``window`` is two known names run together (臺中市政府 + 秘書長)."""
    return any(window[:cut] in forms and window[cut:] in forms for cut in range(2, len(window) - 1))


def restore_names(text: str, evidence: str) -> tuple[str, int]:
    """``text`` (OCR'd) with every name the gazetteers list that OCR misread in exactly one
    CJK character restored (動植物防疫撿疫局 -> 動植物防疫檢疫局), and how many were.

    Only a run of CJK characters that matches one known name of five or more characters in
    all but one inner character is changed (a name that differs in its first or last
    character is another name: 秘書處, 秘書長), and only when that name is written correctly
    elsewhere in ``evidence`` (the whole document): nothing is invented, and a run that is
    itself a known name, or two known names run together, is left alone.
    """
    from reportnlp.ner.gazetteer import load_gazetteer

    masks = _masked_forms()
    forms = load_gazetteer().forms
    cjk = [bool(re.match(rf"[{_CJK}]", c)) for c in text]
    runs = [0]
    for flag in cjk:
        runs.append(runs[-1] + flag)
    chars = list(text)
    changed = 0
    for size in sorted({len(m) for m in masks}, reverse=True):
        for start in range(len(text) - size + 1):
            if runs[start + size] - runs[start] != size:
                continue
            window = "".join(chars[start:start + size])
            if window in forms:
                continue
            for index in range(1, size - 1):  # a different first or last character is
                form = masks.get(window[:index] + "\0" + window[index + 1:])  # another word
                if form and form in evidence and not _compound(window, forms):
                    chars[start + index] = form[index]
                    changed += 1
                    break
    return "".join(chars), changed
