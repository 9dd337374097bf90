"""A batch's SQLite opens in Datasette: full-text search through its JSON API, foreign keys
and the metadata file the batch writes beside it."""

from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote

from conftest import CORPORA, SEED
from reportnlp.batch import run


def _datasette(database: Path, path: str) -> object:
    """GET ``path`` from the real ``datasette`` command (``--get``: no port, no server left)."""
    command = [str(Path(sys.executable).with_name("datasette")), str(database),
               "-m", str(database.with_suffix(".metadata.json")), "--get", path]
    result = subprocess.run(command, capture_output=True, text=True, check=True, timeout=120)
    return json.loads(result.stdout)


def test_datasette_searches_section_texts_of_a_batch(tmp_path: Path) -> None:
    src = tmp_path / "src"
    src.mkdir()
    for path in [SEED, *sorted(CORPORA.glob("blind04/*.txt"))[:3]]:
        shutil.copy(path, src / path.name)
    dest = tmp_path / "archive.sqlite"
    summary = run(src, dest, workers=1)
    assert summary.parsed == 4
    metadata = json.loads(dest.with_suffix(".metadata.json").read_text(encoding="utf-8"))
    tables = metadata["databases"]["archive"]["tables"]
    assert tables["sections"]["fts_table"] == "sections_fts"
    assert tables["reports"]["label_column"] == "title"

    # 城市聯絡網 is written inside the seed report's sections, run together with other words.
    found = _datasette(dest, f"/archive/sections.json?_search={quote('城市聯絡網')}&_shape=array")
    assert found and all("城市聯絡網" in row["text"] for row in found)
    titles = _datasette(dest, f"/archive/reports.json?_search={quote('斯里蘭卡')}&_shape=array")
    assert [row["title"] for row in titles] == ["臺中市政府出席斯里蘭卡可倫坡「2017城市聯絡網30周年大會」"]

    with sqlite3.connect(dest) as db:
        references = {row[2] for row in db.execute("PRAGMA foreign_key_list(travelers)")}
        assert references == {"reports"}
        flagged = db.execute("SELECT count(*) FROM reports WHERE needs_review = 1").fetchone()[0]
        assert 0 <= flagged <= 4
        confidences = [c for (c,) in db.execute("SELECT confidence FROM entities")]
        assert confidences and all(0 <= c <= 1 for c in confidences)
        period = db.execute("SELECT period_confidence FROM reports WHERE title LIKE '%斯里蘭卡%'")
        assert period.fetchone()[0] > 0.9


def test_a_rerun_keeps_the_search_index_in_step(tmp_path: Path) -> None:
    src = tmp_path / "src"
    src.mkdir()
    shutil.copy(SEED, src / SEED.name)
    dest = tmp_path / "archive.sqlite"
    run(src, dest, workers=1)
    run(src, dest, workers=1, force=True)
    with sqlite3.connect(dest) as db:
        sections = db.execute("SELECT count(*) FROM sections").fetchone()[0]
        indexed = db.execute("SELECT count(*) FROM sections_fts").fetchone()[0]
    assert sections == indexed > 0
