"""The page cache: anonymous responses kept under the content version, retired by any write."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.core.cache import caches
from django.db import DatabaseError, connection
from django.test import Client, override_settings

from safetyhub import pagecache
from safetyhub.meetings.models import Attendance, Directive, Meeting, MeetingSource, Official, Sector
from tests.browse.factories import make_meeting, make_official, region

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache() -> Iterator[None]:
    caches["pages"].clear()
    with override_settings(PAGE_CACHE_SECONDS=600):
        yield
    caches["pages"].clear()


@pytest.fixture
def meeting() -> Meeting:
    chair = make_official("陈敏", "Chen Min")
    return make_meeting(
        title="南京市召开安全生产工作会议",
        region=region("3201"),
        sectors=["fire"],
        officials=[(chair, ["presided"], "市长")],
        directives=[(chair, "要抓好冬春火灾防控，落实消防安全责任", ["fire"])],
    )


def _get(client: Client, url: str) -> tuple[str, str]:
    response = client.get(url)
    assert response.status_code == 200, url
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return response.get("X-Page-Cache", ""), body.decode()


PUBLIC = [
    "/",
    "/meetings/",
    "/meetings/?sector=fire",
    "/directives/",
    "/api/meetings/",
    "/meetings/feed.atom",
]


@pytest.mark.parametrize("url", PUBLIC)
def test_a_second_anonymous_request_is_served_from_the_cache(
    client: Client, meeting: Meeting, url: str
) -> None:
    first_state, first = _get(client, url)
    second_state, second = _get(client, url)
    assert (first_state, second_state) == ("miss", "hit")
    strip = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"')
    assert strip.sub("", first) == strip.sub("", second)


def test_detail_pages_are_cached_per_path(client: Client, meeting: Meeting) -> None:
    other = make_meeting(title="苏州市召开消防工作会议", region=region("3205"))
    assert _get(client, meeting.get_absolute_url())[0] == "miss"
    state, body = _get(client, other.get_absolute_url())
    assert state == "miss" and "苏州市召开消防工作会议" in body
    assert _get(client, meeting.get_absolute_url())[0] == "hit"


def _edits(meeting: Meeting) -> dict[str, object]:
    """One write to each table a page shows, as the admin or ingest would make it."""
    official = Attendance.objects.filter(meeting=meeting).first().official  # type: ignore[union-attr]
    return {
        "meeting title": lambda: Meeting.objects.filter(pk=meeting.pk).update(title="已更正的标题"),
        "official name": lambda: Official.objects.filter(pk=official.pk).update(
            name_en="Chen Min (corrected)"
        ),
        "attendance": lambda: Attendance.objects.filter(meeting=meeting).update(title="副市长"),
        "directive": lambda: Directive.objects.filter(meeting=meeting).update(text="要全面排查整治火灾隐患"),
        "directive sectors": lambda: Directive.objects.get(meeting=meeting).sectors.clear(),
        "meeting sectors": lambda: meeting.sectors.add(Sector.objects.get(slug="gas")),
        "source": lambda: MeetingSource.objects.filter(meeting=meeting).delete(),
        "sector": lambda: Sector.objects.filter(slug="fire").update(name_en="Fire safety (renamed)"),
        "new meeting": lambda: make_meeting(title="无锡市召开安全生产工作会议", region=region("3202")),
    }


@pytest.mark.parametrize(
    "edit",
    ["meeting title", "official name", "attendance", "directive", "directive sectors", "meeting sectors",
     "source", "sector", "new meeting"],
)  # fmt: skip
def test_any_write_retires_the_cached_pages(client: Client, meeting: Meeting, edit: str) -> None:
    url = meeting.get_absolute_url()
    before = pagecache.content_version()
    _get(client, url)
    assert _get(client, url)[0] == "hit"
    _edits(meeting)[edit]()  # type: ignore[operator]
    assert pagecache.content_version() != before
    assert _get(client, url)[0] == "miss"


def test_an_edit_shows_at_once(client: Client, meeting: Meeting) -> None:
    _get(client, "/meetings/")
    Meeting.objects.filter(pk=meeting.pk).update(title="已更正的标题")
    assert "已更正的标题" in _get(client, "/meetings/")[1]


def test_every_response_carries_the_requesters_own_csrf_token(meeting: Meeting) -> None:
    """The language form works from a cached page: the placeholder never reaches a browser."""
    tokens = []
    for _ in range(2):
        browser = Client(enforce_csrf_checks=True)
        response = browser.get("/meetings/")
        html = response.content.decode()
        assert pagecache.CSRF_PLACEHOLDER not in html
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)  # type: ignore[union-attr]
        tokens.append(token)
        switched = browser.post(
            "/i18n/setlang/", {"language": "zh-hans", "next": "/meetings/", "csrfmiddlewaretoken": token}
        )
        assert switched.status_code == 302
    assert response["X-Page-Cache"] == "hit"
    assert tokens[0] != tokens[1]


def test_languages_are_cached_apart(client: Client, meeting: Meeting) -> None:
    english = _get(client, "/meetings/")[1]
    client.cookies["django_language"] = "zh-hans"
    state, chinese = _get(client, "/meetings/")
    assert state == "miss" and chinese != english
    assert 'lang="zh-Hans"' in chinese


def test_signed_in_users_are_never_served_or_stored(client: Client, meeting: Meeting) -> None:
    _get(client, meeting.get_absolute_url())  # an anonymous copy exists
    client.force_login(User.objects.create_user("editor", password="pw-123-long-enough", is_staff=True))
    response = client.get(meeting.get_absolute_url())
    assert "X-Page-Cache" not in response
    assert "/admin/meetings/meeting/" in response.content.decode()  # the staff-only edit link


def test_errors_and_redirects_are_not_stored(client: Client, meeting: Meeting) -> None:
    assert client.get("/meetings/999999/").status_code == 404
    missing = client.get("/meetings/999999/")
    assert missing.status_code == 404 and "X-Page-Cache" not in missing
    assert pagecache.CSRF_PLACEHOLDER not in missing.content.decode()


def test_a_small_export_is_cached_a_large_one_is_streamed_only(client: Client, meeting: Meeting) -> None:
    assert _get(client, "/meetings/export.csv")[0] == ""  # streamed: the header is sent before the body
    state, body = _get(client, "/meetings/export.csv")
    assert state == "hit" and "南京市召开安全生产工作会议" in body
    with override_settings(PAGE_CACHE_MAX_BYTES=10):
        _get(client, "/meetings/export.json")
        assert _get(client, "/meetings/export.json")[0] == ""


def test_a_broken_cache_backend_only_costs_speed(client: Client, meeting: Meeting, tmp_path: Path) -> None:
    blocked = tmp_path / "not-a-directory"
    blocked.write_text("x")
    backend = {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": str(blocked / "pages"),
    }
    local = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    with override_settings(CACHES={"default": local, "pages": backend}):  # the handler re-reads CACHES
        for _ in range(2):
            state, body = _get(client, "/meetings/")
            assert state == "miss" and "南京市召开安全生产工作会议" in body


def test_an_unreadable_version_means_no_caching(
    client: Client, meeting: Meeting, monkeypatch: pytest.MonkeyPatch
) -> None:
    def down() -> int:
        raise DatabaseError("server closed the connection unexpectedly")

    monkeypatch.setattr(pagecache, "content_version", down)
    response = client.get("/meetings/")
    assert response.status_code == 200 and "X-Page-Cache" not in response


def test_the_version_changes_on_a_raw_sql_write(meeting: Meeting) -> None:
    before = pagecache.content_version()
    with connection.cursor() as cursor:
        cursor.execute("UPDATE meetings_meeting SET outlet = %s WHERE id = %s", ["新华网", meeting.pk])
    assert pagecache.content_version() != before


@override_settings(PAGE_CACHE_SECONDS=0)
def test_it_can_be_turned_off(client: Client, meeting: Meeting) -> None:
    _get(client, "/meetings/")
    assert _get(client, "/meetings/")[0] == ""


def test_the_file_cache_is_shared_and_culled(
    client: Client, meeting: Meeting, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pagecache.PageFileCache, "CULL_EVERY", 1)
    files = {
        "BACKEND": "safetyhub.pagecache.PageFileCache",
        "LOCATION": str(tmp_path / "pages"),
        "OPTIONS": {"MAX_ENTRIES": 4},
    }
    local = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    with override_settings(CACHES={"default": local, "pages": files}):
        assert _get(client, "/meetings/")[0] == "miss"
        assert _get(Client(), "/meetings/")[0] == "hit"  # another browser, from the files
        for page in range(1, 8):
            _get(client, f"/meetings/?sector=fire&n={page}")
        assert len(list((tmp_path / "pages").glob("*.djcache"))) <= 4


def test_web_processes_share_search_matches_within_a_version(meeting: Meeting, monkeypatch) -> None:
    """A common word is matched in the database once per version, not once per process."""
    from safetyhub.meetings import facet_index

    calls: list[str] = []
    real = facet_index._match_ids
    monkeypatch.setattr(facet_index, "_match_ids", lambda e: calls.append(e) or real(e))
    with override_settings(FACET_INDEX=True):
        facet_index.reset()
        first = Client().get("/api/meetings/?q=消防").json()
        assert first["count"] == 1 and len(calls) == 1
        facet_index.reset()  # another process: its own index, the same shared cache
        assert Client().get("/api/meetings/?q=消防&sector=fire").json()["count"] == 1
        assert len(calls) == 1
        make_meeting(title="another report", region=region("3201"), sectors=["gas"])  # a new version
        facet_index.reset()
        assert Client().get("/api/meetings/?q=消防&sector=gas").json()["count"] == 0
        assert len(calls) == 2
    facet_index.reset()
