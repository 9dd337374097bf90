"""Time reportnlp.dates.find_dates against one plain regex pass over the same text.

Usage: python benchmarks/bench_dates.py [FILES...]

Without FILES, every corpora/**/*.txt in the repository is concatenated; text under
50 KB is repeated to about 200 KB so the timings are not noise. Each timing is the
best of 5 runs (benchmarks/timing.py). The baseline is a single
``re.finditer(r"\\d+年\\d+月\\d+日", text)`` pass; the target is a ratio within ~3x.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from timing import best_of

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from reportnlp.dates import find_dates  # noqa: E402

BASELINE = re.compile(r"\d+年\d+月\d+日")
MIN_BYTES = 50_000
TARGET_BYTES = 200_000


def load_text(files: list[str]) -> str:
    """Concatenate the given files (default: the corpora), padding small text."""
    paths = [Path(f) for f in files] or sorted((ROOT / "corpora").glob("**/*.txt"))
    if not paths:
        sys.exit("no input text: pass FILES or add corpora/**/*.txt")
    text = "\n".join(p.read_text(encoding="utf-8") for p in paths)
    size = len(text.encode("utf-8"))
    if size < MIN_BYTES and size > 0:
        text = "\n".join([text] * (TARGET_BYTES // size + 1))
    return text




def main(argv: list[str]) -> None:
    """Run both timings and print them with their ratio."""
    text = load_text(argv)
    baseline = best_of(lambda: list(BASELINE.finditer(text)))
    ours = best_of(lambda: find_dates(text))
    size_kb = len(text.encode("utf-8")) / 1000
    print(f"text: {len(text):,} characters ({size_kb:,.0f} KB UTF-8)")
    print(f"baseline re.finditer(r'\\d+年\\d+月\\d+日'): {baseline * 1000:8.2f} ms")
    print(f"find_dates ({len(find_dates(text))} mentions):       {ours * 1000:8.2f} ms")
    print(f"ratio find_dates / baseline: {ours / baseline:.2f}x")
    if not argv:
        # As the pipeline calls it: one report at a time, year-less dates resolved within it.
        reports = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "corpora").glob("**/*.txt"))]
        per_baseline = best_of(lambda: [list(BASELINE.finditer(t)) for t in reports])
        per_ours = best_of(lambda: [find_dates(t) for t in reports])
        print(f"per report ({len(reports)} reports): baseline {per_baseline * 1000:.2f} ms, "
              f"find_dates {per_ours * 1000:.2f} ms, ratio {per_ours / per_baseline:.2f}x")


if __name__ == "__main__":
    main(sys.argv[1:])
