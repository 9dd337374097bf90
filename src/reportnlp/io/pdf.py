"""Read PDFs page by page with pdfminer.six; pages without a text layer go to OCR."""

from __future__ import annotations

import io
import logging

from reportnlp.errors import UnreadableFileError
from reportnlp.io.ocr import ocr_available, ocr_pdf_page
from reportnlp.io.raw import RawPage

log = logging.getLogger(__name__)

# A page with fewer visible characters than this is taken to have no text layer.
MIN_TEXT_CHARS = 8


def _page_text(layout: object) -> str:
    from pdfminer.layout import LTTextContainer

    return "".join(el.get_text() for el in layout if isinstance(el, LTTextContainer))


def read_pdf(data: bytes, path: str) -> tuple[list[RawPage], list[str]]:
    """Return the PDF's pages (OCR'd where they have no text layer) and warnings.

    Raises:
        UnreadableFileError: encrypted (E109) or corrupt/truncated (E108) PDFs.
    """
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LAParams
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

    pages: list[RawPage] = []
    warnings: list[str] = []
    try:
        for number, layout in enumerate(extract_pages(io.BytesIO(data), laparams=LAParams()), 1):
            text = _page_text(layout)
            if sum(not c.isspace() for c in text) >= MIN_TEXT_CHARS:
                pages.append(RawPage(number, text))
            elif ocr_available():
                pages.append(RawPage(number, ocr_pdf_page(data, number, path), ocr=True))
            else:
                warnings.append(f"page {number} has no text layer and Tesseract is not installed")
                pages.append(RawPage(number, ""))
    except (PDFPasswordIncorrect, PDFEncryptionError) as exc:
        raise UnreadableFileError("E109", path) from exc
    except UnreadableFileError:
        raise
    except Exception as exc:  # pdfminer raises many unrelated types for broken files
        if "encrypt" in str(exc).lower() or "password" in str(exc).lower():
            raise UnreadableFileError("E109", path) from exc
        raise UnreadableFileError("E108", path, reason=f"{type(exc).__name__}: {exc}") from exc
    if not pages:
        raise UnreadableFileError("E108", path, reason="no pages")
    return pages, warnings
