import datetime as dt

import pytest

from safetyhub.extraction import extract
from safetyhub.extraction.dates import date_mentions, find_published
from safetyhub.extraction.types import PartialDate


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Jiangxia district held a meeting\n\n2022-06-18 0 By\n\nIn order to", dt.date(2022, 6, 18)),
        ("date 2023-04-18\nRecently, X held", dt.date(2023, 4, 18)),
        ("来源:   时间: 2023-10-27 14:20\n  On October 27", dt.date(2023, 10, 27)),
        ("索引号 x 发布日期:2019年07月29日\n正文", dt.date(2019, 7, 29)),
        ("2023年11月18日21:55 | 來源:黑龍江日報", dt.date(2023, 11, 18)),
        ("Updated: 2024.02.04\n\nOn January 30", dt.date(2024, 2, 4)),
        ("8月22日,贵溪市安全生产工作会议召开", None),
    ],
)
def test_it_finds_the_publication_date(text, expected):
    assert find_published(text, "")[0] == expected


def test_it_reads_chinese_numeral_dates():
    assert [h.date for h in date_mentions("二〇二三年十月,县里召开会议")] == [PartialDate(2023, 10, None)]


def held(text: str) -> str | None:
    meeting = extract(text)
    return meeting.held_on.iso() if meeting.held_on else None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # English month/day takes the publication year...
        (
            "2022-06-18 0 By\n\nJiangxia District held the meeting on the evening of February 11.",
            "2022-02-11",
        ),
        # ...but never lands after the publication date.
        ("发布日期:2023-01-03\n12月28日,某县召开安全生产工作会议。", "2022-12-28"),
        ("date 2023-01-03\nOn December 28, the county held a work safety meeting.", "2022-12-28"),
        ("Updated: 2023-10-28\nOn October 27, the Safety Committee held its plenary meeting.", "2023-10-27"),
        # No publication date, no year: year unknown.
        ("8月22日,贵溪市安全生产工作会议召开。", "--08-22"),
        ("薛埠镇于8月25日上午召开百日攻坚行动专项工作推进会。", "--08-25"),
        ("1月3日上午,者腊乡召开安全生产工作会议。", "--01-03"),
        # A year stated in the meeting's own name, when nothing else gives one.
        ("8月4日,2025年省安委会第三次全体(扩大)会议召开。", "2025-08-04"),
        ("2024年1月29日,南宁市住建局召开安全生产会议。", "2024-01-29"),
        ("二〇二三年十月,某县召开安全生产工作会议。", "2023-10"),
        # A day alone takes the month and year of the publication date.
        ("2023年11月18日21:55 | 来源:某日报\n18日晚,省政府召开全省安全生产工作视频调度会议。", "2023-11-18"),
        # "Recently" / 近日 / yesterday with no stated date: no meeting date.
        ("date 2023-04-18\nRecently, Pengjiang District held safety production on-site meetings.", None),
        ("近日,开江县召开2021年第二季度安全生产工作会议。", None),
        ("Yesterday, the municipal government convened the video conference.", None),
    ],
)
def test_it_finds_the_meeting_date(text, expected):
    assert held(text) == expected


def test_it_ignores_the_date_of_an_earlier_meeting_being_conveyed():
    text = "近日,某市召开会议,传达学习1月28日全省安全生产电视电话会议精神。"
    assert held(text) is None
    text = "2024年1月29日,市住建局召开会议,贯彻落实1月28日自治区安全生产电视电话会议精神。"
    assert held(text) == "2024-01-29"


def test_it_keeps_the_span_of_the_meeting_date():
    meeting = extract("发布时间:2023-06-02\n6月1日,寮步镇召开安全生产工作会议。")
    s, e = meeting.spans["held_on"]
    assert meeting.body[s:e] == "6月1日"
    s, e = meeting.spans["published_on"]
    assert meeting.body[s:e] == "2023-06-02"


def test_it_flags_an_unknown_year_for_review():
    assert "year unknown" in extract("9月4日,某县召开安全生产工作会议。").attention


def test_it_rejects_impossible_dates():
    assert held("2月30日,某县召开安全生产工作会议。") is None


def test_an_abbreviated_month_does_not_end_the_sentence():
    assert (
        held("date 2023-01-05\nOn Jan. 3, Chongqing Municipal Government held a work safety meeting.")
        == "2023-01-03"
    )


def test_it_reads_chinese_numeral_month_and_day():
    assert held("發布日期:2023-11-02\n十月二十七日,全市召開安全生產工作會議。") == "2023-10-27"


def test_english_day_month_order():
    assert (
        held("Updated: 2024.02.04\nOn 30 January, the provincial government held a teleconference.")
        == "2024-01-30"
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Published on: 2023-10-27 09:00\nOn October 26, the city held a meeting.", dt.date(2023, 10, 27)),
        ("Updated: March 3, 2023\nOn March 2, the county held a meeting.", dt.date(2023, 3, 3)),
    ],
)
def test_it_finds_english_publication_labels(text, expected):
    assert find_published(text, "")[0] == expected
