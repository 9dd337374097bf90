"""reportnlp batch: accounting, resuming after kill -9, Dask, sinks, archives, time limits."""

from __future__ import annotations

import io
import json
import os
import signal
import sqlite3
import subprocess
import sys
import tarfile
import time
import zipfile
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from reportnlp import batch
from reportnlp.batch.archives import ArchiveLimits
from reportnlp.batch.entries import InputFile, Skipped
from reportnlp.batch.manifest import Manifest
from reportnlp.batch.sinks import open_sink
from reportnlp.batch.sources import Inputs
from reportnlp.batch.workers import SLOWDOWN_ENV, Outcome
from reportnlp.cli import app
from reportnlp.model import Report, Source

ROOT = Path(__file__).resolve().parents[1]
CORPUS_FILES = sorted((ROOT / "corpora").glob("*/*.txt"))
SEED = ROOT / "corpora" / "local" / "taichung_citynet_2017.txt"
TRUNCATED_PDF = b"%PDF-1.4\n1 0 obj"
JPEG_HEADER = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"


def copy_reports(folder: Path, count: int, start: int = 0) -> list[Path]:
    """``count`` corpus reports in ``folder``; copies get i newlines appended so hashes differ."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(start, start + count):
        source = CORPUS_FILES[i % len(CORPUS_FILES)]
        target = folder / f"r{i:03d}_{source.name}"
        target.write_bytes(source.read_bytes() + b"\n" * (i // len(CORPUS_FILES)))
        paths.append(target)
    return paths


def jsonl(path: Path) -> list[dict[str, Any]]:
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def by_hash(records: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {r["source"]["sha256"]: r for r in records}


@pytest.fixture(scope="module")
def mixed_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, batch.BatchSummary]:
    """Four reports and four bad inputs, parsed once into JSONL."""
    folder = tmp_path_factory.mktemp("mixed")
    src = folder / "src"
    copy_reports(src / "nested", 2)
    copy_reports(src, 2, start=2)
    (src / "empty.txt").write_bytes(b"")
    (src / "truncated.pdf").write_bytes(TRUNCATED_PDF)
    (src / "photo.pdf").write_bytes(JPEG_HEADER)
    (src / "notes.xyz").write_text("not a report", encoding="utf-8")
    dest = folder / "out.jsonl"
    return src, dest, batch.run(src, dest, workers=2)


@pytest.fixture(scope="module")
def twenty(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, dict[str, Any]]]:
    """Twenty distinct inputs and their records from one uninterrupted local run."""
    folder = tmp_path_factory.mktemp("twenty")
    copy_reports(folder / "src", 20)
    summary = batch.run(folder / "src", folder / "full.jsonl", workers=2)
    assert summary.parsed == 20, summary
    return folder / "src", by_hash(jsonl(folder / "full.jsonl"))


Mixed = tuple[Path, Path, batch.BatchSummary]


def test_batch_accounts_for_every_input_once(mixed_run: Mixed) -> None:
    src, dest, summary = mixed_run
    records = jsonl(dest)
    errors = jsonl(Path(f"{dest}.errors.jsonl"))
    inputs = sorted(str(p) for p in src.rglob("*") if p.is_file())
    written = [r["source"]["path"] for r in records] + [e["path"] for e in errors]
    assert len(written) == len(set(written))
    assert sorted([*written, str(src / "notes.xyz")]) == inputs
    assert {Path(e["path"]).name: e["code"] for e in errors} == {
        "empty.txt": "E101", "truncated.pdf": "E108", "photo.pdf": "E108"}
    assert all(e["stage"] == "read" and e["sha256"] and e["reason"] for e in errors)
    assert (summary.inputs, summary.parsed, summary.failed, summary.skipped) == (8, 4, 3, 1)
    assert summary.skip_reasons == {"unsupported type .xyz": 1}
    assert summary.exit_code == 1
    assert all(r["source"]["sha256"] and r["title"] for r in records)


def test_batch_rerun_skips_what_is_done(mixed_run: Mixed) -> None:
    src, dest, _ = mixed_run
    before = dest.read_bytes()
    again = batch.run(src, dest, workers=1)
    assert (again.parsed, again.failed, again.already_done, again.skipped) == (0, 0, 7, 1)
    assert dest.read_bytes() == before
    assert len(jsonl(Path(f"{dest}.errors.jsonl"))) == 3


def test_batch_force_redoes(tmp_path: Path) -> None:
    copy_reports(tmp_path / "src", 2)
    dest = tmp_path / "out.jsonl"
    batch.run(tmp_path / "src", dest, workers=1)
    assert batch.run(tmp_path / "src", dest, workers=1).already_done == 2
    forced = batch.run(tmp_path / "src", dest, workers=1, force=True)
    assert (forced.parsed, forced.already_done) == (2, 0)
    assert len(jsonl(dest)) == 2


def test_batch_resumes_after_kill_9(tmp_path: Path, twenty: tuple[Path, dict[str, Any]]) -> None:
    src, expected = twenty
    dest = tmp_path / "out.jsonl"
    command = [sys.executable, "-c", "from reportnlp.cli import app; app()", "batch", str(src),
               "--out", str(dest), "--workers", "2", "--no-progress"]
    env = os.environ | {SLOWDOWN_ENV: "0.3"}
    process = subprocess.Popen(command, env=env, start_new_session=True,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    written = 0
    try:
        deadline = time.monotonic() + 60
        while written < 4:
            assert process.poll() is None, "the batch ended before it could be killed"
            assert time.monotonic() < deadline, "no records written within 60 s"
            time.sleep(0.05)
            written = dest.read_bytes().count(b"\n") if dest.exists() else 0
    finally:
        os.killpg(process.pid, signal.SIGKILL)  # the batch and its workers
        process.wait()
    assert 4 <= written < 20
    resumed = batch.run(src, dest, workers=2)
    records = jsonl(dest)
    assert len(records) == len(by_hash(records)) == 20
    assert by_hash(records) == expected
    assert resumed.already_done + resumed.parsed == 20
    assert resumed.already_done < 20
    assert not jsonl(Path(f"{dest}.errors.jsonl"))


def test_batch_ctrl_c_commits_and_resumes(tmp_path: Path,
                                          twenty: tuple[Path, dict[str, Any]]) -> None:
    src, expected = twenty
    dest = tmp_path / "out.sqlite"
    command = [sys.executable, "-c", "from reportnlp.cli import app; app()", "batch", str(src),
               "--out", str(dest), "--workers", "2", "--no-progress"]
    process = subprocess.Popen(command, env=os.environ | {SLOWDOWN_ENV: "0.3"},
                               stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    deadline = time.monotonic() + 60
    manifest = Path(f"{dest}.manifest.sqlite")
    while not manifest.exists() or _count(manifest, "files") < 2:
        assert process.poll() is None and time.monotonic() < deadline
        time.sleep(0.05)
    process.send_signal(signal.SIGINT)
    stdout, _ = process.communicate(timeout=60)
    assert process.returncode == 130 and "interrupted" in stdout
    stopped_at = _count(dest, "reports")
    assert 2 <= stopped_at < 20 and _count(manifest, "files") == stopped_at
    resumed = batch.run(src, dest, workers=2)
    assert (resumed.already_done, resumed.parsed) == (stopped_at, 20 - stopped_at)
    db = sqlite3.connect(dest)
    assert {json.loads(raw)["source"]["sha256"]: json.loads(raw)
            for (raw,) in db.execute("SELECT raw FROM reports")} == expected


def _count(database: Path, table: str) -> int:
    """Rows in a table of a database another process is writing (0 while it is created)."""
    db = sqlite3.connect(database)
    try:
        return int(db.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
    except sqlite3.OperationalError:
        return 0
    finally:
        db.close()


def test_batch_dask_matches_local(tmp_path: Path, twenty: tuple[Path, dict[str, Any]]) -> None:
    distributed = pytest.importorskip("distributed")
    src, expected = twenty
    dest = tmp_path / "dask.jsonl"
    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster:
        summary = batch.run(src, dest, scheduler=cluster.scheduler_address)
    assert summary.parsed == 20 and summary.executor.startswith("dask")
    assert by_hash(jsonl(dest)) == expected


def test_batch_sqlite_who_went_where_when(tmp_path: Path) -> None:
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / SEED.name).write_bytes(SEED.read_bytes())
    dest = tmp_path / "reports.sqlite"
    assert batch.run(tmp_path / "src", dest, workers=1).parsed == 1
    db = sqlite3.connect(dest)
    rows = db.execute(
        "SELECT t.name, d.name, r.period_start, r.period_end FROM reports r "
        "JOIN travelers t ON t.report_id = r.id JOIN destinations d ON d.report_id = r.id "
        "WHERE t.name = ?", ("任珮諤",)).fetchall()
    assert rows == [("任珮諤", "斯里蘭卡", "2017-11-04", "2017-11-09")]
    assert db.execute("SELECT traveler, period_start FROM trips WHERE destination = '斯里蘭卡'"
                      ).fetchall() == [("任珮諤", "2017-11-04")]
    report_id, raw = db.execute("SELECT id, raw FROM reports").fetchone()
    assert json.loads(raw)["source"]["sha256"] == report_id
    assert json.loads(db.execute("SELECT destinations FROM reports").fetchone()[0]) == ["斯里蘭卡"]
    for table in ("sections", "itinerary", "entities", "dates"):
        assert db.execute(f"SELECT count(*) FROM {table} WHERE report_id = ?",
                          (report_id,)).fetchone()[0] > 0, table
    plan = db.execute("EXPLAIN QUERY PLAN SELECT * FROM travelers WHERE name = '任珮諤'").fetchall()
    assert "ix_travelers_name" in str(plan)


def test_batch_parquet_one_row_per_report(tmp_path: Path) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    copy_reports(tmp_path / "src", 3)
    dest = tmp_path / "reports.parquet"
    summary = batch.run(tmp_path / "src", dest, workers=1, parquet_part_rows=2, commit_every=1)
    table = pq.read_table(dest)
    assert summary.parsed == table.num_rows == 3
    assert len(set(table.column("id").to_pylist())) == 3
    assert sorted(p.name for p in Path(f"{dest}.parts").iterdir()) == [
        "part-00001.parquet", "part-00002.parquet"]
    row = table.slice(0, 1).to_pylist()[0]
    assert isinstance(json.loads(row["travelers"]), list) and row["text"]


@pytest.mark.parametrize("suffix", [".jsonl", ".sqlite", ".parquet"])
def test_batch_sink_recovery_drops_what_was_never_committed(tmp_path: Path, suffix: str) -> None:
    if suffix == ".parquet":
        pytest.importorskip("pyarrow")
    dest = tmp_path / f"out{suffix}"
    manifest_path = Path(f"{dest}.manifest.sqlite")

    def record(n: int) -> dict[str, Any]:
        report = Report(source=Source(sha256=f"{n:064x}"), title=f"report {n}")
        return report.model_dump(mode="json")

    manifest = Manifest(manifest_path)
    sink = open_sink(dest, manifest_path)
    sink.recover(manifest)
    for n in (1, 2):
        sink.write(f"{n:064x}", record(n))
    keys, state = sink.durable(final=True)
    manifest.commit([(key, "x", "ok") for key in keys], state)
    sink.write(f"{3:064x}", record(3))
    sink.durable(final=True)  # durable in the output, then killed before the manifest commit
    sink.close()
    manifest.close()

    manifest = Manifest(manifest_path)
    sink = open_sink(dest, manifest_path)
    sink.recover(manifest)
    sink.finish()
    sink.close()
    manifest.close()
    if suffix == ".jsonl":
        titles = [r["title"] for r in jsonl(dest)]
    elif suffix == ".sqlite":
        with sqlite3.connect(dest) as db:
            titles = [t for (t,) in db.execute("SELECT title FROM reports ORDER BY title")]
    else:
        import pyarrow.parquet as pq

        titles = pq.read_table(dest).column("title").to_pylist()
    assert sorted(titles) == ["report 1", "report 2"]


def test_batch_zip_member_cannot_escape(tmp_path: Path) -> None:
    archive = tmp_path / "in" / "reports.zip"
    archive.parent.mkdir()
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zipped:
        zipped.writestr("../evil.txt", SEED.read_bytes())
        zipped.writestr("/tmp/abs_evil.txt", SEED.read_bytes() + b"\n")
        zipped.writestr("reports/seed.txt", SEED.read_bytes() + b"\n\n")
    dest = tmp_path / "out" / "out.jsonl"
    summary = batch.run(archive, dest, workers=1)
    assert not (tmp_path / "evil.txt").exists() and not (tmp_path / "in" / "evil.txt").exists()
    assert not Path("/tmp/abs_evil.txt").exists()
    assert sorted(p.name for p in tmp_path.rglob("*") if p.is_file()) == [
        "out.jsonl", "out.jsonl.errors.jsonl", "out.jsonl.manifest.sqlite", "reports.zip"]
    errors = jsonl(Path(f"{dest}.errors.jsonl"))
    assert [e["code"] for e in errors] == ["E204", "E204"]
    assert [r["source"]["path"] for r in jsonl(dest)] == [f"{archive}!reports/seed.txt"]
    assert (summary.parsed, summary.failed) == (1, 2)


def test_batch_archive_limits_stop_bombs(tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.zip"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as zipped:
        zipped.writestr("zeros.txt", b"\0" * (8 << 20))
        zipped.writestr("fine.txt", SEED.read_bytes())
    (tmp_path / "work").mkdir()
    limits = ArchiveLimits(ratio_floor_bytes=1 << 20)
    entries = list(Inputs(bomb, tmp_path / "work", limits))
    assert isinstance(entries[0], Outcome) and entries[0].code == "E205"
    assert "compression ratio" in (entries[0].reason or "")
    assert isinstance(entries[1], InputFile) and entries[1].path.parent == tmp_path / "work"

    crowded_zip = tmp_path / "crowded.zip"
    with zipfile.ZipFile(crowded_zip, "w") as zipped:
        for i in range(5):
            zipped.writestr(f"r{i}.txt", b"abc")
    [refused] = list(Inputs(crowded_zip, tmp_path / "work", ArchiveLimits(max_members=3)))
    assert isinstance(refused, Outcome) and refused.code == "E205"
    assert refused.display == str(crowded_zip) and "5 members" in (refused.reason or "")

    crowded = tmp_path / "crowded.tar.gz"
    with tarfile.open(crowded, "w:gz") as tar:
        for i in range(5):
            info = tarfile.TarInfo(f"r{i}.txt")
            info.size = 3
            tar.addfile(info, io.BytesIO(b"abc"))
    entries = list(Inputs(crowded, tmp_path / "work", ArchiveLimits(max_members=3)))
    assert [type(e) for e in entries] == [InputFile, InputFile, InputFile, Outcome]
    assert entries[-1].code == "E205" and "more than 3 members" in (entries[-1].reason or "")


def test_batch_list_file_and_skips(tmp_path: Path) -> None:
    reports = copy_reports(tmp_path / "src", 2)
    (tmp_path / "src" / "data.csv").write_text("a,b\n", encoding="utf-8")
    listing = tmp_path / "paths.txt"
    listing.write_text(f"# reports\n{reports[0]}\nsrc/{reports[1].name}\nsrc/data.csv\n"
                       "missing.txt\n", encoding="utf-8")
    entries = list(Inputs(f"@{listing}", tmp_path / "work"))
    assert [type(e).__name__ for e in entries] == ["InputFile", "InputFile", "Skipped", "Outcome"]
    assert isinstance(entries[2], Skipped) and entries[2].reason == "unsupported type .csv"
    assert isinstance(entries[3], Outcome) and entries[3].code == "E102"


def test_batch_timeout_fails_file_and_replaces_worker(tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    copy_reports(tmp_path / "src", 2)
    (tmp_path / "src" / "hang.txt").write_bytes(SEED.read_bytes() + b"\n\n\n")
    monkeypatch.setenv(SLOWDOWN_ENV, "60:hang.txt")
    began = time.monotonic()
    summary = batch.run(tmp_path / "src", tmp_path / "out.jsonl", workers=1, timeout=2)
    assert time.monotonic() - began < 30
    assert (summary.parsed, summary.failed) == (2, 1)
    [error] = jsonl(tmp_path / "out.jsonl.errors.jsonl")
    assert Path(error["path"]).name == "hang.txt"
    assert (error["stage"], error["code"]) == ("timeout", "E201")


def test_batch_cli_prints_summary_and_exit_status(tmp_path: Path) -> None:
    copy_reports(tmp_path / "src", 1)
    (tmp_path / "src" / "empty.txt").write_bytes(b"")
    dest = tmp_path / "out.jsonl"
    result = CliRunner().invoke(app, ["batch", str(tmp_path / "src"), "--out", str(dest),
                                      "--workers", "1", "--no-progress", "--json"])
    assert result.exit_code == 1, result.output
    summary = json.loads(result.stdout)
    assert (summary["parsed"], summary["failed"]) == (1, 1)
    result = CliRunner().invoke(app, ["batch", str(tmp_path / "nope"), "--out", str(dest)])
    assert result.exit_code == 2 and "E215" in result.stderr


def test_batch_a_duplicate_input_is_accounted_for(tmp_path: Path) -> None:
    src = tmp_path / "src"
    first, = copy_reports(src, 1)
    (src / "copy_of_it.txt").write_bytes(first.read_bytes())
    dest = tmp_path / "out.jsonl"
    summary = batch.run(src, dest, workers=1)
    assert (summary.parsed, summary.duplicates, summary.failed, summary.exit_code) == (1, 1, 0, 0)
    records, errors = jsonl(dest), jsonl(Path(f"{dest}.errors.jsonl"))
    written = {r["source"]["path"] for r in records} | {e["path"] for e in errors}
    assert written == {str(first), str(src / "copy_of_it.txt")}
    duplicate, = errors
    assert duplicate["code"] == "E207" and duplicate["stage"] == "duplicate"
    assert records[0]["source"]["path"] in duplicate["reason"]
