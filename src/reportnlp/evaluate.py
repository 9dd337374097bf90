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

from reportnlp.corpus import GoldReport, folded, load_corpus
from reportnlp.model import ENTITY_LABELS

log = logging.getLogger(__name__)

HEADER_FIELDS = ("report_type", "title", "category", "organizer", "contact", "period",
                 "report_date", "project_id", "conference", "paper_title")


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
        if self.kind == "cer":  # tp: edit operations, fn: characters of the truth
            rate = self.tp / self.fn if self.fn else 0.0
            return {"cer": round(rate, 4), "accuracy": round(1 - rate, 4), "n": int(self.fn)}
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

    def counts(self) -> dict[str, dict[str, float | int | str]]:
        """The raw tallies, so that scores recorded apart can be summed again later."""
        return {name: {"kind": t.kind, "correct": t.correct, "total": t.total, "tp": t.tp,
                       "fp": t.fp, "fn": t.fn} for name, t in sorted(self.fields.items())}

    @classmethod
    def from_counts(cls, counts: dict[str, dict[str, Any]]) -> Scores:
        """The inverse of :meth:`counts`."""
        return cls({name: Tally(**c) for name, c in counts.items()})


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


def _attribute(gold: list[dict[str, Any]], predicted: list[dict[str, Any]], key: str,
               lenient: bool = False) -> Tally:
    """One attribute of the officials both sides name: right, wrong or missing.

    Officials found on one side only are left to ``officials.name``; here a wrong or
    missing value is a false positive and a false negative, a missing one on both sides
    is not counted. ``lenient`` accepts one value containing the other (臺中市政府 for
    臺中市政府秘書處), as entities do.
    """
    predicted_by_name = {o["name"]: o.get(key) for o in predicted}
    tally = Tally()
    for official in {o["name"]: o for o in gold}.values():
        if official["name"] not in predicted_by_name:
            continue
        g, p = official.get(key), predicted_by_name[official["name"]]
        if g is None and p is None:
            continue
        right = g is not None and p is not None and (g == p or (lenient and (g in p or p in g)))
        tally.add(Tally(tp=1) if right else Tally(fp=int(p is not None), fn=int(g is not None)))
    return tally


def _period(value: dict[str, str] | None) -> tuple[str, str] | None:
    return (str(value["start"]), str(value["end"])) if value else None


def _contact(value: dict[str, str | None] | None) -> tuple[str | None, str | None] | None:
    return (value.get("name"), value.get("phone")) if value else None


PERSON_KEYS = ("name", "agency", "unit", "title")


def person_key(traveler: dict[str, Any]) -> tuple[str | None, ...]:
    """A traveler as the tuple it is scored by."""
    return tuple(traveler.get(k) for k in PERSON_KEYS)


def comparable(name: str, record: dict[str, Any]) -> object:
    """A header field of a gold or predicted record in the form it is scored by (lists as
    multisets, so their order does not count)."""
    value = record.get(name)
    if name == "period":
        return _period(value)
    if name == "contact":
        return _contact(value)
    if name == "travelers":
        return Counter(person_key(t) for t in value or [])
    if name in ("trip_types", "destinations"):
        return Counter(value or [])
    return value


def day_span(record: dict[str, Any]) -> tuple[str, str | None]:
    """A date mention's or itinerary row's (date, end_date) as ISO strings."""
    return str(record["date"]), record.get("end_date") and str(record["end_date"])


def score_header(gold: dict[str, Any], predicted: dict[str, Any]) -> Scores:
    """Header fields, lists and structure of one report."""
    scores = Scores()
    for name in HEADER_FIELDS:
        g, p = comparable(name, gold), comparable(name, predicted)
        scores.add(f"header.{name}", _accuracy(g, p))
        scores.add("header.all", _accuracy(g, p))
    scores.add("trip_types", _prf(gold["trip_types"], predicted["trip_types"]))
    scores.add("destinations", _prf(gold["destinations"], predicted["destinations"]))
    scores.add("travelers", _prf([person_key(t) for t in gold["travelers"]],
                                 [person_key(t) for t in predicted["travelers"]]))
    scores.add("travelers.name", _prf([t["name"] for t in gold["travelers"]],
                                      [t["name"] for t in predicted["travelers"]]))
    for key in ("agency", "unit", "title"):
        scores.add(f"travelers.{key}", _prf(
            [(t["name"], t.get(key)) for t in gold["travelers"]],
            [(t["name"], t.get(key)) for t in predicted["travelers"]]))
    scores.add("sections", _prf([(s["kind"], s["heading"]) for s in gold["sections"]],
                                [(s["kind"], s["heading"]) for s in predicted["sections"]]))
    scores.add("sections.heading", _prf([s["heading"] for s in gold["sections"]],
                                        [s["heading"] for s in predicted["sections"]]))
    scores.add("itinerary.date", _prf([(r["date"], r.get("end_date")) for r in gold["itinerary"]],
                                      [day_span(r) for r in predicted["itinerary"]]))
    scores.add("itinerary.location", _prf(
        [(r["date"], r.get("location")) for r in gold["itinerary"]],
        [(str(r["date"]), r.get("location")) for r in predicted["itinerary"]]))
    # The gold lists each date text once (corpora/README.md), so dates count as distinct pairs.
    scores.add("dates", _prf({(d["date"], d.get("end_date")) for d in gold["dates"]},
                             {day_span(d) for d in predicted["dates"]}))
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
        scores.add("officials.title", _attribute(gold["officials"], predicted["officials"],
                                                 "title"))
        scores.add("officials.organization", _attribute(
            gold["officials"], predicted["officials"], "organization", lenient=True))
    return scores


def folded_text(text: str) -> str:
    """Text as the character error rate compares it: NFKC widths, no whitespace."""
    import unicodedata

    return "".join(unicodedata.normalize("NFKC", text).split())


def character_errors(read: str, truth: str) -> Tally:
    """The edit distance from ``read`` to ``truth`` over the truth's characters (both
    folded), as a tally whose rate is the character error rate (CER)."""
    from rapidfuzz.distance import Levenshtein

    a, b = folded_text(read), folded_text(truth)
    return Tally(tp=Levenshtein.distance(a, b), fn=len(b), kind="cer")


TRUTH_SUFFIX = ".truth.txt"


def score_ocr(path: Path, predicted: dict[str, Any]) -> Scores:
    """``ocr.cer`` of an OCR'd report whose true text lies beside it (``<id>.truth.txt``, as
    ``corpora/render.py`` writes next to the scans it renders); nothing otherwise."""
    scores = Scores()
    truth = path.with_name(path.stem + TRUTH_SUFFIX)
    if (predicted.get("source") or {}).get("ocr") and truth.exists():
        scores.add("ocr.cer", character_errors(predicted.get("text", ""),
                                               truth.read_text(encoding="utf-8")))
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


def _score(reports: Iterable[GoldReport], system: str) -> tuple[Scores, dict[str, Scores]]:
    """Summed scores of ``system`` over ``reports``: overall and per family."""
    predict = SYSTEMS[system]
    overall = Scores()
    families: dict[str, Scores] = {}
    for report in reports:
        predicted = predict(report.path)
        scores = score_entities(report.gold, predicted)
        if system == "reportnlp":
            scores.merge(score_header(report.gold, predicted))
            scores.merge(score_ocr(report.path, predicted))
        overall.merge(scores)
        families.setdefault(report.family, Scores()).merge(scores)
    return overall, families


def evaluate_corpus(corpus: Path, split: str = "all", system: str = "reportnlp") -> dict[str, Any]:
    """Scores of ``system`` on the corpus: overall and per family."""
    reports = load_corpus(corpus, split)
    overall, families = _score(reports, system)
    return {
        "system": system,
        "split": split,
        "documents": len(reports),
        "overall": overall.as_dict(),
        "families": {name: scores.as_dict() for name, scores in sorted(families.items())},
    }


FIRST_SEEN = "first_seen"


def record_first_seen(corpus: Path, batch: str) -> Path:
    """Score a blind batch (the corpus folder ``batch``) as it is first seen and record it
    in ``first_seen/<batch>.json``. A batch is recorded once: its first-seen score is the
    honest estimate for unseen reports, so an existing record is never overwritten."""
    import datetime as dt
    import subprocess

    from reportnlp.errors import CorpusError

    target = corpus / FIRST_SEEN / f"{batch}.json"
    if target.exists():
        raise CorpusError("E301", target, batch=batch)
    reports = [r for r in load_corpus(corpus) if r.family == batch]
    if not reports:
        raise CorpusError("E302", corpus / batch, batch=batch)
    overall, _ = _score(reports, "reportnlp")
    commit = subprocess.run(["git", "rev-parse", "HEAD"], capture_output=True, text=True,
                            cwd=corpus, check=False).stdout.strip() or None
    from reportnlp.confidence.calibrate import shipped_reliability

    record = {"batch": batch, "recorded": dt.date.today().isoformat(), "commit": commit,
              "documents": len(reports), "ids": [r.id for r in reports],
              "scores": overall.as_dict(), "counts": overall.counts(),
              "confidence": shipped_reliability(reports)}
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(record, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return target


def first_seen_comparison(corpus: Path) -> dict[str, Any]:
    """Every blind batch's first-seen scores beside the current scores on the same reports,
    per batch and summed over all batches."""
    by_id = {r.id: r for r in load_corpus(corpus)}
    batches: dict[str, dict[str, Any]] = {}
    first_all, current_all = Scores(), Scores()
    for path in sorted((corpus / FIRST_SEEN).glob("*.json")):
        record = json.loads(path.read_text(encoding="utf-8"))
        first = Scores.from_counts(record["counts"])
        current, _ = _score([by_id[i] for i in record["ids"]], "reportnlp")
        first_all.merge(first)
        current_all.merge(current)
        batches[record["batch"]] = {"documents": record["documents"],
                                    "recorded": record["recorded"],
                                    "first_seen": first.as_dict(), "current": current.as_dict()}
    return {"documents": sum(b["documents"] for b in batches.values()), "batches": batches,
            "overall": {"first_seen": first_all.as_dict(), "current": current_all.as_dict()}}


# Fields a batch's current score may never lose against its first-seen score; every other
# field (one label's entities, one header field) may move by up to FIRST_SEEN_SLACK, the size
# of one entity or field changing its mind on a 30-report batch.
FIRST_SEEN_STRICT = ("header.all", "travelers", "destinations", "sections", "trip_types",
                     "dates", "itinerary.date", "entities.lenient", "entities.strict",
                     "officials.name")
FIRST_SEEN_SLACK = 0.01


def below_first_seen(comparison: dict[str, Any]) -> list[str]:
    """Every field of every batch whose current score fell below its first-seen score (for
    the headline fields at all; for the others, by more than FIRST_SEEN_SLACK)."""
    failures = []
    for batch, scores in comparison["batches"].items():
        for name, first in scores["first_seen"].items():
            current = headline(scores["current"].get(name, {}))
            slack = 1e-9 if name in FIRST_SEEN_STRICT else FIRST_SEEN_SLACK
            if current + slack < headline(first):
                failures.append(f"{batch} {name}: {current:.4f} < first seen {headline(first):.4f}")
    return failures


def agreement(corpus: Path, second: Path) -> dict[str, Any]:
    """How far a second, independent annotation of some reports (``second/*.gold.json``)
    agrees with the corpus gold: the second annotation scored as if it were a prediction."""
    by_id = {r.id: r for r in load_corpus(corpus)}
    total = Scores()
    ids = []
    for path in sorted(second.glob("*.gold.json")):
        other = folded(json.loads(path.read_text(encoding="utf-8")))
        gold = by_id[other["id"]].gold
        total.merge(score_entities(gold, other))
        total.merge(score_header(gold, other))
        ids.append(other["id"])
    return {"documents": len(ids), "ids": ids, "overall": total.as_dict()}


def headline(score: dict[str, float | int]) -> float:
    """The one number a score is judged by: accuracy or F1."""
    return float(score.get("accuracy", score.get("f1", 0.0)))


def result_rows(result: dict[str, Any], precision_recall: bool = False) -> list[list[str]]:
    """The scores as rows (the first one the header): accuracy or F1 per field, overall
    then each family; with ``precision_recall``, the overall P and R as well."""
    families = list(result["families"])
    rows = [["field"] + (["P", "R"] if precision_recall else []) + ["overall"] + families]
    for name, score in result["overall"].items():
        row = [name] + ([f"{score.get('precision', '')}", f"{score.get('recall', '')}"]
                        if precision_recall else []) + [f"{headline(score):.3f}"]
        row += [f"{headline(result['families'][f][name]):.3f}" if name in result["families"][f]
                else "" for f in families]
        rows.append(row)
    return rows


def render_markdown(result: dict[str, Any]) -> str:
    """The scores as a Markdown table (for the README): accuracy or F1 per field."""
    return str(render_rows(result_rows(result), markdown=True))


def render_table(result: dict[str, Any]) -> None:
    """Print the scores as a table: one row per field, overall then each family."""
    render_rows(result_rows(result, precision_recall=True), markdown=False,
                title=f"{result['system']} on {result['documents']} reports "
                      f"(split: {result['split']}); accuracy or F1")


KEY_FIELDS = ("header.all", "header.title", "header.period", "travelers", "travelers.name",
              "travelers.agency", "destinations", "sections", "dates", "entities.lenient",
              "entities.strict", "entities.ORG.lenient", "officials.name", "officials.title")


def first_seen_rows(comparison: dict[str, Any],
                    fields: Iterable[str] | None = None) -> list[list[str]]:
    """The first-seen table: a row per field, then per batch and overall ``first → now``."""
    overall = comparison["overall"]
    names = list(fields) if fields is not None else list(overall["first_seen"])
    header = ["field"] + [f"{b} ({v['documents']})" for b, v in comparison["batches"].items()]
    rows = [[*header, f"all {comparison['documents']}: first seen", "now"]]
    for name in names:
        cells = [name]
        for scores in comparison["batches"].values():
            first, now = scores["first_seen"].get(name), scores["current"].get(name)
            cells.append(f"{headline(first):.3f} → {headline(now):.3f}" if first and now else "")
        first, now = overall["first_seen"].get(name), overall["current"].get(name)
        cells += [f"{headline(first):.3f}" if first else "", f"{headline(now):.3f}" if now else ""]
        rows.append(cells)
    return rows


def render_rows(rows: list[list[str]], markdown: bool, title: str = "") -> str | None:
    """Rows (the first one the header) as a Markdown table, or printed as a rich table."""
    if markdown:
        lines = ["| " + " | ".join(rows[0]) + " |", "|---|" + "---:|" * (len(rows[0]) - 1)]
        return "\n".join(lines + ["| " + " | ".join(row) + " |" for row in rows[1:]])
    from rich.console import Console
    from rich.table import Table

    table = Table(title=title)
    for index, name in enumerate(rows[0]):
        table.add_column(name, justify="left" if index == 0 else "right")
    for row in rows[1:]:
        table.add_row(*row)
    Console().print(table)
    return None


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
