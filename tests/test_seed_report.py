"""The real Taichung City report (shared/samples/seed_report.txt) must always parse perfectly."""

from __future__ import annotations

import datetime as dt

import pytest

from reportnlp import Report


def test_seed_header_fields(seed_report: Report) -> None:
    assert seed_report.title == "臺中市政府出席斯里蘭卡可倫坡「2017城市聯絡網30周年大會」"
    assert seed_report.report_type == "提要"
    assert seed_report.category == "其他"
    assert seed_report.trip_types == ["國際會議"]
    assert seed_report.organizer == "秘書處"


def test_seed_contact(seed_report: Report) -> None:
    assert seed_report.contact is not None
    assert seed_report.contact.name == "任珮諤"
    assert seed_report.contact.phone == "04-22289111#11414"


def test_seed_traveler(seed_report: Report) -> None:
    assert [t.model_dump(exclude={"confidence", "evidence"}) for t in seed_report.travelers] == [
        {"name": "任珮諤", "agency": "臺中市政府秘書處", "unit": "國際事務科", "title": "科員"}
    ]


def test_seed_period_destination_report_date(seed_report: Report) -> None:
    assert seed_report.period is not None
    assert (seed_report.period.start, seed_report.period.end) == (
        dt.date(2017, 11, 4), dt.date(2017, 11, 9))
    assert seed_report.destinations == ["斯里蘭卡"]
    assert seed_report.report_date == dt.date(2018, 1, 24)


def test_seed_sections(seed_report: Report) -> None:
    assert [(s.kind, s.heading) for s in seed_report.sections] == [
        ("summary", "壹、摘要"),
        ("members", "貳、出國人員名單"),
        ("purpose", "參、目的"),
        ("process", "肆、過程"),
        ("impressions", "伍、心得"),
        ("recommendations", "陸、 建議"),
    ]
    for section in seed_report.sections:
        assert seed_report.text[section.start : section.end] == section.text
        assert section.text.startswith(section.heading)


def test_seed_itinerary(seed_report: Report) -> None:
    rows = [(r.date.isoformat(), r.location) for r in seed_report.itinerary]
    assert rows == [
        ("2017-11-04", "臺中→斯里蘭卡"),
        ("2017-11-05", "斯里蘭卡"),
        ("2017-11-06", "斯里蘭卡"),
        ("2017-11-07", "斯里蘭卡"),
        ("2017-11-08", "斯里蘭卡"),
        ("2017-11-09", "斯里蘭卡→臺中"),
    ]
    assert seed_report.itinerary[0].activity.startswith("搭乘班機（去程）")


@pytest.mark.parametrize(
    ("text", "label"),
    [("Park Won-Soon", "PERSON"), ("城市聯絡網", "ORG"), ("CityNet", "ORG"),
     ("可倫坡", "GPE"), ("斯里蘭卡", "GPE")],
)
def test_seed_entities(seed_report: Report, text: str, label: str) -> None:
    assert (text, label) in {(e.text, e.label) for e in seed_report.entities}


def test_seed_bilingual_pair_normalises_to_one_entity(seed_report: Report) -> None:
    forms = {e.normalized for e in seed_report.entities if e.text in ("城市聯絡網", "CityNet")}
    assert len(forms) == 1


def test_seed_officials(seed_report: Report) -> None:
    titled = {(o.name, o.title, o.organization) for o in seed_report.officials}
    assert ("Park Won-Soon", "市長", "首爾") in titled
    assert ("Park Won-Soon", "主席", "城市聯絡網") in titled
    assert ("任珮諤", "科員", "臺中市政府秘書處") in titled


def test_seed_offsets_point_into_text(seed_report: Report) -> None:
    for entity in seed_report.entities:
        assert seed_report.text[entity.start : entity.end] == entity.text
    for mention in seed_report.dates:
        assert seed_report.text[mention.start : mention.end] == mention.text
    for name, spans in seed_report.provenance.items():
        assert spans, name
        for span in spans:
            assert 0 <= span.start <= span.end <= len(seed_report.text)
    title_span = seed_report.provenance["title"][0]
    assert seed_report.text[title_span.start : title_span.end] == seed_report.title
