"""The corpus, its gold, and the quality floor the pipeline must keep."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from reportnlp.corpus import load_corpus
from reportnlp.evaluate import (
    below_floor,
    evaluate_corpus,
    score_entities,
    score_header,
)

ROOT = Path(__file__).resolve().parents[1]
CORPORA = ROOT / "corpora"
FAMILIES = {"local", "central", "soe", "academic", "informal"}


@pytest.fixture(scope="module")
def result() -> dict:
    return evaluate_corpus(CORPORA, split="all")


def test_evaluate_scores_stay_above_floor(result: dict) -> None:
    floors = json.loads((CORPORA / "floors.json").read_text(encoding="utf-8"))
    assert below_floor(result, floors) == []


def test_evaluate_eval_split_is_scored_apart() -> None:
    evaluated = evaluate_corpus(CORPORA, split="eval")
    splits = json.loads((CORPORA / "splits.json").read_text(encoding="utf-8"))
    assert evaluated["documents"] == len(splits["eval"])
    names = list(splits)
    for index, name in enumerate(names):
        for other in names[index + 1 :]:
            assert not set(splits[name]) & set(splits[other]), (name, other)


def test_evaluate_corpus_covers_every_family() -> None:
    reports = load_corpus(CORPORA)
    counts = {family: sum(r.family == family for r in reports) for family in FAMILIES}
    assert all(count >= 6 for count in counts.values()), counts
    assert len(reports) >= 41
    splits = json.loads((CORPORA / "splits.json").read_text(encoding="utf-8"))
    assert {r.id for r in reports} == {i for ids in splits.values() for i in ids}


def _gold_strings(gold: dict) -> list[str]:
    strings = [gold[k] for k in ("title", "category", "organizer", "project_id", "conference",
                                  "paper_title") if gold[k]]
    strings += [v for t in gold["travelers"] for v in t.values() if v]
    strings += gold["destinations"] + [s["heading"] for s in gold["sections"]]
    strings += [e["text"] for e in gold["entities"]] + [o["name"] for o in gold["officials"]]
    strings += [d["text"] for d in gold["dates"]]
    return strings


@pytest.mark.parametrize("gold_path", sorted(CORPORA.glob("*/*.gold.json")), ids=lambda p: p.stem)
def test_evaluate_gold_strings_occur_and_dates_are_real(gold_path: Path) -> None:
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    text = gold_path.with_name(gold_path.name.replace(".gold.json", ".txt")).read_text("utf-8")
    missing = [s for s in _gold_strings(gold) if s not in text]
    assert missing == []
    dates = [d["date"] for d in gold["dates"]] + [d["end_date"] for d in gold["dates"] if d["end_date"]]
    dates += [r["date"] for r in gold["itinerary"]]
    dates += [gold["report_date"]] if gold["report_date"] else []
    dates += [gold["period"]["start"], gold["period"]["end"]] if gold["period"] else []
    for value in dates:
        dt.date.fromisoformat(value)
    assert gold["family"] == gold_path.parent.name


def test_evaluate_perfect_prediction_scores_one() -> None:
    gold = load_corpus(CORPORA)[0].gold
    header = score_header(gold, gold).as_dict()
    entities = score_entities(gold, gold).as_dict()
    assert all(s.get("accuracy", s.get("f1")) == 1.0 for s in (header | entities).values())


def test_evaluate_empty_prediction_scores_zero_recall() -> None:
    gold = next(r.gold for r in load_corpus(CORPORA) if r.gold["entities"])
    empty = {"entities": [], "officials": []}
    scores = score_entities(gold, empty).as_dict()
    assert scores["entities.strict"]["recall"] == 0.0


def test_evaluate_baseline_runs_on_the_same_corpus() -> None:
    baseline = evaluate_corpus(CORPORA, split="eval", system="jieba-posseg")
    assert "entities.lenient" in baseline["overall"]
    assert "header.all" not in baseline["overall"]
