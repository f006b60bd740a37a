"""Project-wide middleware: CSP header, private mode, replica pinning, database outages."""

from __future__ import annotations

import logging
from collections.abc import Callable

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.db import DatabaseError
from django.http import HttpRequest, HttpResponse, JsonResponse

from . import db_router
from .errors import database_error_response, is_database_unavailable

logger = logging.getLogger(__name__)

GetResponse = Callable[[HttpRequest], HttpResponse]


def csp_header_value(policy: dict[str, list[str]]) -> str:
    """Render a {directive: [sources]} mapping as a Content-Security-Policy value."""
    return "; ".join(f"{name} {' '.join(sources)}".strip() for name, sources in policy.items())


class ContentSecurityPolicyMiddleware:
    """Send settings.CONTENT_SECURITY_POLICY on every response that has none yet."""

    def __init__(self, get_response: GetResponse) -> None:
        self.get_response = get_response
        self.header = (
            "Content-Security-Policy-Report-Only" if settings.CSP_REPORT_ONLY else "Content-Security-Policy"
        )
        self.value = csp_header_value(settings.CONTENT_SECURITY_POLICY)

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if self.header not in response:
            response[self.header] = self.value
        return response


class ReplicaPinningMiddleware:
    """Read from the primary for the whole of a write request and for a while after it.

    Without this an editor who saves a record and is redirected to its page could read
    it back from a replica that has not caught up yet. A short-lived cookie carries the
    pin across the redirect; with no replicas configured this does nothing.
    """

    cookie = "sh_primary"

    def __init__(self, get_response: GetResponse) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not settings.DATABASE_REPLICAS:
            return self.get_response(request)
        unsafe = request.method not in ("GET", "HEAD", "OPTIONS")
        token = db_router.pin_to_primary(unsafe or self.cookie in request.COOKIES)
        try:
            response = self.get_response(request)
            if db_router.wrote_to_primary() and settings.REPLICA_PIN_SECONDS:
                response.set_cookie(
                    self.cookie,
                    "1",
                    max_age=settings.REPLICA_PIN_SECONDS,
                    secure=settings.SESSION_COOKIE_SECURE,
                    httponly=True,
                    samesite="Lax",
                )
            return response
        finally:
            db_router.unpin(token)


def _exempt_prefixes() -> tuple[str, ...]:
    login = settings.LOGIN_URL
    return (
        "/healthz",
        login,
        settings.STATIC_URL,
        "/favicon.ico",
        "/robots.txt",
        # The admin's own pages redirect to its login; its JavaScript catalogue is public.
        f"/{settings.ADMIN_PATH}logout/",
        f"/{settings.ADMIN_PATH}jsi18n/",
        "/i18n/",
    )


class LoginRequiredMiddleware:
    """With REQUIRE_LOGIN on, every page but health, login and static files needs a login.

    For private deployments: anonymous browsers are sent to the login page, and API
    clients get a 401 JSON answer instead of an HTML redirect.
    """

    def __init__(self, get_response: GetResponse) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if (
            settings.REQUIRE_LOGIN
            and not request.path.startswith(_exempt_prefixes())
            and not request.user.is_authenticated
        ):
            if request.path.startswith("/api/"):
                return JsonResponse({"error": "authentication required"}, status=401)
            return redirect_to_login(request.get_full_path(), settings.LOGIN_URL)
        return self.get_response(request)


class DatabaseUnavailableMiddleware:
    """Turn a database outage, a read-only or a full database into a clean 503 page.

    Views raise OperationalError/InterfaceError while PostgreSQL restarts; the next
    request reconnects by itself (CONN_HEALTH_CHECKS), so the app needs no restart.
    Errors raised outside views (middleware, sessions) reach `safetyhub.errors.server_error`,
    which makes the same decision.
    """

    def __init__(self, get_response: GetResponse) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if isinstance(exception, DatabaseError) and is_database_unavailable(exception):
            logger.warning(
                "database unavailable",
                extra={"path": request.path, "error": f"{type(exception).__name__}: {exception}"[:300]},
            )
            return database_error_response(request, exception)
        return None
