"""Officials, roles and titles in Chinese reports (Simplified and Traditional)."""

from __future__ import annotations

from safetyhub.extraction.text import fold

from ._people_helpers import officials, people, roles

TOWNSHIP = (
    "3月12日上午，城关镇召开2024年安全生产工作会议。镇党委书记刘建国出席会议并讲话，"
    "镇党委副书记、镇长马晓东主持会议。镇领导张伟、王芳、李娜、赵磊、陈静、杨帆、周洋、吴强、孙丽、朱明参加会议。\n"
    "会上，镇应急办主任何志刚通报了2023年全镇安全生产工作情况。各村（社区）党支部书记作了表态发言。\n"
    "刘建国强调，一要提高政治站位；二要突出重点领域，深入开展燃气、消防、道路交通等领域隐患排查整治。"
)


def test_a_title_chain_before_the_name_gives_titles_and_the_verbs_give_roles() -> None:
    found = people("县委副书记、县长李文章出席会议并讲话。县委副书记、宣传部部长何先如主持会议。")
    assert found == {
        "李文章": (["attended", "spoke"], ["县委副书记", "县长"]),
        "何先如": (["presided"], ["县委副书记", "宣传部部长"]),
    }


def test_a_township_meeting_with_a_ten_name_attendee_list() -> None:
    found = people(TOWNSHIP)
    leaders = ["张伟", "王芳", "李娜", "赵磊", "陈静", "杨帆", "周洋", "吴强", "孙丽", "朱明"]
    for name in leaders:
        assert found[name] == (["attended"], ["镇领导"])
    assert found["刘建国"] == (["attended", "spoke"], ["镇党委书记"])
    assert found["马晓东"] == (["presided"], ["镇党委副书记", "镇长"])
    assert found["何志刚"] == (["reported"], ["镇应急办主任"])
    assert len(found) == 13


def test_the_meeting_was_chaired_by_passive_form() -> None:
    text = "会议由薛埠镇副镇长王鑫主持，要求各行业主管部门一定要抓好落实。"
    assert people(text) == {"王鑫": (["presided", "spoke"], ["薛埠镇副镇长"])}


def test_a_list_before_etc_takes_the_title_written_after_it() -> None:
    text = "黄建军、王华光等在家的市四套班子领导，市委各部门负责同志参加会议。"
    assert people(text) == {
        "黄建军": (["attended"], ["市四套班子领导"]),
        "王华光": (["attended"], ["市四套班子领导"]),
    }


def test_names_without_a_chinese_surname_are_taken_from_a_list_with_a_head_title() -> None:
    text = "旗领导额尔敦巴特尔、乌云其其格、包青山、秦毅，各成员单位主要负责同志参加会议。"
    assert roles(text) == {n: ["attended"] for n in ("额尔敦巴特尔", "乌云其其格", "包青山", "秦毅")}


def test_a_post_written_after_the_name_joins_the_unit_before_it() -> None:
    found = people("市消防救援支队周文斌支队长列席会议。")
    assert found == {"周文斌": (["attended"], ["市消防救援支队支队长"])}


def test_reporting_and_speaking_in_one_clause() -> None:
    text = "镇应急管理和生态环境局局长姜悦通报了工作开展情况，对当前的安全生产工作进行了详细解读。"
    assert people(text) == {"姜悦": (["reported", "spoke"], ["镇应急管理和生态环境局局长"])}


def test_gave_written_instructions_is_instructed() -> None:
    assert roles("省委书记王成作出批示，要求坚决遏制重特大事故。") == {"王成": ["instructed"]}


def test_leaders_whose_instructions_are_only_studied_are_not_officials() -> None:
    text = (
        "会议传达学习习近平总书记重要指示精神，学习贯彻自治区党委书记刘宁和自治区党委常委、市委书记农生文"
        "关于安全生产批示精神。市住建局党组书记、局长宁世朝主持会议并讲话。"
    )
    assert roles(text) == {"宁世朝": ["presided", "spoke"]}


def test_reporters_and_editors_are_not_officials() -> None:
    text = "本报讯（记者 刘子璇）8月4日，市长熊义志出席会议。\n责任编辑：张鲁莎"
    assert roles(text) == {"熊义志": ["attended"]}


def test_people_joined_by_commas_share_the_verb() -> None:
    text = "市长熊义志，市政府领导任忠、闫林、任磊在我市分会场参加。"
    found = people(text)
    assert found["熊义志"] == (["attended"], ["市长"])
    assert found["任磊"] == (["attended"], ["市政府领导"])


def test_what_is_said_after_the_meeting_is_not_a_role_at_it() -> None:
    text = "市长熊义志在分会场参加会议。会后，熊义志就贯彻落实会议精神提出要求。他强调，要警示警醒。"
    assert roles(text) == {"熊义志": ["attended"]}


def test_he_stressed_belongs_to_the_last_person_named() -> None:
    text = "贵溪市委书记陈敏出席。他强调，要举一反三。"
    assert roles(text) == {"陈敏": ["attended", "spoke"]}


def test_a_provincial_meeting_with_titles_after_one_another() -> None:
    text = (
        "11月5日，省政府召开全省安全生产电视电话会议。省委副书记、省长王凯出席会议并讲话，副省长刘尚进主持会议。"
        "省政府秘书长朱焕然，省应急管理厅厅长吴国平参加会议。会议传达了李强总理批示要求。"
    )
    assert people(text) == {
        "王凯": (["attended", "spoke"], ["省委副书记", "省长"]),
        "刘尚进": (["presided"], ["副省长"]),
        "朱焕然": (["attended"], ["省政府秘书长"]),
        "吴国平": (["attended"], ["省应急管理厅厅长"]),
    }


def test_a_state_enterprise_meeting() -> None:
    text = (
        "集团公司党组书记、董事长戴厚良出席会议并讲话。集团公司党组副书记、总经理侯启军主持会议。"
        "集团公司领导段良伟、焦方正、黄永章出席会议。集团公司安全总监通报了三季度安全生产情况。"
    )
    found = people(text)
    assert found["戴厚良"] == (["attended", "spoke"], ["集团公司党组书记", "董事长"])
    assert found["侯启军"] == (["presided"], ["集团公司党组副书记", "总经理"])
    assert found["焦方正"] == (["attended"], ["集团公司领导"])
    assert len(found) == 5


def test_traditional_text_gives_simplified_names_and_titles_as_written() -> None:
    text = (
        "鎮黨委書記陳志明出席會議並講話，鎮黨委副書記、鎮長黃國華主持會議。"
        "會上，鎮派出所所長林文傑通報了火災情況。"
    )
    found = officials(text)
    assert [(o.name_zh, o.name_en, o.roles, o.titles) for o in found] == [
        ("陈志明", "Chen Zhiming", ["spoke", "attended"], ["鎮黨委書記"]),
        ("黄国华", "Huang Guohua", ["presided"], ["鎮黨委副書記", "鎮長"]),
        ("林文杰", "Lin Wenjie", ["reported"], ["鎮派出所所長"]),
    ]
    assert text[found[0].spans[0][0] : found[0].spans[0][1]] == "陳志明"


def test_a_report_of_two_meetings_keeps_each_persons_own_roles() -> None:
    text = (
        "9月15日，县委常委会召开会议。县委书记杨光主持会议并讲话。\n"
        "同日下午，县政府召开常务会议，县长周平主持会议，副县长王涛通报了全县安全生产大检查情况。"
    )
    assert roles(text) == {"杨光": ["presided", "spoke"], "周平": ["presided"], "王涛": ["reported"]}


def test_a_tv_caption_quote_is_a_speaker_titled_by_the_unit() -> None:
    text = "雁塔区燃气安全专项整治工作专班 杨兆龙：我们在今天的现场会可以看到变化。"
    assert people(text) == {"杨兆龙": (["spoke"], ["雁塔区燃气安全专项整治工作专班"])}


def test_compound_surnames_and_polyphones_in_a_list() -> None:
    text = "欧阳明辉、单志强、曾小军、司马南参加会议。县委书记尉迟敬德作出批示。"
    found = {o.name_zh: o.name_en for o in officials(text)}
    assert found == {
        "欧阳明辉": "Ouyang Minghui",
        "单志强": "Shan Zhiqiang",
        "曾小军": "Zeng Xiaojun",
        "司马南": "Sima Nan",
        "尉迟敬德": "Yuchi Jingde",
    }


def test_words_that_start_with_a_surname_character_are_not_people() -> None:
    text = (
        "全市上下要高度重视，全区、全县各部门要加强安全生产。会议强调，方面要求明确。"
        "安全生产委员会各成员单位负责同志参加会议。黄河流域生态保护工作要求严格。"
    )
    assert roles(text) == {}


def test_a_truncated_clause_without_a_verb_lists_nobody() -> None:
    assert roles("县委常委、常务副县长张贤波，县政府副县长楚峰、余") == {}


def test_spans_point_at_every_mention_in_the_body() -> None:
    text = "市委副书记、市长潘磊主持会议。潘磊要求，要从严抓责任落实。"
    (person,) = officials(text)
    assert [text[s:e] for s, e in person.spans] == ["潘磊", "潘磊"]
    assert fold(text) == text


def test_a_verb_before_the_list_covers_every_name() -> None:
    text = (
        "市委书记张建华同志出席会议并讲话。市委常委、副市长王涛宣读了表彰决定。"
        "出席会议的市领导还有刘洋、陈刚、赵敏等。"
    )
    assert roles(text) == {
        "张建华": ["attended", "spoke"],
        "王涛": ["reported"],
        "刘洋": ["attended"],
        "陈刚": ["attended"],
        "赵敏": ["attended"],
    }
    assert people(text)["赵敏"][1] == ["市领导"]


def test_a_clause_with_another_subject_ends_the_persons_verbs() -> None:
    text = "县应急管理局局长赵刚汇报了一季度工作情况，县交通运输局、县住建局作了交流发言。"
    assert roles(text) == {"赵刚": ["reported"]}


def test_national_leaders_instructions_quoted_as_background_are_not_officials() -> None:
    text = "事故发生后，习近平总书记作出重要指示，要求全力搜救。李强总理作出批示。省委书记王成作出批示。"
    assert roles(text) == {"王成": ["instructed"]}


def test_a_national_meeting_where_unit_heads_attend_after_the_chair() -> None:
    text = (
        "国务委员、国务院安委会主任王小洪出席会议并讲话。应急管理部党委书记、部长王祥喜主持会议，"
        "国务院安委会有关成员单位负责同志在主会场参加会议。"
    )
    assert roles(text) == {"王小洪": ["attended", "spoke"], "王祥喜": ["presided"]}


def test_the_first_character_of_a_compound_surname_is_not_a_surname_alone() -> None:
    assert people("省政府秘书长顾兵参加会议。") == {"顾兵": (["attended"], ["省政府秘书长"])}


def test_names_joined_by_commas_between_a_title_and_a_verb() -> None:
    assert roles("县领导张三丰，李晓四，王五一参加会议。") == {
        "张三丰": ["attended"],
        "李晓四": ["attended"],
        "王五一": ["attended"],
    }
