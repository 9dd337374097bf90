"""The PDF stage against its baseline, measured in the same run (OCR: bench_ocr.py).

Run: ``python benchmarks/bench_pdf.py [--pages 500]`` after
``make corpus-pdfs`` (the rendered corpus in build/corpus-pdf/).

- text layer: reportnlp's PDF reader (pdfminer.six, rows and columns, running heads,
  reflow) against ``pdftotext -layout`` on the same PDFs;
- memory: peak RSS of parsing a generated N-page text PDF, in a fresh process.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

from timing import best_of

ROOT = Path(__file__).resolve().parents[1]
PDFS = ROOT / "build" / "corpus-pdf"




def text_layer(pdfs: list[Path]) -> None:
    from reportnlp.io import read_document

    ours = best_of(lambda: [read_document(p) for p in pdfs])
    baseline = best_of(lambda: [subprocess.run(["pdftotext", "-layout", str(p), "-"],
                                               capture_output=True, check=True) for p in pdfs])
    pages = sum(len(read_document(p).pages) for p in pdfs)
    print(f"text layer: {len(pdfs)} PDFs, {pages} pages")
    print(f"  reportnlp PDF reader  {ours:7.2f} s  ({pages / ours:.1f} pages/s)")
    print(f"  pdftotext -layout     {baseline:7.2f} s  ({pages / baseline:.1f} pages/s)")
    print(f"  ratio reportnlp / pdftotext: {ours / baseline:.1f}x")


MEMORY = """
import resource, sys, time
import reportnlp
t = time.perf_counter()
report = reportnlp.parse_file(sys.argv[1])
print(report.source.pages, len(report.text), time.perf_counter() - t,
      resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
"""


def long_pdf(pages: int, path: Path) -> None:
    """A text PDF of about ``pages`` pages: corpus reports one after another."""
    sys.path.insert(0, str(ROOT / "corpora"))
    import render

    lines = []
    for text in sorted((ROOT / "corpora").glob("*/*.txt")):
        lines += render.layout(text.read_text(encoding="utf-8"))
    laid_out = render.paginate(lines)
    while len(laid_out) < pages:
        laid_out += laid_out
    render.draw_pdf(laid_out[:pages], path, "reportnlp benchmark", "zh", "benchmark")


def memory(pages: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"long-{pages}.pdf"
        long_pdf(pages, path)
        small = Path(tmp) / "long-10.pdf"
        long_pdf(10, small)
        results = {}
        for pdf in (small, path):
            out = subprocess.run([sys.executable, "-c", MEMORY, str(pdf)], capture_output=True,
                                 text=True, check=True).stdout.split()
            results[pdf] = out
    for count, chars, seconds, rss in results.values():
        print(f"memory: {count}-page PDF, {int(chars):,} chars: {float(seconds):.1f} s, "
              f"peak RSS {float(rss):.0f} MiB")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pages", type=int, default=500, help="pages of the memory test PDF")
    args = parser.parse_args()
    texts = sorted((PDFS / "text").glob("*/*.pdf"))
    if not texts:
        sys.exit("run `make corpus-pdfs` first (renders build/corpus-pdf/)")
    text_layer(texts)
    memory(args.pages)


if __name__ == "__main__":
    main()
