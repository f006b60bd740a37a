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


def test_attended_by_covers_every_name_that_follows() -> None:
    text = (
        "The meeting was attended by Vice Mayor Sun Wei and Secretary-General Li Hong. "
        "Hong Kong officials also joined online."
    )
    assert people(text, "en") == {
        "Sun Wei": (["attended"], ["Vice Mayor"]),
        "Li Hong": (["attended"], ["Secretary-General"]),
    }


def test_as_well_as_joins_people_and_a_post_of_a_unit_is_a_title() -> None:
    text = (
        "Vice Mayors Wang Gang and Liu Yang, as well as Secretary-General Chen Lei, attended. "
        "Director of the Municipal Emergency Management Bureau Zhou Jun reported on the situation."
    )
    assert people(text, "en") == {
        "Wang Gang": (["attended"], ["Vice Mayors"]),
        "Liu Yang": (["attended"], ["Vice Mayors"]),
        "Chen Lei": (["attended"], ["Secretary-General"]),
        "Zhou Jun": (["reported"], ["Director of the Municipal Emergency Management Bureau"]),
    }


def test_national_leaders_instructions_are_background_in_english_too() -> None:
    text = (
        "After the accident, General Secretary Xi Jinping gave important instructions. "
        "Provincial Party Secretary Jing Junhai gave instructions."
    )
    assert roles(text, "en") == {"Jing Junhai": ["instructed"]}


def test_a_state_enterprise_meeting_with_leaders_of_the_group() -> None:
    text = (
        "Chen Yun, Party Secretary and Chairman of the Group, attended the meeting and delivered a speech. "
        "General Manager Chen Wenjian presided over the meeting. Leaders of the group Ma Jiangqian, "
        "Wang Shiqi and Zhang Xiangdong attended the meeting."
    )
    found = people(text, "en")
    assert found["Chen Yun"] == (["attended", "spoke"], ["Party Secretary", "Chairman of the Group"])
    assert found["Chen Wenjian"] == (["presided"], ["General Manager"])
    for name in ("Ma Jiangqian", "Wang Shiqi", "Zhang Xiangdong"):
        assert found[name] == (["attended"], ["Leaders of the group"])


def test_headline_present_tense_and_said_before_the_name() -> None:
    text = (
        "Mayor Li Ming Chairs Work Safety Meeting\n"
        "The city held a meeting. “We must act now,” said Zhang Hua, director of the bureau."
    )
    assert people(text, "en") == {
        "Li Ming": (["presided"], ["Mayor"]),
        "Zhang Hua": (["spoke"], ["director of the bureau"]),
    }
