"""PDFs in: text layers laid out as rows, running heads dropped, scans OCR'd, bad files typed."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

import reportnlp
from reportnlp.errors import UnreadableFileError
from reportnlp.io.ocr import ocr_available
from reportnlp.io.ocr_text import fix_confusions
from reportnlp.io.pdf_layout import PdfLine, reflow, strip_running_heads


def _line(text: str, y: float, x0: float = 72, x1: float | None = None, size: float = 12) -> PdfLine:
    return PdfLine(text, x0, x1 if x1 is not None else x0 + size * len(text), y, y + size, size)


def test_io_pdf_running_heads_and_page_numbers_are_dropped() -> None:
    pages = [[_line("臺中市政府出國報告", 800), _line(f"內容{n}", 500), _line(f"第 {n} 頁", 40)]
             for n in (1, 2, 3)]
    kept = strip_running_heads(pages, [842.0] * 3)
    assert [[line.text for line in page] for page in kept] == [["內容1"], ["內容2"], ["內容3"]]


def test_io_pdf_reflow_joins_wrapped_lines_only() -> None:
    lines = [_line("一二三四五六七八九十", 700, x1=516), _line("續行。", 680, x1=108),
             _line("壹、目的", 640, x1=120), _line("日期\t地點", 620, x1=300)]
    assert reflow(lines) == "一二三四五六七八九十續行。\n\n壹、目的\n日期\t地點"


def test_io_pdf_reflow_keeps_a_label_line_apart() -> None:
    lines = [_line("一二三四五六七八九十", 700, x1=516), _line("報告日期：107年1月24日", 680)]
    assert reflow(lines) == "一二三四五六七八九十\n報告日期：107年1月24日"


@pytest.mark.parametrize(
    ("raw", "fixed"),
    [("本市,臺中", "本市，臺中"), ("會議 ° ", "會議。 "), ("1O6年", "106年"), ("1l月", "11月"),
     ("口考察 □進修", "□考察 □進修"), ("Mr. Lee, Director", "Mr. Lee, Director")],
)
def test_io_pdf_ocr_confusions(raw: str, fixed: str) -> None:
    assert fix_confusions(raw) == fixed


def test_io_pdf_text_layer_parses_like_the_text(rendered_reports: dict[str, Any]) -> None:
    rendered = rendered_reports["taichung_citynet_2017"]
    report = reportnlp.parse_file(rendered.text_pdf)
    assert report.source.pages == rendered.pages and not report.source.ocr
    assert report.title == "臺中市政府出席斯里蘭卡可倫坡「2017城市聯絡網30周年大會」"
    assert (report.period.start, report.period.end) == (dt.date(2017, 11, 4), dt.date(2017, 11, 9))
    assert next(s.heading for s in report.sections) == "壹、摘要"
    assert len(report.itinerary) == 6
    assert "第 1 頁" not in report.text
    pages = [s.page for s in report.sections]
    assert pages == sorted(pages) and pages[0] == 1 and pages[-1] > 1
    assert all(e.page is not None for e in report.entities)


def test_io_pdf_scan_is_ocred(rendered_reports: dict[str, Any]) -> None:
    rendered = rendered_reports["changhua_agri_foodex_2017"]
    if rendered.scan_pdf is None or not ocr_available():
        pytest.skip("pdftoppm or tesseract not installed (make setup installs them)")
    report = reportnlp.parse_file(rendered.scan_pdf)
    assert report.source.ocr and report.source.ocr_pages == list(range(1, rendered.pages + 1))
    assert report.period is not None and report.period.start == dt.date(2017, 3, 6)
    assert report.report_type == "提要"


def test_io_pdf_image_is_ocred(rendered_reports: dict[str, Any], tmp_path: Path) -> None:
    rendered = rendered_reports["changhua_agri_foodex_2017"]
    if not ocr_available():
        pytest.skip("pdftoppm or tesseract not installed (make setup installs them)")
    subprocess.run(["pdftoppm", "-r", "200", "-f", "1", "-l", "1", "-png",
                    str(rendered.text_pdf), str(tmp_path / "page")], check=True)
    image = next(tmp_path.glob("page*.png"))
    report = reportnlp.parse_file(image)
    assert report.source.ocr and report.source.media_type == "image/png"
    assert report.period is not None


def test_io_pdf_encrypted_pdf_is_a_typed_error(tmp_path: Path) -> None:
    from reportlab.lib import pdfencrypt
    from reportlab.pdfgen import canvas

    path = tmp_path / "secret.pdf"
    pdf = canvas.Canvas(str(path), encrypt=pdfencrypt.StandardEncryption("user-password"))
    pdf.drawString(72, 720, "confidential")
    pdf.save()
    with pytest.raises(UnreadableFileError, match=r"secret.pdf: PDF is encrypted") as info:
        reportnlp.parse_file(path)
    assert info.value.code == "E109"


def test_io_pdf_truncated_text_pdf_is_a_typed_error(
    rendered_reports: dict[str, Any], tmp_path: Path
) -> None:
    path = tmp_path / "half.pdf"
    data = rendered_reports["taichung_citynet_2017"].text_pdf.read_bytes()
    path.write_bytes(data[: len(data) // 3])
    try:
        report = reportnlp.parse_file(path)
    except UnreadableFileError as exc:
        assert "half.pdf" in str(exc)
    else:  # pdfminer may recover the pages before the cut: then they must be real text
        assert report.text.strip()


def test_io_pdf_image_without_text(tmp_path: Path) -> None:
    from PIL import Image

    if shutil.which("tesseract") is None:
        pytest.skip("tesseract not installed")
    path = tmp_path / "blank.png"
    Image.new("L", (400, 300), 255).save(path)
    with pytest.raises(reportnlp.errors.InputError, match=r"blank\.png: contains no text"):
        reportnlp.parse_file(path)


def _page_image(pdf: Path, page: int, out: Path) -> Path:
    subprocess.run(["pdftoppm", "-r", "200", "-gray", "-f", str(page), "-l", str(page), "-png",
                    str(pdf), str(out / f"page{page}")], check=True)
    return next(out.glob(f"page{page}*.png"))


def test_io_pdf_garbage_text_layer_is_ocred(rendered_reports: dict[str, Any],
                                            tmp_path: Path) -> None:
    """A scan whose invisible text layer decodes to mojibake (a broken font map) is OCR'd,
    not read as its text layer."""
    from reportlab.pdfgen import canvas

    if not ocr_available():
        pytest.skip("pdftoppm or tesseract not installed (make setup installs them)")
    rendered = rendered_reports["changhua_agri_foodex_2017"]
    image = _page_image(rendered.scan_pdf or rendered.text_pdf, 1, tmp_path)
    path = tmp_path / "garbage.pdf"
    pdf = canvas.Canvas(str(path), pagesize=(595, 842))
    pdf.drawImage(str(image), 0, 0, 595, 842)
    layer = pdf.beginText(72, 780)
    layer.setTextRenderMode(3)  # invisible, as OCR'd scans carry their text
    layer.setFont("Helvetica", 10)
    for _ in range(30):
        layer.textLine("Ã¥Â½Â°Ã¥Å’â€“Ã§Â¸Â£Ã¦â€Â¿Ã¥ÂºÅ“ Ã¥â€¡ÂºÃ¥Å“â€¹Ã¥Â Â±Ã¥â€˜Å ")
    pdf.drawText(layer)
    pdf.save()
    report = reportnlp.parse_file(path)
    assert report.source.ocr_pages == [1]
    assert any("mojibake" in w for w in report.warnings)
    assert "彰化縣" in report.text and "Ã" not in report.text
    assert 0 < report.source.ocr_confidence[1] <= 1


def test_io_pdf_mixed_pdf_ocrs_only_the_pages_without_text(rendered_reports: dict[str, Any],
                                                           tmp_path: Path) -> None:
    from reportlab.pdfgen import canvas

    from conftest import load_render_recipe

    if not ocr_available():
        pytest.skip("pdftoppm or tesseract not installed (make setup installs them)")
    render = load_render_recipe()
    rendered = rendered_reports["changhua_agri_foodex_2017"]
    image = _page_image(rendered.scan_pdf or rendered.text_pdf, 1, tmp_path)
    path = tmp_path / "mixed.pdf"
    pdf = canvas.Canvas(str(path), pagesize=(595, 842))
    for y, line in ((780, "附錄一　行程表"), (750, "出國期間：106年3月6日至3月10日")):
        render.draw_text(pdf, 72, y, line, 12)
    pdf.showPage()
    pdf.drawImage(str(image), 0, 0, 595, 842)  # page 2: a scan, no text layer
    pdf.showPage()
    render.draw_text(pdf, 72, 780, "參、心得及建議　本次參展成果豐碩。", 12)
    pdf.save()
    report = reportnlp.parse_file(path)
    assert report.source.pages == 3 and report.source.ocr_pages == [2]
    assert set(report.source.ocr_confidence) == {2}
    assert report.source.ocr_engine == "tesseract"
    assert "附錄一" in report.text and "心得及建議" in report.text


def test_io_pdf_unreadable_reason_tells_garbage_from_text() -> None:
    from reportnlp.io.pdf import unreadable_reason

    assert unreadable_reason("出國報告提要　臺中市政府秘書處國際事務科科員") is None
    assert unreadable_reason("International Conference on Communications, Rome") is None
    assert "ToUnicode" in (unreadable_reason("(cid:12)(cid:55)(cid:9)(cid:301)" * 5) or "")
    assert "ToUnicode" in (unreadable_reason("\ue001\ue002\ue003\ue004\ue005\ue006\ue007\ue008" * 3) or "")
    assert "mojibake" in (unreadable_reason("Ã¥Â½Â°Ã¥Å’â€“Ã§Â¸Â£Ã¦â€Â¿Ã¥ÂºÅ“") or "")
    # Big5 bytes read as GB18030: CJK characters, nearly all of them rare.
    wrong = "臺中市政府出國報告提要國際事務科".encode("big5").decode("gb18030", errors="replace")
    assert unreadable_reason(wrong * 3) is not None
