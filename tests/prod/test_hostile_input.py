"""Hostile text in every field shows as text on every page, API answer, export and feed."""

from __future__ import annotations

from urllib.parse import urlencode

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.utils.html import escape

from safetyhub.meetings.models import Meeting
from safetyhub.meetings.search import meeting_search

from .hostile import HOSTILE_TITLE, SEARCH_SYNTAX, XSS, make_hostile_data, response_problems
from .urlwalk import candidate_paths, public_routes

pytestmark = pytest.mark.django_db

# A sample of the syntax corpus for whole pages; meeting_search itself gets all of it below.
QUERY_SAMPLE = [
    '"',
    "安全*",
    "NEAR(安全 生产, 2)",
    "!!! & | <-> :*",
    "'; DROP TABLE x; --",
    "\x00null",
    "安全 " * 200,
]
LIST_PARAMS = ("q", "region", "sector", "official", "from", "to", "type", "language", "year", "sort")


@pytest.fixture
def hostile() -> dict:
    return make_hostile_data()


def _get(client: Client, path: str) -> tuple[int, list[str]]:
    response = client.get(path)
    if response.status_code >= 500:
        return response.status_code, [f"{path}: status {response.status_code}"]
    if 300 <= response.status_code < 400 or response.status_code in (404, 405):
        return response.status_code, []
    return response.status_code, [f"{path}: {p}" for p in response_problems(response)]


def test_every_public_page_shows_hostile_records_as_text(client: Client, hostile: dict) -> None:
    problems: list[str] = []
    unreached = []
    for route in public_routes():
        statuses = []
        for path in candidate_paths(route, hostile):
            status, found = _get(client, path)
            statuses.append(status)
            problems += found
        if not any(200 <= s < 300 for s in statuses):
            unreached.append(f"{route.name} ({route.template}): {statuses}")
    assert not problems, "\n".join(problems)
    assert not unreached, "routes that answered no request with 2xx:\n" + "\n".join(unreached)


def test_the_meeting_page_really_renders_the_hostile_title_escaped(client: Client, hostile: dict) -> None:
    response = client.get(hostile["meeting"].get_absolute_url())
    assert response.status_code == 200
    assert escape(HOSTILE_TITLE) in response.content.decode()


def test_hostile_query_parameters_never_break_a_page(client: Client, hostile: dict) -> None:
    problems: list[str] = []
    for route in public_routes():
        if route.params:
            continue
        for payload in (*XSS[:3], *QUERY_SAMPLE):
            query = urlencode({name: payload for name in LIST_PARAMS})
            _status, found = _get(client, f"/{route.template}?{query}")
            problems += found
    assert not problems, "\n".join(problems)


PAGES = ["999999", "abc", "-1", "0", "1e9", "99999999999999999999999", "", "1.5", "%00"]
PAGE_SIZES = ["100000", "abc", "-5"]


def test_strange_page_numbers_answer_4xx_or_a_page(client: Client, hostile: dict) -> None:
    failures = []
    for route in public_routes():
        if route.params:
            continue
        queries = [f"page={p}" for p in PAGES] + [f"page=2&page_size={s}" for s in PAGE_SIZES]
        for query in queries:
            response = client.get(f"/{route.template}?{query}")
            if response.status_code >= 500:
                failures.append(f"/{route.template}?{query}: {response.status_code}")
    assert not failures, "\n".join(failures)


def test_an_oversized_query_string_is_refused_or_ignored(client: Client, hostile: dict) -> None:
    huge = "安" * 20_000
    many = "&".join(f"sector=s{i}" for i in range(3000))  # beyond DATA_UPLOAD_MAX_NUMBER_FIELDS
    for route in public_routes():
        if route.params:
            continue
        for query in (f"q={huge}", many, f"region={huge}&from={huge}&to=2023-99-99"):
            response = client.get(f"/{route.template}?{query}")
            assert response.status_code < 500, f"/{route.template} with a {len(query)}-character query"


@pytest.mark.parametrize("query", SEARCH_SYNTAX)
def test_search_syntax_is_taken_as_data(hostile: dict, query: str) -> None:
    # Evaluating the queryset runs the real SQL (FTS5 MATCH / tsquery / LIKE) on this database.
    list(meeting_search(Meeting.objects.all(), query)[:5])


def test_the_admin_shows_hostile_records_as_text(client: Client, hostile: dict) -> None:
    client.force_login(User.objects.create_superuser("boss", "boss@example.org", "pw-123-long-enough"))
    problems: list[str] = []
    pages = ["/admin/", "/admin/meetings/meeting/", "/admin/meetings/official/", "/admin/meetings/region/"]
    for key in ("meeting", "official", "region", "sector"):
        obj = hostile[key]
        pages.append(f"/admin/meetings/{obj._meta.model_name}/{obj.pk}/change/")
    pages += [f"/admin/meetings/meeting/?q={XSS[0]}", f"/admin/meetings/official/?q={XSS[2]}"]
    for page in pages:
        response = client.get(page)
        assert response.status_code == 200, page
        problems += [f"{page}: {p}" for p in response_problems(response)]
    assert not problems, "\n".join(problems)
