"""Officials, roles and titles in English reports (including clumsy machine translation)."""

from __future__ import annotations

from ._people_helpers import officials, people, roles


def test_name_comma_title_then_the_verb() -> None:
    text = (
        "Huang Qiang, Deputy Secretary of the CPC Sichuan Provincial Committee and Governor of the People's "
        "Government of Sichuan Province, attended and addressed the meetings."
    )
    assert people(text, "en") == {
        "Huang Qiang": (
            ["attended", "spoke"],
            [
                "Deputy Secretary of the CPC Sichuan Provincial Committee",
                "Governor of the People's Government of Sichuan Province",
            ],
        )
    }


def test_title_before_the_name() -> None:
    text = "District Party Secretary Lao Maochang attended the meeting and delivered a speech."
    assert people(text, "en") == {"Lao Maochang": (["attended", "spoke"], ["District Party Secretary"])}


def test_name_presided_over_the_meeting_without_a_title() -> None:
    text = "Cai Dong presided over the meeting, and Zhang Zhijun, Liu Kai and An Guiwu attended the meeting."
    assert people(text, "en") == {
        "Cai Dong": (["presided"], []),
        "Zhang Zhijun": (["attended"], []),
        "Liu Kai": (["attended"], []),
        "An Guiwu": (["attended"], []),
    }


def test_two_titled_people_share_one_verb() -> None:
    text = (
        "Li Dacheng, Director of the Standing Committee of the District People's Congress, and He Teng, "
        "Chairman of the District Political Consultative Conference, attended the meeting."
    )
    assert people(text, "en") == {
        "Li Dacheng": (
            ["attended"],
            ["Director of the Standing Committee of the District People's Congress"],
        ),
        "He Teng": (["attended"], ["Chairman of the District Political Consultative Conference"]),
    }


def test_a_head_title_is_given_to_every_name_in_the_list() -> None:
    text = "County leaders Zhao Lei, Sun Hong, Zhou Bin, Wu Gang and Zheng Hui attended."
    assert people(text, "en") == {
        name: (["attended"], ["County leaders"])
        for name in ("Zhao Lei", "Sun Hong", "Zhou Bin", "Wu Gang", "Zheng Hui")
    }


def test_a_title_chain_across_a_comma_at_the_start_of_a_sentence() -> None:
    text = (
        "Zhang Fei, Secretary of district Party Committee, Shu Guichuan, Deputy Secretary of District Party "
        "Committee and District Head attended the meeting and spoke;District committee standing committee, "
        "executive deputy District President Zeng Jianhui presided over the meeting."
    )
    assert people(text, "en") == {
        "Zhang Fei": (["attended", "spoke"], ["Secretary of district Party Committee"]),
        "Shu Guichuan": (
            ["attended", "spoke"],
            ["Deputy Secretary of District Party Committee", "District Head"],
        ),
        "Zeng Jianhui": (
            ["presided"],
            ["District committee standing committee", "executive deputy District President"],
        ),
    }


def test_report_and_instruction_verbs() -> None:
    text = (
        "Deputy Mayor Liu Yan delivered the safety production work report of the city while Secretary "
        "Luo Dongsheng held the conference. Provincial Party Secretary Jing Junhai gave instructions."
    )
    assert roles(text, "en") == {
        "Liu Yan": ["reported"],
        "Luo Dongsheng": ["presided"],
        "Jing Junhai": ["instructed"],
    }


def test_bylines_and_editors_are_not_officials() -> None:
    text = (
        "Jiangmen Daily News (Reporter/Hu Qingqing Correspondent/Li Zhaoan) Recently, "
        "Pengjiang District held safety meetings. "
        "Ma Pingao, deputy secretary of the District Party Committee and district chief, "
        "presided over the meeting.\n(Tan Wan-wing, Emergency Management Agency)\nEdited by Zhao Xi\n"
        "Reporter: Zhang Yu Editor: Liu Fang"
    )
    assert roles(text, "en") == {"Ma Pingao": ["presided"]}


def test_leaders_only_referenced_are_not_officials() -> None:
    text = (
        "On January 30, with the consent of Wang Xiaohui, Secretary of the CPC Sichuan Provincial Committee, "
        "the plenary was convened. Huang Qiang attended the meeting. "
        "He stressed that we should implement the spirit of General Secretary Xi Jinping's important "
        "instructions and Premier Li Qiang and Vice Premier Zhang Guoqing's speeches."
    )
    assert roles(text, "en") == {"Huang Qiang": ["attended", "spoke"]}


def test_capitalised_words_are_not_people() -> None:
    text = (
        "Members of the leading team of the Party Working Committee attended the meeting. "
        "Life is more important than Mount Tai! The Jilin High Tech Zone Safety Committee held a meeting."
    )
    assert roles(text, "en") == {}


def test_passive_presided_over_by() -> None:
    text = "The meeting was presided over by Deputy County Magistrate Chen Gang."
    assert people(text, "en") == {"Chen Gang": (["presided"], ["Deputy County Magistrate"])}


def test_machine_translation_with_lowercase_titles() -> None:
    text = (
        "On January 26, Pingguo held a conference.Pingguo city people’s government mayor Guo Jia "
        "on the city’s safety production work for deployment, "
        "the city people’s government vice mayor Huang Meng attended "
        "the meeting."
    )
    found = people(text, "en")
    assert found["Guo Jia"] == (["spoke"], ["Pingguo city people’s government mayor"])
    assert found["Huang Meng"][0] == ["attended"]


def test_an_english_only_name_has_no_hanzi_and_keeps_the_written_name() -> None:
    (person,) = officials("Mayor Xiao Shengfeng requested all departments to act.", "en")
    assert (person.name_zh, person.name_en, person.roles) == (None, "Xiao Shengfeng", ["spoke"])
    assert person.spans == [(6, 20)]


def test_a_mixed_report_finds_people_in_both_languages() -> None:
    text = "Jiao Jiguo, director of the Management Committee, attended the meeting. 副主任王丽主持会议。"
    assert roles(text, "mixed") == {"Jiao Jiguo": ["attended"], "王丽": ["presided"]}
