"""Parse many reports at once: ``reportnlp batch SRC --out DEST`` and :func:`run`.

>>> from reportnlp import batch
>>> summary = batch.run("corpora/local", "reports.sqlite")   # doctest: +SKIP
>>> summary.parsed, summary.failed                            # doctest: +SKIP

- Inputs (:mod:`~reportnlp.batch.sources`): a folder, a glob, a .zip/.tar(.gz)
  archive (members streamed out under made-up names, with bomb limits:
  :mod:`~reportnlp.batch.archives`), a report file, or ``@paths.txt``.
  Files of other types are counted as skipped.
- Outputs (:mod:`~reportnlp.batch.sinks`): ``.jsonl`` (one Report a line),
  ``.sqlite`` (normalised tables: :mod:`~reportnlp.batch.sqlite_sink`),
  ``.parquet`` (one row a report: :mod:`~reportnlp.batch.parquet_sink`).
- Failures go to ``DEST.errors.jsonl``: ``path``, ``sha256``, ``stage``
  (read/parse/timeout/internal), ``code`` (see :mod:`reportnlp.errors`), ``reason``.
- Resuming (:mod:`~reportnlp.batch.manifest`): ``DEST.manifest.sqlite`` keyed by the
  sha256 of each file's bytes; a re-run skips what is done, and a run killed
  at any point (even ``kill -9``) resumes with nothing lost or duplicated.
- Parallelism (:mod:`~reportnlp.batch.executors`): local worker processes, or
  a Dask cluster; a per-file time limit replaces a stuck worker.
"""

from __future__ import annotations

from reportnlp.batch.archives import ArchiveLimits
from reportnlp.batch.runner import BatchSummary, run

__all__ = ["ArchiveLimits", "BatchSummary", "run"]
