"""Typed limits on input size, long texts in bounded pieces, and text the archives hold in
other shapes: GB18030, control characters (reportnlp.limits, pipeline.windows, io)."""

from __future__ import annotations

import itertools
import subprocess
import sys
from pathlib import Path

import pytest

import reportnlp
from reportnlp.errors import InputError
from reportnlp.pipeline import windows

ROOT = Path(__file__).resolve().parents[1]
SEED = (ROOT / "corpora" / "local" / "taichung_citynet_2017.txt").read_text(encoding="utf-8")


def test_limits_text_over_the_limit_is_a_typed_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("REPORTNLP_MAX_CHARS", "1000")
    with pytest.raises(InputError, match="E111"):
        reportnlp.parse_text(SEED)


def test_limits_file_over_the_limit_from_parse_file_and_cli(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_text(SEED, encoding="utf-8")
    env = {"REPORTNLP_MAX_CHARS": "1000", "PATH": ""}
    command = Path(sys.executable).with_name("reportnlp")
    result = subprocess.run([str(command), "parse", str(path)],
                            capture_output=True, text=True, env=env, check=False)
    assert result.returncode != 0
    assert "E111" in result.stderr and "Traceback" not in result.stderr


def test_limits_parse_file_raises_e111(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "big.txt"
    path.write_text(SEED, encoding="utf-8")
    monkeypatch.setenv("REPORTNLP_MAX_CHARS", "1000")
    with pytest.raises(InputError, match=r"E111.*big\.txt"):
        reportnlp.parse_file(path)


def test_limits_windows_cover_the_text_at_breaks() -> None:
    text = ("段落一行文字。\n" * 30 + "\n") * 50
    pieces = windows(text, size=500)
    assert pieces[0][0] == 0 and pieces[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in itertools.pairwise(pieces))
    assert all(stop - start <= 500 for start, stop in pieces)
    assert all(text[stop - 1] == "\n" for _, stop in pieces[:-1])


def test_limits_a_text_past_spacys_length_limit_parses() -> None:
    text = (SEED + "\n\n") * (1_500_000 // len(SEED) + 1)
    assert len(text) > 1_500_000
    report = reportnlp.parse_text(text)
    assert report.entities and report.entities[-1].end > 1_400_000
    assert all(report.text[e.start:e.end] == e.text for e in report.entities[-50:])


def test_limits_gb18030_file_parses(tmp_path: Path) -> None:
    text = ("关于赴厦门参加海峡两岸关务合作会议的出国报告\n\n出国期间：2023年5月6日至5月9日\n"
            "出国地区：福建省厦门市\n报告日期：2023年6月1日\n\n一、目的\n加强两岸关务合作。\n")
    path = tmp_path / "mainland.txt"
    path.write_bytes(text.encode("gb18030"))
    report = reportnlp.parse_file(path)
    assert report.source.encoding == "gb18030"
    assert report.destinations == ["福建省厦门市"]


def test_limits_control_characters_removed_with_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "nul.txt"
    path.write_text(SEED.replace("出國期間", "出國\x00期間", 1).replace("。", "。\x07", 3),
                    encoding="utf-8")
    report = reportnlp.parse_file(path)
    assert "\x00" not in report.text and "\x07" not in report.text
    assert any("control character" in w for w in report.warnings)
    assert report.period is not None
