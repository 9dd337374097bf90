"""The spaCy pipeline: registered components, entities on doc.ents, displaCy."""

from __future__ import annotations

import spacy
from spacy import displacy

import reportnlp

TEXT = "城市聯絡網主席暨韓國首爾市長 Mr. Park Won-Soon 與科員任珮諤會晤可倫坡市長。"


def test_ner_pipeline_components_are_registered() -> None:
    nlp = reportnlp.load_nlp()
    assert nlp is reportnlp.load_nlp()  # built once per process
    assert "reportnlp_gazetteer_ruler" in nlp.pipe_names
    assert "reportnlp_officials" in nlp.pipe_names
    mine = spacy.blank("zh", config={"nlp": {"tokenizer": {"@tokenizers": "reportnlp.JiebaTokenizer.v1"}}})
    mine.add_pipe("reportnlp_gazetteer_ruler")
    assert {e.text for e in mine(TEXT).ents} >= {"城市聯絡網", "Park Won-Soon"}


def test_ner_pipeline_entities_and_officials_on_the_doc() -> None:
    doc = reportnlp.load_nlp()(TEXT)
    found = {(e.text, e.label_) for e in doc.ents}
    assert {("城市聯絡網", "ORG"), ("韓國", "GPE"), ("首爾", "GPE"), ("Park Won-Soon", "PERSON"),
            ("任珮諤", "PERSON"), ("可倫坡", "GPE")} <= found
    titled = {(o.name, o.title, o.organization) for o in doc._.officials}
    assert ("Park Won-Soon", "主席", "城市聯絡網") in titled
    assert ("Park Won-Soon", "市長", "首爾") in titled


def test_ner_pipeline_renders_with_displacy() -> None:
    html = displacy.render(reportnlp.load_nlp()(TEXT), style="ent")
    assert "Park Won-Soon" in html and "PERSON" in html


def test_ner_pipeline_normalizes_variants() -> None:
    report = reportnlp.parse_text("代表團由台北市出發。抵達臺北市後，與CityNet（城市聯絡網）洽談。")
    forms = {e.text: e.normalized for e in report.entities}
    assert forms["台北市"] == forms["臺北市"]
    assert forms["CityNet"] == forms["城市聯絡網"]


def test_ner_a_chinese_name_with_its_acronym_is_a_body_no_list_holds() -> None:
    text = ("二、過程\n\n本署並參與國際海事衛星組織（IMSO）年會；其後取得當地海洋保育局（MCB）之同意，"
            "MCB並提供資料。\n")
    found = {(e.text, e.label, e.normalized) for e in reportnlp.parse_text(text).entities}
    assert {("國際海事衛星組織", "ORG", "國際海事衛星組織"), ("IMSO", "ORG", "國際海事衛星組織"),
            ("海洋保育局", "ORG", "海洋保育局"), ("MCB", "ORG", "海洋保育局")} <= found


def test_ner_european_bodies_named_in_their_own_languages() -> None:
    from reportnlp.ner.organisations import english_organisations

    text = ("拜會（Bundesministerium für Digitales und Verkehr）、（Ministerie van Justitie en "
            "Veiligheid）及（Université de Strasbourg）")
    assert [text[m.start:m.end] for m in english_organisations(text)] == [
        "Bundesministerium für Digitales und Verkehr", "Ministerie van Justitie en Veiligheid",
        "Université de Strasbourg"]
