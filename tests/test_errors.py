"""Bad input never crashes: a typed error naming the file, or a Report with a warning."""

from __future__ import annotations

from pathlib import Path

import pytest

import reportnlp
from reportnlp.errors import InputError, ReportNLPError, UnreadableFileError, UnsupportedFormatError


def test_errors_empty_text_gives_report_with_warning() -> None:
    report = reportnlp.parse_text("")
    assert report.warnings == ["the text is empty"]
    assert report.sections == []


def test_errors_text_that_is_no_report_warns() -> None:
    report = reportnlp.parse_text("今天天氣很好，我們去公園散步，然後吃了晚餐。")
    assert any("does not look like a trip report" in w for w in report.warnings)
    assert report.sections == []  # no headings, no sections (corpora/README.md)
    assert any("no section headings" in w for w in report.warnings)


def test_errors_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    with pytest.raises(InputError, match=r"empty.txt: file is empty") as info:
        reportnlp.parse_file(path)
    assert info.value.code == "E101"


def test_errors_missing_file(tmp_path: Path) -> None:
    with pytest.raises(UnreadableFileError, match="does not exist"):
        reportnlp.parse_file(tmp_path / "nope.txt")


def test_errors_file_that_is_no_report(tmp_path: Path) -> None:
    path = tmp_path / "poem.txt"
    path.write_text("床前明月光\n疑是地上霜\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"poem.txt: does not look like a trip report"):
        reportnlp.parse_file(path)


def test_errors_whitespace_only_file(tmp_path: Path) -> None:
    path = tmp_path / "blank.txt"
    path.write_text("  \n\n\t\n", encoding="utf-8")
    with pytest.raises(InputError, match="contains no text"):
        reportnlp.parse_file(path)


def test_errors_undecodable_bytes(tmp_path: Path) -> None:
    path = tmp_path / "binary.txt"
    path.write_bytes(bytes([0x81, 0x30, 0xFF, 0xFE, 0x80]) * 50)
    with pytest.raises(ReportNLPError):
        reportnlp.parse_file(path)


def test_errors_unsupported_suffix(tmp_path: Path) -> None:
    path = tmp_path / "report.xyz"
    path.write_text("x", encoding="utf-8")
    with pytest.raises(UnsupportedFormatError, match=r"report.xyz: unsupported file type"):
        reportnlp.parse_file(path)


def test_errors_jpeg_named_pdf(tmp_path: Path) -> None:
    path = tmp_path / "photo.pdf"
    path.write_bytes(b"\xff\xd8\xff\xe0" + b"\x00" * 100)
    with pytest.raises(UnreadableFileError, match=r"photo.pdf: PDF is corrupt"):
        reportnlp.parse_file(path)


def test_errors_truncated_pdf(tmp_path: Path) -> None:
    path = tmp_path / "cut.pdf"
    path.write_bytes(b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog")
    with pytest.raises(UnreadableFileError, match=r"cut.pdf"):
        reportnlp.parse_file(path)


@pytest.mark.parametrize("encoding", ["cp950", "big5", "utf-16", "utf-8-sig"])
def test_errors_legacy_encodings_parse_like_utf8(
    tmp_path: Path, seed_path: Path, encoding: str
) -> None:
    path = tmp_path / f"seed.{encoding}.txt"
    path.write_bytes(seed_path.read_text(encoding="utf-8").encode(encoding))
    report = reportnlp.parse_file(path)
    assert report.title == "臺中市政府出席斯里蘭卡可倫坡「2017城市聯絡網30周年大會」"
    assert report.source.encoding in {"cp950", "utf-16", "utf-8"}


def test_errors_messages_carry_code_and_path(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    with pytest.raises(ReportNLPError) as info:
        reportnlp.parse_file(path)
    assert str(info.value).startswith("[E101] ")
    assert str(path) in info.value.reason


def test_errors_internal_failure_is_typed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import reportnlp.pipeline

    def broken(_raw: object) -> None:
        raise KeyError("boom")

    monkeypatch.setattr(reportnlp.pipeline, "parse_document", broken)
    path = tmp_path / "report.txt"
    path.write_text("出國期間：106年11月4日至106年11月9日", encoding="utf-8")
    with pytest.raises(ReportNLPError, match=r"report.txt: internal error while parsing") as info:
        reportnlp.parse_file(path)
    assert info.value.code == "E190"
