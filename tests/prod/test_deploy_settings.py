"""Production settings: `check --deploy` is clean with the documented environment."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys

from ..conftest import REPO

# Exactly the environment the README's "Deploying" section documents for a clean check.
PRODUCTION_ENV = {
    "DEBUG": "false",
    "ALLOWED_HOSTS": "example.org",
    "SECURE_SSL_REDIRECT": "true",
    "SECURE_HSTS_SECONDS": "31536000",
}
_CLEARED = (
    "SECRET_KEY",
    "DEBUG",
    "STATIC_PLAIN",
    "SECURE_SSL_REDIRECT",
    "SECURE_HSTS_SECONDS",
    "REQUIRE_LOGIN",
    "DJANGO_ALLOW_ASYNC_UNSAFE",  # set by the browser tests' session; never in a deployment
)


def manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    base = {k: v for k, v in os.environ.items() if k not in _CLEARED}
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=REPO, env={**base, **env}, capture_output=True, text=True
    )


# One process per environment: run the deploy check, then show the cookie settings.
CHECK_AND_SHOW = (
    "from django.conf import settings as s; from django.core.management import call_command\n"
    "print('cookies', s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, flush=True)\n"
    "call_command('check', deploy=True, fail_level='WARNING')\n"
)


def test_check_deploy_is_clean_and_cookies_secure_with_the_documented_environment() -> None:
    env = {**PRODUCTION_ENV, "SECRET_KEY": secrets.token_urlsafe(50)}
    result = manage("shell", "-c", CHECK_AND_SHOW, env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "cookies True True" in result.stdout
    assert "no issues" in result.stdout


def test_check_deploy_complains_without_hsts_and_redirect_and_debug_cookies_are_plain() -> None:
    env = {"DEBUG": "true", "ALLOWED_HOSTS": "example.org", "SECRET_KEY": secrets.token_urlsafe(50)}
    result = manage("shell", "-c", CHECK_AND_SHOW, env=env)
    assert result.returncode != 0
    assert "cookies False False" in result.stdout
    for warning in ("security.W004", "security.W008", "security.W018"):  # HSTS, redirect, DEBUG
        assert warning in result.stderr


def test_replica_urls_must_be_valid_and_of_the_same_engine() -> None:
    bad = manage("check", env={"DEBUG": "true", "DATABASE_REPLICA_URLS": "nonsense://"})
    assert bad.returncode != 0 and "DATABASE_REPLICA_URLS" in bad.stderr
    mixed = manage(
        "check",
        env={
            "DEBUG": "true",
            "DATABASE_URL": "sqlite:///var/replica-test.sqlite3",
            "DATABASE_REPLICA_URLS": "postgres://u@replica.example:5432/sh",
        },
    )
    assert mixed.returncode != 0 and "same database engine" in mixed.stderr
