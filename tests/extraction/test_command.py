"""`manage.py extract FILE... --json`: the contract of DESIGN.md, nothing written to the database."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import CommandError, call_command

from safetyhub.meetings.models import Meeting
from tests.conftest import SEEDS

SEED = SEEDS / "004_02946363d03d7181.txt"
CONTRACT_KEYS = {
    "source",
    "title",
    "language",
    "published_on",
    "held_on",
    "region",
    "meeting_type",
    "officials",
    "sectors",
    "directives",
}


def run(*args: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("extract", *args, "--json", stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


@pytest.mark.django_db
def test_one_file_prints_one_object_and_writes_nothing():
    out, _ = run(str(SEED))
    obj = json.loads(out)
    assert set(obj) == CONTRACT_KEYS
    assert obj["source"] == str(SEED)
    assert obj["held_on"] == "--08-22"
    assert obj["region"] == {
        "code": "360681",
        "name_zh": "贵溪市",
        "name_en": "Guixi",
        "level": "county",
        "path_zh": ["江西省", "鹰潭市", "贵溪市"],
    }
    assert "贵溪市" in out  # ensure_ascii=False
    assert Meeting.objects.count() == 0


def test_several_files_print_a_list():
    out, _ = run(*(str(p) for p in sorted(SEEDS.glob("*.txt"))))
    objs = json.loads(out)
    assert isinstance(objs, list) and len(objs) == 5
    assert all(set(o) == CONTRACT_KEYS for o in objs)


def test_an_unreadable_file_is_reported_and_the_others_still_print(tmp_path):
    missing = tmp_path / "missing.txt"
    out, err = io.StringIO(), io.StringIO()
    with pytest.raises(CommandError) as exc:
        call_command("extract", str(SEED), str(missing), "--json", stdout=out, stderr=err)
    assert exc.value.returncode == 1
    assert "missing.txt" in err.getvalue()
    assert json.loads(out.getvalue())[0]["source"] == str(SEED)


def test_it_reads_gbk_encoded_reports(tmp_path):
    path = tmp_path / "gbk.txt"
    path.write_bytes("8月22日,贵溪市安全生产工作会议召开,要求抓好消防安全和道路交通安全工作。".encode("gbk"))
    obj = json.loads(run(str(path))[0])
    assert obj["region"]["name_zh"] == "贵溪市"
