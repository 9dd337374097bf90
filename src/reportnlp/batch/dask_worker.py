"""What runs on a Dask worker (imported only when a scheduler is given).

Each task tells the client when it starts (a Dask event on
:data:`START_TOPIC`), so the client can time files and restart the worker of
one that runs past the limit. :class:`WarmUp` builds the pipeline when a
worker starts, so its first file is not charged the seconds spaCy and jieba
take to load.
"""

from __future__ import annotations

from distributed import WorkerPlugin, get_worker

from reportnlp.batch.workers import Outcome, Task, parse_task, warm_up

START_TOPIC = "reportnlp-batch-start"


def parse_task_on_dask(task: Task, token: str) -> Outcome:
    """:func:`~reportnlp.batch.workers.parse_task` on a Dask worker, announcing its start."""
    worker = get_worker()
    worker.log_event(START_TOPIC, {"token": token, "worker": worker.address})
    return parse_task(task)


class WarmUp(WorkerPlugin):
    """Warm the pipeline on every worker, now and whenever one (re)starts."""

    name = "reportnlp-batch-warm-up"

    def setup(self, worker: object) -> None:
        """Called by Dask on each worker."""
        warm_up()
