"""The meeting admin end to end through the test client: list, edit, re-ingest, hand back."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.admin.models import LogEntry
from django.test import Client
from django.urls import reverse

from safetyhub.extraction.types import ExtractedDirective, ExtractedOfficial, PartialDate
from safetyhub.meetings.models import Attendance, Directive, Meeting, Official, Region, ReviewState, Sector
from safetyhub.meetings.ownership import directive_key
from safetyhub.meetings.review import NO_OFFICIALS, YEAR_UNKNOWN

from .conftest import BODY, ingest, make_extracted, span_of

pytestmark = pytest.mark.django_db

ChangeData = Callable[[Any], dict[str, Any]]


def change_url(meeting: Meeting) -> str:
    return reverse("admin:meetings_meeting_change", args=[meeting.pk])


def inline_prefix(data: dict[str, Any], model: str) -> str:
    prefix = {"attendance": "attendances", "directive": "directives"}[model]
    assert f"{prefix}-TOTAL_FORMS" in data
    return prefix


def rows(data: dict[str, Any], prefix: str) -> int:
    return int(data[f"{prefix}-TOTAL_FORMS"])


def find_row(data: dict[str, Any], prefix: str, field: str, value: str) -> int:
    for i in range(rows(data, prefix)):
        if data.get(f"{prefix}-{i}-{field}") == value:
            return i
    raise AssertionError(f"no {prefix} row with {field}={value}")


def post_change(client: Client, meeting: Meeting, data: dict[str, Any]) -> Any:
    response = client.post(change_url(meeting), data)
    if response.status_code != 302:
        errors = [response.context["adminform"].form.errors] + [
            fs.formset.errors for fs in response.context["inline_admin_formsets"]
        ]
        raise AssertionError(f"save failed: {errors}")
    return response


# Changelist -------------------------------------------------------------------------------


def test_changelist_shows_partial_dates_counts_sectors_and_review_state(
    editor_client: Client, meeting: Meeting
) -> None:
    response = editor_client.get(reverse("admin:meetings_meeting_changelist"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "--08-22" in html
    assert "贵溪市" in html
    assert "道路交通" in html
    row = response.context["cl"].result_list[0]
    assert (row.official_count, row.directive_count) == (2, 2)
    assert "Needs attention" in html


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ({"review_state__exact": "needs_attention"}, True),
        ({"review_state__exact": "reviewed"}, False),
        ({"province": "36"}, True),
        ({"province": "42"}, False),
        ({"province": "not-a-code"}, True),
        ({"region__level__exact": "county"}, True),
        ({"region__level__exact": "province"}, False),
        ({"language__exact": "zh"}, True),
        ({"meeting_type__exact": "plenary"}, True),
        ({"meeting_type__exact": "video"}, False),
        ({"q": "潘磊"}, True),
        ({"q": "pan lei"}, True),
        ({"q": "隐患排查"}, True),
        ({"q": "委员会全体"}, True),
        ({"q": "王华光"}, False),
        ({"sort_date__year": "2023"}, True),
    ],
)
def test_changelist_filters_and_search(
    editor_client: Client, meeting: Meeting, query: dict[str, str], found: bool
) -> None:
    response = editor_client.get(reverse("admin:meetings_meeting_changelist"), query)
    assert response.status_code == 200
    assert (meeting in list(response.context["cl"].result_list)) is found


def test_sector_filter(editor_client: Client, meeting: Meeting) -> None:
    fire, road = Sector.objects.get(slug="fire"), Sector.objects.get(slug="road-traffic")
    url = reverse("admin:meetings_meeting_changelist")
    assert list(editor_client.get(url, {"sectors__id__exact": road.pk}).context["cl"].result_list) == [
        meeting
    ]
    assert list(editor_client.get(url, {"sectors__id__exact": fire.pk}).context["cl"].result_list) == []


def test_changelist_query_count_does_not_grow_with_the_page(
    editor_client: Client, django_assert_max_num_queries: Any
) -> None:
    url = reverse("admin:meetings_meeting_changelist")
    ingest(make_extracted())
    editor_client.get(url)  # warm the session and caches
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as one:
        editor_client.get(url)
    for i in range(12):
        ingest(make_extracted(source=f"reports/{i}.txt", raw_text=f"report {i}", title=f"会议{i}"))
    with CaptureQueriesContext(connection) as many:
        response = editor_client.get(url)
    assert len(response.context["cl"].result_list) == 13
    assert len(many) == len(one)
    assert len(many) <= 14


# Change form ------------------------------------------------------------------------------


def test_change_form_marks_extracted_spans_and_escapes_the_report(editor_client: Client) -> None:
    body = BODY + "<script>alert(1)</script>"
    meeting = ingest(make_extracted(body=body, raw_text=body))
    html = editor_client.get(change_url(meeting)).content.decode()
    assert '<mark class="span span-official" title="陈敏 (Chen Min): spoke, attended">陈敏</mark>' in html
    assert '<mark class="span span-date" title="held on">8月22日</mark>' in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script>alert(1)</script>" not in html
    assert "The meeting date has no year" in html
    assert 'data-model-ref="region"' in html or "admin-autocomplete" in html


def test_an_impossible_date_is_refused(
    editor_client: Client, meeting: Meeting, change_data: ChangeData
) -> None:
    data = change_data(editor_client.get(change_url(meeting)))
    data.update({"held_year": "2023", "held_month": "2", "held_day": "30"})
    response = editor_client.post(change_url(meeting), data)
    assert response.status_code == 200
    assert "held_day" in response.context["adminform"].form.errors
    data.update({"held_month": "", "held_day": "5"})
    assert "held_day" in editor_client.post(change_url(meeting), data).context["adminform"].form.errors


# Ownership --------------------------------------------------------------------------------


def test_editor_edits_survive_reingest_and_the_rest_refreshes(
    editor_client: Client, meeting: Meeting, change_data: ChangeData
) -> None:
    data = change_data(editor_client.get(change_url(meeting)))
    data.update({"title": "贵溪市安委会全体会议（编辑）", "held_year": "2023"})
    # Change an inline: Pan Lei also spoke, and his title is corrected.
    i = find_row(data, "attendances", "official", str(Official.objects.get(name_zh="潘磊").pk))
    data.update({f"attendances-{i}-spoke": "on", f"attendances-{i}-title": "市委副书记、市长"})
    # Delete an extracted directive.
    j = find_row(data, "directives", "text", "要深入开展道路交通安全整治")
    data[f"directives-{j}-DELETE"] = "on"
    post_change(editor_client, meeting, data)

    meeting.refresh_from_db()
    assert meeting.editor_fields == ["title", "held_on"]
    assert meeting.held_on_iso == "2023-08-22"
    assert meeting.editor_deleted == [directive_key("要深入开展道路交通安全整治")]
    pan = meeting.attendances.get(official__name_zh="潘磊")
    assert pan.editor_owned and pan.roles == ["presided", "spoke"] and pan.title == "市委副书记、市长"
    assert not meeting.attendances.get(official__name_zh="陈敏").editor_owned

    # The report changes: a new date, a new official, another outlet; Pan Lei's part reads differently.
    changed = make_extracted(
        title="贵溪市召开安委会全体会议",
        held_on=PartialDate(2024, 1, 5),
        outlet="鹰潭日报",
        officials=[
            ExtractedOfficial("陈敏", "Chen Min", ["presided"], ["市委书记"], [span_of(BODY, "陈敏")]),
            ExtractedOfficial("潘磊", "Pan Lei", ["attended"], ["市长"], [span_of(BODY, "潘磊")]),
            ExtractedOfficial("黄建军", "Huang Jianjun", ["attended"], ["副市长"], []),
        ],
    )
    ingest(changed, meeting)
    meeting.refresh_from_db()
    assert meeting.title == "贵溪市安委会全体会议（编辑）"  # editor's
    assert meeting.held_on_iso == "2023-08-22"  # editor's
    assert meeting.outlet == "鹰潭日报"  # refreshed
    assert meeting.attendances.get(official__name_zh="陈敏").roles == ["presided"]  # refreshed
    pan = meeting.attendances.get(official__name_zh="潘磊")
    assert pan.roles == ["presided", "spoke"] and pan.title == "市委副书记、市长"  # editor's
    assert meeting.attendances.filter(official__name_zh="黄建军").exists()  # new fact arrives
    texts = set(meeting.directives.values_list("text", flat=True))
    assert texts == {"各地要抓好危险化学品企业隐患排查"}  # the deleted one stays deleted


def test_an_inline_added_by_an_editor_is_owned_and_kept(
    editor_client: Client, meeting: Meeting, change_data: ChangeData
) -> None:
    huang = Official.objects.create(name_zh="黄建军", name_en="Huang Jianjun")
    fire = Sector.objects.get(slug="fire")
    data = change_data(editor_client.get(change_url(meeting)))
    n = rows(data, "attendances")
    data.update(
        {
            "attendances-TOTAL_FORMS": str(n + 1),
            f"attendances-{n}-official": str(huang.pk),
            f"attendances-{n}-attended": "on",
            f"attendances-{n}-title": "副市长",
        }
    )
    m = rows(data, "directives")
    data.update(
        {
            "directives-TOTAL_FORMS": str(m + 1),
            f"directives-{m}-text": "要加强消防安全检查",
            f"directives-{m}-order": "9",
            f"directives-{m}-issuer": str(huang.pk),
            f"directives-{m}-sectors": [str(fire.pk)],
        }
    )
    post_change(editor_client, meeting, data)
    added = Attendance.objects.get(meeting=meeting, official=huang)
    assert added.editor_owned and added.titles == ["副市长"]
    directive = Directive.objects.get(meeting=meeting, text="要加强消防安全检查")
    assert directive.editor_owned and list(directive.sectors.all()) == [fire]

    ingest(make_extracted(), meeting)
    assert Attendance.objects.filter(meeting=meeting, official=huang, editor_owned=True).exists()
    assert Directive.objects.filter(meeting=meeting, text="要加强消防安全检查").exists()
    assert meeting.review_state == ReviewState.NEEDS_ATTENTION


def test_a_deleted_attendance_is_not_brought_back(
    editor_client: Client, meeting: Meeting, change_data: ChangeData
) -> None:
    data = change_data(editor_client.get(change_url(meeting)))
    i = find_row(data, "attendances", "official", str(Official.objects.get(name_zh="潘磊").pk))
    data[f"attendances-{i}-DELETE"] = "on"
    post_change(editor_client, meeting, data)
    meeting.refresh_from_db()
    assert meeting.editor_deleted == ["official:潘磊"]
    ingest(make_extracted(), meeting)
    assert list(meeting.attendances.values_list("official__name_zh", flat=True)) == ["陈敏"]


def test_an_edited_directive_replaces_the_extracted_one(
    editor_client: Client, meeting: Meeting, change_data: ChangeData
) -> None:
    data = change_data(editor_client.get(change_url(meeting)))
    j = find_row(data, "directives", "text", "要深入开展道路交通安全整治")
    data[f"directives-{j}-text"] = "要深入开展道路交通安全专项整治"
    post_change(editor_client, meeting, data)
    ingest(make_extracted(), meeting)
    texts = sorted(meeting.directives.values_list("text", "editor_owned"))
    assert texts == [("各地要抓好危险化学品企业隐患排查", False), ("要深入开展道路交通安全专项整治", True)]


def test_saving_without_changes_owns_nothing(
    editor_client: Client, meeting: Meeting, change_data: ChangeData
) -> None:
    data = change_data(editor_client.get(change_url(meeting)))
    data["body"] = data["body"].replace("\n", "\r\n")  # what a browser's textarea sends
    post_change(editor_client, meeting, data)
    meeting.refresh_from_db()
    assert meeting.editor_fields == []
    assert not meeting.attendances.filter(editor_owned=True).exists()
    assert not meeting.directives.filter(editor_owned=True).exists()


def test_sectors_and_region_become_owned(
    editor_client: Client, meeting: Meeting, change_data: ChangeData
) -> None:
    data = change_data(editor_client.get(change_url(meeting)))
    data["sectors"] = [str(Sector.objects.get(slug="fire").pk)]
    data["region"] = str(Region.objects.get(code="3606").pk)
    post_change(editor_client, meeting, data)
    meeting.refresh_from_db()
    assert meeting.editor_fields == ["region", "sectors"]
    assert meeting.region_confidence == 1.0
    ingest(make_extracted(), meeting)
    assert [s.slug for s in meeting.sectors.all()] == ["fire"]
    assert meeting.region.code == "3606"


def test_handing_a_field_back_refreshes_it_from_extraction(
    editor_client: Client, meeting: Meeting, change_data: ChangeData, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = change_data(editor_client.get(change_url(meeting)))
    data.update({"title": "编辑的标题", "meeting_type": "video"})
    post_change(editor_client, meeting, data)
    meeting.refresh_from_db()
    assert meeting.editor_fields == ["title", "meeting_type"]

    monkeypatch.setattr(
        "safetyhub.extraction.extract", lambda text, source=None, reference=None: make_extracted()
    )
    response = editor_client.get(change_url(meeting))
    assert [c[0] for c in response.context["adminform"].form.fields["hand_back"].choices] == [
        "title",
        "meeting_type",
    ]
    assert "✎ Editor-owned" in response.content.decode()
    assert "css/admin-meetings.css" in response.content.decode()
    data = change_data(response)
    data["hand_back"] = ["title"]
    post_change(editor_client, meeting, data)
    meeting.refresh_from_db()
    assert meeting.editor_fields == ["meeting_type"]
    assert meeting.title == "江西省贵溪市召开安全生产委员会全体会议"  # extracted again
    assert meeting.meeting_type == "video"
    messages = [e.get_change_message() for e in LogEntry.objects.filter(object_id=str(meeting.pk))]
    assert "Handed back to extraction: title" in messages


def test_history_shows_who_changed_which_fields(
    editor_client: Client, editor: Any, meeting: Meeting, change_data: ChangeData
) -> None:
    data = change_data(editor_client.get(change_url(meeting)))
    data["title"] = "新标题"
    post_change(editor_client, meeting, data)
    response = editor_client.get(reverse("admin:meetings_meeting_history", args=[meeting.pk]))
    html = response.content.decode()
    assert "eddie" in html and "Title" in html


def test_fixing_region_and_year_clears_the_attention_reasons(
    editor_client: Client, change_data: ChangeData
) -> None:
    meeting = ingest(make_extracted(region=None, officials=[], directives=[]))
    assert meeting.review_state == ReviewState.NEEDS_ATTENTION
    data = change_data(editor_client.get(change_url(meeting)))
    data.update({"region": str(Region.objects.get(code="360681").pk), "held_year": "2023"})
    post_change(editor_client, meeting, data)
    meeting.refresh_from_db()
    assert meeting.attention_reasons == [NO_OFFICIALS]
    assert meeting.held_on_iso == "2023-08-22"
    assert meeting.review_state == ReviewState.NEEDS_ATTENTION


# Actions ----------------------------------------------------------------------------------


def act(client: Client, action: str, meetings: list[Meeting]) -> Any:
    return client.post(
        reverse("admin:meetings_meeting_changelist"),
        {"action": action, "_selected_action": [str(m.pk) for m in meetings]},
        follow=True,
    )


def test_mark_reviewed_and_send_back(editor_client: Client, meeting: Meeting) -> None:
    other = ingest(make_extracted(source="reports/b.txt", raw_text="other report"))
    act(editor_client, "mark_reviewed", [meeting, other])
    assert set(Meeting.objects.values_list("review_state", flat=True)) == {ReviewState.REVIEWED}
    assert LogEntry.objects.filter(object_id=str(meeting.pk), change_message="Marked reviewed").exists()
    act(editor_client, "send_to_review", [meeting])
    meeting.refresh_from_db()
    assert meeting.review_state == ReviewState.NEEDS_ATTENTION
    assert YEAR_UNKNOWN in meeting.attention_reasons


def test_reextract_action_refreshes_only_what_editors_do_not_own(
    editor_client: Client, meeting: Meeting, change_data: ChangeData, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = change_data(editor_client.get(change_url(meeting)))
    data["title"] = "编辑的标题"
    post_change(editor_client, meeting, data)

    seen: dict[str, Any] = {}

    def fake_extract(text: str, source: str | None = None, reference: Any = None) -> Any:
        seen.update(text=text, source=source, reference=reference)
        return make_extracted(
            title="新的标题",
            meeting_type="video",
            directives=[ExtractedDirective("要压实企业主体责任", None, [], None)],
        )

    monkeypatch.setattr("safetyhub.extraction.extract", fake_extract)
    response = act(editor_client, "reextract", [meeting])
    assert "1 meeting re-extracted" in response.content.decode()
    assert seen["text"] == meeting.raw_text and seen["source"] == "reports/guixi.txt"
    assert "360681" in seen["reference"].regions
    meeting.refresh_from_db()
    assert meeting.title == "编辑的标题"
    assert meeting.meeting_type == "video"
    assert list(meeting.directives.values_list("text", flat=True)) == ["要压实企业主体责任"]


def test_extracted_facts_keep_their_spans_after_reingest(meeting: Meeting) -> None:
    changed = dataclasses.replace(make_extracted(), outlet="x")
    ingest(changed, meeting)
    assert meeting.attendances.get(official__name_zh="陈敏").spans == [list(span_of(BODY, "陈敏"))]


def test_large_counts_are_estimated_on_postgresql(
    editor_client: Client, meeting: Meeting, monkeypatch: pytest.MonkeyPatch
) -> None:
    from django.db import connection

    from safetyhub.meetings.admin import paginator

    url = reverse("admin:meetings_meeting_changelist")
    html = editor_client.get(url, {"review_state__exact": "needs_attention"}).content.decode()
    assert "about" not in html  # small: counted exactly
    monkeypatch.setattr(paginator, "ESTIMATE_ABOVE", -1)
    response = editor_client.get(url, {"review_state__exact": "needs_attention"})
    if connection.vendor == "postgresql":
        assert response.context["cl"].paginator.is_estimate
        assert "about " in response.content.decode()
    else:
        assert not response.context["cl"].paginator.is_estimate
    assert list(response.context["cl"].result_list) == [meeting]


def test_the_date_hierarchy_drills_down_without_scanning(editor_client: Client, meeting: Meeting) -> None:
    url = reverse("admin:meetings_meeting_changelist")
    assert "?sort_date__year=2023" in editor_client.get(url).content.decode()
    months = editor_client.get(url, {"sort_date__year": "2023"}).content.decode()
    assert "sort_date__month=12" in months and "sort_date__year=2023" in months
    days = editor_client.get(url, {"sort_date__year": "2023", "sort_date__month": "2"}).content.decode()
    assert "sort_date__day=28" in days and "sort_date__day=29" not in days
