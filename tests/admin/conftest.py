"""Fixtures for the admin tests: users in the editor/viewer groups, reports, and a form-data helper."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import Group, User
from django.test import Client

from safetyhub.extraction.types import (
    ExtractedDirective,
    ExtractedMeeting,
    ExtractedOfficial,
    ExtractedRegion,
    PartialDate,
)
from safetyhub.meetings import services
from safetyhub.meetings.models import Meeting, MeetingSource
from safetyhub.meetings.review import meeting_refresh_review

PASSWORD = "correct-horse-battery-staple"
REPO_SEEDS = Path(__file__).resolve().parents[2] / "seeds"


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_teardown(item: pytest.Item, nextitem: pytest.Item | None) -> Iterator[None]:
    """Browser tests flush the database (live_server is transactional): load the reference data again."""
    yield
    if item.get_closest_marker("browser") is None or nextitem is None:
        return  # after the last test the test database is gone
    from django.db import connection
    from pytest_django.plugin import blocking_manager_key

    from safetyhub.meetings.reference import regions_load, sectors_load

    name = str(connection.settings_dict["NAME"])
    if "test" not in name and "memory" not in name:
        return  # never write into a database that is not the test database
    with item.config.stash[blocking_manager_key].unblock():
        sectors_load()
        regions_load()


@pytest.fixture(scope="session", autouse=True)
def _static_root() -> None:
    """whitenoise warns (an error under -W error) when STATIC_ROOT is missing before collectstatic."""
    from django.conf import settings

    Path(settings.STATIC_ROOT).mkdir(parents=True, exist_ok=True)


@pytest.fixture(autouse=True)
def _fast_passwords(settings: Any) -> None:
    """Hashing with the production hasher costs a second per login on a busy CI machine."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


BODY = (
    "江西省贵溪市召开安全生产委员会全体会议\n"
    "8月22日，贵溪市召开安全生产委员会全体会议。市委书记陈敏出席会议并讲话，市长潘磊主持会议。"
    "会议强调，要深入开展道路交通安全整治。陈敏要求，各地要抓好危险化学品企业隐患排查。"
)


def span_of(text: str, part: str, start: int = 0) -> tuple[int, int]:
    i = BODY.index(part, start)
    return (i, i + len(part))


def make_extracted(**overrides: Any) -> ExtractedMeeting:
    """A report of a Guixi meeting whose year the text does not give."""
    body = overrides.pop("body", BODY)
    values: dict[str, Any] = {
        "source": "reports/guixi.txt",
        "title": "江西省贵溪市召开安全生产委员会全体会议",
        "language": "zh",
        "body": body,
        "raw_text": "<p>" + body + "</p>\n© 版权所有",
        "published_on": dt.date(2023, 8, 23),
        "held_on": PartialDate(None, 8, 22),
        "region": ExtractedRegion(
            code="360681",
            name_zh="贵溪市",
            name_en="Guixi",
            level="county",
            path_zh=["江西省", "鹰潭市", "贵溪市"],
            confidence=0.4,
            span=span_of(body, "贵溪市", 10),
        ),
        "meeting_type": "plenary",
        "officials": [
            ExtractedOfficial(
                "陈敏", "Chen Min", ["attended", "spoke"], ["市委书记"], [span_of(body, "陈敏")]
            ),
            ExtractedOfficial("潘磊", "Pan Lei", ["presided"], ["市长"], [span_of(body, "潘磊")]),
        ],
        "sectors": ["road-traffic", "hazardous-chemicals"],
        "directives": [
            ExtractedDirective(
                "要深入开展道路交通安全整治",
                None,
                ["road-traffic"],
                span_of(body, "要深入开展道路交通安全整治"),
            ),
            ExtractedDirective(
                "各地要抓好危险化学品企业隐患排查",
                "陈敏",
                ["hazardous-chemicals"],
                span_of(body, "各地要抓好危险化学品企业隐患排查"),
            ),
        ],
        "spans": {
            "title": (0, 19),
            "held_on": span_of(body, "8月22日"),
            "region": span_of(body, "贵溪市", 10),
        },
        "attention": [],
    }
    values.update(overrides)
    return ExtractedMeeting(**values)


def ingest(extracted: ExtractedMeeting, meeting: Meeting | None = None) -> Meeting:
    """Apply an extraction the way ingest does: onto the meeting of that source, or a new one."""
    if meeting is None:
        source = MeetingSource.objects.filter(location=extracted.source).select_related("meeting").first()
        meeting = source.meeting if source else Meeting()
    if meeting.pk is not None:
        meeting.refresh_from_db()  # as ingest would load it
    else:
        meeting.content_hash = hashlib.sha256(extracted.raw_text.encode()).hexdigest()
    services.meeting_apply_extraction(meeting=meeting, extracted=extracted)
    MeetingSource.objects.get_or_create(location=extracted.source, defaults={"meeting": meeting})
    meeting.refresh_from_db()
    return meeting_refresh_review(meeting)


@pytest.fixture
def meeting(db: None) -> Meeting:
    return ingest(make_extracted())


def _user(username: str, group: str | None, superuser: bool = False) -> User:
    if superuser:
        return User.objects.create_superuser(username, f"{username}@example.org", PASSWORD)
    user = User.objects.create_user(username, f"{username}@example.org", PASSWORD, is_staff=True)
    if group:
        user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def editor(db: None) -> User:
    return _user("eddie", "editor")


@pytest.fixture
def viewer(db: None) -> User:
    return _user("vera", "viewer")


@pytest.fixture
def editor_client(editor: User) -> Client:
    client = Client()
    client.force_login(editor)
    return client


@pytest.fixture
def viewer_client(viewer: User) -> Client:
    client = Client()
    client.force_login(viewer)
    return client


def _put(data: dict[str, Any], name: str, value: Any) -> None:
    if value is None or value is False:
        return
    if value is True:
        data[name] = "on"
    elif isinstance(value, list | tuple):
        data[name] = [str(v) for v in value]
    elif isinstance(value, dt.date):
        data[name] = value.isoformat()
    else:
        data[name] = str(value)


def change_form_data(response: Any) -> dict[str, Any]:
    """The POST data an unchanged submit of a rendered admin change form would send."""
    data: dict[str, Any] = {}
    form = response.context["adminform"].form
    for name in form.fields:
        _put(data, form.add_prefix(name), form[name].value())
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        management = formset.management_form
        for name in management.fields:
            data[management.add_prefix(name)] = management[name].value()
        for sub in formset.forms:
            for name in sub.fields:
                _put(data, sub.add_prefix(name), sub[name].value())
    return data


@pytest.fixture
def change_data() -> Callable[[Any], dict[str, Any]]:
    return change_form_data
