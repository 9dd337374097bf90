"""The whole pipeline on arbitrary text: never raises, offsets always point into the text."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import reportnlp

SEED = (Path(__file__).resolve().parents[1] / "corpora" / "local"
        / "taichung_citynet_2017.txt").read_text(encoding="utf-8")
ALPHABET = st.sampled_from(list("壹貳參一二三（）()：:、，。年月日至~☑☐■□V\t\n 第章天0123456789AMrDr.臺台市長科員"))


def _offsets_hold(report: reportnlp.Report) -> None:
    for entity in report.entities:
        assert report.text[entity.start : entity.end] == entity.text
    for mention in report.dates:
        assert report.text[mention.start : mention.end] == mention.text
    for section in report.sections:
        assert report.text[section.start : section.end] == section.text


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=ALPHABET, max_size=300))
def test_pipeline_never_raises_on_report_like_noise(text: str) -> None:
    _offsets_hold(reportnlp.parse_text(text))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(0, len(SEED)), st.integers(0, len(SEED)))
def test_pipeline_never_raises_on_a_cut_report(start: int, end: int) -> None:
    _offsets_hold(reportnlp.parse_text(SEED[min(start, end) : max(start, end)]))
