"""Shared fixtures: paths into the repository and the parsed seed report."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

import reportnlp

ROOT = Path(__file__).resolve().parents[1]
CORPORA = ROOT / "corpora"
SEED = CORPORA / "local" / "taichung_citynet_2017.txt"


@pytest.fixture(scope="session")
def seed_report() -> reportnlp.Report:
    """The real Taichung City report, parsed once for every test that reads it."""
    return reportnlp.parse_file(SEED)


@pytest.fixture(scope="session")
def seed_path() -> Path:
    """Path of the real Taichung City report in the corpus."""
    return SEED


# The real Taichung report (long, HTML checkboxes, tables) and a short one with ☐/☑,
# which come from a fallback font: rendered to PDFs once per session by corpora/render.py.
DOC_IDS = ("taichung_citynet_2017", "changhua_agri_foodex_2017")


def load_render_recipe() -> ModuleType:
    """Import corpora/render.py (corpora/ is not a package)."""
    if "corpus_render" in sys.modules:
        return sys.modules["corpus_render"]
    spec = importlib.util.spec_from_file_location("corpus_render", CORPORA / "render.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def rendered_reports(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """Text-layer and scanned PDFs of DOC_IDS (scans only where pdftoppm is installed)."""
    render = load_render_recipe()
    if not render.primary_font_available():
        pytest.skip(f"CJK font {render.PRIMARY.path} not installed "
                    f"(apt-get install {render.PRIMARY.package})")
    specs = {s.doc_id: s for s in render.SUBSET}
    out = tmp_path_factory.mktemp("corpus-pdf")
    scan = render.pdftoppm_available()
    return {doc_id: render.render_report(specs[doc_id], out, scan=scan, dpi=200)
            for doc_id in DOC_IDS}
