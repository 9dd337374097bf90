"""PDF and OCR stages against their baselines, measured in the same run.

Run: ``python benchmarks/bench_pdf.py [--pages 500] [--ocr-pages 4]`` after
``make corpus-pdfs`` (the rendered corpus in build/corpus-pdf/).

- text layer: reportnlp's PDF reader (pdfminer.six, rows and columns, running heads,
  reflow) against ``pdftotext -layout`` on the same PDFs;
- OCR: reportnlp's OCR of a page (rasterise, Tesseract TSV, layout) against the bare
  ``tesseract`` CLI on the same page image, both with one OpenMP thread (and the bare
  CLI with its default threads, for reference);
- memory: peak RSS of parsing a generated N-page text PDF, in a fresh process.
"""

from __future__ import annotations

import argparse
import os
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


def ocr(scans: list[Path], pages: int) -> None:
    from reportnlp.io.ocr import DPI, LANGUAGES, ocr_lines
    from reportnlp.io.pdf_layout import reflow

    with tempfile.TemporaryDirectory() as tmp:
        images = []
        for scan in scans:
            subprocess.run(["pdftoppm", "-r", str(DPI), "-gray", "-tiff", "-f", "1", "-l", "1",
                            str(scan), f"{tmp}/{scan.stem}"], check=True)
            images += sorted(Path(tmp).glob(f"{scan.stem}*.tif"))
            if len(images) >= pages:
                break
        images = images[:pages]
        one_thread = {**os.environ, "OMP_THREAD_LIMIT": "1"}

        def bare(env: dict[str, str]) -> None:
            for image in images:
                subprocess.run(["tesseract", str(image), "-", "-l", LANGUAGES, "--psm", "6"],
                               capture_output=True, check=True, env=env)

        ours = best_of(lambda: [reflow(ocr_lines(image, str(image))[0]) for image in images], 2)
        baseline = best_of(lambda: bare(one_thread), 2)
        default = best_of(lambda: bare(dict(os.environ)), 1)
    print(f"OCR: {len(images)} page images at {DPI} dpi")
    print(f"  reportnlp OCR (TSV + layout)       {ours:7.2f} s ({ours / len(images):.2f} s/page)")
    print(f"  tesseract CLI, 1 thread (baseline) {baseline:7.2f} s")
    print(f"  tesseract CLI, default threads     {default:7.2f} s")
    print(f"  overhead over the baseline: {100 * (ours / baseline - 1):+.1f} %")


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
    parser.add_argument("--ocr-pages", type=int, default=4, help="page images to OCR")
    args = parser.parse_args()
    texts = sorted((PDFS / "text").glob("*/*.pdf"))
    if not texts:
        sys.exit("run `make corpus-pdfs` first (renders build/corpus-pdf/)")
    text_layer(texts)
    ocr(sorted((PDFS / "scan").glob("*/*.pdf")), args.ocr_pages)
    memory(args.pages)


if __name__ == "__main__":
    main()
