"""fast_reverse: the same URLs as reverse(), ids spliced into a route reversed once."""

from __future__ import annotations

from django.urls import reverse, set_script_prefix

from safetyhub.meetings.links import fast_reverse


def test_fast_reverse_matches_reverse() -> None:
    for name in ("meeting_detail", "official_detail", "api_meeting_detail", "region_detail"):
        for pk in (0, 1, 42, 918273645, 10**15):
            assert fast_reverse(name, pk) == reverse(name, args=[pk])
    assert fast_reverse("sector_detail", "fire") == reverse("sector_detail", args=["fire"])
    assert fast_reverse("region_detail", "2202Z01") == reverse("region_detail", args=["2202Z01"])


def test_fast_reverse_follows_the_script_prefix() -> None:
    set_script_prefix("/archive/")
    try:
        assert fast_reverse("meeting_detail", 5) == "/archive/meetings/5/"
    finally:
        set_script_prefix("/")
