import os
import subprocess
import sys

import pytest
from django.core.exceptions import ImproperlyConfigured

from safetyhub.settings import env_bool, env_int, env_list

from ..conftest import REPO


def run_check(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    base = {k: v for k, v in os.environ.items() if k not in ("SECRET_KEY", "DEBUG", "DATABASE_URL")}
    return subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=REPO, env={**base, **env}, capture_output=True, text=True
    )


def test_it_refuses_to_start_without_secret_key_when_debug_is_off() -> None:
    result = run_check({"DEBUG": "false"})
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_it_starts_with_a_throwaway_key_in_debug() -> None:
    result = run_check({"DEBUG": "true"})
    assert result.returncode == 0, result.stderr


def test_it_rejects_a_malformed_database_url() -> None:
    result = run_check({"DEBUG": "true", "DATABASE_URL": "nonsense://"})
    assert result.returncode != 0
    assert "DATABASE_URL" in result.stderr


def test_env_bool_rejects_unknown_spellings(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("X_FLAG", "maybe")
    with pytest.raises(ImproperlyConfigured):
        env_bool("X_FLAG", False)
    monkeypatch.setenv("X_FLAG", "Yes")
    assert env_bool("X_FLAG", False) is True


def test_env_int_and_env_list(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("X_NUM", "abc")
    with pytest.raises(ImproperlyConfigured):
        env_int("X_NUM", 1)
    monkeypatch.setenv("X_NUM", "-3")
    with pytest.raises(ImproperlyConfigured):
        env_int("X_NUM", 1, minimum=0)
    monkeypatch.setenv("X_LIST", " a, ,b ")
    assert env_list("X_LIST", []) == ["a", "b"]
