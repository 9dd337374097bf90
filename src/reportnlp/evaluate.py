"""Score reportnlp (or a baseline) against the gold annotations in ``corpora/``.

Single-valued header fields are scored by exact-match accuracy; list fields by
precision / recall / F1 over the multiset of their items; entities as
distinct (text, label) pairs, strict (same text) and lenient (one text contains
the other). Counts are summed over documents (micro average), per family and
overall. The gold format is documented in ``corpora/README.md``.
"""

from __future__ import annotations

import json
import logging
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reportnlp.model import ENTITY_LABELS

log = logging.getLogger(__name__)

HEADER_FIELDS = ("report_type", "title", "category", "organizer", "contact", "period",
                 "report_date", "project_id", "conference", "paper_title")


@dataclass(frozen=True)
class GoldReport:
    """One corpus report: its id, family, text path and gold annotation."""

    id: str
    family: str
    path: Path
    gold: dict[str, Any]


@dataclass
class Tally:
    """Counts for one field: accuracy (correct/total) or P/R/F1 (tp, fp, fn)."""

    correct: int = 0
    total: int = 0
    tp: float = 0
    fp: float = 0
    fn: float = 0
    kind: str = "prf"

    def add(self, other: Tally) -> None:
        self.correct += other.correct
        self.total += other.total
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn
        self.kind = other.kind

    def scores(self) -> dict[str, float | int]:
        if self.kind == "accuracy":
            return {"accuracy": round(self.correct / self.total, 4) if self.total else 1.0,
                    "n": self.total}
        precision = self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0
        recall = self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4),
                "n": int(self.tp + self.fn)}


@dataclass
class Scores:
    """Tallies by field name."""

    fields: dict[str, Tally] = field(default_factory=dict)

    def add(self, name: str, tally: Tally) -> None:
        self.fields.setdefault(name, Tally(kind=tally.kind)).add(tally)

    def merge(self, other: Scores) -> None:
        for name, tally in other.fields.items():
            self.add(name, tally)

    def as_dict(self) -> dict[str, dict[str, float | int]]:
        return {name: tally.scores() for name, tally in sorted(self.fields.items())}


def _folded(value: Any) -> Any:
    """Gold strings are as written in the source; reportnlp's are cut from the normalised
    text, where full-width letters, digits and spaces are folded (shared/CONTRACT.md)."""
    from reportnlp.text.normalize import fold_width

    if isinstance(value, str):
        return fold_width(value)
    if isinstance(value, list):
        return [_folded(v) for v in value]
    if isinstance(value, dict):
        return {k: _folded(v) for k, v in value.items()}
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
        reports.append(GoldReport(gold["id"], gold["family"], text_path, _folded(gold)))
    return reports


def _accuracy(gold: object, predicted: object) -> Tally:
    return Tally(correct=int(gold == predicted), total=1, kind="accuracy")


def _prf(gold: Iterable[object], predicted: Iterable[object]) -> Tally:
    gold_counts, predicted_counts = Counter(gold), Counter(predicted)
    tp = sum((gold_counts & predicted_counts).values())
    return Tally(tp=tp, fp=sum(predicted_counts.values()) - tp, fn=sum(gold_counts.values()) - tp)


def _lenient(gold: set[tuple[str, str]], predicted: set[tuple[str, str]]) -> Tally:
    def overlaps(a: tuple[str, str], b: tuple[str, str]) -> bool:
        return a[1] == b[1] and (a[0] in b[0] or b[0] in a[0])

    matched_gold = sum(any(overlaps(g, p) for p in predicted) for g in gold)
    matched_predicted = sum(any(overlaps(p, g) for g in gold) for p in predicted)
    return Tally(tp=matched_gold, fn=len(gold) - matched_gold,
                 fp=len(predicted) - matched_predicted)


def _period(value: dict[str, str] | None) -> tuple[str, str] | None:
    return (str(value["start"]), str(value["end"])) if value else None


def _contact(value: dict[str, str | None] | None) -> tuple[str | None, str | None] | None:
    return (value.get("name"), value.get("phone")) if value else None


def score_header(gold: dict[str, Any], predicted: dict[str, Any]) -> Scores:
    """Header fields, lists and structure of one report."""
    scores = Scores()
    for name in HEADER_FIELDS:
        g, p = gold.get(name), predicted.get(name)
        if name == "period":
            g, p = _period(g), _period(p)
        if name == "contact":
            g, p = _contact(g), _contact(p)
        scores.add(f"header.{name}", _accuracy(g, p))
        scores.add("header.all", _accuracy(g, p))
    scores.add("trip_types", _prf(gold["trip_types"], predicted["trip_types"]))
    scores.add("destinations", _prf(gold["destinations"], predicted["destinations"]))
    person = ("name", "agency", "unit", "title")
    scores.add("travelers", _prf([tuple(t.get(k) for k in person) for t in gold["travelers"]],
                                 [tuple(t.get(k) for k in person) for t in predicted["travelers"]]))
    scores.add("travelers.name", _prf([t["name"] for t in gold["travelers"]],
                                      [t["name"] for t in predicted["travelers"]]))
    scores.add("sections", _prf([(s["kind"], s["heading"]) for s in gold["sections"]],
                                [(s["kind"], s["heading"]) for s in predicted["sections"]]))
    scores.add("sections.heading", _prf([s["heading"] for s in gold["sections"]],
                                        [s["heading"] for s in predicted["sections"]]))
    scores.add("itinerary.date", _prf([(r["date"], r.get("end_date")) for r in gold["itinerary"]],
                                      [(str(r["date"]), r.get("end_date") and str(r["end_date"]))
                                       for r in predicted["itinerary"]]))
    scores.add("itinerary.location", _prf(
        [(r["date"], r.get("location")) for r in gold["itinerary"]],
        [(str(r["date"]), r.get("location")) for r in predicted["itinerary"]]))
    # The gold lists each date text once (corpora/README.md), so dates count as distinct pairs.
    scores.add("dates", _prf({(d["date"], d.get("end_date")) for d in gold["dates"]},
                             {(str(d["date"]), d.get("end_date") and str(d["end_date"]))
                              for d in predicted["dates"]}))
    scores.add("dates.text", _prf({(d["text"], d["date"]) for d in gold["dates"]},
                                  {(d["text"], str(d["date"])) for d in predicted["dates"]}))
    return scores


def score_entities(gold: dict[str, Any], predicted: dict[str, Any]) -> Scores:
    """Entities (strict and lenient, overall and per label) and officials of one report."""
    scores = Scores()
    gold_set = {(e["text"], e["label"]) for e in gold["entities"] if e["label"] in ENTITY_LABELS}
    predicted_set = {(e["text"], e["label"]) for e in predicted["entities"]
                     if e["label"] in ENTITY_LABELS}
    scores.add("entities.strict", _prf(gold_set, predicted_set))
    scores.add("entities.lenient", _lenient(gold_set, predicted_set))
    for label in ENTITY_LABELS:
        g = {e for e in gold_set if e[1] == label}
        p = {e for e in predicted_set if e[1] == label}
        scores.add(f"entities.{label}.strict", _prf(g, p))
        scores.add(f"entities.{label}.lenient", _lenient(g, p))
    if "officials" in predicted:
        scores.add("officials.name", _prf({o["name"] for o in gold["officials"]},
                                          {o["name"] for o in predicted["officials"]}))
        scores.add("officials.name_title", _prf(
            {(o["name"], o["title"]) for o in gold["officials"]},
            {(o["name"], o["title"]) for o in predicted["officials"]}))
    return scores


def reportnlp_system(path: Path) -> dict[str, Any]:
    """reportnlp's prediction for one file, as contract JSON (empty when it fails)."""
    import reportnlp
    from reportnlp.errors import ReportNLPError
    from reportnlp.model import Report

    try:
        return reportnlp.parse_file(path).model_dump(mode="json")
    except ReportNLPError as exc:
        log.warning("%s", exc)
        return Report().model_dump(mode="json")


def posseg_system(path: Path) -> dict[str, Any]:
    """The baseline: jieba.posseg's nr / ns / nt tags as PERSON / GPE / ORG entities."""
    import jieba
    import jieba.posseg

    jieba.setLogLevel(logging.WARNING)
    labels = {"nr": "PERSON", "ns": "GPE", "nt": "ORG"}
    text = path.read_text(encoding="utf-8")
    entities = [{"text": pair.word, "label": labels[pair.flag]}
                for pair in jieba.posseg.cut(text) if pair.flag in labels]
    return {"entities": entities}


SYSTEMS: dict[str, Callable[[Path], dict[str, Any]]] = {
    "reportnlp": reportnlp_system,
    "jieba-posseg": posseg_system,
}


def evaluate_corpus(corpus: Path, split: str = "all", system: str = "reportnlp") -> dict[str, Any]:
    """Scores of ``system`` on the corpus: overall and per family."""
    predict = SYSTEMS[system]
    overall = Scores()
    families: dict[str, Scores] = {}
    reports = load_corpus(corpus, split)
    for report in reports:
        predicted = predict(report.path)
        scores = score_entities(report.gold, predicted)
        if system == "reportnlp":
            scores.merge(score_header(report.gold, predicted))
        overall.merge(scores)
        families.setdefault(report.family, Scores()).merge(scores)
    return {
        "system": system,
        "split": split,
        "documents": len(reports),
        "overall": overall.as_dict(),
        "families": {name: scores.as_dict() for name, scores in sorted(families.items())},
    }


def headline(score: dict[str, float | int]) -> float:
    """The one number a score is judged by: accuracy or F1."""
    return float(score.get("accuracy", score.get("f1", 0.0)))


def render_markdown(result: dict[str, Any]) -> str:
    """The scores as a Markdown table (for the README): accuracy or F1 per field."""
    families = list(result["families"])
    lines = ["| field | overall | " + " | ".join(families) + " |",
             "|---|---:|" + "---:|" * len(families)]
    for name, score in result["overall"].items():
        cells = [f"{headline(result['families'][f][name]):.3f}"
                 if name in result["families"][f] else "" for f in families]
        lines.append(f"| {name} | {headline(score):.3f} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def render_table(result: dict[str, Any]) -> None:
    """Print the scores as a table: one row per field, overall then each family."""
    from rich.console import Console
    from rich.table import Table

    families = list(result["families"])
    table = Table(title=f"{result['system']} on {result['documents']} reports "
                        f"(split: {result['split']}); accuracy or F1")
    table.add_column("field")
    table.add_column("P", justify="right")
    table.add_column("R", justify="right")
    table.add_column("overall", justify="right")
    for family in families:
        table.add_column(family, justify="right")
    for name, score in result["overall"].items():
        row = [name, f"{score.get('precision', ''):}", f"{score.get('recall', ''):}",
               f"{headline(score):.3f}"]
        row += [f"{headline(result['families'][f][name]):.3f}" if name in result["families"][f]
                else "" for f in families]
        table.add_row(*row)
    Console().print(table)


def floor_of(result: dict[str, Any], margin: float = 0.0) -> dict[str, dict[str, float]]:
    """The headline score of every field, overall and per family, less ``margin``, floored
    to two decimals: what ``corpora/floors.json`` records and the tests hold the pipeline to."""
    import math

    def floored(scores: dict[str, dict[str, float | int]]) -> dict[str, float]:
        return {name: max(0.0, math.floor((headline(score) - margin) * 100) / 100)
                for name, score in scores.items()}

    floors = {"overall": floored(result["overall"])}
    floors |= {f"family:{name}": floored(scores) for name, scores in result["families"].items()}
    return floors


def below_floor(result: dict[str, Any], floors: dict[str, dict[str, float]]) -> list[str]:
    """Every score in ``result`` that is lower than its floor, described."""
    failures = []
    for group, fields in floors.items():
        scores = result["overall"] if group == "overall" else result["families"].get(
            group.removeprefix("family:"), {})
        for name, floor in fields.items():
            value = headline(scores[name]) if name in scores else 0.0
            if value + 1e-9 < floor:
                failures.append(f"{group} {name}: {value:.4f} < floor {floor:.2f}")
    return failures
