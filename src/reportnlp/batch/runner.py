"""The batch loop: entries in, tasks out to an executor, outcomes into the sinks.

Memory stays flat: entries are pulled one at a time, at most ``capacity``
files are in flight, and results are written as they arrive and committed in
groups (every ``commit_every`` results or ``commit_seconds``, whichever comes
first), each group made durable in the output before the manifest records it.
"""

from __future__ import annotations

import logging
import os
import shutil
import signal
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from reportnlp.batch.archives import ArchiveLimits
from reportnlp.batch.entries import Entry, InputFile, Skipped
from reportnlp.batch.executors import DaskPool, Executor, LocalPool
from reportnlp.batch.manifest import Manifest, manifest_key
from reportnlp.batch.sinks import AppendLog, Sink, open_sink, output_files
from reportnlp.batch.sources import Inputs
from reportnlp.batch.workers import Outcome, Task, failure
from reportnlp.errors import InputError

log = logging.getLogger(__name__)


@dataclass
class BatchSummary:
    """What a batch run did.

    Every input is counted once: ``inputs == parsed + failed + skipped +
    already_done + duplicates`` (an archive that could not be opened at all is
    one failed input).
    """

    source: str
    output: str
    errors_file: str
    manifest: str
    executor: str = "local"
    inputs: int = 0
    parsed: int = 0
    failed: int = 0
    skipped: int = 0
    already_done: int = 0
    duplicates: int = 0
    ocr_pages: int = 0
    seconds: float = 0.0
    interrupted: bool = False
    skip_reasons: dict[str, int] = field(default_factory=dict)
    failure_stages: dict[str, int] = field(default_factory=dict)

    @property
    def files_per_second(self) -> float:
        """Inputs parsed or failed per second of the run."""
        return (self.parsed + self.failed) / self.seconds if self.seconds else 0.0

    @property
    def exit_code(self) -> int:
        """0 when nothing failed, 1 when a file failed, 130 when interrupted."""
        return 130 if self.interrupted else (1 if self.failed else 0)

    def to_dict(self) -> dict[str, Any]:
        """The summary as JSON-ready data."""
        return asdict(self) | {"files_per_second": round(self.files_per_second, 2)}

    def render(self) -> str:
        """A few readable lines."""
        lines = [
            f"{'interrupted' if self.interrupted else 'done'}: {self.source} -> {self.output}"
            f" ({self.executor})",
            f"  parsed        {self.parsed:>8,}",
            f"  failed        {self.failed:>8,}"
            + (f"  ({_counts(self.failure_stages)}) -> {self.errors_file}" if self.failed else ""),
            f"  skipped       {self.skipped:>8,}"
            + (f"  ({_counts(self.skip_reasons)})" if self.skipped else ""),
            f"  already done  {self.already_done:>8,}",
            f"  duplicates    {self.duplicates:>8,}",
            f"  pages OCR'd   {self.ocr_pages:>8,}",
            f"  seconds       {self.seconds:>8.1f}  ({self.files_per_second:.1f} files/s)",
        ]
        if self.interrupted:
            lines.append("  run the same command again to resume")
        return "\n".join(lines)


def _counts(counts: dict[str, int]) -> str:
    return ", ".join(f"{name}: {n}" for name, n in sorted(counts.items(), key=lambda kv: -kv[1]))


class _Progress:
    """A tqdm bar on stderr (files/s, ETA), or nothing."""

    def __init__(self, total: int | None, enabled: bool) -> None:
        self.bar: Any = None
        if enabled:
            from tqdm import tqdm

            self.bar = tqdm(total=total, unit=" files", file=sys.stderr, dynamic_ncols=True,
                            smoothing=0.1)

    def step(self, failed: int) -> None:
        if self.bar is not None:
            self.bar.update(1)
            if failed:
                self.bar.set_postfix(failed=failed, refresh=False)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


class _Batch:
    """One run's state: what is in flight, written but not committed, and the counts."""

    def __init__(self, manifest: Manifest, sink: Sink, errors: AppendLog, executor: Executor,
                 summary: BatchSummary, progress: _Progress, commit_every: int,
                 commit_seconds: float, stop: _StopRequest) -> None:
        self.manifest = manifest
        self.stop = stop
        self.sink = sink
        self.errors = errors
        self.executor = executor
        self.summary = summary
        self.progress = progress
        self.commit_every = commit_every
        self.commit_seconds = commit_seconds
        self.inflight: dict[str, InputFile] = {}
        self.written: dict[str, str] = {}  # key -> path, in the sink but not yet committed
        self.failed: dict[str, str] = {}  # key -> path, in the errors file, not yet committed
        self.first_path: dict[str, str] = {}  # key -> the path it was first read from, this run
        self.since_commit = 0
        self.last_commit = time.monotonic()

    def feed(self, entry: Entry) -> None:
        """Account for one entry: skip it, record its failure, or send it to a worker."""
        self.summary.inputs += 1
        if isinstance(entry, Skipped):
            self.summary.skipped += 1
            reasons = self.summary.skip_reasons
            reasons[entry.reason] = reasons.get(entry.reason, 0) + 1
            self.progress.step(self.summary.failed)
        elif isinstance(entry, Outcome):
            self._seen_or(entry.sha256, entry.display, lambda: self.record(entry))
        else:
            self._seen_or(entry.sha256, entry.display, lambda: self._submit(entry), entry)
        while self.executor.inflight() >= self.executor.capacity and not self.stop.requested:
            self.drain(wait=0.5)
        self.maybe_commit()

    def _seen_or(self, sha256: str | None, display: str, then: Any,
                 entry: InputFile | None = None) -> None:
        key = manifest_key(sha256, display)
        first = self.first_path.get(key)
        if first is not None or (run := self.manifest.done_by(key)) == self.manifest.run_id:
            # The same content again in this run: parsed once, and this copy says where.
            self.summary.duplicates += 1
            self.errors.append(failure(display, sha256, "duplicate", "E207",
                                       first=first or "an earlier input").error_record())
        elif run is not None:
            self.summary.already_done += 1
        else:
            self.first_path[key] = display
            then()
            return
        if entry is not None and entry.temporary:
            entry.path.unlink(missing_ok=True)
        self.progress.step(self.summary.failed)

    def _submit(self, entry: InputFile) -> None:
        self.inflight[entry.sha256] = entry
        self.executor.submit(Task(display=entry.display, sha256=entry.sha256,
                                  path=str(entry.path), suffix=entry.suffix))

    def drain(self, wait: float) -> None:
        """Record whatever the workers finished (waiting up to ``wait`` s for something)."""
        for outcome in self.executor.results(wait):
            entry = self.inflight.pop(outcome.sha256 or "", None)
            if entry is not None and entry.temporary:
                entry.path.unlink(missing_ok=True)
            self.record(outcome)
        self.maybe_commit()

    def record(self, outcome: Outcome) -> None:
        """Write one outcome to the output or the errors file (not yet committed)."""
        key = manifest_key(outcome.sha256, outcome.display)
        if outcome.record is not None:
            self.sink.write(key, outcome.record)
            self.written[key] = outcome.display
            self.summary.parsed += 1
            self.summary.ocr_pages += outcome.ocr_pages
        else:
            self.errors.append(outcome.error_record())
            self.failed[key] = outcome.display
            self.summary.failed += 1
            stage = outcome.stage or "internal"
            self.summary.failure_stages[stage] = self.summary.failure_stages.get(stage, 0) + 1
            log.info("failed: %s", outcome.reason)
        self.since_commit += 1
        self.progress.step(self.summary.failed)

    def maybe_commit(self) -> None:
        """Commit when enough results or time have gone by."""
        if self.since_commit and (self.since_commit >= self.commit_every
                                  or time.monotonic() - self.last_commit >= self.commit_seconds):
            self.commit()

    def commit(self, final: bool = False) -> None:
        """Make written results durable, then record them in the manifest."""
        keys, state = self.sink.durable(final)
        state |= self.errors.durable()
        rows = [(key, self.written.pop(key), "ok") for key in keys]
        rows += [(key, path, "failed") for key, path in self.failed.items()]
        self.manifest.commit(rows, state)
        self.failed.clear()
        self.since_commit = 0
        self.last_commit = time.monotonic()

    def finish(self) -> None:
        """Wait for every file in flight (unless asked to stop)."""
        while self.executor.inflight() and not self.stop.requested:
            self.drain(wait=0.5)


def _remove(paths: list[Path]) -> None:
    for path in paths:
        if path.is_dir():
            shutil.rmtree(path)
        else:
            path.unlink(missing_ok=True)


def run(
    source: str | Path,
    out: str | Path,
    *,
    workers: int | None = None,
    scheduler: Any = None,
    timeout: float | None = 300.0,
    errors: str | Path | None = None,
    force: bool = False,
    from_list: bool = False,
    progress: bool = False,
    limits: ArchiveLimits | None = None,
    commit_every: int = 64,
    commit_seconds: float = 1.0,
    parquet_part_rows: int = 256,
) -> BatchSummary:
    """Parse every report under ``source`` into ``out``; resumable, parallel.

    Args:
        source: a folder (recursive), a glob, a .zip/.tar(.gz) archive, a report
            file, or ``@paths.txt`` (one path a line; see :mod:`reportnlp.batch.sources`).
        out: DEST, a ``.jsonl``, ``.parquet`` or ``.sqlite`` path (by suffix).
        workers: local worker processes (default ``os.cpu_count()``).
        scheduler: a Dask scheduler address (``tcp://HOST:PORT``) or a
            ``distributed.Client``; then the cluster parses instead of local workers.
        timeout: seconds one file may take before it fails and its worker is
            replaced (None or 0: no limit).
        errors: the errors file (default ``DEST.errors.jsonl``).
        force: start over: remove DEST, its errors file and manifest first.
        from_list: read ``source`` as a list of paths even without ``@``.
        progress: show a progress bar on stderr.
        limits: archive limits (decompression bombs, member counts).
        commit_every: commit after this many results (or ``commit_seconds``).
        commit_seconds: commit at least this often while results arrive.
        parquet_part_rows: reports per Parquet part.

    Returns:
        The :class:`BatchSummary`. Failed files never stop the batch; they are
        in the errors file. Ctrl-C stops it cleanly (``interrupted=True``).

    Raises:
        reportnlp.errors.ReportNLPError: the run cannot start (no such SRC, an
            output type not supported, an output that disagrees with its manifest).
    """
    began = time.perf_counter()
    dest = Path(out)
    errors_path = Path(errors) if errors else Path(f"{dest}.errors.jsonl")
    manifest_path = Path(f"{dest}.manifest.sqlite")
    if dest.resolve() == errors_path.resolve():
        raise InputError("E211", dest, reason="the errors file is the output itself")
    if force:
        _remove([*output_files(dest), errors_path, manifest_path,
                 Path(f"{manifest_path}-wal"), Path(f"{manifest_path}-shm")])
    sink = open_sink(dest, manifest_path, parquet_part_rows)
    for folder in {dest.parent, errors_path.parent}:
        folder.mkdir(parents=True, exist_ok=True)
    leftovers = [p for p in (*output_files(dest), errors_path, manifest_path,
                             Path(f"{manifest_path}-wal"), Path(f"{manifest_path}-shm"))
                 if not p.exists()]
    workdir = Path(tempfile.mkdtemp(prefix="reportnlp-batch-"))
    try:
        entries = Inputs(source, workdir, limits, from_list=from_list)
        summary = BatchSummary(source=str(source), output=str(dest), errors_file=str(errors_path),
                               manifest=str(manifest_path),
                               executor=f"dask {scheduler}" if scheduler else "local")
        _run(entries, sink, errors_path, manifest_path, summary, workers=workers,
             scheduler=scheduler, timeout=timeout or None, progress=progress,
             commit_every=commit_every, commit_seconds=commit_seconds, began=began,
             leftovers=leftovers)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    summary.seconds = time.perf_counter() - began
    log.info("batch done: %s", summary.to_dict())
    return summary


class _StopRequest:
    """Turns the first Ctrl-C into a request the loop honours at a safe point.

    A second Ctrl-C interrupts at once (the next run recovers). Outside the main
    thread, where handlers cannot be set, Ctrl-C behaves as usual.
    """

    def __init__(self) -> None:
        self.requested = False
        self.previous: Any = None

    def __enter__(self) -> _StopRequest:
        try:
            self.previous = signal.signal(signal.SIGINT, self._handle)
        except ValueError:
            self.previous = None
        return self

    def _handle(self, signum: int, frame: object) -> None:
        if self.requested:
            raise KeyboardInterrupt
        self.requested = True
        log.warning("stopping: finishing the current commit (Ctrl-C again to stop at once)")

    def __exit__(self, *exc: object) -> None:
        if self.previous is not None:
            signal.signal(signal.SIGINT, self.previous)


def _run(entries: Inputs, sink: Sink, errors_path: Path, manifest_path: Path,
         summary: BatchSummary, *, workers: int | None, scheduler: Any, timeout: float | None,
         progress: bool, commit_every: int, commit_seconds: float, began: float,
         leftovers: list[Path]) -> None:
    manifest = Manifest(manifest_path)
    error_log = AppendLog(errors_path, "errors")
    executor: Executor | None = None
    bar: _Progress | None = None
    try:
        try:
            sink.recover(manifest)
            error_log.recover(manifest)
        except InputError:
            if not manifest.existed:  # a run that never started leaves nothing behind
                manifest.close()
                sink.close()
                _remove([p for p in leftovers if p.exists()])
            raise
        if manifest.existed:
            log.info("resuming: %d inputs done, %d failed before", manifest.count("ok"),
                     manifest.count("failed"))
        manifest.start_run(summary.source)
        with _StopRequest() as stop:
            if scheduler:
                executor = DaskPool(scheduler, timeout)
            else:
                executor = LocalPool(workers or os.cpu_count() or 1, timeout)
            bar = _Progress(entries.count() if progress else None, progress)
            batch = _Batch(manifest, sink, error_log, executor, summary, bar, commit_every,
                           commit_seconds, stop)
            for entry in entries:
                if stop.requested:
                    break
                batch.feed(entry)
            if not stop.requested:
                batch.finish()
            if stop.requested:
                summary.interrupted = True
                executor.close(cancel=True)
                executor = None
            batch.commit(final=True)
            sink.finish()
            summary.seconds = time.perf_counter() - began
            manifest.finish_run(summary.to_dict())
    finally:
        if bar is not None:
            bar.close()
        if executor is not None:
            executor.close(cancel=True)
        error_log.close()
        sink.close()
        manifest.close()
