"""Documentation that cannot rot: every setting and command is in the README."""

import re

import pytest

from ..conftest import REPO

README = (REPO / "README.md").read_text(encoding="utf-8")
SETTINGS = (REPO / "safetyhub" / "settings.py").read_text(encoding="utf-8")
ENV_READ = r'(?:env_bool|env_int|env_list|os\.environ\.get)\(\s*"([A-Z_]+)"'
ENV_NAMES = sorted(set(re.findall(ENV_READ, SETTINGS)))
COMMANDS_DIR = REPO / "safetyhub" / "meetings" / "management" / "commands"
COMMANDS = sorted(p.stem for p in COMMANDS_DIR.glob("*.py") if p.stem != "__init__")


def test_settings_are_found() -> None:
    assert {"DATABASE_URL", "SECRET_KEY", "DEBUG", "ALLOWED_HOSTS"} <= set(ENV_NAMES)


@pytest.mark.parametrize("name", ENV_NAMES)
def test_every_environment_variable_is_documented(name: str) -> None:
    assert f"`{name}`" in README, f"{name} is read by settings.py but not documented in README.md"


@pytest.mark.parametrize("command", COMMANDS)
def test_every_management_command_is_documented(command: str) -> None:
    documented = re.search(rf"manage\.py {command}\b", README)
    assert documented, f"manage.py {command} is not documented in README.md"
