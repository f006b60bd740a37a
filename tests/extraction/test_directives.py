"""Directives: one instruction each, with issuer, sectors and span."""

from __future__ import annotations

from ._people_helpers import directives


def test_enumerated_points_are_one_directive_each_with_the_speaker_as_issuer() -> None:
    text = (
        "镇党委书记刘建国出席会议并讲话。\n"
        "刘建国强调，一要提高政治站位，切实增强责任感；二要突出重点领域，深入开展燃气、消防、道路交通等领域隐患排查整治；"
        "三要压实各方责任，确保全镇安全形势持续稳定。"
    )
    found = directives(text)
    assert [d.text for d in found] == [
        "要提高政治站位，切实增强责任感；",
        "要突出重点领域，深入开展燃气、消防、道路交通等领域隐患排查整治；",
        "要压实各方责任，确保全镇安全形势持续稳定。",
    ]
    assert {d.issuer for d in found} == {"刘建国"}
    assert found[1].sectors == ["gas", "fire", "road-traffic"]
    assert found[0].sectors == []


def test_a_point_runs_over_its_sentences_until_the_next_point() -> None:
    text = (
        "市委副书记、市长徐张艳主持会议。\n"
        "徐张艳市长对消防安全工作进行强调部署：一是要突出重点，切实抓好火灾防控工作。要采取针对性举措，形成工作闭环。"
        "二是要持续发力，全面深化消防安全大排查大整治行动。"
    )
    found = directives(text)
    assert [d.text for d in found] == [
        "要突出重点，切实抓好火灾防控工作。要采取针对性举措，形成工作闭环。",
        "要持续发力，全面深化消防安全大排查大整治行动。",
    ]
    assert all(d.issuer == "徐张艳" for d in found)


def test_what_the_meeting_stressed_has_no_issuer() -> None:
    text = "县长李文章出席会议。\n会议要求，各乡镇必须严格落实值班值守制度。各部门要加强隐患排查。"
    found = directives(text)
    assert [(d.text, d.issuer) for d in found] == [
        ("各乡镇必须严格落实值班值守制度。", None),
        ("各部门要加强隐患排查。", None),
    ]


def test_a_pronoun_continues_the_last_speaker() -> None:
    text = "贵溪市委书记陈敏出席并讲话。他强调，要举一反三，坚决遏制各类事故发生。"
    (found,) = directives(text)
    assert (found.text, found.issuer) == ("要举一反三，坚决遏制各类事故发生。", "陈敏")


def test_narrative_sentences_are_not_directives() -> None:
    text = (
        "8月22日，贵溪市安全生产工作会议召开，对该市当前安全生产工作进行再强调、再部署。"
        "市委副书记、市政府市长潘磊主持会议并讲话。全体机关干部共计57人参会。"
    )
    assert directives(text) == []


def test_traditional_directives_keep_the_original_script_and_spans() -> None:
    text = (
        "鎮黨委書記陳志明出席會議並講話。\n陳志明強調，各村要全面排查整治火災隱患，確保人民群眾生命財產安全。"
    )
    (found,) = directives(text)
    assert found.issuer == "陈志明"
    assert found.text == "各村要全面排查整治火災隱患，確保人民群眾生命財產安全。"
    assert found.span is not None
    assert text[found.span[0] : found.span[1]] == found.text
    assert found.sectors == ["fire"]


def test_english_enumerations_and_obligation_sentences() -> None:
    text = (
        "Li Ming, Secretary of the County Party Committee, attended the meeting and delivered a speech.\n"
        "Li Ming stressed that all townships must strengthen the investigation of hidden dangers in gas. "
        "First, we should strictly implement safety responsibilities. Second, it is necessary to strengthen "
        "emergency duty.\n"
        "The meeting required that hazardous chemicals enterprises must carry out self-inspection."
    )
    found = directives(text, "en")
    assert [(d.text, d.issuer) for d in found] == [
        ("all townships must strengthen the investigation of hidden dangers in gas.", "Li Ming"),
        ("we should strictly implement safety responsibilities.", "Li Ming"),
        ("it is necessary to strengthen emergency duty.", "Li Ming"),
        ("hazardous chemicals enterprises must carry out self-inspection.", None),
    ]
    assert found[0].sectors == ["gas"]
    assert found[3].sectors == ["hazardous-chemicals"]


def test_machine_translated_numbering_like_three_is() -> None:
    text = (
        "Shu Guichuan, District Head, attended the meeting.\n"
        "Shu Guichuan district chief requirements, one is determined to learn from one another;"
        "Second, the law enforcement inspection to move really hit hard;"
        "Three is to strengthen the organization leadership."
    )
    found = directives(text, "en")
    assert [d.text for d in found] == [
        "determined to learn from one another;",
        "the law enforcement inspection to move really hit hard;",
        "to strengthen the organization leadership.",
    ]
    assert {d.issuer for d in found} == {"Shu Guichuan"}
    unnamed = directives(
        "The district chief requirements, one is to learn lessons; Two is to check hazards.", "en"
    )
    assert [(d.text, d.issuer) for d in unnamed] == [("to learn lessons;", None), ("to check hazards.", None)]


def test_a_report_of_two_meetings_gives_each_speaker_their_own_directives() -> None:
    text = (
        "县委书记杨光主持会议并讲话。杨光要求，要坚决防范重大风险。\n"
        "同日下午，县长周平主持县政府常务会议。周平要求，各乡镇各部门要立即行动，严防道路交通事故。"
    )
    found = directives(text)
    assert [(d.issuer, d.sectors) for d in found] == [("杨光", []), ("周平", ["road-traffic"])]
