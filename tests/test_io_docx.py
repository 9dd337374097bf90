"""Word files in: paragraphs and tables in document order."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

import reportnlp
from reportnlp.errors import UnreadableFileError


def _write_report(path: Path, seed_text: str) -> None:
    import docx

    document = docx.Document()
    header = seed_text.partition("壹、摘要")[0]
    for line in header.strip().splitlines():
        document.add_paragraph(line)
    document.add_paragraph("壹、摘要")
    document.add_paragraph("本府代表團前往斯里蘭卡可倫坡參加城市聯絡網大會。")
    document.add_paragraph("貳、過程")
    document.add_paragraph("一、行程表")
    table = document.add_table(rows=3, cols=3)
    for row, cells in zip(table.rows, [("日期", "地點", "行程"),
                                       ("106.11.04", "臺中→斯里蘭卡", "搭乘班機"),
                                       ("106.11.05", "斯里蘭卡", "參加大會")], strict=True):
        for cell, value in zip(row.cells, cells, strict=True):
            cell.text = value
    document.add_paragraph("參、心得")
    document.add_paragraph("收穫豐富。")
    document.save(path)


def test_io_docx_paragraphs_and_tables_in_order(tmp_path: Path, seed_path: Path) -> None:
    path = tmp_path / "report.docx"
    _write_report(path, seed_path.read_text(encoding="utf-8"))
    report = reportnlp.parse_file(path)
    assert report.source.media_type.endswith("wordprocessingml.document")
    assert report.title == "臺中市政府出席斯里蘭卡可倫坡「2017城市聯絡網30周年大會」"
    assert report.period.start == dt.date(2017, 11, 4)
    assert [(r.date.isoformat(), r.location) for r in report.itinerary] == [
        ("2017-11-04", "臺中→斯里蘭卡"), ("2017-11-05", "斯里蘭卡")]
    assert [s.heading for s in report.sections] == ["壹、摘要", "貳、過程", "參、心得"]


def test_io_docx_corrupt_file_is_a_typed_error(tmp_path: Path) -> None:
    path = tmp_path / "broken.docx"
    path.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(UnreadableFileError, match=r"broken\.docx: cannot read file"):
        reportnlp.parse_file(path)
