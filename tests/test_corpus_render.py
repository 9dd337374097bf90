"""The corpus PDF recipe (corpora/render.py): text-layer and scanned PDFs of two reports."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from pdfminer.high_level import extract_pages, extract_text
from pdfminer.layout import LTTextContainer

from conftest import DOC_IDS, load_render_recipe

ROOT = Path(__file__).resolve().parents[1]
RECIPE = ROOT / "corpora" / "render.py"
render = load_render_recipe()
SPECS = {s.doc_id: s for s in render.SUBSET}


def _page_texts(pdf: Path) -> list[str]:
    """Text pdfminer finds on each page."""
    return ["".join(el.get_text() for el in page if isinstance(el, LTTextContainer))
            for page in extract_pages(pdf)]


def _squash(text: str) -> str:
    return "".join(text.split())


@pytest.fixture(scope="module")
def rendered(rendered_reports: dict[str, Any]) -> dict[str, Any]:
    """The two reports rendered once for the session (conftest)."""
    return rendered_reports


def _need_scan(result: Any) -> None:
    if result.scan_pdf is None:
        pytest.skip("pdftoppm not installed (apt-get install poppler-utils)")


def test_subset_covers_every_family_and_the_real_report() -> None:
    families = {s.family for s in render.SUBSET}
    assert families == {"local", "central", "soe", "academic", "informal"}
    assert len(render.SUBSET) >= 10
    assert "taichung_citynet_2017" in SPECS
    assert {s.footer for s in render.SUBSET} == set(render.FOOTERS)
    for spec in render.SUBSET:
        txt, gold = render.source_paths(spec)
        assert txt.is_file() and gold.is_file(), spec.doc_id


@pytest.mark.parametrize("doc_id", DOC_IDS)
def test_text_pdf_has_title_and_page_footers(rendered: dict, doc_id: str) -> None:
    result = rendered[doc_id]
    pages = _page_texts(result.text_pdf)
    assert len(pages) == result.pages >= 1
    txt = render.source_paths(result.spec)[0].read_text(encoding="utf-8")
    title_line = next(line for line in txt.splitlines() if line.strip())
    assert _squash(title_line) in _squash(pages[0])
    for number, page in enumerate(pages, 1):
        footer = render.footer_text(result.spec.footer, number, len(pages))
        assert footer in page, f"page {number} lacks footer {footer!r}"


def test_text_pdf_keeps_fallback_glyphs_and_body_text(rendered: dict) -> None:
    text = extract_text(rendered["changhua_agri_foodex_2017"].text_pdf)
    assert "☑" in text and "☐" in text
    assert "出國計畫主辦機關：彰化縣政府農業處" in text


def test_gold_sits_next_to_each_pdf(rendered: dict) -> None:
    for result in rendered.values():
        gold = render.source_paths(result.spec)[1].read_bytes()
        for pdf in (result.text_pdf, result.scan_pdf or result.text_pdf):
            assert pdf.with_name(f"{result.spec.doc_id}.gold.json").read_bytes() == gold


@pytest.mark.parametrize("doc_id", DOC_IDS)
def test_scan_pdf_is_image_only_with_same_page_count(rendered: dict, doc_id: str) -> None:
    result = rendered[doc_id]
    _need_scan(result)
    pages = _page_texts(result.scan_pdf)
    assert len(pages) == result.pages
    assert sum(len(_squash(p)) for p in pages) < 5


def test_text_pdf_is_byte_identical_on_rerun(rendered: dict, tmp_path: Path) -> None:
    result = rendered["changhua_agri_foodex_2017"]
    again = tmp_path / "again.pdf"
    render.render_text_pdf(result.spec, again)
    assert again.read_bytes() == result.text_pdf.read_bytes()


def test_wrap_keeps_words_and_hangs_punctuation() -> None:
    if not render.primary_font_available():
        pytest.skip(f"CJK font {render.PRIMARY.path} not installed")
    width = render.text_width("中" * 10, render.BODY_SIZE)
    lines = render.wrap("中" * 10 + "。後面", width, render.BODY_SIZE)
    assert lines[0].endswith("。") and lines[1] == "後面"
    lines = render.wrap("中中中中中中中 Sustainable Development", width, render.BODY_SIZE)
    assert lines[0] == "中" * 7
    assert all(any(word in line for line in lines) for word in ("Sustainable", "Development"))
    assert all(render.text_width(line, render.BODY_SIZE) <= width for line in lines)
