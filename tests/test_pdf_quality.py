"""Rendered corpus PDFs score like their text: the documents issue's quality bar.

The corpus subset of corpora/render.py is rendered once (text-layer and scanned PDFs,
with the same gold); the text-layer PDFs must score within 0.02 of the same reports'
text on every field, the scans must reach header accuracy 0.85 and date F1 0.90.
OCR makes this the slowest test module (a few minutes).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import CORPORA, load_render_recipe
from reportnlp.evaluate import evaluate_corpus, headline
from reportnlp.io.ocr import ocr_available


@pytest.fixture(scope="module")
def rendered_subset(tmp_path_factory: pytest.TempPathFactory) -> Path:
    render = load_render_recipe()
    if not render.primary_font_available() or not render.pdftoppm_available():
        pytest.skip("CJK font or pdftoppm missing (make setup installs them)")
    out = tmp_path_factory.mktemp("subset")
    for spec in render.SUBSET:
        render.render_report(spec, out, scan=True, dpi=200)
        text_copy = out / "txt" / spec.family
        text_copy.mkdir(parents=True, exist_ok=True)
        for suffix in (".txt", ".gold.json"):
            shutil.copyfile(CORPORA / spec.family / f"{spec.doc_id}{suffix}",
                            text_copy / f"{spec.doc_id}{suffix}")
    return out


def test_pdf_quality_text_layer_scores_like_text(rendered_subset: Path) -> None:
    from_text = evaluate_corpus(rendered_subset / "txt")
    from_pdf = evaluate_corpus(rendered_subset / "text")
    assert from_pdf["documents"] == from_text["documents"] >= 10
    worse = {name: (round(headline(from_pdf["overall"][name]), 3), round(headline(score), 3))
             for name, score in from_text["overall"].items()
             if headline(from_pdf["overall"][name]) < headline(score) - 0.02}
    assert worse == {}


def test_pdf_quality_scans_reach_the_bar(rendered_subset: Path) -> None:
    if not ocr_available():
        pytest.skip("tesseract not installed (make setup installs it)")
    scanned = evaluate_corpus(rendered_subset / "scan")["overall"]
    assert headline(scanned["header.all"]) >= 0.85
    assert headline(scanned["dates"]) >= 0.90
