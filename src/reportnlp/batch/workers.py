"""What runs in a worker process: one input file in, one :class:`Outcome` out.

The functions here are imported by reference in worker processes (local pool
and Dask alike), so they must stay at module level. The spaCy pipeline is
cached per process by :func:`reportnlp.ner.pipeline.load_nlp`: a worker builds
it once, when it starts (:func:`start_worker`) or on its first file.

Testing hook: ``REPORTNLP_BATCH_SLOWDOWN=SECONDS`` (or ``SECONDS:GLOB``) makes
each worker sleep that long before parsing every file (or only files whose name
matches GLOB), so tests can interrupt a run or trip the time limit on purpose.
"""

from __future__ import annotations

import fnmatch
import logging
import os
import signal
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import Any

from reportnlp.errors import MESSAGES, ReportNLPError

log = logging.getLogger(__name__)

SLOWDOWN_ENV = "REPORTNLP_BATCH_SLOWDOWN"
# the codes of reportnlp.errors that mean the text was read but is not a report
PARSE_STAGE_CODES = frozenset({"E106", "E107"})


@dataclass(frozen=True)
class Task:
    """One file to parse.

    ``path`` names a file the worker can open (local pool); ``data`` carries the
    bytes instead (Dask workers, which may not share a file system with us).
    ``display`` is the name written to the output and the errors file.
    """

    display: str
    sha256: str
    path: str | None = None
    data: bytes | None = field(default=None, repr=False)
    suffix: str = ""


@dataclass(frozen=True)
class Outcome:
    """What became of one file: ``record`` (the Report as JSON) or an error."""

    display: str
    sha256: str | None
    record: dict[str, Any] | None = None
    stage: str | None = None
    code: str | None = None
    reason: str | None = None
    ocr_pages: int = 0
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        """Whether the file was parsed."""
        return self.record is not None

    def error_record(self) -> dict[str, Any]:
        """The line written to the errors file for a failed file."""
        return {"path": self.display, "sha256": self.sha256, "stage": self.stage,
                "code": self.code, "reason": self.reason}


def failure(display: str, sha256: str | None, stage: str, code: str, **values: object) -> Outcome:
    """An :class:`Outcome` for a failed file, its reason formatted from ``errors.MESSAGES``."""
    reason = MESSAGES[code].format(path=display, **values)
    return Outcome(display=display, sha256=sha256, stage=stage, code=code, reason=reason)


def start_worker(watch_parent: bool = True, slowdown: str | None = None) -> None:
    """Initialise a local worker process: warm the pipeline, exit if orphaned.

    A worker whose parent dies (``kill -9`` of the batch) notices within a
    second and exits, so no orphan keeps parsing. Ctrl-C is left to the
    parent, which stops the pool itself. ``slowdown`` is the parent's
    ``REPORTNLP_BATCH_SLOWDOWN`` (a forkserver child would see a stale one).
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if slowdown:
        os.environ[SLOWDOWN_ENV] = slowdown
    else:
        os.environ.pop(SLOWDOWN_ENV, None)
    if watch_parent:
        threading.Thread(target=_exit_when_orphaned, args=(os.getppid(),), daemon=True,
                         name="reportnlp-orphan-watch").start()
    warm_up()


def warm_up() -> None:
    """Build the pipeline and its lazy parts (jieba's dictionary, OpenCC) in this process.

    Failures are ignored here: the first file parsed reports them as its own.
    """
    try:
        import reportnlp

        reportnlp.parse_text("出國報告\n出國期間：民國106年11月4日至11月9日\n")
    except Exception:
        log.debug("could not warm up the pipeline", exc_info=True)


def _exit_when_orphaned(parent: int) -> None:
    while parent != 1:  # 1: adopted by init, the batch is already gone
        time.sleep(1.0)
        if os.getppid() != parent:
            break
    os._exit(1)


def _slowdown(display: str) -> None:
    setting = os.environ.get(SLOWDOWN_ENV)
    if not setting:
        return
    seconds, _, pattern = setting.partition(":")
    if not pattern or fnmatch.fnmatch(PurePosixPath(display.replace("\\", "/")).name, pattern):
        time.sleep(float(seconds))


def parse_task(task: Task) -> Outcome:
    """Parse one file; never raises for a bad file (its Outcome says why it failed)."""
    import reportnlp

    began = time.perf_counter()
    _slowdown(task.display)
    try:
        if task.data is not None:
            with tempfile.TemporaryDirectory(prefix="reportnlp-task-") as folder:
                path = os.path.join(folder, "input" + task.suffix)
                with open(path, "wb") as handle:
                    handle.write(task.data)
                report = reportnlp.parse_file(path)
        else:
            report = reportnlp.parse_file(task.path or task.display)
    except ReportNLPError as exc:
        stage = "parse" if exc.code in PARSE_STAGE_CODES else "read"
        return failure(task.display, task.sha256, stage, exc.code, **exc.values)
    except Exception as exc:  # a bug must not stop the batch
        log.debug("internal error on %s", task.display, exc_info=True)
        return failure(task.display, task.sha256, "internal", "E203",
                       reason=f"{type(exc).__name__}: {exc}")
    if report.source.sha256 != task.sha256:
        return failure(task.display, task.sha256, "read", "E103",
                       reason="the file changed while the batch was reading it")
    record = report.model_dump(mode="json")
    record["source"]["path"] = task.display
    ocr_pages = len(report.source.ocr_pages)
    return Outcome(display=task.display, sha256=task.sha256, record=record, ocr_pages=ocr_pages,
                   seconds=time.perf_counter() - began)
