"""Region rules, in Chinese and English, beyond the seeds."""

import pytest

from safetyhub.extraction import extract


def region(text: str):
    return extract(text).region


@pytest.mark.parametrize(
    ("text", "name_zh", "level", "path"),
    [
        # County-level city named in the lead; the prefecture appears only in a title.
        (
            "8月22日,贵溪市安全生产工作会议召开。鹰潭市政府副市长、贵溪市委书记陈敏出席并讲话。",
            "贵溪市",
            "county",
            ["江西省", "鹰潭市", "贵溪市"],
        ),
        (
            "河南省安委会召开全省安全生产电视电话会议\n5月9日,会议强调要抓好煤矿安全。",
            "河南省",
            "province",
            ["河南省"],
        ),
        ("3月2日,辽宁省朝阳市召开全市安全生产工作会议。", "朝阳市", "prefecture", ["辽宁省", "朝阳市"]),
        # 朝阳区 exists in Beijing and Changchun: the parent named settles it.
        ("3月2日,北京市朝阳区召开安全生产工作会议,区委书记出席。", "朝阳区", "county", ["北京市", "朝阳区"]),
        ("3月2日,长春市朝阳区召开安全生产工作会议。", "朝阳区", "county", ["吉林省", "长春市", "朝阳区"]),
        # A short name used as the subject of 召开.
        (
            "3月2日,贵溪召开安全生产工作会议,要求各乡镇加强检查。",
            "贵溪市",
            "county",
            ["江西省", "鹰潭市", "贵溪市"],
        ),
        # Traditional text folds to the Simplified gazetteer name.
        ("12月28日,廣州市天河區召開安全生產工作會議,區委書記出席會議並講話。", "天河区", "county", None),
    ],
)
def test_it_resolves_chinese_regions(text, name_zh, level, path):
    r = region(text)
    assert r is not None
    assert (r.name_zh, r.level) == (name_zh, level)
    assert r.in_gazetteer
    if path:
        assert r.path_zh == path


@pytest.mark.parametrize(
    ("text", "name_zh", "level"),
    [
        ("On March 14, Huangpi District held a work safety conference.", "黄陂区", "county"),
        (
            "On June 30, the Jilin Provincial Party Committee held a provincial work safety meeting.",
            "吉林省",
            "province",
        ),
        ("On June 30, Jilin City held a municipal work safety meeting.", "吉林市", "prefecture"),
        # The outlet is not the region.
        (
            "Beijing News According to the Jilin Provincial Government Network, on September 28, "
            "the provincial "
            "government held a provincial safety production scheduling meeting.",
            "吉林省",
            "province",
        ),
        (
            "Guangzhou Daily News (Reporter/Li Ming) On April 2, "
            "Conghua District convened a work safety meeting.",
            "从化区",
            "county",
        ),
    ],
)
def test_it_resolves_english_regions(text, name_zh, level):
    r = region(text)
    assert r is not None
    assert (r.name_zh, r.level) == (name_zh, level)


def test_it_uses_the_parent_city_to_pick_among_same_named_districts_in_english():
    r = region("Jiangmen Daily News. Recently, Pengjiang District held safety production on-site meetings.")
    assert r is not None and r.path_zh == ["广东省", "江门市", "蓬江区"]


def test_it_maps_an_english_zone_to_the_known_zone_under_its_city():
    r = region("On October 27, the Safety Committee of Jilin High-tech Zone held the fourth plenary meeting.")
    assert r is not None
    assert (r.code, r.level, r.parent_code, r.in_gazetteer) == ("2202Z01", "zone", "2202", False)
    assert r.path_zh == ["吉林省", "吉林市", "吉林高新技术产业开发区"]


def test_it_places_a_township_under_the_county_named_before_it():
    r = region("发布时间:2023-06-02\n6月1日,东莞市寮步镇召开安全生产工作会议,镇党委书记出席并讲话。")
    assert r is not None
    assert (r.name_zh, r.level, r.code, r.in_gazetteer, r.parent_code) == (
        "寮步镇",
        "township",
        None,
        False,
        "4419",
    )
    assert r.path_zh == ["广东省", "东莞市", "寮步镇"]


def test_it_recognises_a_township_without_a_parent_in_the_text():
    r = region(
        "者腊乡召开2023年第三季度安全生产工作会议\n7月12日上午,者腊乡召开安全生产工作会议,乡党委书记出席。"
    )
    assert r is not None
    assert (r.name_zh, r.level, r.code, r.parent_code) == ("者腊乡", "township", None, None)


def test_it_does_not_take_a_township_safety_committee_for_a_county():
    # 薛埠镇安委会: 镇安 is also a county's short name.
    r = region("8月25日上午,薛埠镇召开推进会,薛埠镇安委会成员单位负责人参加会议。")
    assert r is not None and r.name_zh == "薛埠镇" and r.parent_code is None


def test_it_recognises_a_development_zone_under_the_city_named_before_it():
    r = region("近日,盘州市盘北经济开发区召开安全生产专题会议,研究部署危险化学品领域安全工作。")
    assert r is not None
    assert (r.name_zh, r.level, r.in_gazetteer, r.parent_code) == ("盘北经济开发区", "zone", False, "520281")
    assert r.path_zh[-2:] == ["盘州市", "盘北经济开发区"]


def test_it_takes_a_zone_prefix_that_is_a_city_as_its_parent():
    r = region("9月4日,东营经济技术开发区召开全区安全生产会议。开发区党工委书记出席会议并讲话。")
    assert r is not None
    assert (r.name_zh, r.level, r.parent_code) == ("东营经济技术开发区", "zone", "3705")


def test_it_returns_no_region_when_the_text_never_says_where():
    meeting = extract("我县召开安全生产工作会议\n近日,我县召开安全生产工作会议,县委书记出席并讲话。")
    assert meeting.region is None
    assert any("region" in reason for reason in meeting.attention)


def test_it_returns_no_region_for_an_english_report_without_a_place():
    assert region("On June 30, the provincial government held a video conference on flood control.") is None


def test_a_cited_accident_elsewhere_is_not_the_region():
    r = region("8月3日,江门市召开安全生产会议,传达学习湖南长沙市自建房倒塌事故教训,要求全市开展排查。")
    assert r is not None and r.name_zh == "江门市"


def test_a_report_of_two_meetings_takes_the_first():
    r = region("10月27日,长沙市召开安全生产委员会全体会议。同日下午,浏阳市召开烟花爆竹安全生产工作会议。")
    assert r is not None and r.name_zh == "长沙市"


def test_a_state_enterprise_meeting_has_no_jurisdiction():
    meeting = extract("3月5日,中国石化召开2024年安全生产工作会议,集团公司董事长出席会议并讲话。")
    assert meeting.region is None


def test_a_national_meeting_is_national():
    r = region("1月5日,国务院安委会召开全国安全生产电视电话会议,部署岁末年初安全防范工作。")
    assert r is not None and r.level == "national"


def test_the_region_span_points_into_the_body():
    meeting = extract("8月22日,贵溪市安全生产工作会议召开。")
    s, e = meeting.spans["region"]
    assert meeting.body[s:e] == "贵溪市"


def test_a_national_meeting_is_not_a_province_named_in_passing():
    r = region("1月5日,国务院安委会召开全国安全生产电视电话会议。河北省、山西省作交流发言。")
    assert r is not None and (r.level, r.name_zh) == ("national", "中国")
    r = region(
        "On January 5, the State Council Work Safety Committee held a national teleconference. Hebei spoke."
    )
    assert r is not None and r.level == "national"


def test_a_county_following_a_national_meeting_at_its_branch_venue_is_acceptable():
    r = region("1月5日,国务院安委会召开全国安全生产电视电话会议。阳谷县在县分会场收听收看。")
    assert r is not None and r.name_zh in ("阳谷县", "中国")


def test_an_english_township_is_placed_under_the_city_named_with_it():
    r = region("On May 5, Liaobu Town of Dongguan held a work safety meeting on fire safety.")
    assert r is not None
    assert (r.level, r.name_en, r.parent_code) == ("township", "Liaobu", "4419")


def test_a_municipality_is_a_province_level_region():
    r = region("On Jan. 3, Chongqing Municipal Government held a work safety meeting.")
    assert r is not None and (r.name_zh, r.level) == ("重庆市", "province")


def test_autonomous_regions_match_by_their_short_names():
    r = region("8月3日,广西召开全区安全生产电视电话会议。")
    assert r is not None and r.name_zh == "广西壮族自治区"


@pytest.mark.parametrize(
    ("text", "name_zh"),
    [
        ("On March 3, Xi'an held a work safety meeting.", "西安市"),
        ("On March 3, Harbin Municipal Government held a work safety conference.", "哈尔滨市"),
        ("On March 3, the Inner Mongolia Autonomous Region held a work safety conference.", "内蒙古自治区"),
    ],
)
def test_english_names_with_apostrophes_and_exonyms(text, name_zh):
    r = region(text)
    assert r is not None and r.name_zh == name_zh


def test_english_words_and_person_names_are_not_places():
    # "Guide" is also 贵德县's pinyin; "Xi Jinping" and "Li Dacheng" hold place names as given names.
    meeting = extract("Guide enterprises to fulfil their duties, as Xi Jinping and Li Dacheng urged.")
    assert meeting.region is None


@pytest.mark.parametrize(
    "text",
    [
        "9月1日,全省安全生产现场会在宜宾市召开。副省长出席会议并讲话。",
        "A provincial on-site meeting on work safety was held in Yibin on September 1. The governor spoke.",
    ],
)
def test_the_venue_of_a_province_wide_meeting_is_not_its_holder(text):
    r = region(text)
    assert r is not None and (r.name_zh, r.level) == ("四川省", "province")


def test_a_township_takes_its_parent_from_the_county_site_that_published_it():
    r = region("来源:石泉县人民政府\n发布时间:2023-03-05\n\n3月4日,池河镇召开安全生产工作会议。")
    assert r is not None
    assert (r.name_zh, r.parent_code) == ("池河镇", "610922")


def test_a_county_media_centre_stands_for_an_unnamed_county_with_a_review_flag():
    meeting = extract(
        "1月5日,县委书记张三主持召开县委常委会会议,研究部署安全生产工作。\n来源:永修县融媒体中心"
    )
    assert meeting.region is not None and meeting.region.name_zh == "永修县"
    assert any("low-confidence region" in reason for reason in meeting.attention)


def test_an_outlet_of_another_level_is_not_the_region():
    meeting = extract("1月5日,县委书记张三主持召开县委常委会会议,研究部署安全生产工作。\n来源:九江日报")
    assert meeting.region is None


def test_a_place_named_in_passing_at_another_level_is_not_the_holder():
    meeting = extract(
        "近日,我县召开安全生产工作会议。会议强调,要抓好道路交通安全。要求各乡镇加强检查。学习借鉴长沙市经验。"
    )
    assert meeting.region is None


@pytest.mark.parametrize(
    ("text", "path"),
    [
        # 东乡县 is Jiangxi's former name (now 东乡区); a named province or prefecture puts it in Gansu.
        ("5月9日,甘肃省东乡县召开安全生产工作会议。", ["甘肃省", "临夏回族自治州", "东乡族自治县"]),
        ("5月9日,临夏州东乡县召开安全生产工作会议。", ["甘肃省", "临夏回族自治州", "东乡族自治县"]),
        ("5月9日,甘肃东乡召开安全生产工作会议。", ["甘肃省", "临夏回族自治州", "东乡族自治县"]),
        ("5月9日,江西省东乡县召开安全生产工作会议。", ["江西省", "抚州市", "东乡区"]),
        ("5月9日,东乡县召开安全生产工作会议。", ["江西省", "抚州市", "东乡区"]),
        # The same for any name a parent settles, and for ethnic short forms.
        ("5月9日,吉林省长春市朝阳区召开安全生产工作会议。", ["吉林省", "长春市", "朝阳区"]),
        ("5月9日,恩施州召开安全生产工作会议。", ["湖北省", "恩施土家族苗族自治州"]),
        ("5月9日,黔西南州召开安全生产工作会议。", ["贵州省", "黔西南布依族苗族自治州"]),
        # 乡/镇 inside a county's name is not a township's suffix.
        ("5月9日,临汾乡宁县召开安全生产工作会议。", ["山西省", "临汾市", "乡宁县"]),
        ("5月9日,湖南宁乡市召开安全生产工作会议。", ["湖南省", "长沙市", "宁乡市"]),
    ],
)
def test_a_named_parent_constrains_the_county(text, path):
    r = region(text)
    assert r is not None and r.in_gazetteer
    assert r.path_zh == path


def test_a_province_short_name_stays_the_province():
    # 河南蒙古族自治县 (Qinghai) does not make "河南" ambiguous.
    r = region("5月9日,河南召开全省安全生产工作会议。")
    assert r is not None and r.path_zh == ["河南省"]


def test_autonomous_short_names():
    from safetyhub.extraction.reference import default_reference
    from safetyhub.extraction.regions import _gazetteer, short_names

    g = _gazetteer(default_reference())
    assert short_names(g.by_code["622926"]) == ["东乡"]  # named after the people alone
    assert short_names(g.by_code["622927"]) == ["积石山"]
    assert short_names(g.by_code["5323"]) == ["楚雄"]
    assert short_names(g.by_code["450328"]) == ["龙胜"]  # 龙胜各族自治县
    assert short_names(g.by_code["150724"]) == ["鄂温克"]
