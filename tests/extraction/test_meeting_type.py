import pytest

from safetyhub.extraction.meeting_type import detect_meeting_type


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("县安委会第三次全体会议", "plenary"),
        ("the fourth plenary (expanded) meeting and the fourth joint meeting on fire protection", "plenary"),
        ("Jiangxia district held the third expanded meeting of the district Security Committee", "expanded"),
        ("全市安全生产工作会议", "work_conference"),
        ("安全生产现场推进会", "on_site"),
        ("held safety production on-site meetings and work meetings", "on_site"),
        ("全省安全生产工作视频调度会议", "video"),
        ("a provincial safety production work scheduling meeting", "scheduling"),
        ("消防安全联席会议", "joint"),
        ("市政府第9次常务会议", "executive"),
        ("清明节前夕安全生产工作部署会", "deployment"),
        ("Fireworks Safety Production Warning Education Conference", "warning_education"),
        ("安全生产专题研究", "other"),
    ],
)
def test_it_reads_the_meeting_type_from_its_name(name, kind):
    assert detect_meeting_type(name) == kind


@pytest.mark.parametrize(
    "name", ["2025年一季度安委会暨生态环保工作领导小组会议", "市安全生产委员会第三次会议"]
)
def test_a_safety_committee_meeting_is_a_plenary(name):
    assert detect_meeting_type(name) == "plenary"
