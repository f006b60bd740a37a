"""Liveness/readiness probe for load balancers: /healthz."""

from __future__ import annotations

import logging

from django.db import connections
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

logger = logging.getLogger(__name__)


@never_cache
@require_safe
def healthz(request: HttpRequest) -> JsonResponse:
    """Answer 200 when every configured database answers a query, 503 otherwise."""
    databases: dict[str, str] = {}
    for alias in connections:
        try:
            with connections[alias].cursor() as cursor:
                cursor.execute("SELECT 1")
                cursor.fetchone()
        except Exception as exc:  # any failure means "do not send traffic here"
            logger.warning("healthz: database %s failed", alias, extra={"error": str(exc)[:300]})
            databases[alias] = "unavailable"
        else:
            databases[alias] = "ok"
    healthy = all(state == "ok" for state in databases.values())
    # No error text in the answer: it is public and could name hosts or users.
    return JsonResponse(
        {"status": "ok" if healthy else "error", "databases": databases}, status=200 if healthy else 503
    )
