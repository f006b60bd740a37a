"""gunicorn settings: `gunicorn -c safetyhub/gunicorn.conf.py safetyhub.wsgi`.

Every value can be overridden from the environment (GUNICORN_CMD_ARGS, or the
variables below), so one file serves the laptop, the load test and production.
"""

from __future__ import annotations

import json
import logging
import os
from datetime import UTC, datetime
from typing import Any

from gunicorn.glogging import Logger

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# Sync workers: requests are short and CPU-bound (templates, jieba); 2 per core is the sweet spot.
workers = int(os.environ.get("WEB_CONCURRENCY", str(2 * (os.cpu_count() or 1))))
worker_class = "sync"
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 30
keepalive = 5
# Recycle workers now and then so a slow leak can never take a worker down.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "5000"))
max_requests_jitter = max_requests // 10
# Load Django (and jieba's dictionary, on first use) once in the master; workers share the pages.
preload_app = True
# Limits on hostile requests: the request line (URL + query string) and header sizes.
limit_request_line = 8190
limit_request_fields = 100
limit_request_field_size = 8190
accesslog = (
    "-" if os.environ.get("GUNICORN_ACCESS_LOG", "true").lower() in ("1", "true", "yes", "on") else None
)
errorlog = "-"
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")


class JsonLogger(Logger):
    """Write gunicorn's access and error logs as JSON lines on stdout, like Django's."""

    def setup(self, cfg: Any) -> None:
        super().setup(cfg)
        from safetyhub.logging import JsonFormatter

        for handler in self.error_log.handlers:
            handler.setFormatter(JsonFormatter())
        for handler in self.access_log.handlers:
            handler.setFormatter(logging.Formatter("%(message)s"))

    def access(self, resp: Any, req: Any, environ: dict[str, Any], request_time: Any) -> None:
        if not (self.cfg.accesslog or self.cfg.logconfig or self.cfg.syslog):
            return
        record = {
            "time": datetime.now(UTC).isoformat(timespec="milliseconds"),
            "level": "INFO",
            "logger": "gunicorn.access",
            "method": environ.get("REQUEST_METHOD"),
            "path": environ.get("PATH_INFO"),
            "query": environ.get("QUERY_STRING", "")[:500],
            "status": int(str(resp.status).split()[0]),
            "bytes": getattr(resp, "sent", None),
            "duration_ms": round(request_time.total_seconds() * 1000, 1),
            "remote": environ.get("REMOTE_ADDR"),
        }
        try:
            self.access_log.info(json.dumps(record, ensure_ascii=False))
        except Exception:
            self.exception("could not write the access log")


logger_class = JsonLogger


def when_ready(server: Any) -> None:
    """Before forking the workers: load jieba's dictionary and the facet index in the master,
    so every worker starts with them (shared copy-on-write) instead of paying ~2 s on its
    first request. Skipped with a warning when the database is not reachable yet."""
    from django.db import connections

    from safetyhub.meetings import facet_index
    from safetyhub.meetings.search import parse

    try:
        parse("安全生产")
        facet_index.meeting_index()
    except Exception as exc:  # the app still starts; workers load on first use
        server.log.warning("warm-up skipped: %s", exc)
    finally:
        connections.close_all()  # never share a database connection with forked workers
