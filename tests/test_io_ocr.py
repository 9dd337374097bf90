"""After OCR: confusions corrected, names the gazetteers know restored, engines chosen."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from reportnlp.cli import app
from reportnlp.errors import InputError
from reportnlp.io.ocr import engine_name
from reportnlp.io.ocr_text import checkbox_row, fix_confusions, restore_names


def test_io_ocr_restores_one_misread_inner_character_of_a_known_name() -> None:
    evidence = "行政院農業委員會動植物防疫檢疫局"
    text, restored = restore_names("服務機關：行政院農業委員會動植物防疫撿疫局", evidence)
    assert text == "服務機關：行政院農業委員會動植物防疫檢疫局" and restored == 1


def test_io_ocr_never_restores_without_evidence_or_at_a_name_edge() -> None:
    misread = "服務機關：行政院農業委員會動植物防疫撿疫局"
    assert restore_names(misread, "") == (misread, 0)  # the right form is written nowhere
    # 秘書長 differs from 秘書處 in its last character: another word, not a misreading.
    text = "臺中市政府秘書長致詞；臺中市政府秘書處"
    assert restore_names(text, text) == (text, 0)


def test_io_ocr_cjk_spaces_and_checkbox_rows() -> None:
    assert fix_confusions("臺 中 市 政府") == "臺中市政府"
    assert fix_confusions("IEEE ICC 2023") == "IEEE ICC 2023"
    assert fix_confusions("第—天\n—、目的\n（—）緣起") == "第一天\n一、目的\n（一）緣起"
    assert checkbox_row("出國類別：口考察 回開會") == "出國類別：□考察 ■開會"


def test_io_ocr_engine_is_chosen_by_name(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("REPORTNLP_OCR_ENGINE", raising=False)
    assert engine_name() == "tesseract"
    monkeypatch.setenv("REPORTNLP_OCR_ENGINE", "RapidOCR")
    assert engine_name() == "rapidocr"
    monkeypatch.setenv("REPORTNLP_OCR_ENGINE", "abbyy")
    with pytest.raises(InputError, match="E113"):
        engine_name()


def test_io_ocr_rapidocr_engine_reads_a_page(rendered_reports: dict[str, Any], tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    """The second engine, chosen on the command line, reads a page into the same report."""
    from reportnlp.io import rapid_ocr

    if not rapid_ocr.available() or shutil.which("pdftoppm") is None:
        pytest.skip("rapidocr-onnxruntime or pdftoppm not installed (make setup installs them)")
    monkeypatch.setenv("REPORTNLP_OCR_ENGINE", "tesseract")  # restored after the test
    subprocess.run(["pdftoppm", "-r", "200", "-gray", "-f", "1", "-l", "1", "-png",
                    str(rendered_reports["changhua_agri_foodex_2017"].text_pdf),
                    str(tmp_path / "page")], check=True)
    image = next(tmp_path.glob("page*.png"))
    result = CliRunner().invoke(app, ["--ocr-engine", "rapidocr", "parse", str(image)])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["source"]["ocr_engine"] == "rapidocr" and report["period"] is not None
    assert 0 < report["source"]["ocr_confidence"]["1"] <= 1


def test_io_ocr_unknown_engine_on_the_command_line(monkeypatch: pytest.MonkeyPatch,
                                                   seed_path: Path) -> None:
    monkeypatch.setenv("REPORTNLP_OCR_ENGINE", "tesseract")
    result = CliRunner().invoke(app, ["--ocr-engine", "abbyy", "parse", str(seed_path)])
    assert result.exit_code == 2 and "E113" in result.output
