"""Search behaviour: index kept in step, hostile input, ranking ties, snippets, directives."""

from __future__ import annotations

import datetime as dt
import hashlib

import pytest
from django.core.management import call_command
from django.db import connection
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from safetyhub.meetings.models import Attendance, Directive, Meeting, Official, Sector
from safetyhub.meetings.search import (
    directive_search,
    index_meetings,
    meeting_search,
    parse,
    rebuild_search_index,
    snippet,
)

pytestmark = pytest.mark.django_db


def make(title: str, body: str, date: dt.date = dt.date(2023, 1, 1), **fields) -> Meeting:  # type: ignore[no-untyped-def]
    meeting = Meeting(
        title=title,
        body=body,
        raw_text=body,
        content_hash=hashlib.sha256(f"{title}|{body}|{date}".encode()).hexdigest(),
        **fields,
    )
    meeting.set_held_date(date.year, date.month, date.day)
    meeting.save()
    index_meetings([meeting])
    return meeting


def ids(q: str, queryset=None) -> list[int]:  # type: ignore[no-untyped-def]
    return list(meeting_search(queryset or Meeting.objects.all(), q).values_list("id", flat=True))


HOSTILE = [
    '"',
    '""',
    '"unclosed phrase',
    "AND(",
    "OR NOT AND NEAR(",
    "*",
    "fire*",
    "-",
    "--",
    "- - -",
    "(",
    ")",
    "[]{}",
    "col:fire",
    "title:消防",
    "'; DROP TABLE meetings_meeting; --",
    "\\",
    "fire & !coal | <->",
    "'fire':*",
    "\x00\x01\x02 fire \x7f",
    "🔥🧯 消防 🚒",
    "\u200b\u200d\ufeff",
    "\ud800",
    "x" * 10_000,
    "消防 " * 3000,
    "a" * 5000 + " " + "消" * 5000,
    "NEAR/3",
    "^fire",
    "fire -",
    '-"',
    "%_%",
]


@pytest.mark.parametrize("q", HOSTILE, ids=range(len(HOSTILE)))
def test_hostile_queries_give_results_or_nothing(q):  # type: ignore[no-untyped-def]
    make("消防安全检查会议", "Fire protection inspection and 消防 work.")
    qs = meeting_search(Meeting.objects.all(), q)
    list(qs[:20])
    qs.count()
    list(directive_search(Directive.objects.all(), q))
    str(snippet("Fire protection <b>inspection</b>", q))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(q=st.text(max_size=60))
def test_random_unicode_queries_never_raise(q):  # type: ignore[no-untyped-def]
    qs = meeting_search(Meeting.objects.all(), q)
    list(qs[:5])
    qs.count()
    snippet("消防 fire <script>", q)


def test_an_empty_query_returns_the_queryset_unchanged():
    m = make("A", "b")
    assert ids("") == [m.pk]
    assert ids("   ") == [m.pk]


def test_a_query_of_only_exclusions_removes_matches():
    fire = make("Fire meeting", "fire drills")
    other = make("Coal meeting", "coal mines")
    assert ids("-fire") == [other.pk]
    assert fire.pk not in ids("-消防")


def test_ties_put_newer_meetings_first():
    old = make("Gas safety", "same text", dt.date(2020, 1, 1))
    new = make("Gas safety", "same text", dt.date(2024, 1, 1))
    assert ids("gas") == [new.pk, old.pk]


def test_search_composes_with_other_filters_and_date_sort():
    a = make("Fire A", "fire", dt.date(2021, 1, 1), language="en")
    b = make("Fire B", "fire", dt.date(2022, 1, 1), language="en")
    make("消防 C", "消防", dt.date(2023, 1, 1), language="zh")
    qs = meeting_search(Meeting.objects.filter(language="en"), "fire")
    assert list(qs.order_by("sort_date").values_list("id", flat=True)) == [a.pk, b.pk]
    assert qs.count() == 2
    counts = dict(
        meeting_search(Meeting.objects.all(), "fire")
        .order_by()
        .values_list("language")
        .annotate(n=__import__("django.db.models", fromlist=["Count"]).Count("id"))
    )
    assert counts == {"en": 2, "zh": 1}


def test_editing_a_meeting_and_reindexing_updates_the_results():
    m = make("Coal meeting", "coal mines")
    m.title, m.body = "Gas meeting", "bottled gas"
    m.save()
    index_meetings([m])
    assert ids("coal") == []
    assert ids("gas") == [m.pk]


def test_officials_added_later_are_found_after_reindex():
    m = make("会议", "会议内容")
    official = Official.objects.create(name_zh="陈敏", name_en="Chen Min")
    Attendance.objects.create(meeting=m, official=official, attended=True)
    assert ids("Chen Min") == []
    index_meetings([m])
    assert ids("Chen Min") == ids("陈敏") == ids("chenmin") == [m.pk]


def test_deleting_a_meeting_removes_its_search_rows():
    m = make("Fire", "fire")
    Directive.objects.create(meeting=m, text="fire drills")
    index_meetings([m])
    m.delete()
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM meetings_search")
        assert cursor.fetchone()[0] == 0
        cursor.execute("SELECT count(*) FROM meetings_directive_search")
        assert cursor.fetchone()[0] == 0


def test_rebuild_indexes_everything_from_scratch(capsys):  # type: ignore[no-untyped-def]
    m = Meeting(title="Flood control", body="flood season", raw_text="", content_hash="x")
    m.save()  # written without indexing
    assert ids("flood") == []
    assert rebuild_search_index() == 1
    assert ids("flood") == [m.pk]
    call_command("rebuild_search_index")
    assert "Indexed 1 meetings" in capsys.readouterr().out
    assert ids("flood") == [m.pk]


def test_editor_added_sector_keywords_expand_queries():
    m = make("消防会议", "消防")
    assert ids("blaze") == []  # the synonyms are read (and kept) before the edit
    fire = Sector.objects.get(slug="fire")
    fire.keywords_en = [*fire.keywords_en, "blaze"]
    fire.save()
    assert ids("blaze") == [m.pk]


def test_directive_search_filters_and_ranks_directives():
    official = Official.objects.create(name_zh="潘磊", name_en="Pan Lei")
    m = make("会议", "内容")
    d1 = Directive.objects.create(meeting=m, text="要加强危险化学品运输监管", issuer=official)
    d2 = Directive.objects.create(meeting=m, text="Strengthen road traffic enforcement")
    index_meetings([m])
    found = lambda q: list(directive_search(Directive.objects.all(), q).values_list("id", flat=True))  # noqa: E731
    assert found("hazardous chemicals") == [d1.pk]
    assert found("Pan Lei") == [d1.pk]
    assert found("道路交通") == [d2.pk]
    assert found("-traffic") == [d1.pk]


def test_snippet_escapes_the_report_and_marks_terms():
    text = "Intro. <script>alert(1)</script> The fire protection check found hidden dangers."
    html = str(snippet(text, "fire"))
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "<mark>fire protection</mark>" in html or "<mark>fire</mark> <mark>protection</mark>" in html


def test_snippet_picks_the_passage_with_the_terms():
    text = "无关内容。" * 100 + "会议要求开展消防安全检查。" + "无关内容。" * 100
    html = str(snippet(text, "消防 检查", length=60))
    assert "<mark>消防" in html and "<mark>检查</mark>" in html
    assert html.startswith("…") and html.endswith("…")


def test_snippet_highlights_traditional_text_for_a_simplified_query():
    assert "<mark>檢查</mark>" in str(snippet("開展消防安全檢查", "检查"))


def test_snippet_highlights_cross_language_matches_and_inflections():
    html = str(snippet("Officials inspected fire escapes.", parse("消防 inspections")))
    assert "<mark>inspected</mark>" in html
    assert "<mark>fire</mark> <mark>escapes</mark>" in html


def test_snippet_without_a_match_starts_at_the_beginning():
    assert str(snippet("a <b> c", "zzz", length=3)) == "a &lt;…"


def test_common_terms_take_the_join_plan_and_still_rank_and_count(monkeypatch):  # type: ignore[no-untyped-def]
    from safetyhub.meetings.search import query

    monkeypatch.setattr(query, "FEW_MATCHES", 1)
    monkeypatch.setattr(query, "RANKED_MATCHES", 2)
    old = make("Safety meeting", "routine", dt.date(2020, 1, 1))
    body = make("Routine meeting", "safety", dt.date(2024, 1, 1))
    title = make("Safety review", "routine", dt.date(2022, 1, 1))
    make("Other", "nothing", dt.date(2024, 1, 1))
    qs = meeting_search(Meeting.objects.all(), "safety")
    assert qs.count() == 3
    ranked = list(qs.values_list("id", flat=True))
    assert set(ranked) == {old.pk, body.pk, title.pk}
    # Only the two newest matches are scored; the title match among them comes first.
    assert ranked == [title.pk, body.pk, old.pk]
    by_date = list(qs.order_by("-sort_date").values_list("id", flat=True))
    assert by_date == [body.pk, title.pk, old.pk]


def test_tokens_with_quote_characters_stay_data_in_both_query_languages():
    from safetyhub.extraction.tokenize import Group, Token
    from safetyhub.meetings.search import backends

    odd = ("it's", 'say "hi"', "back\\slash", "a:*", "x' | 'y")
    groups = [Group(((tok,), (tok, "fire"))) for tok in odd]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT %s::tsquery", [backends.tsquery_text(groups)])
            text = cursor.fetchone()[0]
            for tok in odd:
                assert tok.replace("\\", "\\\\").replace("'", "''") in text
            literal = backends.tsvector_literal([("A", [Token(t, 0, 0, i) for i, t in enumerate(odd)])])
            cursor.execute("SELECT length(%s::tsvector)", [literal])
            assert cursor.fetchone()[0] == len(odd)
        else:
            cursor.execute(
                "SELECT count(*) FROM meetings_search WHERE meetings_search MATCH %s",
                [backends.fts5_expression(groups)],
            )
            assert cursor.fetchone()[0] == 0


@pytest.mark.skipif(connection.vendor != "postgresql", reason="tsvector text is PostgreSQL's")
def test_tsvector_text_per_token_and_grouped_store_the_same_vector(monkeypatch: pytest.MonkeyPatch) -> None:
    """Entries per token leave merging to PostgreSQL; a long field is grouped per lexeme
    instead (PostgreSQL counts every lexeme given against its 1 MB limit). Both, and a head
    finished in another process, must store the vector PostgreSQL builds itself: lowest 256
    positions a lexeme, duplicates merged, positions capped at 16383, quotes kept as data."""
    from safetyhub.meetings import search_rows

    body = [("安全", 0, 0, i, False) for i in range(300)] + [
        ("it's", 0, 0, 301, False),
        ("a\\b", 0, 0, 20000, False),
    ]
    fields = [[("火灾", 0, 0, 0, False), ("安全", 0, 0, 0, True)], body, [("chenmin", 0, 0, 0, False)]]

    def stored(text: str) -> str:
        with connection.cursor() as cursor:
            cursor.execute("SELECT %s::tsvector::text", [text])
            return cursor.fetchone()[0]

    flat = stored(search_rows.document("postgresql", search_rows.MEETINGS, fields))
    head = search_rows.document_head("postgresql", search_rows.MEETINGS, fields[:2])
    assert stored(search_rows.document_finish("postgresql", search_rows.MEETINGS, head, fields[2])) == flat
    monkeypatch.setattr(search_rows, "FLAT_CHARS", 0)
    assert stored(search_rows.document("postgresql", search_rows.MEETINGS, fields)) == flat
    lexemes = dict(entry.split(":", 1) for entry in flat.split(" "))
    assert lexemes["'安全'"].split(",")[:2] == ["1A", "3B"]  # the title's weight, then the body's
    assert len(lexemes["'安全'"].split(",")) == 256
    assert lexemes["'it''s'"] == "304B" and lexemes["'a\\\\b'"] == "16383B"
    assert lexemes["'chenmin'"] == "16383C"
