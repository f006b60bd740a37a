"""Security headers, CSRF and templates that a strict Content-Security-Policy can serve."""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

import django
import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.test import Client, override_settings

from safetyhub.middleware import csp_header_value

from ..conftest import REPO

pytestmark = pytest.mark.django_db


def csp_directives(header: str) -> dict[str, list[str]]:
    return {part.split()[0]: part.split()[1:] for part in header.split(";") if part.strip()}


@pytest.mark.parametrize("path", ["/", "/meetings/", "/healthz", "/admin/login/", "/no-such-page/"])
def test_every_response_carries_the_security_headers(client: Client, path: str) -> None:
    response = client.get(path)
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    policy = csp_directives(response["Content-Security-Policy"])
    assert policy["default-src"] == ["'self'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["object-src"] == ["'none'"]
    for directive in ("script-src", "style-src", "default-src"):
        assert "'unsafe-inline'" not in policy[directive]
        assert "'unsafe-eval'" not in policy[directive]
        assert "*" not in policy[directive]


def test_the_only_style_hash_is_the_admin_change_list_style_block() -> None:
    template = Path(django.__file__).parent / "contrib/admin/templates/admin/change_list.html"
    block = re.search(r"<style>(.*?)</style>", template.read_text(), re.S)
    assert block, "Django's change list no longer has an inline style: drop the hash from settings"
    digest = base64.b64encode(hashlib.sha256(block.group(1).encode()).digest()).decode()
    hashes = [s for s in settings.CONTENT_SECURITY_POLICY["style-src"] if s.startswith("'sha256-")]
    assert hashes == [f"'sha256-{digest}'"]


def test_csp_header_value_renders_directives_in_order() -> None:
    assert csp_header_value({"default-src": ["'self'"], "img-src": ["'self'", "data:"]}) == (
        "default-src 'self'; img-src 'self' data:"
    )


def _template_files() -> list[Path]:
    roots = [REPO / "templates", *sorted((REPO / "safetyhub").glob("**/templates"))]
    return sorted(p for root in roots for p in root.glob("**/*.html"))


def test_templates_have_no_inline_script_style_or_event_handlers() -> None:
    # CSP blocks these in the browser, so they would silently break; catch them here.
    offenders = []
    for path in _template_files():
        text = path.read_text()
        for pattern, what in (
            (r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/(?:ld\+)?json\")[^>]*>", "inline <script>"),
            (r"<style\b", "inline <style>"),
            (r"\sstyle=", "style attribute"),
            (r"\son[a-z]+=", "event handler attribute"),
            (r"javascript:", "javascript: URL"),
        ):
            if re.search(pattern, text, re.I):
                offenders.append(f"{path.relative_to(REPO)}: {what}")
    assert not offenders, "\n".join(offenders)


def test_posts_without_a_csrf_token_are_refused() -> None:
    client = Client(enforce_csrf_checks=True)
    assert client.post("/admin/login/", {"username": "x", "password": "y"}).status_code == 403
    assert client.post("/i18n/setlang/", {"language": "en"}).status_code == 403


def test_admin_forms_carry_a_csrf_token(client: Client) -> None:
    client.force_login(User.objects.create_superuser("boss", "boss@example.org", "pw-123-long-enough"))
    response = client.get("/admin/meetings/meeting/add/")
    assert b'name="csrfmiddlewaretoken"' in response.content


def test_session_and_csrf_cookies_are_http_only_and_same_site() -> None:
    assert settings.SESSION_COOKIE_HTTPONLY and settings.CSRF_COOKIE_HTTPONLY
    assert settings.SESSION_COOKIE_SAMESITE == "Lax"


@override_settings(SECURE_SSL_REDIRECT=True)
def test_https_redirect_spares_the_health_check(client: Client) -> None:
    assert client.get("/meetings/").status_code == 301
    assert client.get("/healthz").status_code == 200
