"""Data for the backup round-trip test: a meeting an editor corrected, and how to read it back.

Run inside a Django process (`manage.py shell -c "from tests.prod.backup_data import ..."`).
"""

from __future__ import annotations

import json

from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth.models import User
from django.contrib.contenttypes.models import ContentType

from safetyhub.meetings.models import Attendance, Directive, Meeting, MeetingSource, Official, Region, Sector


def create() -> None:
    """Ingest-like record plus an editor's corrections and the admin log of who made them."""
    from safetyhub.meetings.reference import sectors_load

    sectors_load()
    region = Region.objects.create(code="36", name_zh="江西省", name_en="Jiangxi", level="province")
    editor = User.objects.create_user("editor", password="pw-123-long-enough", is_staff=True)
    chen = Official.objects.create(name_zh="陈敏", name_en="Chen Min")
    pan = Official.objects.create(name_zh="潘磊", name_en="Pan Lei")
    meeting = Meeting.objects.create(
        title="编辑改过的标题 «edited»",
        body="陈敏主持会议。会议强调，要抓好消防安全。",
        raw_text="raw",
        content_hash="backup-test-hash",
        region=region,
        editor_fields=["title", "region", "sectors"],
        editor_deleted=["official:王华光", "directive:0123456789abcdef"],
        review_state="reviewed",
        spans={"title": [0, 4]},
    )
    meeting.set_held_date(None, 8, 22)
    meeting.save()
    meeting.sectors.set(Sector.objects.filter(slug__in=["fire", "road-traffic"]))
    MeetingSource.objects.create(meeting=meeting, location="seeds/004_02946363d03d7181.txt")
    Attendance.objects.create(meeting=meeting, official=chen, presided=True, title="贵溪市委书记", position=0)
    Attendance.objects.create(
        meeting=meeting, official=pan, spoke=True, attended=True, title="市长（编辑补充）", editor_owned=True
    )
    directive = Directive.objects.create(
        meeting=meeting, issuer=chen, text="要抓好消防安全（编辑改写）", order=1, editor_owned=True
    )
    directive.sectors.set(Sector.objects.filter(slug="fire"))
    LogEntry.objects.log_actions(
        user_id=editor.pk,
        queryset=[meeting],
        action_flag=CHANGE,
        change_message=json.dumps([{"changed": {"fields": ["Title", "Region"]}}]),
        single_object=True,
    )


def describe() -> dict[str, object]:
    """Everything about the edited meeting that an editor owns, in a comparable form."""
    meeting = Meeting.objects.get(content_hash="backup-test-hash")
    ct = ContentType.objects.get_for_model(Meeting)
    return {
        "title": meeting.title,
        "held_on": meeting.held_on_iso,
        "region": meeting.region.code if meeting.region else None,
        "editor_fields": meeting.editor_fields,
        "editor_deleted": meeting.editor_deleted,
        "review_state": meeting.review_state,
        "spans": meeting.spans,
        "sectors": sorted(meeting.sectors.values_list("slug", flat=True)),
        "sources": list(meeting.sources.values_list("location", flat=True)),
        "attendances": [
            [a.official.name_zh, a.roles, a.title, a.editor_owned] for a in meeting.attendances.order_by("id")
        ],
        "directives": [
            [
                d.text,
                d.issuer.name_zh if d.issuer else None,
                sorted(d.sectors.values_list("slug", flat=True)),
                d.editor_owned,
            ]
            for d in meeting.directives.all()
        ],
        "edited_by": [
            [e.user.username, e.change_message]
            for e in LogEntry.objects.filter(content_type=ct, object_id=str(meeting.pk))
        ],
        "editor_can_log_in": User.objects.get(username="editor").check_password("pw-123-long-enough"),
    }


def create_and_print_description() -> None:
    create()
    print_description()


def print_description() -> None:
    print(json.dumps(describe(), ensure_ascii=False, sort_keys=True))
