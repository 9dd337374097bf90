"""The reportnlp command: parse, schema, evaluate."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from reportnlp.cli import app

runner = CliRunner()


def test_cli_parse_prints_one_json_object(seed_path: Path) -> None:
    result = runner.invoke(app, ["parse", str(seed_path)])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["period"] == {"start": "2017-11-04", "end": "2017-11-09"}


def test_cli_parse_several_files_is_json_lines(seed_path: Path) -> None:
    result = runner.invoke(app, ["parse", str(seed_path), str(seed_path)])
    lines = result.stdout.strip().split("\n")
    assert len(lines) == 2
    assert all(json.loads(line)["report_type"] == "提要" for line in lines)


def test_cli_parse_bad_file_reports_error_and_fails(tmp_path: Path, seed_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    result = runner.invoke(app, ["parse", str(empty), str(seed_path)])
    assert result.exit_code == 1
    assert "empty.txt: file is empty" in result.stderr
    assert json.loads(result.stdout)["title"]


def test_cli_parse_summary_is_a_table(seed_path: Path) -> None:
    result = runner.invoke(app, ["parse", "--summary", str(seed_path)])
    assert result.exit_code == 0
    assert "1 reports parsed, 0 failed" in result.stdout


def test_cli_schema_is_json_schema() -> None:
    result = runner.invoke(app, ["schema"])
    assert result.exit_code == 0
    assert json.loads(result.stdout)["title"] == "Report"
