"""The ``reportnlp`` command. No logic of its own: it calls the library and prints."""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Annotated

import typer

app = typer.Typer(add_completion=False, no_args_is_help=True, pretty_exceptions_enable=False,
                  help="Turn Taiwanese government trip reports into structured data.")


@app.callback()
def main(
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Log progress.")] = False,
    ocr_engine: Annotated[str | None, typer.Option(
        "--ocr-engine", help="OCR engine for scans and images: tesseract (default) or rapidocr "
        "(pip install 'reportnlp[rapidocr]'); same as REPORTNLP_OCR_ENGINE.")] = None,
) -> None:
    """reportnlp: parse 公務出國報告 into typed JSON."""
    import os

    from reportnlp.errors import ReportNLPError
    from reportnlp.io.ocr import engine_name

    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING,
                        format="%(levelname)s %(name)s: %(message)s")
    if ocr_engine:
        os.environ["REPORTNLP_OCR_ENGINE"] = ocr_engine
        try:
            engine_name()
        except ReportNLPError as exc:
            typer.echo(f"error: {exc}", err=True)
            raise typer.Exit(2) from None


@app.command()
def parse(
    files: Annotated[list[Path], typer.Argument(help="Report files (.txt, .pdf, images).")],
    pretty: Annotated[bool, typer.Option("--pretty", help="Indented JSON.")] = False,
    summary: Annotated[bool, typer.Option("--summary", help="A readable table instead of JSON.")] = False,
) -> None:
    """Parse FILES: one JSON object per file on stdout (JSON Lines when several)."""
    import reportnlp
    from reportnlp.errors import ReportNLPError
    from reportnlp.summary import print_summary

    failed = 0
    reports = []
    for path in files:
        try:
            report = reportnlp.parse_file(path)
        except ReportNLPError as exc:
            failed += 1
            typer.echo(f"error: {exc}", err=True)
            continue
        except Exception as exc:  # a bug must not stop the other files
            failed += 1
            logging.getLogger(__name__).debug("internal error", exc_info=True)
            typer.echo(f"error: {path}: internal error ({type(exc).__name__}: {exc})", err=True)
            continue
        if summary:
            reports.append(report)
        else:
            data = report.model_dump(mode="json")
            typer.echo(json.dumps(data, ensure_ascii=False, indent=2 if pretty else None))
    if summary:
        print_summary(reports, failed)
    raise typer.Exit(1 if failed else 0)


@app.command()
def batch(
    src: Annotated[str, typer.Argument(
        help="A folder (recursive), a glob, a .zip/.tar(.gz) archive, a report file, "
             "or @paths.txt (one path a line).")],
    out: Annotated[Path, typer.Option("--out", "-o", help="DEST: .jsonl, .parquet or .sqlite.")],
    workers: Annotated[int | None, typer.Option(
        help="Local worker processes (default: CPU count).")] = None,
    scheduler: Annotated[str | None, typer.Option(
        help="Dask scheduler address (tcp://HOST:PORT): parse on that cluster.")] = None,
    timeout: Annotated[float, typer.Option(
        help="Seconds per file before it fails and its worker is replaced (0: none).")] = 300.0,
    errors: Annotated[Path | None, typer.Option(
        "--errors", help="Errors file (default: DEST.errors.jsonl).")] = None,
    force: Annotated[bool, typer.Option("--force", help="Start over: redo every file.")] = False,
    from_list: Annotated[bool, typer.Option(
        "--from-list", help="SRC is a text file listing paths (same as @SRC).")] = False,
    progress: Annotated[bool, typer.Option(help="Progress bar on stderr.")] = True,
    as_json: Annotated[bool, typer.Option("--json", help="Print the summary as JSON.")] = False,
    review: Annotated[Path | None, typer.Option(
        "--review", help="Also write review pages (HTML, offline) into this folder.")] = None,
) -> None:
    """Parse every report in SRC into DEST; re-run the same command to resume.

    Failures go to the errors file and never stop the batch; the exit status is
    1 when any file failed, 130 when interrupted, 2 when the run cannot start.
    """
    from reportnlp.batch import run
    from reportnlp.errors import ReportNLPError

    try:
        result = run(src, out, workers=workers, scheduler=scheduler, timeout=timeout,
                     errors=errors, force=force, from_list=from_list, progress=progress)
    except ReportNLPError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from exc
    typer.echo(json.dumps(result.to_dict(), ensure_ascii=False) if as_json else result.render())
    if review:
        from reportnlp.review.build import batch_failures, batch_reports, write_review

        index = write_review(batch_reports(out), review,
                             batch_failures(Path(result.errors_file)))
        typer.echo(f"review pages: {index}", err=True)
    raise typer.Exit(result.exit_code)


@app.command("review")
def review_pages(
    files: Annotated[list[Path], typer.Argument(help="Report files (.txt, .pdf, images).")],
    out: Annotated[Path, typer.Option("--out", "-o", help="Folder for the HTML pages.")],
) -> None:
    """Write a review page per report (text with highlights beside the extracted values and
    their confidence) and an index, needs-review first, into OUT. Static HTML, offline."""
    import reportnlp
    from reportnlp.errors import ReportNLPError
    from reportnlp.review.build import Failure, write_review

    reports, failures = [], []
    for path in files:
        try:
            reports.append(reportnlp.parse_file(path))
        except ReportNLPError as exc:
            failures.append(Failure(str(path), str(exc)))
            typer.echo(f"error: {exc}", err=True)
    index = write_review(reports, out, failures)
    typer.echo(str(index))
    raise typer.Exit(1 if failures else 0)


@app.command()
def schema() -> None:
    """Print the JSON Schema of the Report."""
    from reportnlp.model import Report

    typer.echo(json.dumps(Report.model_json_schema(), ensure_ascii=False, indent=2))


@app.command()
def evaluate(
    corpus: Annotated[Path, typer.Argument(help="Corpus folder with .txt + .gold.json pairs.")] = Path("corpora"),
    split: Annotated[str, typer.Option(
        help="Which split to score: eval, train, holdout, all, or first-seen (every blind "
             "batch's first-seen scores beside today's on the same reports).")] = "all",
    system: Annotated[str, typer.Option(help="reportnlp, or the jieba-posseg baseline.")] = "reportnlp",
    as_json: Annotated[bool, typer.Option("--json", help="Machine-readable scores.")] = False,
    markdown: Annotated[bool, typer.Option("--markdown", help="A Markdown table.")] = False,
    write_floor: Annotated[
        Path | None, typer.Option(help="Record these scores as the floor the tests enforce.")
    ] = None,
    record_first_seen: Annotated[str | None, typer.Option(
        help="Score the blind batch in CORPUS/NAME before anything changes for it and record "
             "it in CORPUS/first_seen/NAME.json (once; never recomputed).")] = None,
    agreement: Annotated[Path | None, typer.Option(
        help="A folder of second annotations: how far they agree with the gold.")] = None,
    reliability: Annotated[bool, typer.Option(
        "--reliability", help="How well the confidences are calibrated: confidence bins "
        "against measured accuracy, each blind batch predicted by models fitted without it, "
        "and the review threshold.")] = False,
) -> None:
    """Score the pipeline against the gold annotations, per field and family."""
    from reportnlp import evaluate as ev
    from reportnlp.errors import ReportNLPError

    if reliability:
        from reportnlp.confidence.calibrate import measure, render_reliability

        measured = measure(corpus)
        if as_json:
            typer.echo(json.dumps(measured, ensure_ascii=False, indent=2))
        else:
            typer.echo(render_reliability(measured, markdown=markdown))
        return
    if record_first_seen:
        try:
            path = ev.record_first_seen(corpus, record_first_seen)
        except ReportNLPError as exc:
            typer.echo(str(exc), err=True)
            raise typer.Exit(2) from None
        result = json.loads(path.read_text(encoding="utf-8"))
        result = {"system": "reportnlp", "split": f"first seen: {record_first_seen}",
                  "documents": result["documents"], "overall": result["scores"], "families": {}}
    elif agreement:
        result = ev.agreement(corpus, agreement)
        result |= {"system": "second annotation", "split": str(agreement), "families": {}}
    elif split == "first-seen":
        comparison = ev.first_seen_comparison(corpus)
        if as_json:
            typer.echo(json.dumps(comparison, ensure_ascii=False, indent=2))
        else:
            rendered = ev.render_rows(ev.first_seen_rows(comparison), markdown=markdown,
                                      title="first seen → now, per blind batch")
            if rendered:
                typer.echo(rendered)
        return
    else:
        result = ev.evaluate_corpus(corpus, split=split, system=system)
    if write_floor:
        write_floor.write_text(json.dumps(ev.floor_of(result), ensure_ascii=False, indent=2)
                               + "\n", encoding="utf-8")
    if as_json:
        typer.echo(json.dumps(result, ensure_ascii=False, indent=2))
    elif markdown:
        typer.echo(ev.render_markdown(result))
    else:
        ev.render_table(result)
