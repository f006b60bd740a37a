"""Fault check: the database goes away while gunicorn serves, then comes back.

    python bench/faults.py --database-url postgres://postgres@127.0.0.1:5432/sh_prod_faults --mode proxy
    python bench/faults.py --database-url ... --mode restart   # restarts the real PostgreSQL server

Starts gunicorn (2 workers) against the database, polls a page, the API and /healthz every
50 ms, then makes the database unavailable:

- `--mode proxy` (harmless, the default): the app reaches PostgreSQL through a TCP proxy this
  script runs; the proxy drops every connection and refuses new ones for --outage seconds;
- `--mode restart`: `pg_ctlcluster --skip-systemctl-redirect 15 main restart` (or
  --restart-command), which disconnects every client of that server: do not run it while
  others use the server.

It passes when, without restarting gunicorn (same worker processes before and after),
every answer during the outage is a 503 page (never a 500, a reset or a hang) and every
answer after it is a 200 again within --recover seconds. Ends with one JSON line.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import secrets
import shlex
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

import dj_database_url

REPO = Path(__file__).resolve().parent.parent
PATHS = ["/meetings/", "/healthz", "/api/meetings/"]


class Proxy:
    """A TCP relay that can be cut (every connection dropped, new ones refused) and restored."""

    def __init__(self, target: tuple[str, int]) -> None:
        self.target = target
        self.port = _free_port()
        self._sockets: set[socket.socket] = set()
        self._listener: socket.socket | None = None
        self._lock = threading.Lock()

    def start(self) -> None:
        listener = socket.socket()
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", self.port))
        listener.listen(64)
        self._listener = listener
        threading.Thread(target=self._accept, args=(listener,), daemon=True).start()

    def cut(self) -> None:
        with self._lock:
            if self._listener:
                self._listener.close()
                self._listener = None
            for s in list(self._sockets):
                with contextlib.suppress(OSError):
                    s.shutdown(socket.SHUT_RDWR)
                s.close()
            self._sockets.clear()

    def _accept(self, listener: socket.socket) -> None:
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return
            try:
                upstream = socket.create_connection(self.target, timeout=5)
            except OSError:
                client.close()
                continue
            with self._lock:
                if self._listener is not listener:  # cut while this one was being connected
                    client.close()
                    upstream.close()
                    continue
                self._sockets |= {client, upstream}
            for a, b in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pump, args=(a, b), daemon=True).start()

    def _pump(self, source: socket.socket, sink: socket.socket) -> None:
        try:
            while data := source.recv(65536):
                sink.sendall(data)
        except OSError:
            pass
        finally:
            for s in (source, sink):
                with contextlib.suppress(OSError):
                    s.shutdown(socket.SHUT_RDWR)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--database-url", default="postgres://postgres@127.0.0.1:5432/sh_prod_faults")
    parser.add_argument("--mode", choices=["proxy", "restart"], default="proxy")
    parser.add_argument(
        "--restart-command", default="pg_ctlcluster --skip-systemctl-redirect 15 main restart"
    )
    parser.add_argument("--outage", type=float, default=3.0, help="proxy mode: seconds without a database")
    parser.add_argument("--recover", type=float, default=10.0, help="seconds allowed to recover")
    args = parser.parse_args()

    db = dj_database_url.parse(args.database_url)
    if db["ENGINE"] != "django.db.backends.postgresql":
        raise SystemExit("this check needs PostgreSQL")
    app_url = args.database_url
    proxy = None
    if args.mode == "proxy":
        proxy = Proxy((db["HOST"] or "127.0.0.1", int(db["PORT"] or 5432)))
        proxy.start()
        app_url = args.database_url.replace(f":{db['PORT'] or 5432}/", f":{proxy.port}/")
    env = {
        **{k: v for k, v in os.environ.items() if k not in ("DEBUG", "STATIC_PLAIN", "REQUIRE_LOGIN")},
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": app_url,
        "STATIC_ROOT": str(REPO / "var" / "bench" / "static"),
        "LOG_LEVEL": "WARNING",
    }
    _prepare(args.database_url, env)
    port = _free_port()
    log_path = REPO / "var" / "bench" / "faults-gunicorn.log"
    log = log_path.open("w")
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-c", "safetyhub/gunicorn.conf.py", "safetyhub.wsgi"],
        cwd=REPO,
        env={**env, "GUNICORN_BIND": f"127.0.0.1:{port}", "WEB_CONCURRENCY": "2", "GUNICORN_TIMEOUT": "20"},
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    samples: list[dict[str, Any]] = []
    stop = threading.Event()
    try:
        _wait(port)
        workers_before = _children(server.pid)
        poller = threading.Thread(target=_poll, args=(port, samples, stop), daemon=True)
        poller.start()
        time.sleep(2)
        outage_start = time.time()
        if proxy:
            proxy.cut()
            time.sleep(args.outage)
            proxy.start()
        else:
            print(f"running: {args.restart_command}")
            subprocess.run(shlex.split(args.restart_command), check=True)
        outage_end = time.time()
        time.sleep(args.recover)
        stop.set()
        poller.join()
        workers_after = _children(server.pid)
    finally:
        server.send_signal(signal.SIGTERM)
        with contextlib.suppress(subprocess.TimeoutExpired):
            server.wait(timeout=20)
        if server.poll() is None:
            server.kill()
        log.close()
    _report(samples, outage_start, outage_end, args, workers_before, workers_after)


def _prepare(database_url: str, env: dict[str, str]) -> None:
    db = dj_database_url.parse(database_url)
    subprocess.run(
        [
            "psql",
            "-h",
            db["HOST"] or "127.0.0.1",
            "-p",
            str(db["PORT"] or 5432),
            "-U",
            db["USER"] or "postgres",
            "-d",
            "postgres",
            "-qc",
            f"CREATE DATABASE {db['NAME']}",
        ],
        capture_output=True,
    )
    direct = {**env, "DATABASE_URL": database_url}
    for command in (
        ["migrate", "--noinput", "-v0"],
        ["load_reference_data"],
        ["collectstatic", "--noinput", "-v0"],
    ):
        subprocess.run(
            [sys.executable, "manage.py", *command],
            cwd=REPO,
            env=direct,
            check=True,
            stdout=subprocess.DEVNULL,
        )
    code = "from bench._fallback_corpus import load_fallback_corpus as f; f(200, 7)"
    subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", code],
        cwd=REPO,
        env=direct,
        check=True,
        stdout=subprocess.DEVNULL,
    )


def _poll(port: int, samples: list[dict[str, Any]], stop: threading.Event) -> None:
    while not stop.is_set():
        for path in PATHS:
            started = time.time()
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=15) as r:
                    status, body = r.status, r.read(4000)
            except urllib.error.HTTPError as exc:
                status, body = exc.code, exc.read(4000)
            except OSError as exc:
                status, body = 0, str(exc).encode()
            samples.append(
                {
                    "t": started,
                    "path": path,
                    "status": status,
                    "ms": (time.time() - started) * 1000,
                    "body": body.decode("utf-8", "replace"),
                }
            )
        time.sleep(0.05)


def _report(
    samples: list[dict[str, Any]],
    start: float,
    end: float,
    args: argparse.Namespace,
    before: list[int],
    after: list[int],
) -> None:
    baseline = [s for s in samples if s["t"] + s["ms"] / 1000 < start]  # answered before the cut
    during = [s for s in samples if start <= s["t"] <= end + 0.5]
    failures = [
        s
        for s in samples
        if s["status"] != 200 and not (s["path"] == "/api/meetings/" and s["status"] == 404)
    ]
    last_failure = max((s["t"] for s in failures), default=start)
    after_samples = [s for s in samples if s["t"] > last_failure]
    statuses = sorted({s["status"] for s in samples if s["path"] != "/api/meetings/" or s["status"] != 404})
    bad = [
        s
        for s in samples
        if s["status"] not in (200, 503) and not (s["path"] == "/api/meetings/" and s["status"] == 404)
    ]
    clean_503 = all(
        ("cannot be reached" in s["body"] or '"unavailable"' in s["body"])
        for s in samples
        if s["status"] == 503
    )
    recovered_in = max(0.0, last_failure - end)
    checks = {
        "all 200 before the outage": all(s["status"] in (200, 404) for s in baseline),
        "503 answers during the outage": any(s["status"] == 503 for s in samples),
        "no other failures (500, reset, hang)": not bad,
        "503 pages name the problem": clean_503,
        "recovered in time": recovered_in <= args.recover,
        "at least 10 good answers after": len(after_samples) > 10,
        "same gunicorn workers": before == after,
    }
    ok = all(checks.values())
    for name, passed in checks.items():
        print(f"  {'ok  ' if passed else 'FAIL'} {name}")
    n503 = sum(1 for s in samples if s["status"] == 503)
    print(
        f"mode: {args.mode}; outage {end - start:.1f} s; "
        f"{len(samples)} requests, {len(during)} during the outage"
    )
    print(f"statuses seen: {statuses}; 503 answers: {n503}; other failures: {len(bad)}")
    if bad:
        for s in bad[:5]:
            print(f"  {s['path']}: {s['status']} {s['body'][:120]!r}")
    print(f"503 pages say the database cannot be reached: {clean_503}")
    print(
        f"all 200 again {recovered_in:.1f} s after the database came back; "
        f"same gunicorn workers: {before == after}"
    )
    print("PASS" if ok else "FAIL")
    print(
        json.dumps(
            {
                "mode": args.mode,
                "pass": ok,
                "requests": len(samples),
                "status_503": n503,
                "other_failures": len(bad),
                "outage_s": round(end - start, 1),
                "recovered_after_s": round(recovered_in, 1),
                "app_restarted": before != after,
            }
        )
    )
    trace = REPO / "var" / "bench" / "faults-trace.json"
    trace.write_text(
        json.dumps([{**s, "t": round(s["t"] - start, 2), "body": s["body"][:80]} for s in samples])
    )
    if not ok:
        sys.exit(1)


def _children(pid: int) -> list[int]:
    out = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True).stdout
    return sorted(int(x) for x in out.split())


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait(port: int) -> None:
    deadline = time.time() + 60
    while time.time() < deadline:
        with (
            contextlib.suppress(OSError),
            urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as r,
        ):
            if r.status == 200:
                return
        time.sleep(0.3)
    raise SystemExit("gunicorn did not become healthy")


if __name__ == "__main__":
    main()
