"""The review pages, checked in a real headless browser (Debian's Chromium)."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

import reportnlp
from conftest import CORPORA, ROOT, SEED
from reportnlp.cli import app
from reportnlp.review.build import batch_failures, batch_reports, page_name, write_review
from reportnlp.review.page import Mark, non_overlapping

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]
SCREENSHOTS = ROOT / "build" / "screenshots"


def test_non_overlapping_keeps_the_first_of_two_overlapping_marks() -> None:
    marks = [Mark(0, 5, "heading"), Mark(3, 8, "ORG"), Mark(5, 9, "DATE"), Mark(10, 12, "GPE"),
             Mark(11, 11, "GPE")]
    assert [(m.start, m.end) for m in non_overlapping(marks)] == [(0, 5), (5, 9), (10, 12)]


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if CHROMIUM is None:
        if os.environ.get("CI"):
            pytest.fail("chromium is not installed (make test installs it with apt)")
        pytest.skip("chromium is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield instance
        instance.close()


def _open(browser: Any, path: Path) -> tuple[Any, list[str]]:
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.on("request", lambda r: problems.append(f"fetched {r.url}")
            if not r.url.startswith(("file:", "data:", "about:")) else None)
    page.goto(path.as_uri())
    return page, problems


REPORTS = [SEED, *sorted(CORPORA.glob("blind02/*.txt"))[:4]]


@pytest.fixture(scope="module")
def review(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[reportnlp.Report]]:
    out = tmp_path_factory.mktemp("review")
    reports = [reportnlp.parse_file(path) for path in REPORTS]
    write_review(reports, out)
    return out, reports


def test_review_page_spans_match_the_text_at_their_offsets(
        browser: Any, review: tuple[Path, list[reportnlp.Report]]) -> None:
    out, reports = review
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for report in reports:
        page, problems = _open(browser, out / page_name(report))
        marks = page.eval_on_selector_all(
            "mark[data-start]",
            "els => els.map(e => [+e.dataset.start, +e.dataset.end, e.textContent, e.className])")
        assert len(marks) > 20, report.source.path
        for start, end, shown, _ in marks:
            assert shown == report.text[start:end], (report.source.path, start, end)
        labels = {cls.split()[0] for *_, cls in marks}
        assert {"heading", "DATE", "ORG", "GPE"} <= labels
        # Every link into the text lands on an element of the page.
        targets = page.eval_on_selector_all(
            "a[href^='#']", "els => els.map(e => e.getAttribute('href').slice(1))")
        missing = [t for t in targets if not page.query_selector(f"[id='{t}']")]
        assert not missing, missing[:5]
        assert not problems, problems
        page.screenshot(path=str(SCREENSHOTS / f"review-{Path(report.source.path).stem}.png"))
        page.close()


def test_review_index_lists_needs_review_first(
        browser: Any, review: tuple[Path, list[reportnlp.Report]]) -> None:
    out, reports = review
    page, problems = _open(browser, out / "index.html")
    statuses = page.eval_on_selector_all("#reports tr[class]", "els => els.map(e => e.className)")
    assert len(statuses) == len(reports)
    flagged = sum(r.needs_review for r in reports)
    assert statuses == ["needs-review"] * flagged + ["ok"] * (len(reports) - flagged)
    assert page.query_selector_all("svg rect"), "the charts are drawn"
    assert not problems, problems
    page.screenshot(path=str(SCREENSHOTS / "review-index.png"), full_page=True)


def test_batch_review_lists_failures_and_reads_every_sink(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    for path in REPORTS[:2]:
        shutil.copy(path, inputs / path.name)
    (inputs / "empty.txt").write_text("", encoding="utf-8")
    for suffix in (".jsonl", ".sqlite", ".parquet"):
        dest = tmp_path / f"out{suffix}"
        result = CliRunner().invoke(app, [
            "batch", str(inputs), "--out", str(dest), "--review", str(tmp_path / f"review{suffix}"),
            "--no-progress", "--workers", "1"])
        assert result.exit_code == 1, result.output  # the empty file failed
        reports = list(batch_reports(dest))
        assert len(reports) == 2 and all(r.field_confidence for r in reports)
        failures = batch_failures(Path(f"{dest}.errors.jsonl"))
        index = (tmp_path / f"review{suffix}" / "index.html").read_text(encoding="utf-8")
        assert "empty.txt" in index and failures[0].reason in index
        for report in reports:
            assert (tmp_path / f"review{suffix}" / page_name(report)).exists()
