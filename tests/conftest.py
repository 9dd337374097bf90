"""Shared fixtures: paths into the repository and the parsed seed report."""

from __future__ import annotations

from pathlib import Path

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
