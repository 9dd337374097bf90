"""The statistical NER: character tokens, training data, the component and its training."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy
from spacy.language import Language

import reportnlp.ner.components  # noqa: F401  (registers the ruler and the jieba tokenizer)
from reportnlp.ner import statistical
from reportnlp.ner.matches import Match
from reportnlp.ner.statistical import add_non_overlapping, char_words, model_available
from reportnlp.ner.train import AnnotatedText, annotate, chunks, entity_spans, train_model

TEXT = "本府秘書處科員任珮諤於106年11月4日前往斯里蘭卡可倫坡，拜會Mr. Park Won-Soon及陳怡君。"


def _pipeline(model_dir: Path | None = None) -> Language:
    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {
        "@tokenizers": "reportnlp.JiebaTokenizer.v1"}}})
    nlp.add_pipe("reportnlp_gazetteer_ruler")
    if model_dir is not None:
        nlp.add_pipe("reportnlp_statistical_ner",
                     config={"model_dir": str(model_dir), "labels": ["PERSON", "ORG", "GPE"]})
    return nlp


def _spans(doc: object) -> set[tuple[int, int, str]]:
    return {(e.start_char, e.end_char, e.label_) for e in doc.ents}


@pytest.mark.parametrize(("text", "words"), [
    ("臺中市", ["臺", "中", "市"]),
    ("Mr. Park Won-Soon", ["Mr", ".", " ", "Park", " ", "Won", "-", "Soon"]),
    ("EMU3000型", ["EMU3000", "型"]),
    ("a\tb\n", ["a", "\t", "b", "\n"]),
])
def test_ner_statistical_char_words(text: str, words: list[str]) -> None:
    assert char_words(text) == words
    assert "".join(char_words(text)) == text


def test_ner_statistical_training_spans_longest_first_whole_words() -> None:
    text = "臺中市政府與臺中市，US與BUS"
    entities = [{"text": "臺中市", "label": "GPE"}, {"text": "臺中市政府", "label": "ORG"},
                {"text": "US", "label": "GPE"}, {"text": "會議", "label": "EVENT"}]
    assert entity_spans(text, entities) == [(0, 5, "ORG"), (6, 9, "GPE"), (10, 12, "GPE")]


def test_ner_statistical_training_chunks_keep_spans() -> None:
    text = AnnotatedText("x", "local", "甲乙\n臺中市\n丙丁\n", ((3, 6, "GPE"),))
    pieces = chunks(text, max_chars=4)
    assert [p for p, _ in pieces] == ["甲乙\n", "臺中市\n", "丙丁\n"]
    assert pieces[1][1] == [(0, 3, "GPE")]


def test_ner_statistical_component_registered_and_loads() -> None:
    assert Language.has_factory("reportnlp_statistical_ner")
    assert model_available(), "models/ner is missing: run `make train`"
    nlp = _pipeline(statistical.default_model_dir())
    assert nlp.pipe_names == ["reportnlp_gazetteer_ruler", "reportnlp_statistical_ner"]
    doc = nlp(TEXT)
    assert all(e._.normalized for e in doc.ents)


def test_ner_statistical_keeps_every_rule_entity() -> None:
    rules_only = _spans(_pipeline()(TEXT))
    combined = _pipeline(statistical.default_model_dir())(TEXT)
    assert rules_only <= _spans(combined)


def test_ner_statistical_adds_only_non_overlapping() -> None:
    doc = _pipeline()("臺中市政府秘書處科員任珮諤前往可倫坡拜會陳怡君")
    before = _spans(doc)
    assert (0, 8, "ORG") in before
    predicted = [Match(2, 5, "ORG", "市政府"),      # inside the rules' ORG: dropped
                 Match(20, 23, "PERSON", "陳怡君"),  # free text: added
                 Match(8, 12, "PERSON", "科員任珮")]  # overlaps the rules' PERSON: dropped
    doc = add_non_overlapping(doc, predicted)
    after = _spans(doc)
    assert before <= after
    assert after - before == {(20, 23, "PERSON")}
    assert doc.ents[-1]._.normalized == "陳怡君"


@pytest.mark.parametrize(("text", "label", "plausible"), [
    ("陳怡君", "PERSON", True),
    ("斯塔德", "PERSON", False),       # no family name
    ("CJ大韓", "PERSON", False),       # scripts mixed
    ("Park Won-Soon", "PERSON", True),
    ("Kitaev", "PERSON", False),       # one Latin word
    ("Under an in-plane field", "PERSON", False),
    ("Port of Rotterdam", "ORG", True),
    ("可", "GPE", False),
    (" 臺中", "GPE", False),
])
def test_ner_statistical_plausible_names(text: str, label: str, plausible: bool) -> None:
    assert statistical._plausible(text, label) is plausible


def test_ner_statistical_switch(monkeypatch: pytest.MonkeyPatch) -> None:
    from reportnlp.ner.pipeline import load_nlp

    try:
        for value, present in [("1", False), ("0", True)]:
            monkeypatch.setenv("REPORTNLP_NO_STATISTICAL_NER", value)
            load_nlp.cache_clear()
            assert ("reportnlp_statistical_ner" in load_nlp().pipe_names) is present
    finally:
        monkeypatch.delenv("REPORTNLP_NO_STATISTICAL_NER")
        load_nlp.cache_clear()


def test_ner_statistical_training_writes_loadable_model(tmp_path: Path) -> None:
    texts = [
        annotate("a", "local", "臺中市政府秘書處科員任珮諤前往斯里蘭卡可倫坡。\n拜會陳怡君。\n",
                 [{"text": "臺中市政府秘書處", "label": "ORG"}, {"text": "任珮諤", "label": "PERSON"},
                  {"text": "斯里蘭卡", "label": "GPE"}, {"text": "可倫坡", "label": "GPE"},
                  {"text": "陳怡君", "label": "PERSON"}]),
        annotate("b", "central", "經濟部派員赴日本東京，與Mr. Taro Yamada會談。\n",
                 [{"text": "經濟部", "label": "ORG"}, {"text": "日本", "label": "GPE"},
                  {"text": "東京", "label": "GPE"}, {"text": "Taro Yamada", "label": "PERSON"}]),
    ]
    overrides = {"training.max_epochs": 2, "reportnlp.dev_fraction": 0.0}
    train_model(texts, tmp_path / "a", overrides=overrides)
    train_model(texts, tmp_path / "b", overrides=overrides)
    assert model_available(tmp_path / "a")
    assert (tmp_path / "a" / "ner" / "model").read_bytes() == (
        tmp_path / "b" / "ner" / "model").read_bytes(), "training is not deterministic"
    loaded = spacy.load(tmp_path / "a")
    assert loaded.get_pipe("ner").labels == ("GPE", "ORG", "PERSON")
    doc = _pipeline(tmp_path / "a")(texts[0].text)
    assert doc.text == texts[0].text
