"""Throughput and memory of ``reportnlp.batch.run``.

Usage: python benchmarks/bench_batch.py [--files 400] [--small 100] [--large 2000] [--out jsonl]

Inputs are copies of corpora/**/*.txt with a varying number of newlines
appended, so every copy has its own sha256 and is parsed (not deduplicated).
Each measurement runs in a fresh Python process so none inherits a warm pool.

1. files/s with 1 and 2 local workers on the same ``--files`` inputs, and the
   scaling ratio. The pool is warmed on one file first, so the figure is the
   steady rate, not start-up.
2. Dask ``LocalCluster`` (2 worker processes, 1 thread each) against the local
   pool with 2 workers, same inputs, also warmed first.
3. Peak RSS for ``--small`` against ``--large`` inputs (2 local workers): the
   batch process alone (``ru_maxrss``) and the whole process tree (sampled
   with psutil every 0.1 s). Streaming means a ratio close to 1.

Prints a table; asserts nothing about timing.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import threading
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

CORPUS = sorted((ROOT / "corpora").glob("*/*.txt"))


def make_inputs(folder: Path, count: int) -> Path:
    """``count`` distinct report files in ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(count):
        source = CORPUS[i % len(CORPUS)]
        (folder / f"r{i:05d}.txt").write_bytes(source.read_bytes() + b"\n" * (i // len(CORPUS)))
    return folder


class TreeRss:
    """Peak resident memory of this process and all its descendants (psutil sampling)."""

    def __init__(self) -> None:
        self.peak = 0
        self.stopped = threading.Event()
        self.thread = threading.Thread(target=self._sample, daemon=True)

    def _sample(self) -> None:
        import psutil

        me = psutil.Process()
        while not self.stopped.wait(0.1):
            total = 0
            for process in [me, *me.children(recursive=True)]:
                try:
                    total += process.memory_info().rss
                except psutil.Error:
                    continue
            self.peak = max(self.peak, total)

    def __enter__(self) -> TreeRss:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stopped.set()
        self.thread.join()


def measure(src: Path, out_suffix: str, workers: int, dask: bool) -> dict[str, Any]:
    """One timed run (in this process), after a warm-up run on one file."""
    from reportnlp import batch

    work = Path(tempfile.mkdtemp(prefix="bench-batch-"))
    warm = make_inputs(work / "warm", 1)
    cluster = None
    scheduler = None
    if dask:
        from distributed import LocalCluster

        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                               dashboard_address=None)
        scheduler = cluster.scheduler_address
    try:
        batch.run(warm, work / f"warm.{out_suffix}", workers=workers, scheduler=scheduler)
        with TreeRss() as tree:
            summary = batch.run(src, work / f"out.{out_suffix}", workers=workers,
                                scheduler=scheduler)
    finally:
        if cluster is not None:
            cluster.close()
    return {"parsed": summary.parsed, "failed": summary.failed, "seconds": summary.seconds,
            "files_per_second": summary.parsed / summary.seconds,
            "parent_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            "tree_rss_mb": tree.peak / 2**20}


def in_fresh_process(src: Path, out_suffix: str, workers: int, dask: bool) -> dict[str, Any]:
    """:func:`measure` in a new interpreter."""
    command = [sys.executable, __file__, "--measure", str(src), "--out", out_suffix,
               "--workers", str(workers)] + (["--dask"] if dask else [])
    result = subprocess.run(command, capture_output=True, text=True, check=True)
    return json.loads(result.stdout.strip().splitlines()[-1])


def main() -> None:
    """Run the three comparisons and print them."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--files", type=int, default=400)
    parser.add_argument("--small", type=int, default=100)
    parser.add_argument("--large", type=int, default=2000)
    parser.add_argument("--out", default="jsonl", choices=["jsonl", "sqlite", "parquet"])
    parser.add_argument("--measure", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--workers", type=int, default=2, help=argparse.SUPPRESS)
    parser.add_argument("--dask", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(measure(args.measure, args.out, args.workers, args.dask)))
        return

    with tempfile.TemporaryDirectory(prefix="bench-batch-inputs-") as folder:
        base = Path(folder)
        same = make_inputs(base / "same", args.files)
        rows = [
            (f"local, 1 worker, {args.files} files", in_fresh_process(same, args.out, 1, False)),
            (f"local, 2 workers, {args.files} files", in_fresh_process(same, args.out, 2, False)),
            (f"dask LocalCluster, 2 workers, {args.files} files",
             in_fresh_process(same, args.out, 2, True)),
            (f"local, 2 workers, {args.small} files",
             in_fresh_process(make_inputs(base / "small", args.small), args.out, 2, False)),
            (f"local, 2 workers, {args.large} files",
             in_fresh_process(make_inputs(base / "large", args.large), args.out, 2, False)),
        ]
    print(f"{'run':<42} {'parsed':>7} {'seconds':>8} {'files/s':>8} {'batch RSS':>10} "
          f"{'tree RSS':>9}")
    for name, row in rows:
        print(f"{name:<42} {row['parsed']:>7} {row['seconds']:>8.2f} "
              f"{row['files_per_second']:>8.1f} {row['parent_rss_mb']:>8.0f}MB "
              f"{row['tree_rss_mb']:>7.0f}MB")
    one, two, dask, small, large = (row for _, row in rows)
    rate = "files_per_second"
    print(f"scaling, 2 workers / 1 worker:       {two[rate] / one[rate]:.2f}x")
    print(f"dask LocalCluster / local (2 each):  {dask[rate] / two[rate]:.2f}x")
    print(f"peak RSS {args.large} / {args.small} inputs:      batch process "
          f"{large['parent_rss_mb'] / small['parent_rss_mb']:.2f}x, "
          f"process tree {large['tree_rss_mb'] / small['tree_rss_mb']:.2f}x")


if __name__ == "__main__":
    main()
