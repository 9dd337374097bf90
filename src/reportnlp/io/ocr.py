"""OCR with the Tesseract CLI (``chi_tra+eng``), for scanned pages and images."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from reportnlp.errors import UnreadableFileError

LANGUAGES = "chi_tra+eng"


def ocr_available() -> bool:
    """Whether Tesseract and pdftoppm are on PATH."""
    return shutil.which("tesseract") is not None and shutil.which("pdftoppm") is not None


def ocr_image(image: Path, path: str) -> str:
    """Text of one image file, read by Tesseract."""
    if shutil.which("tesseract") is None:
        raise UnreadableFileError("E110", path, reason="tesseract is not installed")
    result = subprocess.run(
        ["tesseract", str(image), "-", "-l", LANGUAGES, "--psm", "6"],
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise UnreadableFileError("E103", path, reason=result.stderr.strip()[:200])
    return result.stdout


def ocr_pdf_page(data: bytes, number: int, path: str) -> str:
    """Rasterise page ``number`` of a PDF at 300 dpi and OCR it."""
    with tempfile.TemporaryDirectory(prefix="reportnlp-") as tmp:
        pdf = Path(tmp) / "in.pdf"
        pdf.write_bytes(data)
        subprocess.run(
            ["pdftoppm", "-r", "300", "-f", str(number), "-l", str(number), "-png",
             str(pdf), str(Path(tmp) / "page")],
            capture_output=True,
            check=True,
        )
        image = next(Path(tmp).glob("page*.png"))
        return ocr_image(image, path)
