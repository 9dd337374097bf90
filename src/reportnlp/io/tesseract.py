"""The Tesseract engine (``chi_tra+eng``, the CLI from Debian's packages): one page image
to rows with boxes, from Tesseract's TSV word boxes."""

from __future__ import annotations

import csv
import io
import itertools
import os
import shutil
import statistics
import subprocess
from pathlib import Path

from reportnlp.errors import UnreadableFileError
from reportnlp.io.ocr_text import OcrPage, clean_row
from reportnlp.io.pdf_layout import COLUMN_GAP_EM, PdfLine

LANGUAGES = "chi_tra+eng"
# Page segmentation: 6 reads the page as one block of rows (tables keep their rows); chosen by
# measurement against 3 and 4 (benchmarks/bench_ocr.py).
PSM = "6"
# Between two OCR words, a gap wider than this many character heights is a real space.
WORD_GAP_EM = 0.3
# Words Tesseract is less sure of than this (0-100) are noise: specks, rules, stamps.
MIN_CONFIDENCE = 25.0
# Tesseract's OpenMP threads spin against each other on small machines: one thread per
# process is about three times faster per page here (3.6 s against 11.6 s on 2 cores).
_ENV = {**os.environ, "OMP_THREAD_LIMIT": "1"}


def available() -> bool:
    """Whether the tesseract command is on PATH."""
    return shutil.which("tesseract") is not None


def _tsv(image: Path, path: str, psm: str) -> str:
    if not available():
        raise UnreadableFileError("E110", path, reason="tesseract is not installed")
    result = subprocess.run(
        ["tesseract", str(image), "-", "-l", LANGUAGES, "--psm", psm, "tsv"],
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


def read_page(image: Path, path: str, psm: str = PSM) -> OcrPage:
    """The rows Tesseract reads on an image, its height and the mean word confidence."""
    rows: dict[tuple[str, str, str], list[dict[str, str]]] = {}
    height = 0.0
    confidences = []
    for word in csv.DictReader(io.StringIO(_tsv(image, path, psm)), delimiter="\t",
                               quoting=csv.QUOTE_NONE):
        if word.get("level") == "1":
            height = float(word["height"])
        if word.get("level") != "5" or not (word.get("text") or "").strip():
            continue
        confidence = float(word.get("conf") or 0)
        confidences.append(max(confidence, 0.0))
        if confidence >= MIN_CONFIDENCE:
            rows.setdefault((word["block_num"], word["par_num"], word["line_num"]), []).append(word)
    lines = []
    for words in rows.values():
        words.sort(key=lambda w: int(w["left"]))
        size = statistics.median(int(w["height"]) for w in words) or 10.0
        top = min(int(w["top"]) for w in words)
        bottom = max(int(w["top"]) + int(w["height"]) for w in words)
        lines.append(PdfLine(
            text=clean_row(_join_words(words, size)),
            x0=float(words[0]["left"]),
            x1=float(int(words[-1]["left"]) + int(words[-1]["width"])),
            y0=height - bottom, y1=height - top, size=float(size),
        ))
    lines.sort(key=lambda line: -line.y1)
    confidence = round(statistics.fmean(confidences) / 100, 3) if confidences else None
    return OcrPage(lines, height, confidence)
