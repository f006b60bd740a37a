"""Failure classes from the second held-out set, each checked with invented snippets."""

from __future__ import annotations

import pytest

from safetyhub.extraction import extract


def region_of(text: str) -> tuple[str | None, str | None]:
    region = extract(text).region
    return (region.code, region.name_zh) if region else (None, None)


@pytest.mark.parametrize(
    ("name", "code"),
    [("渝北区", "500112"), ("渝中区", "500103"), ("津南区", "120112"), ("京口区", "321102")],
)
def test_a_district_whose_first_character_is_a_province_abbreviation_keeps_its_full_name(name, code):
    text = f"{name}召开2023年第三季度安全生产工作会议\n\n9月5日，{name}召开2023年第三季度安全生产工作会议。"
    assert region_of(text) == (code, name)


@pytest.mark.parametrize("head", ["渝", "沪", "粤", "闽"])
def test_a_one_character_name_glued_to_an_unknown_head_is_not_a_place(head):
    # "X北区" missing from the gazetteer must not become Taiwan's or Hong Kong's 北区.
    text = f"9月5日，{head}北区召开安全生产工作会议，部署下一阶段工作。"
    assert region_of(text)[1] != "北区"


@pytest.mark.parametrize(
    "text",
    [
        "9月5日，江苏沛县召开安全生产工作会议。",
        "9月5日，徐州市沛县召开安全生产工作会议。",
        "9月5日，县长在沛县召开安全生产工作会议。",
    ],
)
def test_a_one_character_name_after_a_known_place_or_a_preposition_still_counts(text):
    assert region_of(text) == ("320322", "沛县")


def dates_of(text: str) -> tuple[str | None, str | None]:
    meeting = extract(text)
    published = meeting.published_on.isoformat() if meeting.published_on else None
    return published, meeting.held_on.iso() if meeting.held_on else None


_EN_MEETING = "On December 3, the county held a work safety meeting."


@pytest.mark.parametrize(
    "label",
    [
        "Updated: Dec 5, 2022",
        "Updated: December 5, 2022",
        "Published: 5 December 2022",
        "Posted on Dec. 5, 2022",
        "Release date: 5th December, 2022",
    ],
)
def test_an_english_month_name_publication_date_gives_the_meeting_its_year(label):
    assert dates_of(f"{label}\n\n{_EN_MEETING}") == ("2022-12-05", "2022-12-03")


@pytest.mark.parametrize(
    "label",
    [
        "發布時間:2024年01月26日",
        "發佈日期：2024-01-26",
        "時間：2024-01-26 10:00  來源：某日報",
        "來源：某某日報 2024-01-26",
        "发布时间：2024年1月26日 09:30",
    ],
)
def test_a_traditional_or_full_width_publication_label_is_read(label):
    text = f"{label}\n\n1月25日，某縣召開安全生產工作會議。"
    assert dates_of(text) == ("2024-01-26", "2024-01-25")


_ZH_BODY = "某县召开安全生产会议\n\n3月2日，某县召开安全生产工作会议。" + "会议要求各部门抓好落实。" * 150


@pytest.mark.parametrize(
    "tail",
    [
        "来源：某某日报 2021-03-03",
        "來源：某某日報  2021年3月3日",
        "责任编辑：张三  2021-03-03",
        "2021年3月3日",
        "2021-03-03 10:20",
    ],
)
def test_a_metadata_line_closing_a_long_article_dates_it(tail):
    assert dates_of(f"{_ZH_BODY}\n\n{tail}") == ("2021-03-03", "2021-03-02")


def test_an_english_source_line_closing_the_article_dates_it():
    body = "County holds safety meeting\n\nOn March 2, the county held a work safety meeting." + (
        " Officials stressed prevention." * 80
    )
    assert dates_of(f"{body}\n\nSource: Anhui Daily  2021-03-03") == ("2021-03-03", "2021-03-02")


def test_a_date_inside_a_closing_sentence_is_not_a_publication_date():
    text = _ZH_BODY + "\n\n会议强调，2020年12月1日以来的整治成果要巩固。"
    assert dates_of(text) == (None, "--03-02")


@pytest.mark.parametrize(
    ("lead", "expected"),
    [
        (
            "Mayor Li Ming chaired the 28th executive meeting of the Xuzhou Municipal People's "
            "Government on December 3 to study work safety.",
            "2021-12-03",
        ),
        ("Li Ming presided over a meeting on December 2 to deploy flood control.", "2021-12-02"),
        ("On the afternoon of November 30, the county held a work safety meeting.", "2021-11-30"),
    ],
)
def test_an_english_meeting_date_after_the_meeting_phrase_is_read(lead, expected):
    assert dates_of(f"date 2021-12-05\n{lead}")[1] == expected


@pytest.mark.parametrize(
    "line",
    ["来源：某某日报 2021-03-03", "来源：某某日报  2021年3月3日 10:20", "Source: Anhui Daily  Mar 3, 2021"],
)
def test_the_date_on_a_source_line_is_not_part_of_the_outlet(line):
    text = f"{_ZH_BODY}\n\n{line}"
    assert extract(text).outlet in {"某某日报", "Anhui Daily"}


def test_a_two_character_county_after_an_ordinary_word_still_counts():
    assert region_of("9月5日，督导组督导沛县召开安全生产工作会议。") == ("320322", "沛县")


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("3月5日，郫县召开安全生产工作会议。县委书记王强出席会议并讲话。", "510117"),  # now 郫都区
        ("3月5日，横县召开安全生产工作会议。", "450181"),  # now 横州市
        ("3月5日，盘县召开2018年安全生产工作会议。", "520281"),  # now 盘州市
    ],
)
def test_a_former_county_name_resolves_to_todays_division(text: str, code: str) -> None:
    region = extract(text).region
    assert region is not None and region.code == code


def test_a_local_follow_up_of_a_national_meeting_is_held_by_the_outlets_city() -> None:
    text = (
        "6月3日下午，全国安全生产电视电话会议召开后，我市紧接着召开续会，部署贯彻落实工作。"
        "市长王明主持续会并讲话。\n来源：韶关市人民政府网 2022-06-04"
    )
    region = extract(text).region
    assert region is not None and region.name_zh == "韶关市"


def test_a_national_meeting_without_a_local_holder_stays_national() -> None:
    text = "6月3日，国务院安委会召开全国安全生产电视电话会议，部署汛期安全防范工作。"
    region = extract(text).region
    assert region is not None and region.level == "national"
