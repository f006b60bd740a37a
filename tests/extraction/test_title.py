import pytest

from safetyhub.extraction import extract


@pytest.mark.parametrize(
    ("text", "title"),
    [
        # The headline, without the page title's site name.
        (
            "贵溪市召开安全生产工作会议_大江网\n8月22日,贵溪市安全生产工作会议召开。",
            "贵溪市召开安全生产工作会议",
        ),
        ("Jilin holds safety meeting - Jilin Provincial Government Network\nOn May 3, Jilin held it.", None),
        # Page slogans before the headline are skipped for the line that names a meeting.
        (
            "Zhongnan fireworks, blooming for important moments\n\n"
            "Liuyang Fireworks Warning Education Conference Held\n\n"
            "At present, it is a critical period for fireworks enterprises to resume production in order.",
            "Liuyang Fireworks Warning Education Conference Held",
        ),
        # No headline: the meeting clause of the first sentence, date and venue date removed.
        (
            "8月22日,贵溪市安全生产工作会议召开,对该市当前安全生产工作进行再强调、再部署。",
            "贵溪市安全生产工作会议召开",
        ),
        (
            "根据区安委办《通知》要求,薛埠镇于8月25日上午召开百日攻坚行动专项工作推进会,各村负责人参加会议。",
            "薛埠镇召开百日攻坚行动专项工作推进会",
        ),
        (
            "date 2023-04-18\nRecently, Pengjiang District held safety production on-site meetings "
            "to thoroughly implement the spirit of the national conference, and to deploy work.",
            "Pengjiang District held safety production on-site meetings",
        ),
    ],
)
def test_it_takes_the_headline_or_builds_a_short_title(text, title):
    meeting = extract(text)
    if title is None:
        assert meeting.title == "Jilin holds safety meeting"
    else:
        assert meeting.title == title


def test_the_title_span_points_into_the_body():
    meeting = extract("贵溪市召开安全生产工作会议_大江网\n8月22日,贵溪市安全生产工作会议召开。")
    s, e = meeting.spans["title"]
    assert meeting.body[s:e] == meeting.title
