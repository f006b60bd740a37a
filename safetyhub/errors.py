"""Error pages that never need the database, and the rule for "the database is unavailable"."""

from __future__ import annotations

import logging
import sys

from django.conf import settings
from django.db import DatabaseError, InterfaceError, InternalError, OperationalError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template import loader
from django.utils.html import escape
from django.utils.translation import gettext as _
from django.views.decorators.csrf import requires_csrf_token

logger = logging.getLogger(__name__)

UNAVAILABLE = "unavailable"
READ_ONLY = "read_only"
FULL = "full"

# SQLite reports these conditions only in its message text.
_SQLITE_MESSAGES = {
    "readonly database": READ_ONLY,
    "read-only": READ_ONLY,
    "disk is full": FULL,
    "database is locked": UNAVAILABLE,
    "unable to open database file": UNAVAILABLE,
    "disk i/o error": UNAVAILABLE,
}
# PostgreSQL SQLSTATE classes that mean "the server cannot serve this now", not "the query is wrong".
_PG_CLASSES = {"08": UNAVAILABLE, "57": UNAVAILABLE, "53": FULL, "58": UNAVAILABLE}
_PG_STATES = {"25006": READ_ONLY, "53100": FULL, "53200": UNAVAILABLE, "53300": UNAVAILABLE}


def database_problem(exc: BaseException) -> str | None:
    """Name the outage behind a database error (unavailable/read_only/full), or None for a bug."""
    if not isinstance(exc, DatabaseError):
        return None
    if isinstance(exc, InterfaceError):
        return UNAVAILABLE
    cause = exc.__cause__
    sqlstate = getattr(cause, "sqlstate", None)
    if sqlstate:
        return _PG_STATES.get(sqlstate) or _PG_CLASSES.get(sqlstate[:2])
    message = str(exc).lower()
    for needle, problem in _SQLITE_MESSAGES.items():
        if needle in message:
            return problem
    # psycopg raises OperationalError without a SQLSTATE when it cannot reach the server.
    if isinstance(exc, OperationalError) and getattr(cause, "__module__", "").startswith("psycopg"):
        return UNAVAILABLE
    if isinstance(exc, InternalError) and "read-only transaction" in message:
        return READ_ONLY
    return None


def is_database_unavailable(exc: BaseException) -> bool:
    return database_problem(exc) is not None


def database_problem_message(exc: BaseException) -> str | None:
    """A sentence for people (ingest's per-file error, the 503 page), or None if not an outage."""
    problem = database_problem(exc)
    return _messages()[problem] if problem else None


def _messages() -> dict[str, str]:
    return {
        UNAVAILABLE: _("The database cannot be reached right now. Please try again in a minute."),
        READ_ONLY: _(
            "The database is read-only at the moment, so changes cannot be saved. "
            "Try again later; nothing you saw has been lost."
        ),
        FULL: _(
            "The database server has run out of space, so changes cannot be saved. "
            "An administrator has to free disk space."
        ),
    }


def database_error_response(request: HttpRequest | None, exc: BaseException) -> HttpResponse:
    """Answer 503 with a page (or JSON for the API) that says what is wrong, without the database."""
    problem = database_problem(exc) or UNAVAILABLE
    message = _messages()[problem]  # never the raw error: it can name hosts and users
    if request is not None and request.path.startswith("/api/"):
        response: HttpResponse = JsonResponse({"error": problem, "detail": message}, status=503)
    else:
        response = _render_plain("503.html", {"problem": problem, "message": message}, status=503)
    response["Retry-After"] = "30"
    response["Cache-Control"] = "no-store"
    return response


def _render_plain(template: str, context: dict[str, object], *, status: int) -> HttpResponse:
    """Render without context processors: they may need the session, hence the database."""
    context = {"LANGUAGE_CODE": settings.LANGUAGE_CODE, "plain_error_page": True, **context}
    try:
        body: str = loader.render_to_string(template, context)
    except Exception:  # a broken template must not hide the original error
        logger.exception("could not render %s", template)
        message = escape(context.get("message", ""))
        body = f"<!doctype html><title>{status}</title><h1>{status}</h1><p>{message}</p>"
    return HttpResponse(body, status=status, content_type="text/html; charset=utf-8")


@requires_csrf_token
def server_error(request: HttpRequest) -> HttpResponse:
    """handler500: a database outage anywhere in the stack becomes a 503, anything else a 500."""
    exc = sys.exc_info()[1]
    if exc is not None and is_database_unavailable(exc):
        return database_error_response(request, exc)
    if request.path.startswith("/api/"):
        return JsonResponse({"error": "server_error"}, status=500)
    return _render_plain("500.html", {}, status=500)
