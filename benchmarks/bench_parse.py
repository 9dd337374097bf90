"""Parse speed: cold start, steady state, and the full pipeline against plain jieba.lcut.

Run: ``python benchmarks/bench_parse.py [FILES...]`` (default: every corpus report).
Each figure is measured in this run; the baseline is ``jieba.lcut`` with jieba's own
dictionary over the same texts, so the ratio says what reportnlp's extra work costs.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
from pathlib import Path

from timing import best_of

ROOT = Path(__file__).resolve().parents[1]

COLD_START = """
import time
t0 = time.perf_counter()
import reportnlp
t1 = time.perf_counter()
reportnlp.load_nlp()("預熱")
t2 = time.perf_counter()
reportnlp.parse_file({path!r})
t3 = time.perf_counter()
print(t1 - t0, t2 - t1, t3 - t1)
"""


def cold_start(path: Path, runs: int = 3) -> tuple[float, float, float]:
    """Median (import, model load, first parse incl. model load) seconds in fresh interpreters."""
    imports, loads, parses = [], [], []
    for _ in range(runs):
        out = subprocess.run([sys.executable, "-c", COLD_START.format(path=str(path))],
                             capture_output=True, text=True, check=True).stdout.split()
        imports.append(float(out[0]))
        loads.append(float(out[1]))
        parses.append(float(out[2]))
    return statistics.median(imports), statistics.median(loads), statistics.median(parses)




def main(paths: list[Path]) -> None:
    import jieba

    import reportnlp

    texts = [p.read_text(encoding="utf-8") for p in paths]
    characters = sum(len(t) for t in texts)
    seed = ROOT / "corpora" / "local" / "taichung_citynet_2017.txt"
    import_s, load_s, first_parse_s = cold_start(seed)

    reportnlp.parse_text(texts[0])  # warm: models loaded
    jieba.lcut(texts[0])
    seed_text = seed.read_text(encoding="utf-8")
    seed_s = best_of(lambda: reportnlp.parse_text(seed_text))
    pipeline_s = best_of(lambda: [reportnlp.parse_text(t) for t in texts], repeat=3)
    jieba_s = best_of(lambda: [jieba.lcut(t) for t in texts], repeat=3)

    print(f"texts: {len(texts)} reports, {characters:,} characters")
    print(f"cold start (fresh process, seed report): import {import_s:.2f} s, "
          f"model load (spaCy pipeline, jieba, gazetteers) {load_s:.2f} s, "
          f"import to first parse done {import_s + first_parse_s:.2f} s")
    print(f"steady state, seed report ({len(seed_text):,} chars): {seed_s * 1000:.1f} ms")
    print(f"full pipeline over all texts: {pipeline_s:.3f} s "
          f"({characters / pipeline_s / 1000:.0f} k chars/s)")
    print(f"baseline jieba.lcut over the same texts: {jieba_s:.3f} s")
    print(f"ratio pipeline / jieba.lcut: {pipeline_s / jieba_s:.2f}x")


if __name__ == "__main__":
    arguments = [Path(a) for a in sys.argv[1:]]
    main(arguments or sorted((ROOT / "corpora").glob("*/*.txt")))
