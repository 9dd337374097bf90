"""Run :class:`~reportnlp.batch.workers.Task` s in parallel, with a time limit per file.

Two executors with one interface (``capacity``, ``submit``, ``results``, ``close``):

- :class:`LocalPool`: worker processes on this machine (pebble's ``ProcessPool``).
  A file that runs past the time limit has its worker process killed and a
  new one started; a worker that dies (segfault, OOM) fails only its own file.
  On Linux the workers fork from a forkserver that has warmed the pipeline
  once (:mod:`reportnlp.batch.preload`), so starting a worker is cheap.
- :class:`DaskPool`: a Dask distributed cluster. Tasks carry the file's bytes
  (workers need not share our file system). Each task tells us when it starts
  (a Dask event); one that runs past the limit is failed and its worker is
  restarted through its nanny. Start workers with one thread each
  (``dask worker --nthreads 1 --nworkers N``): the pipeline is per process, and
  the GIL would only make threads wait for each other.
"""

from __future__ import annotations

import concurrent.futures
import logging
import multiprocessing
import os
import threading
import time
import uuid
from pathlib import Path
from typing import Any, Protocol

from reportnlp.batch.workers import (
    SLOWDOWN_ENV,
    Outcome,
    Task,
    failure,
    parse_task,
    start_worker,
)

log = logging.getLogger(__name__)


class Executor(Protocol):
    """Where tasks run."""

    capacity: int

    def submit(self, task: Task) -> None: ...

    def inflight(self) -> int: ...

    def results(self, wait: float) -> list[Outcome]: ...

    def close(self, cancel: bool = False) -> None: ...


def _timed_out(task: Task, timeout: float) -> Outcome:
    return failure(task.display, task.sha256, "timeout", "E201", seconds=f"{timeout:g}")


def _process_context() -> Any:
    if "forkserver" in multiprocessing.get_all_start_methods():
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(["reportnlp.batch.preload"])
        return context
    return multiprocessing.get_context("spawn")


class LocalPool:
    """``workers`` local processes; ``timeout`` seconds per file (None: no limit)."""

    def __init__(self, workers: int, timeout: float | None) -> None:
        from pebble import ProcessPool

        self.timeout = timeout
        self.capacity = 2 * workers
        self.pool = ProcessPool(max_workers=workers, initializer=start_worker,
                                initargs=(True, os.environ.get(SLOWDOWN_ENV)),
                                context=_process_context())
        self.futures: dict[concurrent.futures.Future[Outcome], Task] = {}

    def submit(self, task: Task) -> None:
        """Queue one file."""
        future = self.pool.schedule(parse_task, args=(task,), timeout=self.timeout)
        self.futures[future] = task

    def inflight(self) -> int:
        """Files queued or running."""
        return len(self.futures)

    def results(self, wait: float) -> list[Outcome]:
        """Outcomes of finished files, waiting up to ``wait`` seconds for one."""
        if not self.futures:
            return []
        done, _ = concurrent.futures.wait(self.futures, timeout=wait,
                                          return_when=concurrent.futures.FIRST_COMPLETED)
        return [self._outcome(self.futures.pop(future), future) for future in done]

    def _outcome(self, task: Task, future: concurrent.futures.Future[Outcome]) -> Outcome:
        from pebble import ProcessExpired

        try:
            return future.result()
        except TimeoutError:
            return _timed_out(task, self.timeout or 0)
        except ProcessExpired as exc:
            return failure(task.display, task.sha256, "internal", "E202",
                           reason=f"exit code {exc.exitcode}")
        except Exception as exc:
            return failure(task.display, task.sha256, "internal", "E203",
                           reason=f"{type(exc).__name__}: {exc}")

    def close(self, cancel: bool = False) -> None:
        """Stop the workers (at once when ``cancel``, else after their files)."""
        if cancel:
            self.pool.stop()
        else:
            self.pool.close()
        self.pool.join()


class DaskPool:
    """Tasks on a Dask cluster: ``scheduler`` is an address or a ``distributed.Client``."""

    def __init__(self, scheduler: Any, timeout: float | None) -> None:
        from distributed import Client

        from reportnlp.batch import dask_worker

        self.remote = dask_worker
        self.own_client = not isinstance(scheduler, Client)
        self.client = Client(scheduler, set_as_default=False) if self.own_client else scheduler
        self.timeout = timeout
        threads = sum(self.client.nthreads().values()) or 1
        self.capacity = 2 * threads
        self.futures: dict[Any, tuple[Task, str]] = {}
        self.started: dict[str, tuple[float, str]] = {}
        self.lock = threading.Lock()
        self.finished = threading.Event()
        self.client.subscribe_topic(dask_worker.START_TOPIC, self._on_start)
        self.client.register_plugin(dask_worker.WarmUp())
        log.info("Dask scheduler %s: %d worker threads", self.client.scheduler.address, threads)

    def _on_start(self, event: tuple[float, dict[str, str]]) -> None:
        _, message = event
        with self.lock:
            self.started[message["token"]] = (time.monotonic(), message["worker"])

    def submit(self, task: Task) -> None:
        """Send one file (its bytes) to the cluster."""
        if task.data is None and task.path is not None:
            task = Task(display=task.display, sha256=task.sha256,
                        data=Path(task.path).read_bytes(), suffix=Path(task.path).suffix.lower())
        token = uuid.uuid4().hex
        future = self.client.submit(self.remote.parse_task_on_dask, task, token,
                                    key=f"reportnlp-{token}", pure=False, retries=0)
        future.add_done_callback(lambda _: self.finished.set())
        self.futures[future] = (task, token)

    def inflight(self) -> int:
        """Files queued or running."""
        return len(self.futures)

    def results(self, wait: float) -> list[Outcome]:
        """Outcomes of finished or timed-out files, waiting up to ``wait`` seconds."""
        if not self.futures:
            return []
        self.finished.wait(wait)
        self.finished.clear()  # before looking, so a file finishing now sets it again
        outcomes = [self._outcome(*self.futures.pop(f), f) for f in list(self.futures) if f.done()]
        return outcomes + self._expire()

    def _outcome(self, task: Task, token: str, future: Any) -> Outcome:
        from distributed import KilledWorker

        with self.lock:
            self.started.pop(token, None)
        try:
            return future.result()
        except KilledWorker as exc:
            return failure(task.display, task.sha256, "internal", "E202", reason=str(exc))
        except Exception as exc:
            return failure(task.display, task.sha256, "internal", "E203",
                           reason=f"{type(exc).__name__}: {exc}")

    def _expire(self) -> list[Outcome]:
        if not self.timeout:
            return []
        now = time.monotonic()
        expired: list[Outcome] = []
        workers: set[str] = set()
        for future, (task, token) in list(self.futures.items()):
            with self.lock:
                began = self.started.get(token)
            if began is None or now - began[0] <= self.timeout:
                continue
            future.cancel()
            del self.futures[future]
            workers.add(began[1])
            expired.append(_timed_out(task, self.timeout))
        if workers:
            with self.lock:  # tasks that ran there start again elsewhere: time them anew
                self.started = {t: s for t, s in self.started.items() if s[1] not in workers}
            log.warning("restarting Dask workers %s after a file ran past %g s",
                        sorted(workers), self.timeout)
            try:
                self.client.restart_workers(sorted(workers), raise_for_error=False)
            except Exception:
                log.warning("could not restart %s; the file may still be running there",
                            sorted(workers), exc_info=True)
        return expired

    def close(self, cancel: bool = False) -> None:
        """Cancel what is left; close the client if we opened it."""
        if self.futures:
            self.client.cancel(list(self.futures))
            self.futures.clear()
        try:
            self.client.unsubscribe_topic(self.remote.START_TOPIC)
            self.client.unregister_worker_plugin(self.remote.WarmUp.name)
        except Exception:
            log.debug("could not unregister from the cluster", exc_info=True)
        if self.own_client:
            self.client.close()
