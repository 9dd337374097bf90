"""OCR of scanned pages and images, by the engine the user chose (Tesseract by default).

Engines (``REPORTNLP_OCR_ENGINE`` or ``--ocr-engine``): ``tesseract`` (``chi_tra+eng``,
:mod:`reportnlp.io.tesseract`) and ``rapidocr`` (PP-OCRv4 via ONNX Runtime,
:mod:`reportnlp.io.rapid_ocr`). Tesseract is the default because it measured best on
traditional-script reports (character error rate and pages/s, README: OCR). Either engine's
rows go through the same post-processing (:mod:`reportnlp.io.ocr_text`) and the same layout
as a text-layer page.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from reportnlp.errors import InputError, UnreadableFileError
from reportnlp.io.ocr_text import OcrPage

ENGINES = ("tesseract", "rapidocr")
DEFAULT_ENGINE = "tesseract"
# Pages are rasterised at this resolution whatever the scan's own: measured on 150, 200 and
# 300 dpi scans, 200 gave the lowest character error rate at each (Tesseract reads the
# reports' 10-12 pt type best at about 30 pixels a character) and is 1.24x faster than 300.
DPI = 200


def engine_name() -> str:
    """The engine in force: ``REPORTNLP_OCR_ENGINE``, else Tesseract.

    Raises:
        reportnlp.errors.InputError: the variable names no engine (E113).
    """
    name = os.environ.get("REPORTNLP_OCR_ENGINE", DEFAULT_ENGINE).strip().lower()
    if name not in ENGINES:
        raise InputError("E113", None, engine=name)
    return name


def ocr_available(engine: str | None = None) -> bool:
    """Whether the engine and pdftoppm (which rasterises PDF pages) are installed."""
    name = engine or engine_name()
    if name == "rapidocr":
        from reportnlp.io import rapid_ocr

        ready = rapid_ocr.available()
    else:
        from reportnlp.io import tesseract

        ready = tesseract.available()
    return ready and shutil.which("pdftoppm") is not None


def read_image(image: Path, path: str, engine: str | None = None) -> OcrPage:
    """One page image read by the engine in force."""
    if (engine or engine_name()) == "rapidocr":
        from reportnlp.io import rapid_ocr

        return rapid_ocr.read_page(image, path)
    from reportnlp.io import tesseract

    return tesseract.read_page(image, path)


def ocr_image(image: Path, path: str) -> tuple[str, float | None]:
    """Text of one image file laid out like a PDF page, and the engine's confidence."""
    from reportnlp.io.pdf_layout import reflow

    page = read_image(image, path)
    return reflow(page.lines), page.confidence


def ocr_pdf_page(pdf: Path, number: int, path: str) -> OcrPage:
    """Rasterise page ``number`` of the PDF file ``pdf`` and read it."""
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
        return read_image(images[0], path)
