"""The annotated corpus in ``corpora/``: its reports with their gold, and its integrity.

The gold format and the annotation rules are in ``corpora/README.md``. Reports live in
family (or blind-batch) folders as ``<id>.txt`` + ``<id>.gold.json``; ``splits.json`` says
which are train, eval and holdout.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class GoldReport:
    """One corpus report: its id, family, text path and gold annotation."""

    id: str
    family: str
    path: Path
    gold: dict[str, Any]


def folded(value: Any) -> Any:
    """Gold strings are as written in the source; reportnlp's are cut from the normalised
    text, where full-width letters, digits and spaces are folded (shared/CONTRACT.md)."""
    from reportnlp.text.normalize import fold_width

    if isinstance(value, str):
        return fold_width(value)
    if isinstance(value, list):
        return [folded(v) for v in value]
    if isinstance(value, dict):
        return {k: folded(v) for k, v in value.items()}
    return value


def load_corpus(corpus: Path, split: str = "all") -> list[GoldReport]:
    """The corpus reports of ``split`` (``eval``, ``train`` or ``all``), sorted by id."""
    split_file = corpus / "splits.json"
    if split != "all" and not split_file.exists():
        split_file = Path(__file__).resolve().parents[2] / "corpora" / "splits.json"
    wanted = None
    if split != "all":
        wanted = set(json.loads(split_file.read_text(encoding="utf-8"))[split])
    reports = []
    for gold_path in sorted(corpus.glob("*/*.gold.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        if wanted is not None and gold["id"] not in wanted:
            continue
        stem = gold_path.name.replace(".gold.json", "")
        # A corpus of rendered PDFs (corpora/render.py) keeps the gold beside each PDF.
        text_path = next((p for p in (gold_path.with_name(stem + suffix)
                                      for suffix in (".txt", ".pdf", ".png", ".jpg"))
                          if p.exists()), gold_path.with_name(stem + ".txt"))
        reports.append(GoldReport(gold["id"], gold["family"], text_path, folded(gold)))
    return reports


def _shingles(text: str, size: int = 8) -> set[int]:
    squashed = "".join(text.split())
    return {hash(squashed[i:i + size]) for i in range(len(squashed) - size + 1)}


def most_similar_pairs(texts: dict[str, str], top: int = 5) -> list[tuple[float, str, str]]:
    """The ``top`` most alike pairs of texts, by Jaccard similarity of their 8-character
    shingles (white space ignored): how close the corpus comes to holding an edited copy
    of a report. Shared form labels alone stay far below 0.3."""
    shingles = {name: _shingles(text) for name, text in texts.items()}
    pairs = []
    for (a, sa), (b, sb) in combinations(shingles.items(), 2):
        union = len(sa | sb)
        pairs.append((len(sa & sb) / union if union else 0.0, a, b))
    return sorted(pairs, reverse=True)[:top]


def report_texts(reports: Iterable[GoldReport]) -> dict[str, str]:
    """The text of each report by id."""
    return {r.id: r.path.read_text(encoding="utf-8") for r in reports}
