"""Officials: the title as written and the body it belongs to (ner/officials.py)."""

from __future__ import annotations

import pytest

from reportnlp import parse_text


def _officials(sentence: str) -> set[tuple[str, str | None, str | None]]:
    report = parse_text("赴外考察報告\n\n壹、過程\n" + sentence + "\n")
    return {(o.name, o.title, o.organization) for o in report.officials}


@pytest.mark.parametrize(("sentence", "expected"), [
    # a body whose name ends like a title (中心) stays whole; the title is what follows
    ("會後與國家太空中心研究員馮世平討論衛星資料。", ("馮世平", "研究員", "國家太空中心")),
    # 的 between the body and the title or name
    ("由國家海洋研究院的副院長易文修說明。", ("易文修", "副院長", "國家海洋研究院")),
    # the body's other-script name in brackets between
    ("由京都大學 (Kyoto University) 的Prof. Kenta Mori主講。", ("Kenta Mori", "Prof.", "京都大學")),
    # no body next to the title: the one named earlier in the clause
    ("上午拜會新加坡國家發展部，由副司長 Ms. Tan Mei Ling 接待。",
     ("Tan Mei Ling", "副司長", "新加坡國家發展部")),
    # an acronym in brackets stands for the body written before it
    ("下午拜會美國聯邦緊急事務管理署（FEMA），由處長 Mr. Joel Harris 簡報。",
     ("Joel Harris", "處長", "美國聯邦緊急事務管理署")),
])
def test_officials_organisation(sentence: str, expected: tuple[str, str, str]) -> None:
    assert expected in _officials(sentence)


def test_officials_no_body_across_a_sentence() -> None:
    found = _officials("上午拜會新加坡國家發展部。下午由處長 Mr. Joel Harris 簡報。")
    assert ("Joel Harris", "處長", None) in found


@pytest.mark.parametrize(("sentence", "person"), [
    ("由台北駐日經濟文化代表處孫偉倫秘書陪同前往。", "孫偉倫"),  # a name after a body, before its title
    ("福岡市保健福祉局支援課松尾由紀課長簡報指出。", "松尾由紀"),  # 由 inside a Japanese given name
    ("由佐々木亮課長說明。", "佐々木亮"),
    ("由韓國水資源公社副本部長朴俊浩介紹。", "朴俊浩"),  # a Korean surname
    ("由Jennifer Ortiz館長導覽。", "Jennifer Ortiz"),  # a Latin name before a title
    ("特別探員Luis Romero先生主講。", "Luis Romero"),
    ("由Capt. Ng Kok Leong進行簡報。", "Ng Kok Leong"),
])
def test_officials_people_beyond_the_title_chain(sentence: str, person: str) -> None:
    report = parse_text("赴外考察報告\n\n壹、過程\n" + sentence + "\n")
    assert person in {e.text for e in report.entities if e.label == "PERSON"}


def test_officials_a_surname_with_its_title_is_a_person_not_an_official() -> None:
    report = parse_text("赴外考察報告\n\n壹、過程\n副處長王建平出席。王副處長說明。課長簡報指出。\n")
    people = {e.text for e in report.entities if e.label == "PERSON"}
    assert "王" in people and "王副" not in people and "簡報指" not in people
    assert {o.name for o in report.officials} == {"王建平"}


@pytest.mark.parametrize(("sentence", "person"), [
    ("由考試研究部部長尹惠媛（Yoon Hye-won）簡報。", "Yoon Hye-won"),  # the same person in Latin script
    ("學藝員石川夏美小姐表示，博物館。", "石川夏美"),  # a name before an honorific
    ("由村上健太先生導覽說明。", "村上健太"),
])
def test_officials_people_in_pairs_and_before_honorifics(sentence: str, person: str) -> None:
    report = parse_text("赴外考察報告\n\n壹、過程\n" + sentence + "\n")
    assert person in {e.text for e in report.entities if e.label == "PERSON"}
