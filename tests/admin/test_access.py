"""Who may do what in the admin: groups, read-only viewers, login lock-out, the admin path."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import Group, User
from django.test import Client
from django.urls import reverse

from safetyhub.meetings.models import Meeting, ReviewState

from .conftest import PASSWORD

pytestmark = pytest.mark.django_db

REPO = Path(__file__).resolve().parents[2]


def test_the_migration_creates_editor_and_viewer_groups() -> None:
    editor = set(Group.objects.get(name="editor").permissions.values_list("codename", flat=True))
    viewer = set(Group.objects.get(name="viewer").permissions.values_list("codename", flat=True))
    for model in ("meeting", "official", "directive", "region", "sector"):
        assert f"change_{model}" in editor
        assert f"view_{model}" in viewer
    assert {
        "add_attendance",
        "delete_attendance",
        "add_directive",
        "delete_directive",
        "add_region",
    } <= editor
    assert "delete_meeting" not in editor
    assert all(code.startswith("view_") for code in viewer)


def test_an_editor_can_change_a_meeting(editor_client: Client, meeting: Meeting, change_data) -> None:  # type: ignore[no-untyped-def]
    url = reverse("admin:meetings_meeting_change", args=[meeting.pk])
    data = change_data(editor_client.get(url))
    data["title"] = "编辑过的标题"
    assert editor_client.post(url, data).status_code == 302
    meeting.refresh_from_db()
    assert meeting.title == "编辑过的标题"


def test_a_viewer_sees_but_cannot_change(viewer_client: Client, meeting: Meeting, change_data) -> None:  # type: ignore[no-untyped-def]
    url = reverse("admin:meetings_meeting_change", args=[meeting.pk])
    response = viewer_client.get(url)
    assert response.status_code == 200
    assert response.context["has_change_permission"] is False
    assert 'name="_save"' not in response.content.decode()
    assert viewer_client.get(reverse("admin:meetings_meeting_changelist")).status_code == 200

    assert viewer_client.post(url, {"title": "篡改"}).status_code == 403
    viewer_client.post(
        reverse("admin:meetings_meeting_changelist"),
        {"action": "mark_reviewed", "_selected_action": [str(meeting.pk)]},
    )
    meeting.refresh_from_db()
    assert meeting.title != "篡改"
    assert meeting.review_state != ReviewState.REVIEWED
    for name in ("region", "sector", "official"):
        assert viewer_client.get(reverse(f"admin:meetings_{name}_add")).status_code == 403


def test_staff_without_a_group_sees_nothing(meeting: Meeting) -> None:
    client = Client()
    client.force_login(User.objects.create_user("nobody", password=PASSWORD, is_staff=True))
    assert client.get(reverse("admin:meetings_meeting_changelist")).status_code == 403


def login(client: Client, username: str, password: str) -> int:
    return client.post(
        reverse("admin:login"), {"username": username, "password": password, "next": "/"}
    ).status_code


def test_repeated_wrong_passwords_lock_the_account_out(editor: User) -> None:
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert login(client, "eddie", "wrong") == 200  # the form again, with an error
    assert login(client, "eddie", "wrong") == 429
    # Even the right password is refused now, and no session is opened.
    assert login(client, "eddie", PASSWORD) == 429
    assert "_auth_user_id" not in client.session
    # Someone else from the same address is not locked out.
    User.objects.create_user("other", password=PASSWORD, is_staff=True)
    assert login(Client(), "other", PASSWORD) == 302


def test_a_right_password_before_the_limit_resets_the_count(editor: User) -> None:
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        login(client, "eddie", "wrong")
    assert login(client, "eddie", PASSWORD) == 302
    client.logout()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert login(client, "eddie", "wrong") == 200


def test_the_admin_path_comes_from_the_environment() -> None:
    code = (
        "import django; django.setup();"
        "from django.urls import reverse; from django.conf import settings;"
        "print(reverse('admin:index'), reverse('admin:login'), settings.LOGIN_URL)"
    )
    env = {**os.environ, "ADMIN_PATH": "/back-office/", "DJANGO_SETTINGS_MODULE": "safetyhub.settings"}
    env.setdefault("SECRET_KEY", "test-only-secret-key")
    out = subprocess.run(
        [sys.executable, "-c", code],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    assert out.stdout.split() == ["/back-office/", "/back-office/login/", "/back-office/login/"]
