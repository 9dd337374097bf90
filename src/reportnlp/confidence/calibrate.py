"""Fit the confidence models on the corpus and measure how well they are calibrated.

Every value the pipeline extracts from a corpus report is labelled right or wrong against the
gold (the same comparisons ``reportnlp evaluate`` scores by), with the features it was judged
from. One logistic model per kind of value is fitted on them (Newton's method with an L2
penalty: a few features, a few thousand values, no library needed beyond numpy).

Calibration is measured honestly: each blind batch is predicted by models fitted on every
other report (leave one batch out), so the reliability table — confidence bins against the
share of values that were right — reads as it would on reports nobody tuned on. The review
threshold is chosen on those predictions: the lowest at which the header fields and travelers
that reach it were at least 98 % right.

    python -m reportnlp.confidence.calibrate --corpus corpora --out models/confidence/weights.json
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import logging
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path
from typing import Any

import numpy as np

from reportnlp.confidence.assess import Weights, reviewed, value_at, weights_path
from reportnlp.confidence.features import Item, items
from reportnlp.corpus import GoldReport, load_corpus
from reportnlp.evaluate import comparable, day_span, person_key
from reportnlp.model import ENTITY_LABELS, Report

log = logging.getLogger(__name__)

BINS = (0.0, 0.5, 0.7, 0.8, 0.9, 0.95, 0.98, 1.0)
GROUPS = {"header fields": "field.", "travelers": "traveler", "sections": "section",
          "itinerary": "itinerary", "entities": "entity.", "officials": "official"}
TARGET = 0.98  # share of right reports the review threshold must deliver
MIN_VALUES = 20  # a kind with fewer labelled values keeps its base rate only
PENALTY = 4.0


@dataclass(frozen=True)
class Row:
    """One labelled value: its report, the report's family, kind, features, the confidence
    the shipped models gave it, and whether it was right."""

    report: str
    family: str
    kind: str
    features: dict[str, float]
    confidence: float
    right: bool


def _gold_sets(gold: dict[str, Any]) -> dict[str, set[Any]]:
    return {
        "traveler": {person_key(t) for t in gold["travelers"]},
        "section": {(s["kind"], s["heading"]) for s in gold["sections"]},
        "itinerary": {(r["date"], r.get("end_date")) for r in gold["itinerary"]},
        "entity": {(e["text"], e["label"]) for e in gold["entities"]},
        "place": {e["text"] for e in gold["entities"] if e["label"] == "GPE"},
        "official": {(o["name"], o.get("title")) for o in gold["officials"]},
    }


def is_right(item: Item, predicted: dict[str, Any], gold: dict[str, Any],
             sets: dict[str, set[Any]]) -> bool | None:
    """Whether the value ``item`` points at is right by the gold (None: the gold does not say,
    as for sub-sections, which the gold does not list)."""
    where, *rest = item.path
    if where == "field":
        return bool(comparable(rest[0], predicted) == comparable(rest[0], gold))
    if where == "sections" and len(rest) > 1:
        return None
    value = predicted[where][int(rest[0])]
    if where == "travelers":
        return person_key(value) in sets["traveler"]
    if where == "sections":
        return (value["kind"], value["heading"]) in sets["section"]
    if where == "itinerary":
        return day_span(value) in sets["itinerary"]
    if where == "entities":
        if value["label"] not in ENTITY_LABELS:  # LOC and the like: right if the gold has the place
            return value["text"] in sets["place"]
        return (value["text"], value["label"]) in sets["entity"]
    return (value["name"], value.get("title")) in sets["official"]


def labelled(report: Report, gold: GoldReport) -> list[Row]:
    """Every judged value of one parsed corpus report, labelled by its gold."""
    predicted = report.model_dump(mode="json")
    sets = _gold_sets(gold.gold)
    rows = []
    for item in items(report):
        right = is_right(item, predicted, gold.gold, sets)
        if right is None:
            continue
        if item.path[0] == "field":
            confidence = report.field_confidence[item.path[1]].confidence
        else:
            confidence = value_at(report, item.path).confidence
        rows.append(Row(gold.id, gold.family, item.kind, item.features, confidence or 0.0, right))
    return rows


def collect(reports: Iterable[GoldReport]) -> list[Row]:
    """The labelled values of every report (parsed with the pipeline as it ships)."""
    import reportnlp
    from reportnlp.errors import ReportNLPError

    rows = []
    for gold in reports:
        try:
            report = reportnlp.parse_file(gold.path)
        except ReportNLPError as exc:
            log.warning("%s", exc)
            continue
        rows += labelled(report, gold)
    return rows


def _fit_one(rows: list[Row]) -> dict[str, Any]:
    names = sorted({name for row in rows for name in row.features})
    x = np.array([[1.0] + [row.features.get(n, 0.0) for n in names] for row in rows])
    y = np.array([float(row.right) for row in rows])
    w = np.zeros(x.shape[1])
    w[0] = np.log((y.sum() + 1) / (len(y) - y.sum() + 1))
    penalty = np.full(x.shape[1], PENALTY)
    penalty[0] = 0.0
    for _ in range(50):
        p = 1 / (1 + np.exp(-np.clip(x @ w, -30, 30)))
        gradient = x.T @ (p - y) + penalty * w
        hessian = (x * (p * (1 - p))[:, None]).T @ x + np.diag(penalty + 1e-6)
        step = np.linalg.solve(hessian, gradient)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    return {"bias": round(float(w[0]), 5),
            "weights": {n: round(float(v), 5) for n, v in zip(names, w[1:], strict=True)},
            "n": len(rows), "right": int(y.sum())}


def fit(rows: list[Row]) -> dict[str, dict[str, Any]]:
    """One logistic model per kind of value."""
    kinds: dict[str, list[Row]] = {}
    for row in rows:
        kinds.setdefault(row.kind, []).append(row)
    models = {}
    for kind, group in sorted(kinds.items()):
        if len(group) < MIN_VALUES:
            right = sum(r.right for r in group)
            models[kind] = {"bias": round(float(np.log((right + 1) / (len(group) - right + 1))), 5),
                            "weights": {}, "n": len(group), "right": right}
        else:
            models[kind] = _fit_one(group)
    return models


def _predict(models: dict[str, dict[str, Any]], rows: list[Row]) -> list[float]:
    weights = Weights(kinds=models, review_threshold=0.0)
    return [weights.probability(Item(row.kind, (), row.features)) for row in rows]


def cross_validated(rows: list[Row], batches: Iterable[str]) -> list[tuple[Row, float]]:
    """Each batch's values with the confidence a model fitted without that batch gives them."""
    out = []
    for batch in batches:
        held = [r for r in rows if r.family == batch]
        if held:
            models = fit([r for r in rows if r.family != batch])
            out += list(zip(held, _predict(models, held), strict=True))
    return out


def reliability(scored: list[tuple[Row, float]]) -> dict[str, Any]:
    """Confidence bins against the share of values that were right, per group of values and
    overall, with the expected calibration error (the bins' gap weighted by their size)."""
    table: dict[str, Any] = {}
    for group, prefix in [*GROUPS.items(), ("all", "")]:
        chosen = [(r, p) for r, p in scored if r.kind.startswith(prefix)]
        bins, gap = [], 0.0
        for low, high in pairwise(BINS):
            inside = [(r, p) for r, p in chosen if low <= p < high or (high == 1.0 and p == 1.0)]
            if not inside:
                continue
            mean = sum(p for _, p in inside) / len(inside)
            right = sum(r.right for r, _ in inside) / len(inside)
            gap += abs(mean - right) * len(inside)
            bins.append({"bin": f"{low:.2f}–{high:.2f}", "n": len(inside),
                         "confidence": round(mean, 3), "accuracy": round(right, 3)})
        table[group] = {"n": len(chosen), "ece": round(gap / len(chosen), 4) if chosen else 0.0,
                        "bins": bins}
    return table


def review_threshold(scored: list[tuple[Row, float]], target: float = TARGET) -> dict[str, Any]:
    """The lowest threshold at which the header fields and travelers that reach it are at
    least ``target`` right; how many values and reports it sends to review, and how right the
    reports it lets pass are (share of their values right, share entirely right)."""
    values = [(row, p) for row, p in scored if reviewed(row.kind)]
    threshold = 1.0
    for candidate in sorted({round(p, 3) for _, p in values}):
        kept = [row.right for row, p in values if p >= candidate]
        if kept and sum(kept) / len(kept) >= target:
            threshold = candidate
            break
    kept = [row.right for row, p in values if p >= threshold]
    reports: dict[str, list[tuple[bool, float]]] = {}
    for row, p in values:
        reports.setdefault(row.report, []).append((row.right, p))
    passed = [v for v in reports.values() if min(p for _, p in v) >= threshold]
    passed_values = [right for v in passed for right, _ in v]
    return {"threshold": threshold, "target": target,
            "values": len(values), "values_kept": len(kept),
            "values_kept_right": round(sum(kept) / len(kept), 4) if kept else 1.0,
            "reports": len(reports), "reports_passed": len(passed),
            "reports_to_review": len(reports) - len(passed),
            "passed_values_right": round(sum(passed_values) / len(passed_values), 4)
            if passed_values else 1.0,
            "passed_entirely_right": round(sum(all(r for r, _ in v) for v in passed)
                                           / len(passed), 4) if passed else 1.0}


def blind_batches(corpus: Path) -> list[str]:
    """The blind batches of the corpus (the families with a first-seen record)."""
    return sorted(p.stem for p in (corpus / "first_seen").glob("*.json"))


def _measured(rows: list[Row], corpus: Path) -> dict[str, Any]:
    batches = blind_batches(corpus)
    scored = cross_validated(rows, batches)
    return {"documents": len({r.report for r, _ in scored}), "batches": batches,
            "review": review_threshold(scored), "reliability": reliability(scored)}


def measure(corpus: Path) -> dict[str, Any]:
    """The calibration of the confidence models on the blind batches, each predicted by
    models fitted without it: reliability table and review threshold."""
    return _measured(collect(load_corpus(corpus, "train")), corpus)


def shipped_reliability(reports: Iterable[GoldReport]) -> dict[str, Any]:
    """The reliability table and review outcome of the confidences the pipeline gives as it
    ships (for a batch no model was fitted on: its first-seen calibration)."""
    from reportnlp.confidence.assess import load_weights

    scored = [(row, row.confidence) for row in collect(reports)]
    review = review_threshold(scored)
    threshold = load_weights().review_threshold
    values = [(r, p) for r, p in scored if reviewed(r.kind)]
    kept = [r.right for r, p in values if p >= threshold]
    review |= {"shipped_threshold": threshold, "values_kept_at_shipped": len(kept),
               "values_kept_right_at_shipped": round(sum(kept) / len(kept), 4) if kept else 1.0}
    return {"reliability": reliability(scored), "review": review}


def render_reliability(measured: dict[str, Any], markdown: bool = False) -> str:
    """The reliability table (group, bin, values, mean confidence, share right) and the
    review threshold, as Markdown or a printed table."""
    from reportnlp.evaluate import render_rows

    rows = [["values", "confidence bin", "n", "mean confidence", "right"]]
    for group, table in measured["reliability"].items():
        for b in table["bins"]:
            rows.append([group, b["bin"], str(b["n"]), f"{b['confidence']:.3f}",
                         f"{b['accuracy']:.3f}"])
        rows.append([group, "ECE", str(table["n"]), "", f"{table['ece']:.4f}"])
    review = measured["review"]
    summary = (f"review threshold {review['threshold']:.3f}: {review['values_kept']} of "
               f"{review['values']} header fields and travelers reach it, "
               f"{100 * review['values_kept_right']:.1f}% of them right; "
               f"{review['reports_passed']} of {review['reports']} reports pass "
               f"({100 * review['passed_values_right']:.1f}% of their values right, "
               f"{100 * review['passed_entirely_right']:.1f}% entirely right), "
               f"{review['reports_to_review']} go to review")
    table = render_rows(rows, markdown=markdown, title="confidence against accuracy")
    return f"{table}\n\n{summary}" if table else summary


def calibrate(corpus: Path, out: Path) -> dict[str, Any]:
    """Fit on the train split, measure by leaving each blind batch out, write the weights."""
    train = load_corpus(corpus, "train")
    rows = collect(train)
    measured = _measured(rows, corpus)
    result = {"fitted": dt.date.today().isoformat(), "documents": len(train),
              "review_threshold": measured["review"]["threshold"], "review": measured["review"],
              "reliability": measured["reliability"], "kinds": fit(rows)}
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return result


def main(argv: list[str] | None = None) -> None:
    """``make calibrate``: refit ``models/confidence/weights.json`` on the corpus."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=Path("corpora"))
    parser.add_argument("--out", type=Path, default=weights_path())
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING)
    result = calibrate(args.corpus, args.out)
    review = result["review"]
    log.warning("threshold %.3f: %d of %d values pass (%.1f%% right); %d of %d reports "
                "pass, %d to review", review["threshold"], review["values_kept"],
                review["values"], 100 * review["values_kept_right"], review["reports_passed"],
                review["reports"], review["reports_to_review"])


if __name__ == "__main__":
    main()
