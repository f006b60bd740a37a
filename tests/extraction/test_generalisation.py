"""Reports unlike the devset's: other places, levels, scripts and page furniture.

Each report is invented for this file (no devset or seed text). They pin the failure classes
a held-out run found: English division suffixes, site/outlet stripping inside headlines,
townships whose parent is named only in the page metadata, and relative dates.
"""

from __future__ import annotations

import pytest

from safetyhub.extraction import extract
from safetyhub.extraction.cleanup import clean


def _region(text: str) -> tuple[str | None, str, str, list[str], str | None]:
    r = extract(text).region
    assert r is not None, "no region"
    return r.code, r.name_zh, r.level, r.path_zh, r.parent_code


def _held(text: str) -> str | None:
    held = extract(text).held_on
    return held.iso() if held else None


# --- Whole reports -------------------------------------------------------------------------

PROVINCE_EN = """Hunan Province holds provincial work safety and flood control video conference
Release time: 2024-06-12 Source: Hunan Daily
On the afternoon of June 11, the Hunan Provincial Government held a provincial video and telephone
conference on work safety and flood control. Vice Governor Chen Fei presided over the meeting. The
meeting required all localities to carry out investigation of hidden dangers in non-coal mines and
hazardous chemicals, and to prepare for the main flood season.
"""

COUNTY_CITY_EN = """Yiwu City convened a special meeting on fire safety of crowded places
date 2023-12-05
On December 4, Yiwu City held a special meeting on fire safety in crowded places and self-built
houses. Mayor Wang Jian attended and spoke. He stressed that shopping malls and markets must clear
fire exits, and that gas cylinders in restaurants must be inspected one by one.
"""

TRADITIONAL_COUNTY = """永春縣召開2024年第一季度安全生產工作會議
發布時間:2024-03-28 來源:永春縣融媒體中心
3月27日上午,永春縣召開2024年第一季度安全生產工作會議。縣委書記、縣安委會主任林志強出席會議並講話,
縣委副書記、縣長、縣安委會第一副主任陳曉東主持會議。林志強強調,要深化道路交通、建築施工、
燃氣等重點行業領域安全整治,嚴防森林火災。
"""

TOWNSHIP_FOOTER = """洋溪镇召开安全生产暨森林防火工作会议
4月2日,洋溪镇召开安全生产暨森林防火工作会议,镇党委书记吴振华主持会议。会议要求,各村要加强野外
用火管理,做好森林防火巡查,同时抓好道路交通安全和自建房排查整治。
版权所有:从江县人民政府 主办单位:从江县人民政府办公室 网站标识码:5226330001
"""

ZONE_ZH = """衡阳高新区召开安全生产工作会议
2023年9月6日,衡阳高新区召开安全生产工作会议,管委会主任刘卫东出席并讲话。会议强调,要抓好园区
危险化学品企业、有限空间作业和动火作业的安全管控。
"""

ZONE_EN = """Changsha Economic and Technological Development Zone deploys work safety
On March 15, the Changsha Economic and Technological Development Zone held a work safety meeting.
Director Zhou Ping of the management committee presided. The meeting asked enterprises to check
special equipment such as boilers and elevators, and to rectify confined space hazards.
"""

CENTRAL_SOE = """中国能源建设集团召开2024年安全生产工作会议
1月18日,中国能源建设集团召开2024年安全生产工作会议。集团党委书记、董事长宋海良出席会议并讲话。
会议要求,要强化建筑施工、特种设备和有限空间作业安全管理,坚决遏制重特大事故发生。
"""

NATIONAL = """国务院安委会召开全国安全生产电视电话会议
2024年4月12日,国务院安委会召开全国安全生产电视电话会议,部署开展安全生产治本攻坚三年行动。
会议强调,要紧盯矿山、危险化学品、消防、燃气等重点行业领域,全力防范重特大事故。
"""

YESTERDAY_WITH_DATE = """揭阳市召开安全生产工作会议
2023年5月9日 08:10 来源:揭阳日报
昨日,揭阳市召开安全生产工作会议,市长张科出席并讲话。会议要求,抓好燃气安全、
道路交通和汛期防汛工作。
"""

YESTERDAY_NO_DATE = """揭阳市召开安全生产工作会议
昨日,揭阳市召开安全生产工作会议,市长张科出席并讲话。会议要求抓好燃气安全。
"""

NEW_AREA_EN = """Tianjin Binhai New Area holds safety production committee plenary meeting
Source: Binhai
On the morning of August 8, the Binhai New Area Safety Production Committee held a plenary meeting.
District head Li Hong presided over the meeting and stressed hazardous chemicals and port safety.
"""

TOWN_EN = """On July 20, Hutou Town, Anxi County held a meeting on flood control and work safety. Town
party secretary Chen Lin presided and asked villages to inspect self-built houses and road traffic.
"""

TRADITIONAL_TOWNSHIP_OUTLET = """橫瀝鎮召開安全生產工作會議
6月3日,橫瀝鎮召開安全生產工作會議,鎮黨委書記黃志明主持會議,要求抓好消防安全和燃氣安全。
來源:惠州日報
"""


@pytest.mark.parametrize(
    ("text", "code", "name_zh", "level", "path", "parent"),
    [
        (PROVINCE_EN, "43", "湖南省", "province", ["湖南省"], None),
        (COUNTY_CITY_EN, "330782", "义乌市", "county", ["浙江省", "金华市", "义乌市"], None),
        (TRADITIONAL_COUNTY, "350525", "永春县", "county", ["福建省", "泉州市", "永春县"], None),
        (
            TOWNSHIP_FOOTER,
            None,
            "洋溪镇",
            "township",
            ["贵州省", "黔东南苗族侗族自治州", "从江县", "洋溪镇"],
            "522633",
        ),
        (ZONE_ZH, None, "衡阳高新区", "zone", ["湖南省", "衡阳市", "衡阳高新区"], "4304"),
        (
            ZONE_EN,
            None,
            "长沙经济技术开发区",
            "zone",
            ["湖南省", "长沙市", "长沙经济技术开发区"],
            "4301",
        ),
        (NEW_AREA_EN, "120116", "滨海新区", "county", ["天津市", "滨海新区"], None),
        (YESTERDAY_WITH_DATE, "4452", "揭阳市", "prefecture", ["广东省", "揭阳市"], None),
        (
            TRADITIONAL_TOWNSHIP_OUTLET,
            None,
            "横沥镇",
            "township",
            ["广东省", "惠州市", "横沥镇"],
            "4413",
        ),
    ],
)
def test_region_of_unseen_reports(text, code, name_zh, level, path, parent):
    assert _region(text) == (code, name_zh, level, path, parent)


def test_an_english_town_takes_the_county_beside_it_as_parent():
    r = extract(TOWN_EN).region
    assert r is not None
    assert (r.level, r.name_en, r.parent_code, r.path_zh[:3]) == (
        "township",
        "Hutou",
        "350524",
        ["福建省", "泉州市", "安溪县"],
    )


def test_a_central_state_enterprise_has_no_region():
    meeting = extract(CENTRAL_SOE)
    assert meeting.region is None
    # The year comes from the meeting's own name ("2024年安全生产工作会议").
    assert meeting.held_on is not None and meeting.held_on.iso() == "2024-01-18"
    assert {"construction", "special-equipment", "confined-spaces"} <= set(meeting.sectors)


def test_a_state_council_meeting_is_national():
    meeting = extract(NATIONAL)
    assert meeting.region is not None
    assert (meeting.region.level, meeting.region.code, meeting.region.path_zh) == ("national", None, [])
    assert meeting.held_on is not None and meeting.held_on.iso() == "2024-04-12"
    assert {"mining", "hazardous-chemicals", "fire", "gas"} <= set(meeting.sectors)


@pytest.mark.parametrize(
    ("text", "held", "sectors"),
    [
        (PROVINCE_EN, "2024-06-11", {"mining", "hazardous-chemicals", "flood-control"}),
        (COUNTY_CITY_EN, "2023-12-04", {"fire", "crowded-places", "self-built-housing", "gas"}),
        (TRADITIONAL_COUNTY, "2024-03-27", {"road-traffic", "construction", "gas", "forest-fire"}),
        (TOWNSHIP_FOOTER, "--04-02", {"forest-fire", "road-traffic", "self-built-housing"}),
        (ZONE_ZH, "2023-09-06", {"hazardous-chemicals", "confined-spaces", "hot-work"}),
        (ZONE_EN, "--03-15", {"special-equipment", "confined-spaces"}),
        (YESTERDAY_WITH_DATE, "2023-05-08", {"gas", "road-traffic", "flood-control"}),
        (NEW_AREA_EN, "--08-08", {"hazardous-chemicals"}),
    ],
)
def test_dates_and_sectors_of_unseen_reports(text, held, sectors):
    meeting = extract(text)
    assert meeting.held_on is not None and meeting.held_on.iso() == held
    assert sectors <= set(meeting.sectors)


# --- Relative dates ------------------------------------------------------------------------


def test_yesterday_counts_back_from_a_stated_publication_date_only():
    assert _held(YESTERDAY_WITH_DATE) == "2023-05-08"
    assert _held(YESTERDAY_NO_DATE) is None
    # Across a month boundary, in English.
    assert _held("Published: 2024-03-01\nYesterday, Yiwu City held a work safety meeting.") == "2024-02-29"
    # 近日 stays unknown even with a publication date.
    assert _held("发布时间:2023-05-09\n近日,揭阳市召开安全生产工作会议。") is None


def test_the_yesterday_span_indexes_the_body():
    meeting = extract(YESTERDAY_WITH_DATE)
    s, e = meeting.spans["held_on"]
    assert meeting.body[s:e] == "昨日"


# --- Class 1: English suffixes map onto the gazetteer's ------------------------------------


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("On May 3, the Liangjiang New Area held a work safety meeting.", "500157"),
        ("On May 3, the Binhai New District held a work safety meeting in Tianjin.", "120116"),
        ("On May 3, Yiwu City held a work safety meeting.", "330782"),  # not 伊吾县 (also Yiwu)
        ("On May 3, the Yanbian Korean Autonomous Prefecture held a work safety meeting.", "2224"),
        ("On May 3, the Xiushan Autonomous County held a work safety meeting.", "500241"),
        ("The Guangxi Zhuang Autonomous Region held a work safety meeting on May 3.", "45"),
    ],
)
def test_english_suffixes_name_gazetteer_divisions(text, code):
    r = extract(text).region
    assert r is not None and r.code == code and r.in_gazetteer


def test_an_english_new_area_outside_the_gazetteer_is_a_zone():
    r = extract("On May 3, the Huizhou Daya Bay New Area held a work safety meeting.").region
    assert r is not None
    assert (r.level, r.code, r.name_en, r.parent_code) == ("zone", None, "Daya Bay New Area", "4413")


def test_an_english_county_zone_is_named_after_its_county():
    r = extract("Recently, Anxi Economic Development Zone held a work safety meeting.").region
    assert r is not None
    assert (r.level, r.name_zh, r.parent_code) == ("zone", "安溪经济开发区", "350524")


def test_an_english_high_tech_zone_is_named_in_chinese_under_its_city():
    r = extract("On May 3, the Hengyang High-tech Zone held a work safety meeting.").region
    assert r is not None
    assert (r.level, r.name_zh, r.parent_code) == ("zone", "衡阳高新技术产业开发区", "4304")


def test_an_english_township_name_does_not_absorb_the_county_word():
    r = extract("On July 1, Anxi County Hutou Town held a work safety meeting.").region
    assert r is not None
    assert (r.level, r.name_en, r.parent_code) == ("township", "Hutou", "350524")


# --- Class 2: site and outlet names come off the ends, never the middle ----------------------


def test_an_outlet_named_like_a_place_word_is_not_cut_from_the_headline():
    meeting = extract(NEW_AREA_EN)
    assert meeting.title == "Tianjin Binhai New Area holds safety production committee plenary meeting"
    assert meeting.outlet == "Binhai"
    assert "Source" not in meeting.body  # the source line is metadata, gone from the body
    assert meeting.body.count("Binhai") == 2  # the headline's and the lead's


@pytest.mark.parametrize(
    ("headline", "title"),
    [
        ("义乌市召开安全生产工作会议_义乌新闻网", "义乌市召开安全生产工作会议"),
        ("义乌市召开安全生产工作会议 - 金华日报", "义乌市召开安全生产工作会议"),
        ("义乌新闻网 | 义乌市召开安全生产工作会议", "义乌市召开安全生产工作会议"),
        (
            "Hengyang High-tech Zone holds safety meeting - Hengyang Government Network",
            "Hengyang High-tech Zone holds safety meeting",
        ),
        # A hyphen inside a word is not a separator.
        ("Hengyang High-tech Zone holds safety meeting", "Hengyang High-tech Zone holds safety meeting"),
    ],
)
def test_site_names_are_stripped_only_at_the_ends(headline, title):
    meeting = extract(headline + "\n5月3日,义乌市召开安全生产工作会议,市长王健主持。")
    assert meeting.title == title
    s, e = meeting.spans["title"]
    assert meeting.body[s:e] == title


# --- Class 3: page metadata places a township or zone -------------------------------------


def test_the_footer_owner_is_kept_as_metadata_after_the_footer_is_cut():
    cleaned = clean(TOWNSHIP_FOOTER)
    assert "版权所有" not in cleaned.body
    assert "从江县人民政府" in cleaned.issuer


def test_a_body_county_outranks_the_footer():
    text = TOWNSHIP_FOOTER.replace("4月2日,洋溪镇", "4月2日,榕江县洋溪镇")
    r = extract(text).region
    assert r is not None and r.parent_code == "522632"  # 榕江县, named in the text


def test_a_zone_takes_its_parent_from_the_outlet():
    text = (
        "湖头经开区召开安全生产工作会议\n来源:安溪县融媒体中心\n6月5日,湖头经开区管委会召开安全生产工作会议。"
    )
    r = extract(text).region
    assert r is not None
    assert (r.level, r.name_zh, r.parent_code) == ("zone", "湖头经开区", "350524")
    assert r.path_zh == ["福建省", "泉州市", "安溪县", "湖头经开区"]


def test_an_unnamed_zone_falls_back_to_the_outlets_county():
    text = "经开区召开安全生产工作会议\n来源:安溪县融媒体中心\n6月5日,经开区管委会召开安全生产工作会议。"
    r = extract(text).region
    assert r is not None and r.code == "350524"  # the most the text supports


def test_national_media_are_not_read_as_places():
    text = "洋溪镇召开安全生产工作会议\n来源:新华网\n4月2日,洋溪镇召开安全生产工作会议,镇党委书记吴振华主持。"
    r = extract(text).region
    assert r is not None and r.level == "township"
    assert r.parent_code is None  # 新华网 is not 新华区


# --- Class 4: leading metadata lines ------------------------------------------------------


def test_outlet_leaves_the_body_while_the_publication_date_keeps_its_span():
    meeting = extract(YESTERDAY_WITH_DATE)
    assert "揭阳日报" not in meeting.body
    assert meeting.outlet == "揭阳日报"
    s, e = meeting.spans["published_on"]
    assert meeting.body[s:e].startswith("2023年5月9")


def test_an_english_outlet_prefix_leaves_the_body():
    text = (
        "date 2024-02-20 Quanzhou Evening News (Reporter/Lin Xiaoyu) On February 19, Anxi County held "
        "a work safety meeting on fireworks and road traffic."
    )
    meeting = extract(text)
    assert meeting.outlet == "Quanzhou Evening News"
    assert "Quanzhou Evening News" not in meeting.body and "Reporter" not in meeting.body
    assert meeting.held_on is not None and meeting.held_on.iso() == "2024-02-19"
    assert meeting.region is not None and meeting.region.code == "350524"


def test_an_english_copyright_owner_places_an_english_town():
    text = (
        "On July 20, Hutou Town held a meeting on flood control and work safety. Town party secretary "
        "Chen Lin presided and asked villages to inspect self-built houses.\n"
        + "More text follows. " * 8
        + "\nCopyright © 2024 Anxi County People's Government. All rights reserved."
    )
    r = extract(text).region
    assert r is not None
    assert (r.level, r.name_en, r.parent_code) == ("township", "Hutou", "350524")
