"""How parse time and memory grow with the length of a text: 50 KB, 500 KB, 2 MB and 10 MB.

Each size is parsed in a fresh process (so peak RSS is that size's own), from the corpus
texts repeated to length; the baseline is ``jieba.lcut`` on the same text in the same
process. Linear cost means the chars/s of the largest size is close to that of the
smallest (the ratio printed last; the goal is at least 0.8).

    python benchmarks/bench_scaling.py [--sizes 50000,500000,2000000,10000000]
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _text(size_bytes: int) -> str:
    texts = [p.read_text(encoding="utf-8") for p in sorted(ROOT.glob("corpora/*/*.txt"))]
    base = "\n\n".join(texts)
    text, total = [], 0
    while total < size_bytes:
        text.append(base)
        total += len(base.encode("utf-8"))
    joined = "\n\n".join(text).encode("utf-8")[:size_bytes]
    return joined.decode("utf-8", errors="ignore")


def _child(size_bytes: int) -> None:
    import jieba

    import reportnlp
    from reportnlp.ner.pipeline import load_nlp

    jieba.setLogLevel(60)
    load_nlp()
    reportnlp.parse_text("報告\n\n壹、目的\n暖身。\n")
    text = _text(size_bytes)
    start = time.perf_counter()
    report = reportnlp.parse_text(text)
    seconds = time.perf_counter() - start
    start = time.perf_counter()
    jieba.lcut(text)
    baseline = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"bytes": size_bytes, "chars": len(text), "seconds": seconds,
                      "baseline": baseline, "peak_mib": peak, "entities": len(report.entities)}))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="50000,500000,2000000,10000000")
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        _child(args.child)
        return
    rows = []
    for size in (int(s) for s in args.sizes.split(",")):
        out = subprocess.run([sys.executable, __file__, "--child", str(size)], check=True,
                             capture_output=True, text=True, env={"REPORTNLP_MAX_CHARS": "50000000",
                                                                  "PATH": ""}).stdout
        row = json.loads(out.strip().splitlines()[-1])
        rows.append(row)
        print(f"{row['bytes'] / 1e6:6.2f} MB  {row['chars']:>10,} chars  {row['seconds']:7.2f} s  "
              f"{row['chars'] / row['seconds'] / 1000:6.0f} k chars/s  peak RSS {row['peak_mib']:6.0f} MiB"
              f"  (jieba.lcut {row['baseline']:6.2f} s, ratio {row['seconds'] / row['baseline']:.2f}x)")
    first, last = rows[0], rows[-1]
    ratio = (last["chars"] / last["seconds"]) / (first["chars"] / first["seconds"])
    print(f"chars/s largest / smallest: {ratio:.2f} (1.0 is perfectly linear)")


if __name__ == "__main__":
    main()
