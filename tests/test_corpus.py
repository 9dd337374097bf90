"""The corpus itself: blind batches recorded before they were tuned on, second annotations,
and no report an edited copy of another."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from reportnlp.corpus import load_corpus, most_similar_pairs, report_texts
from reportnlp.errors import CorpusError
from reportnlp.evaluate import (
    agreement,
    below_first_seen,
    first_seen_comparison,
    record_first_seen,
)

ROOT = Path(__file__).resolve().parents[1]
CORPORA = ROOT / "corpora"
BATCHES = sorted(p.name for p in CORPORA.iterdir() if p.is_dir() and p.name.startswith("blind"))


def test_corpus_no_report_is_an_edited_copy_of_another() -> None:
    top = most_similar_pairs(report_texts(load_corpus(CORPORA)), top=1)
    assert top[0][0] < 0.5, top


def test_corpus_similarity_finds_an_edited_copy() -> None:
    places = "斯里蘭卡可倫坡、泰國曼谷、日本京都、韓國首爾、德國柏林、法國巴黎、荷蘭鹿特丹、美國波士頓"
    text = "".join(f"第{i}天，考察團前往{places[i * 5:i * 5 + 4]}拜會當地市政府第{i}處，"
                   f"由處長說明都市更新與公共運輸政策第{i * 7}項措施之執行成果。\n"
                   for i in range(8))
    edited = text.replace("拜會", "訪問", 2).replace("處長", "局長", 1)
    other = "臺南市政府文化局於113年赴日本京都考察文化資產保存與町家再生政策，拜會京都市役所。" * 3
    pairs = most_similar_pairs({"a": text, "b": edited, "c": other}, top=3)
    assert pairs[0][1:] == ("a", "b") and pairs[0][0] > 0.5
    assert all(score < 0.1 for score, *_ in pairs[1:])


@pytest.mark.parametrize("batch", BATCHES)
def test_corpus_every_blind_batch_has_its_first_seen_record(batch: str) -> None:
    record = json.loads((CORPORA / "first_seen" / f"{batch}.json").read_text(encoding="utf-8"))
    ids = {r.id for r in load_corpus(CORPORA) if r.family == batch}
    assert record["documents"] >= 30
    assert set(record["ids"]) == ids
    assert record["commit"]


def test_corpus_current_scores_never_fall_below_first_seen() -> None:
    comparison = first_seen_comparison(CORPORA)
    assert set(comparison["batches"]) == set(BATCHES)
    assert below_first_seen(comparison) == []


@pytest.mark.parametrize("batch", BATCHES)
def test_corpus_second_annotation_of_every_batch(batch: str) -> None:
    second = CORPORA / "agreement" / batch
    result = agreement(CORPORA, second)
    assert result["documents"] >= 5
    assert {r.family for r in load_corpus(CORPORA) if r.id in result["ids"]} == {batch}
    assert 0.0 < result["overall"]["header.all"]["accuracy"] <= 1.0


def test_corpus_first_seen_is_recorded_once(tmp_path: Path) -> None:
    source = next(CORPORA.glob("local/*.gold.json"))
    batch = tmp_path / "blind99"
    batch.mkdir()
    for suffix in (".gold.json", ".txt"):
        name = source.name.replace(".gold.json", suffix)
        shutil.copy(source.with_name(name), batch / name)
    gold_path = batch / source.name
    gold = json.loads(gold_path.read_text(encoding="utf-8")) | {"family": "blind99"}
    gold_path.write_text(json.dumps(gold, ensure_ascii=False), encoding="utf-8")
    path = record_first_seen(tmp_path, "blind99")
    record = json.loads(path.read_text(encoding="utf-8"))
    assert record["ids"] == [gold["id"]] and record["scores"]["header.all"]["n"] == 10
    with pytest.raises(CorpusError, match="E301"):
        record_first_seen(tmp_path, "blind99")
    with pytest.raises(CorpusError, match="E302"):
        record_first_seen(tmp_path, "blind98")
    comparison = first_seen_comparison(tmp_path)
    assert comparison["batches"]["blind99"]["first_seen"] == comparison["batches"]["blind99"]["current"]
    assert below_first_seen(comparison) == []
