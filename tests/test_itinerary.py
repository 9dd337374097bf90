"""Itinerary rows from tables, day-by-day paragraphs and dated lines."""

from __future__ import annotations

import datetime as dt

from reportnlp.extract.itinerary import dated_lines, day_rows, extract_itinerary, table_rows
from reportnlp.model import Period

PERIOD = Period(start=dt.date(2017, 11, 4), end=dt.date(2017, 11, 9))


def _dates(rows):
    return [(r.date.isoformat(), r.end_date and r.end_date.isoformat()) for r in rows]


def test_itinerary_table_with_roc_dots_and_year_less_ranges() -> None:
    text = ("日期\t地點\t行程\n106.11.04\t臺中→斯里蘭卡\t搭機\n"
            "11/5(日)~11/6(一)\t可倫坡\t開會\n\t\t續開會\n106.11.09\t斯里蘭卡→臺中\t返國\n\n後記")
    rows = table_rows(text, PERIOD)
    assert _dates(rows) == [("2017-11-04", None), ("2017-11-05", "2017-11-06"), ("2017-11-09", None)]
    assert rows[0].location == "臺中→斯里蘭卡"
    assert rows[1].activity == "開會 續開會"
    assert text[rows[0].start : rows[0].end].startswith("106.11.04")


def test_itinerary_table_columns_in_another_order() -> None:
    text = "日期\t工作內容\t地點\n2019/05/06\t工廠驗收\t笠戶\n2019/05/07\t驗收會議\t東京\n"
    rows = table_rows(text, None)
    assert [(r.location, r.activity) for r in rows] == [("笠戶", "工廠驗收"), ("東京", "驗收會議")]


def test_itinerary_day_by_day_dated_from_period() -> None:
    text = "第一天：搭機前往福岡。\n第二天（11月5日，星期日）：參訪福岡市議會。\n第三天：參訪熊本城。\n"
    rows = day_rows(text, PERIOD)
    assert _dates(rows) == [("2017-11-04", None), ("2017-11-05", None), ("2017-11-06", None)]
    assert rows[1].activity.startswith("參訪福岡市議會")


def test_itinerary_day_range_through_another_day() -> None:
    text = "第五天（11月8日）至第六天（11月9日）：參加論文場次。\n"
    assert _dates(day_rows(text, PERIOD)) == [("2017-11-08", "2017-11-09")]


def test_itinerary_dated_lines_stop_at_narrative() -> None:
    text = ("11月4日（六）：自桃園搭機。\n11月5日（日）：參加開幕式。\n11月6日（一）至11月8日（三）：分組會議。\n"
            "一、會議內容\n說明。\n說明。\n說明。\n說明。\n11月5日：開幕式由市長主持。\n")
    rows = dated_lines(text, PERIOD)
    assert _dates(rows) == [("2017-11-04", None), ("2017-11-05", None), ("2017-11-06", "2017-11-08")]


def test_itinerary_a_single_dated_sentence_is_no_itinerary() -> None:
    assert extract_itinerary("11月5日：開幕式由市長主持。\n其餘為會議。", PERIOD) == []


def test_itinerary_a_date_alone_on_its_line_heads_the_day_below() -> None:
    from reportnlp import parse_text

    text = ("赴英國研習報告\n\n出國期間：113年11月10日至11月12日\n\n壹、過程\n\n11月10日（日）\n"
            "自桃園國際機場搭機，經轉機抵達倫敦。\n\n11月11日（一）\n上午至研習機構報到。\n\n"
            "11月12日（二）\n搭機返國。\n\n貳、心得\n良好。\n\n　　　　　　113年12月1日\n")
    rows = [(str(r.date), r.activity) for r in parse_text(text).itinerary]
    assert rows == [("2024-11-10", "自桃園國際機場搭機，經轉機抵達倫敦。"),
                    ("2024-11-11", "上午至研習機構報到。"), ("2024-11-12", "搭機返國。")]
