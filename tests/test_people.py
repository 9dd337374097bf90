"""Written people: names, titles, units and agencies in the forms reports use."""

from __future__ import annotations

import pytest

from reportnlp.extract.people import is_title, split_agency_unit, split_people, split_person


@pytest.mark.parametrize(
    ("item", "name", "title", "unit", "organization"),
    [
        ("王大明 科長", "王大明", "科長", None, None),
        ("科員任珮諤", "任珮諤", "科員", None, None),
        ("林振雄議長", "林振雄", "議長", None, None),
        ("防疫醫師 周俊廷", "周俊廷", "防疫醫師", None, None),
        ("國際組科長陳思穎", "陳思穎", "科長", "國際組", None),
        ("王昱翔 核工組研究員", "王昱翔", "研究員", "核工組", None),
        ("許雅雯 高雄港務分公司港務處副處長", "許雅雯", "副處長", "高雄港務分公司港務處", None),
        ("楊宗翰（經濟發展處簡任視察）", "楊宗翰", "簡任視察", "經濟發展處", None),
        ("稽核黃士豪（銀行局）", "黃士豪", "稽核", "銀行局", None),
        ("經濟部國際貿易局多邊貿易組 科長 黃國維", "黃國維", "科長", None, "經濟部國際貿易局多邊貿易組"),
        ("機務處幫工程司 邱品瑄", "邱品瑄", "幫工程司", "機務處", None),
        ("范姜志成", "范姜志成", None, None, None),
        ("Maria Lopez", "Maria Lopez", None, None, None),
    ],
)
def test_people_split_person(item: str, name: str, title: str | None, unit: str | None,
                             organization: str | None) -> None:
    person = split_person(item)
    assert person is not None
    assert (person.name, person.title, person.unit, person.organization) == (
        name, title, unit, organization)


@pytest.mark.parametrize("item", ["本次會議", "參加開幕式並致詞", ""])
def test_people_no_person_in_prose(item: str) -> None:
    assert split_person(item) is None


def test_people_list_in_one_line_and_one_per_line() -> None:
    assert [p.name for p in split_people("王大明 科長、李小華 技正")] == ["王大明", "李小華"]
    lines = "經濟部國際貿易局多邊貿易組 科長 黃國維\n行政院農業委員會漁業署遠洋漁業組 技正 蔡佩玲"
    assert [(p.name, p.title) for p in split_people(lines)] == [("黃國維", "科長"), ("蔡佩玲", "技正")]


@pytest.mark.parametrize(
    ("value", "agency", "unit"),
    [("經濟部國際貿易局多邊貿易組", "經濟部國際貿易局", "多邊貿易組"),
     ("行政院農業委員會漁業署遠洋漁業組", "行政院農業委員會漁業署", "遠洋漁業組"),
     ("新竹縣議會", "新竹縣議會", None), ("國際事務科", None, "國際事務科")],
)
def test_people_split_agency_unit(value: str, agency: str | None, unit: str | None) -> None:
    assert split_agency_unit(value) == (agency, unit)


@pytest.mark.parametrize("word", ["市長", "副處長", "簡任技正", "控制系統工程師", "課長補佐", "Director"])
def test_people_titles(word: str) -> None:
    assert is_title(word)


@pytest.mark.parametrize("word", ["陳文斌", "環境局工程師", "城市", "會議"])
def test_people_not_titles(word: str) -> None:
    assert not is_title(word)
