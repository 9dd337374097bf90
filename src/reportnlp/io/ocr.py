"""OCR with the Tesseract CLI (``chi_tra+eng``), for scanned pages and images.

Tesseract's TSV output gives every word's box, so an OCR'd page becomes the same
rows of :class:`~reportnlp.io.pdf_layout.PdfLine` a text-layer page does, and goes
through the same column, running-head and reflow handling.
"""

from __future__ import annotations

import csv
import io
import itertools
import os
import re
import shutil
import statistics
import subprocess
import tempfile
from pathlib import Path

from reportnlp.errors import UnreadableFileError
from reportnlp.io.pdf_layout import COLUMN_GAP_EM, PdfLine

LANGUAGES = "chi_tra+eng"
# Between two OCR words, a gap wider than this many character heights is a real space.
WORD_GAP_EM = 0.3
# Words Tesseract is less sure of than this (0-100) are noise: specks, rules, stamps.
MIN_CONFIDENCE = 25.0
DPI = 300
# Tesseract's OpenMP threads spin against each other on small machines: one thread per
# process is about three times faster per page here (3.6 s against 11.6 s on 2 cores).
_ENV = {**os.environ, "OMP_THREAD_LIMIT": "1"}
_CJK = "\u3400-\u9fff"
# Confusions whose correction the context makes certain.
_FIXES = (
    (re.compile(rf"(?<=[{_CJK}]) ?, ?(?=[{_CJK}「」（）])"), "，"),
    (re.compile(rf"(?<=[{_CJK}」）]) ?[°º](?= |$)", re.M), "。"),
    (re.compile(rf"(?<=[{_CJK}]) ?; ?(?=[{_CJK}])"), "；"),
    (re.compile(rf"(?<=[{_CJK}]) ?: ?(?=[{_CJK}\d])"), "："),
    (re.compile(r"(?<=\d)[Oo](?=\d)|(?<=\d)[Oo](?=[年月日./])|(?<=[年月./])[Oo](?=\d)"), "0"),
    (re.compile(r"(?<=\d)[lI|](?=\d)|(?<=\d)[lI|](?=[年月日./])|(?<=[年月./])[lI|](?=\d)"), "1"),
    (re.compile(r"^[口□](?=\s*[\u4e00-\u9fff])|(?<=\s)[口](?=[\u4e00-\u9fff]{2})", re.M), "□"),
)


def ocr_available() -> bool:
    """Whether Tesseract and pdftoppm are on PATH."""
    return shutil.which("tesseract") is not None and shutil.which("pdftoppm") is not None


def fix_confusions(text: str) -> str:
    """Correct OCR confusions the context decides: ASCII punctuation between CJK
    characters, O/l inside dates, 口 read for an empty checkbox."""
    for pattern, replacement in _FIXES:
        text = pattern.sub(replacement, text)
    return text


def _tesseract_tsv(image: Path, path: str) -> str:
    if shutil.which("tesseract") is None:
        raise UnreadableFileError("E110", path, reason="tesseract is not installed")
    result = subprocess.run(
        ["tesseract", str(image), "-", "-l", LANGUAGES, "--psm", "6", "tsv"],
        capture_output=True, text=True, check=False, env=_ENV,
    )
    if result.returncode != 0:
        raise UnreadableFileError("E103", path, reason=result.stderr.strip()[:200])
    return result.stdout


def _join_words(words: list[dict[str, str]], size: float) -> str:
    parts = [words[0]["text"]]
    for previous, word in itertools.pairwise(words):
        gap = int(word["left"]) - (int(previous["left"]) + int(previous["width"]))
        if gap > COLUMN_GAP_EM * size * 1.5:
            parts.append("\t")
        elif gap > WORD_GAP_EM * size and (previous["text"][-1:].isascii()
                                           or word["text"][:1].isascii()):
            parts.append(" ")  # Tesseract splits 2017城市 into words: only a real gap is a space
        parts.append(word["text"])
    return "".join(parts)


def _checkboxes(line: str) -> str:
    """In a checkbox row Tesseract reads □ as 口 and a ticked box as 回 or 図."""
    if "類別" not in line and "附件" not in line:
        return line
    return re.sub(r"[回図團☒]", "■", line.replace("口", "□"))


def ocr_lines(image: Path, path: str) -> tuple[list[PdfLine], float]:
    """The rows Tesseract reads on an image, and the image's height (pixels)."""
    rows: dict[tuple[str, str, str], list[dict[str, str]]] = {}
    height = 0.0
    for word in csv.DictReader(io.StringIO(_tesseract_tsv(image, path)), delimiter="\t",
                               quoting=csv.QUOTE_NONE):
        if word.get("level") == "1":
            height = float(word["height"])
        if (word.get("level") == "5" and (word.get("text") or "").strip()
                and float(word.get("conf") or 0) >= MIN_CONFIDENCE):
            rows.setdefault((word["block_num"], word["par_num"], word["line_num"]), []).append(word)
    lines = []
    for words in rows.values():
        words.sort(key=lambda w: int(w["left"]))
        size = statistics.median(int(w["height"]) for w in words) or 10.0
        top = min(int(w["top"]) for w in words)
        bottom = max(int(w["top"]) + int(w["height"]) for w in words)
        lines.append(PdfLine(
            text=_checkboxes(fix_confusions(_join_words(words, size))),
            x0=float(words[0]["left"]),
            x1=float(int(words[-1]["left"]) + int(words[-1]["width"])),
            y0=height - bottom, y1=height - top, size=float(size),
        ))
    lines.sort(key=lambda line: -line.y1)
    return lines, height


def ocr_image(image: Path, path: str) -> str:
    """Text of one image file, read by Tesseract and laid out like a PDF page."""
    from reportnlp.io.pdf_layout import reflow

    lines, _ = ocr_lines(image, path)
    return reflow(lines)


def ocr_pdf_page(pdf: Path, number: int, path: str) -> tuple[list[PdfLine], float]:
    """Rasterise page ``number`` of the PDF file ``pdf`` and read its rows with Tesseract."""
    with tempfile.TemporaryDirectory(prefix="reportnlp-") as tmp:
        result = subprocess.run(
            # Uncompressed TIFF: pdftoppm spends ~13 s of CPU compressing one 300 dpi PNG.
            ["pdftoppm", "-r", str(DPI), "-gray", "-f", str(number), "-l", str(number), "-tiff",
             str(pdf), str(Path(tmp) / "page")],
            capture_output=True, check=False,
        )
        images = sorted(Path(tmp).glob("page*.tif"))
        if result.returncode != 0 or not images:
            raise UnreadableFileError("E103", path, reason=f"page {number} could not be rasterised")
        return ocr_lines(images[0], path)
