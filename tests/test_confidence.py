"""Per-value confidence: present on every value, a review flag that follows it, and
calibration measured on the corpus's blind batches."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import reportnlp
from conftest import CORPORA, SEED
from reportnlp.confidence.assess import load_weights, weights_path
from reportnlp.confidence.calibrate import (
    Row,
    cross_validated,
    fit,
    measure,
    reliability,
    review_threshold,
)
from reportnlp.model import Report, Section


def _sections(sections: list[Section]) -> list[Section]:
    return [s for section in sections for s in (section, *_sections(section.children))]


def _values(report: Report) -> list[object]:
    return [*report.travelers, *_sections(report.sections), *report.itinerary,
            *report.entities, *report.officials]


@pytest.mark.parametrize("path", [SEED, *sorted(CORPORA.glob("blind0[13]/*.txt"))[:8]],
                         ids=lambda p: p.stem)
def test_confidence_on_every_value_in_unit_range(path: Path) -> None:
    report = reportnlp.parse_file(path)
    values = _values(report)
    assert values
    for value in values:
        assert value.confidence is not None and 0.0 <= value.confidence <= 1.0, value
        assert value.evidence is not None
    assert {"title", "period", "travelers", "destinations", "organizer"} <= set(
        report.field_confidence)
    assert all(0.0 <= c.confidence <= 1.0 for c in report.field_confidence.values())
    dumped = report.model_dump(mode="json")
    assert "confidence" in dumped["entities"][0] and "needs_review" in dumped


def test_confidence_in_json_schema() -> None:
    schema = json.dumps(Report.model_json_schema())
    for key in ("field_confidence", "needs_review", "review_reasons", "confidence", "evidence"):
        assert f'"{key}"' in schema


def test_seed_report_needs_no_review(seed_report: Report) -> None:
    assert not seed_report.needs_review, seed_report.review_reasons
    assert seed_report.field_confidence["period"].confidence >= load_weights().review_threshold
    assert any("出國期間" in e for e in seed_report.field_confidence["period"].evidence)


def test_a_report_missing_its_period_and_travelers_needs_review() -> None:
    text = ("赴日本東京考察智慧交通報告\n\n壹、目的\n了解東京都交通局的智慧號誌。\n\n"
            "貳、過程\n參訪東京都廳，由交通局課長山田太郎簡報。\n\n參、心得及建議\n宜引進。\n")
    report = reportnlp.parse_text(text)
    assert report.needs_review
    low = {reason.split(":")[0] for reason in report.review_reasons}
    assert "period" in low and "travelers" in low
    threshold = load_weights().review_threshold
    assert report.field_confidence["period"].confidence < threshold
    assert "no value was found" in report.field_confidence["period"].evidence


def test_empty_text_has_confidences_too() -> None:
    report = reportnlp.parse_text("")
    assert report.needs_review and report.field_confidence


def _rows(values: list[tuple[str, float, bool]]) -> list[Row]:
    return [Row(f"r{i // 4}", "blindX" if i % 2 else "blindY", kind, {"f": feature}, 0.0, right)
            for i, (kind, feature, right) in enumerate(values)]


def test_reliability_bins_count_and_accuracy() -> None:
    rows = _rows([("traveler", 1.0, True)] * 30 + [("traveler", 0.0, False)] * 30)
    scored = [(row, 0.99 if row.features["f"] else 0.1) for row in rows]
    table = reliability(scored)["travelers"]
    assert table["n"] == 60
    assert [(b["n"], b["accuracy"]) for b in table["bins"]] == [(30, 0.0), (30, 1.0)]
    assert table["ece"] == pytest.approx((0.1 * 30 + 0.01 * 30) / 60, abs=1e-4)


def test_fit_learns_a_feature_and_cross_validation_holds_batches_out() -> None:
    rows = _rows([("traveler", 1.0, True)] * 40 + [("traveler", 0.0, False)] * 30
                 + [("traveler", 0.0, True)] * 10)
    model = fit(rows)["traveler"]
    assert model["weights"]["f"] > 1.0 and model["n"] == 80
    scored = cross_validated(rows, ["blindX", "blindY"])
    assert len(scored) == 80 and all(0 < p < 1 for _, p in scored)
    chosen = review_threshold(scored)
    assert chosen["values_kept_right"] >= 0.98 and chosen["reports"] == 20


def test_shipped_weights_record_their_calibration() -> None:
    data = json.loads(weights_path().read_text(encoding="utf-8"))
    assert data["review"]["values_kept_right"] >= 0.98
    assert data["reliability"]["all"]["n"] > 10_000
    assert data["review_threshold"] == load_weights().review_threshold


def test_reliability_measured_on_the_blind_batches() -> None:
    """The calibration the README reports, measured from real scores: every blind batch
    predicted by models fitted without it."""
    measured = measure(CORPORA)
    assert measured["documents"] >= 270
    assert measured["reliability"]["all"]["ece"] < 0.05
    assert measured["review"]["values_kept_right"] >= 0.98
    assert measured["review"]["reports_passed"] > 0
