import datetime as dt

import pytest
from django.db import IntegrityError, transaction

from safetyhub.meetings.models import Attendance, Meeting, Official, Region, format_partial_date

pytestmark = pytest.mark.django_db


def make_meeting(**kwargs: object) -> Meeting:
    values = {"title": "会议", "body": "正文", "raw_text": "正文", "content_hash": "h1"}
    values.update(kwargs)
    return Meeting.objects.create(**values)


def test_content_hash_is_unique() -> None:
    make_meeting(content_hash="same")
    with pytest.raises(IntegrityError), transaction.atomic():
        make_meeting(content_hash="same")


def test_region_code_is_unique() -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        Region.objects.create(code="42", name_zh="湖北省", level="province")


def test_month_and_day_must_be_valid() -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        make_meeting(held_month=13)
    with pytest.raises(IntegrityError), transaction.atomic():
        make_meeting(held_day=5)  # a day without a month


def test_an_attendance_needs_a_role() -> None:
    meeting = make_meeting()
    official = Official.objects.create(name_zh="陈敏", name_en="Chen Min")
    with pytest.raises(IntegrityError), transaction.atomic():
        Attendance.objects.create(meeting=meeting, official=official)
    attendance = Attendance(meeting=meeting, official=official)
    attendance.set_roles(["spoke", "attended"])
    attendance.save()
    assert attendance.roles == ["spoke", "attended"]
    with pytest.raises(ValueError):
        attendance.set_roles(["danced"])


def test_an_official_needs_a_name() -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        Official.objects.create()


def test_partial_dates_keep_an_unknown_year() -> None:
    meeting = Meeting(title="t", body="b", raw_text="b", content_hash="h2", published_on=dt.date(2023, 1, 3))
    meeting.set_held_date(None, 8, 22)
    assert meeting.held_on is None
    assert meeting.held_on_iso == "--08-22"
    assert meeting.sort_date == dt.date(2023, 1, 3)  # falls back to publication
    meeting.set_held_date(2023, 10, None)
    assert meeting.held_on_iso == "2023-10"
    assert meeting.sort_date == dt.date(2023, 10, 1)
    meeting.set_held_date(2023, 10, 27)
    assert meeting.held_on == dt.date(2023, 10, 27)
    assert meeting.sort_date == dt.date(2023, 10, 27)
    meeting.set_held_date(2023, 2, 30)  # impossible day: kept as parts, no complete date
    assert meeting.held_on is None


@pytest.mark.parametrize(
    ("parts", "expected"),
    [
        ((2023, 10, 27), "2023-10-27"),
        ((2023, 10, None), "2023-10"),
        ((None, 8, 22), "--08-22"),
        ((None,) * 3, None),
    ],
)
def test_format_partial_date(parts: tuple[int | None, int | None, int | None], expected: str | None) -> None:
    assert format_partial_date(*parts) == expected


def test_str_reads_well() -> None:
    meeting = make_meeting(title="贵溪市安全生产工作会议召开")
    meeting.set_held_date(None, 8, 22)
    assert str(meeting) == "贵溪市安全生产工作会议召开 (--08-22)"
    assert str(Region.objects.get(code="360681")) == "贵溪市 (Guixi)"
    assert str(Official(name_zh="陈敏", name_en="Chen Min")) == "陈敏 (Chen Min)"
