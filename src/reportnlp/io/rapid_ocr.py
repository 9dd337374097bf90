"""The RapidOCR engine: PaddleOCR's PP-OCRv4 Chinese models run by ONNX Runtime, from the
``rapidocr-onnxruntime`` wheel, which ships its model files (nothing is fetched). Selectable
with ``--ocr-engine rapidocr``; measured against Tesseract in ``benchmarks/bench_ocr.py``
(its dictionary is simplified-first, so traditional characters it lacks are lost)."""

from __future__ import annotations

import itertools
import statistics
from functools import lru_cache
from pathlib import Path
from typing import Any

from reportnlp.errors import UnreadableFileError
from reportnlp.io.ocr_text import OcrPage, clean_row
from reportnlp.io.pdf_layout import COLUMN_GAP_EM, PdfLine


def available() -> bool:
    """Whether the rapidocr-onnxruntime package is installed."""
    import importlib.util

    return importlib.util.find_spec("rapidocr_onnxruntime") is not None


@lru_cache(maxsize=1)
def _engine() -> Any:
    from rapidocr_onnxruntime import RapidOCR

    return RapidOCR(intra_op_num_threads=1, inter_op_num_threads=1)


def _rows(boxes: list[tuple[list[list[float]], str, float]]) -> list[list[tuple[float, ...]]]:
    """Text boxes grouped into rows by their vertical middles."""
    items = sorted(((min(p[1] for p in box), max(p[1] for p in box), min(p[0] for p in box),
                     max(p[0] for p in box), text) for box, text, _ in boxes),
                   key=lambda b: ((b[0] + b[1]) / 2, b[2]))
    rows: list[list[tuple[float, ...]]] = []
    for item in items:
        middle, size = (item[0] + item[1]) / 2, item[1] - item[0]
        if rows and abs(middle - statistics.fmean((r[0] + r[1]) / 2 for r in rows[-1])) < size / 2:
            rows[-1].append(item)
        else:
            rows.append([item])
    return rows


def read_page(image: Path, path: str) -> OcrPage:
    """The rows RapidOCR reads on an image, its height and the mean box confidence."""
    if not available():
        raise UnreadableFileError("E110", path, reason="rapidocr-onnxruntime is not installed "
                                  "(pip install 'reportnlp[rapidocr]')")
    from PIL import Image

    with Image.open(image) as picture:
        height = float(picture.height)
    result, _ = _engine()(str(image))
    boxes = result or []
    lines = []
    for row in _rows(boxes):
        row.sort(key=lambda b: b[2])
        size = statistics.median(b[1] - b[0] for b in row) or 10.0
        parts = [str(row[0][4])]
        for previous, item in itertools.pairwise(row):
            parts.append("\t" if item[2] - previous[3] > COLUMN_GAP_EM * size else "")
            parts.append(str(item[4]))
        lines.append(PdfLine(text=clean_row("".join(parts)), x0=row[0][2], x1=row[-1][3],
                             y0=height - max(b[1] for b in row), y1=height - min(b[0] for b in row),
                             size=float(size)))
    lines.sort(key=lambda line: -line.y1)
    confidence = round(statistics.fmean(float(b[2]) for b in boxes), 3) if boxes else None
    return OcrPage(lines, height, confidence)
