"""REQUIRE_LOGIN makes every page private except health, login and static files."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.test import Client, override_settings

pytestmark = pytest.mark.django_db


def test_pages_are_public_by_default(client: Client) -> None:
    assert client.get("/").status_code == 200
    assert client.get("/meetings/").status_code == 200


@override_settings(REQUIRE_LOGIN=True)
def test_anonymous_visitors_are_sent_to_the_login_page(client: Client) -> None:
    response = client.get("/meetings/?q=fire")
    assert response.status_code == 302
    assert response["Location"] == "/admin/login/?next=/meetings/%3Fq%3Dfire"


@override_settings(REQUIRE_LOGIN=True)
def test_anonymous_api_clients_get_401_json(client: Client) -> None:
    response = client.get("/api/meetings/")
    assert response.status_code == 401
    assert response.json() == {"error": "authentication required"}


@override_settings(REQUIRE_LOGIN=True)
def test_health_and_login_stay_reachable(client: Client) -> None:
    assert client.get("/healthz").status_code == 200
    assert client.get("/admin/login/").status_code == 200


@override_settings(REQUIRE_LOGIN=True)
def test_signed_in_users_see_the_pages(client: Client) -> None:
    client.force_login(User.objects.create_user("reader", password="pw-123-long-enough", is_staff=True))
    assert client.get("/").status_code == 200
    assert client.get("/meetings/").status_code == 200
