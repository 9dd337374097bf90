"""Read PDFs page by page with pdfminer.six; pages without a text layer go to OCR."""

from __future__ import annotations

import tempfile
from pathlib import Path

from reportnlp.errors import InputError, UnreadableFileError
from reportnlp.io.ocr import ocr_available, ocr_pdf_page
from reportnlp.io.pdf_layout import PdfLine, page_lines, reflow, strip_running_heads
from reportnlp.io.raw import RawPage
from reportnlp.limits import max_pages

# A page with fewer visible characters than this is taken to have no text layer.
MIN_TEXT_CHARS = 8


def read_pdf(data: bytes, path: str) -> tuple[list[RawPage], list[str]]:
    """Return the PDF's pages (OCR'd where they have no text layer) and warnings.

    Raises:
        UnreadableFileError: encrypted (E109) or corrupt/truncated (E108) PDFs.
    """
    layouts: list[list[PdfLine]] = []
    heights: list[float] = []
    scanned: set[int] = set()
    warnings: list[str] = []
    with tempfile.TemporaryDirectory(prefix="reportnlp-") as tmp:
        copy = Path(tmp) / "document.pdf"  # what pdftoppm reads for pages to OCR
        copy.write_bytes(data)
        _read_pages(copy, path, layouts, heights, scanned, warnings)
    if not layouts:
        raise UnreadableFileError("E108", path, reason="no pages")
    pages = [RawPage(number, reflow(lines), ocr=number in scanned)
             for number, lines in enumerate(strip_running_heads(layouts, heights), 1)]
    return pages, warnings


def _read_pages(pdf: Path, path: str, layouts: list[list[PdfLine]], heights: list[float],
                scanned: set[int], warnings: list[str]) -> None:
    """Lay out every page in turn (pdfminer parses lazily, so memory stays per page)."""
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LAParams
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

    try:
        for number, layout in enumerate(extract_pages(pdf, laparams=LAParams()), 1):
            if number > max_pages():
                raise InputError("E112", path, limit=max_pages())
            lines = page_lines(layout)
            height = layout.height
            if sum(len(line.text.strip()) for line in lines) < MIN_TEXT_CHARS:
                if ocr_available():
                    lines, height = ocr_pdf_page(pdf, number, path)
                    scanned.add(number)
                else:
                    warnings.append(f"page {number} has no text layer and Tesseract is not installed")
            layouts.append(lines)
            heights.append(height)
    except (PDFPasswordIncorrect, PDFEncryptionError) as exc:
        raise UnreadableFileError("E109", path) from exc
    except (UnreadableFileError, InputError):
        raise
    except Exception as exc:  # pdfminer raises many unrelated types for broken files
        if "encrypt" in str(exc).lower() or "password" in str(exc).lower():
            raise UnreadableFileError("E109", path) from exc
        raise UnreadableFileError("E108", path, reason=f"{type(exc).__name__}: {exc}") from exc
