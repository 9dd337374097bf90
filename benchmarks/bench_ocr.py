"""OCR measured: character error rate, pages/s and what a scan costs the parse.

Run: ``python benchmarks/bench_ocr.py [--reports 22] [--engines tesseract,rapidocr]``.

Corpus reports (the render subset plus the first report of every blind batch: every family)
are rendered to text-layer PDFs, then to scans with each damage of ``corpora/render.py``
(slight turn, noise and blur; a faint photocopy; a seal over the text; heavy JPEG) at 150,
200 and 300 dpi. For every setting and engine the benchmark reports:

- CER: edit distance between the OCR'd page and the same page of the text-layer PDF, over
  the characters of the latter (whitespace removed, widths folded with NFKC);
- pages/s per core (CPU seconds) of reportnlp's OCR (rasterise, engine, layout,
  post-processing), and of the bare ``tesseract`` CLI on the same page images (one thread
  each), side by side; ``--speed`` also runs the previous 300 dpi rasterisation beside today's;
- header accuracy and entity F1 of the scanned reports as a share of their text versions'.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
CORPORA = ROOT / "corpora"
OUT = ROOT / "build" / "ocr-bench"
SETTINGS = [("scan", 300), ("scan", 200), ("scan", 150), ("photocopy", 200), ("stamp", 200),
            ("jpeg", 200)]


def _render() -> Any:
    """corpora/render.py, the recipe that renders corpus reports to PDFs and scans."""
    if str(CORPORA) not in sys.path:
        sys.path.insert(0, str(CORPORA))
    import render

    return render


def specs(render: Any, count: int) -> list[Any]:
    """The reports to render: the subset, then the first report of every blind batch."""
    chosen = list(render.SUBSET)
    for batch in sorted(CORPORA.glob("blind*")):
        first = sorted(batch.glob("*.txt"))[0]
        chosen.append(render.Spec(batch.name, first.stem, "title", "dash"))
    return chosen[:count]


def _job(args: tuple[str, str, str, int, str, str, int]) -> dict[str, Any]:
    """One report × damage × dpi × engine: render the scan, OCR it, parse it, score it."""
    family, doc_id, damage, dpi, engine, text_pdf, raster = args
    os.environ["REPORTNLP_OCR_ENGINE"] = engine
    import reportnlp.io.ocr

    reportnlp.io.ocr.DPI = raster  # the resolution pages are rasterised at for the engine
    render = _render()
    from reportnlp.evaluate import character_errors, score_entities, score_header
    from reportnlp.io import read_document
    from reportnlp.pipeline import parse_document

    gold = json.loads((CORPORA / family / f"{doc_id}.gold.json").read_text(encoding="utf-8"))
    truth = read_document(text_pdf)
    with tempfile.TemporaryDirectory() as tmp:
        scan = Path(tmp) / f"{doc_id}.pdf"
        render.render_scan_pdf(Path(text_pdf), scan, doc_id, dpi, damage)
        before = os.times()
        raw = read_document(scan)
        after = os.times()
        seconds = sum(getattr(after, k) - getattr(before, k)  # CPU of this and its children
                      for k in ("user", "system", "children_user", "children_system"))
        bare = _bare_tesseract(scan, tmp) if engine == "tesseract" else None
    errors = [character_errors(page.text, truth_page.text) for page, truth_page in zip(
        raw.pages, truth.pages, strict=False)]
    predicted = parse_document(raw).model_dump(mode="json")
    scores = score_header(gold, predicted)
    scores.merge(score_entities(gold, predicted))
    return {"doc": doc_id, "family": family, "damage": damage, "dpi": dpi, "engine": engine,
            "raster": raster,
            "pages": len(raw.pages), "seconds": seconds, "errors": sum(e.tp for e in errors),
            "chars": sum(e.fn for e in errors), "bare": bare, "counts": scores.counts()}


def _bare_tesseract(scan: Path, tmp: str) -> dict[str, float]:
    """The bare tesseract CLI on the same pages, rasterised the same way (1 thread)."""
    from reportnlp.io.ocr import DPI
    from reportnlp.io.tesseract import LANGUAGES, PSM

    subprocess.run(["pdftoppm", "-r", str(DPI), "-gray", "-tiff", str(scan), f"{tmp}/bare"],
                   check=True, capture_output=True)
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    before = os.times()
    for image in sorted(Path(tmp).glob("bare*.tif")):
        subprocess.run(["tesseract", str(image), "-", "-l", LANGUAGES, "--psm", PSM],
                       capture_output=True, check=True, env=env)
    after = os.times()  # CPU seconds of the tesseract processes, as for reportnlp's own
    return {"seconds": (after.children_user - before.children_user)
            + (after.children_system - before.children_system)}


def _text_scores(specs_: list[Any]) -> dict[str, Any]:
    import reportnlp
    from reportnlp.evaluate import Scores, score_entities, score_header

    total = Scores()
    for spec in specs_:
        gold = json.loads((CORPORA / spec.family / f"{spec.doc_id}.gold.json").read_text("utf-8"))
        predicted = reportnlp.parse_file(CORPORA / spec.family / f"{spec.doc_id}.txt").model_dump(
            mode="json")
        total.merge(score_header(gold, predicted))
        total.merge(score_entities(gold, predicted))
    return total.as_dict()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reports", type=int, default=22)
    parser.add_argument("--engines", default="tesseract,rapidocr")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--speed", action="store_true",
                        help="only clean 200/300 dpi scans, rasterised at 300 (before) and "
                             "at the current DPI: the speed and CER of the change side by side")
    args = parser.parse_args(argv)
    from reportnlp.io.ocr import DPI

    render = _render()
    chosen = specs(render, args.reports)
    jobs = []
    for spec in chosen:
        text_pdf = args.out / "text" / spec.family / f"{spec.doc_id}.pdf"
        render.render_text_pdf(spec, text_pdf)
        for engine in args.engines.split(","):
            settings = SETTINGS if engine == "tesseract" else SETTINGS[:2]
            rasters = (DPI,)
            if args.speed:
                settings, rasters = SETTINGS[:2], (300, DPI)
            jobs += [(spec.family, spec.doc_id, damage, dpi, engine, str(text_pdf), raster)
                     for damage, dpi in settings for raster in rasters]
    with ProcessPoolExecutor(args.workers) as pool:
        results = list(pool.map(_job, jobs))
    (args.out / "results.json").write_text(json.dumps(results, indent=1), encoding="utf-8")
    report(results, _text_scores(chosen), len(chosen))


def report(results: list[dict[str, Any]], text: dict[str, Any], documents: int) -> None:
    """Print the table: per engine and setting, CER, pages/s and the scan/text ratios."""
    from reportnlp.evaluate import Scores, headline

    print(f"OCR on {documents} corpus reports; text-version header.all "
          f"{headline(text['header.all']):.3f}, entities.lenient "
          f"{headline(text['entities.lenient']):.3f}")
    print(f"{'engine':10} {'damage':10} {'dpi':>4} {'raster':>6} {'pages':>5} {'CER':>7} "
          f"{'pages/s':>8} {'bare/s':>7} {'header':>7} {'entities':>8}")
    groups: dict[tuple[str, str, int, int], list[dict[str, Any]]] = {}
    for result in results:
        key = (result["engine"], result["damage"], result["dpi"], result.get("raster", 0))
        groups.setdefault(key, []).append(result)
    for (engine, damage, dpi, raster), group in groups.items():
        pages = sum(r["pages"] for r in group)
        seconds = sum(r["seconds"] for r in group)
        bare = [r["bare"]["seconds"] for r in group if r["bare"]]
        scores = Scores()
        for r in group:
            scores.merge(Scores.from_counts(r["counts"]))
        overall = scores.as_dict()
        header = headline(overall["header.all"]) / headline(text["header.all"])
        entities = headline(overall["entities.lenient"]) / headline(text["entities.lenient"])
        error = sum(r["errors"] for r in group) / max(1, sum(r["chars"] for r in group))
        print(f"{engine:10} {damage:10} {dpi:>4} {raster:>6} {pages:>5} {100 * error:6.2f}% "
              f"{pages / seconds:8.2f} {pages / sum(bare) if bare else 0:7.2f} "
              f"{header:7.3f} {entities:8.3f}")


if __name__ == "__main__":
    main()
