"""Read PDFs page by page with pdfminer.six; a page without a usable text layer goes to OCR.

A page is OCR'd when its text layer is missing (a scan) or decodes to garbage: private-use
or unmapped glyphs from a font without a ToUnicode map, mojibake, or characters so rare that
the encoding must be wrong. In a mixed PDF only those pages are OCR'd.
"""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

from reportnlp.errors import InputError, UnreadableFileError
from reportnlp.io.ocr import ocr_available, ocr_pdf_page
from reportnlp.io.ocr_text import restore_names
from reportnlp.io.pdf_layout import PdfLine, page_lines, reflow, strip_running_heads
from reportnlp.io.raw import RawPage
from reportnlp.io.text_file import ordinariness
from reportnlp.limits import max_pages

# A page with fewer visible characters than this is taken to have no text layer.
MIN_TEXT_CHARS = 8
# Shares of a page's visible characters past which its text layer is garbage.
MAX_UNMAPPED = 0.2
MAX_MOJIBAKE = 0.2
MIN_ORDINARY = 0.45
_UNMAPPED = re.compile("[\ue000-\uf8ff\ufffd\U000f0000-\U0010ffff]|\\(cid:\\d+\\)")


def unreadable_reason(text: str) -> str | None:
    """Why a page's text layer cannot be used as its text, or None when it can."""
    visible = [c for c in text if not c.isspace()]
    if len(visible) < MIN_TEXT_CHARS:
        return None
    if sum(map(len, _UNMAPPED.findall(text))) / len(visible) > MAX_UNMAPPED:
        return "its glyphs map to no characters (a font without a ToUnicode map)"
    accented = sum("\u00c0" <= c <= "\u00ff" for c in visible)
    cjk = sum("\u3400" <= c <= "\u9fff" for c in visible)
    if accented / len(visible) > MAX_MOJIBAKE and cjk / len(visible) < 0.1:
        return "it decodes to accented Latin letters (mojibake)"
    if cjk >= 20 and ordinariness(text) < MIN_ORDINARY:
        return "it decodes to rare characters only (a wrong encoding)"
    return None


def read_pdf(data: bytes, path: str) -> tuple[list[RawPage], list[str]]:
    """Return the PDF's pages (OCR'd where they have no usable text layer) and warnings.

    Raises:
        UnreadableFileError: encrypted (E109) or corrupt/truncated (E108) PDFs.
    """
    layouts: list[list[PdfLine]] = []
    heights: list[float] = []
    scanned: dict[int, float | None] = {}
    warnings: list[str] = []
    with tempfile.TemporaryDirectory(prefix="reportnlp-") as tmp:
        copy = Path(tmp) / "document.pdf"  # what pdftoppm reads for pages to OCR
        copy.write_bytes(data)
        _read_pages(copy, path, layouts, heights, scanned, warnings)
    if not layouts:
        raise UnreadableFileError("E108", path, reason="no pages")
    texts = [reflow(lines) for lines in strip_running_heads(layouts, heights)]
    evidence = "\n".join(texts)
    pages = []
    for number, text in enumerate(texts, 1):
        if number in scanned:
            text, restored = restore_names(text, evidence)
            if restored:
                warnings.append(f"page {number}: {restored} misread characters of known names "
                                "restored after OCR")
        pages.append(RawPage(number, text, ocr=number in scanned,
                             ocr_confidence=scanned.get(number)))
    return pages, warnings


def _read_pages(pdf: Path, path: str, layouts: list[list[PdfLine]], heights: list[float],
                scanned: dict[int, float | None], warnings: list[str]) -> None:
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
            text = "\n".join(line.text for line in lines)
            garbage = unreadable_reason(text)
            if len("".join(text.split())) < MIN_TEXT_CHARS or garbage:
                if ocr_available():
                    page = ocr_pdf_page(pdf, number, path)
                    lines, height = page.lines, page.height
                    scanned[number] = page.confidence
                    if garbage:
                        warnings.append(f"page {number}: the text layer was not used because "
                                        f"{garbage}; the page was OCR'd")
                elif garbage:
                    warnings.append(f"page {number}: the text layer looks unusable ({garbage}) "
                                    "and OCR is not installed; kept as it is")
                else:
                    warnings.append(f"page {number} has no text layer and OCR is not installed")
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
