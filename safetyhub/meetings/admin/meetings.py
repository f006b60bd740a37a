"""Meeting admin: the review queue, the editing form and the ownership bookkeeping behind it.

Saving a meeting records what the editor touched (not what differs): changed form fields go to
`Meeting.editor_fields`, added or changed attendances/directives become `editor_owned`, and
deleted or replaced extracted ones are remembered in `Meeting.editor_deleted`. Ingest and
re-extract leave all of those alone.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.admin.views.main import ChangeList
from django.contrib.admin.widgets import RelatedFieldWidgetWrapper
from django.db import transaction
from django.db.models import Count, Model, Q, QuerySet, prefetch_related_objects
from django.forms.models import BaseInlineFormSet
from django.forms.utils import ErrorList
from django.http import HttpRequest
from django.utils.functional import cached_property
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from ..models import (
    EDITABLE_MEETING_FIELDS,
    Attendance,
    Directive,
    Meeting,
    MeetingSource,
    Official,
    Region,
    ReviewState,
    Sector,
)
from ..ownership import (
    FORM_FIELD_TO_OWNED,
    attendance_edited,
    attendance_key,
    directive_edited,
    directive_key,
    meeting_forget_facts,
    merge_owned,
    owned_fields_from_form,
)
from ..reextract import meeting_reextract, meetings_reextract
from ..review import meeting_refresh_review, reason_label
from ..search import index_meetings
from .filters import ProvinceFilter, SectorFilter
from .paginator import EstimatedCountPaginator
from .preview import meeting_marks, render_marked
from .widgets import KnownLabelsAutocompleteMixin, known_labels, labels_for, use_plain_inputs

OWNED_FIELD_LABELS = {
    "held_on": _("held on (year, month, day)"),
}


def owned_field_label(name: str) -> str:
    if name in OWNED_FIELD_LABELS:
        return str(OWNED_FIELD_LABELS[name])
    return str(Meeting._meta.get_field(name).verbose_name)


def owned_form_fields(owned: list[str]) -> list[str]:
    """The form field names that show an owned meeting field (held_on is three inputs)."""
    names: list[str] = []
    for field in owned:
        parts = [f for f, target in FORM_FIELD_TO_OWNED.items() if target == field]
        names.extend(parts or [field])
    return names


class QuietErrorList(ErrorList):
    """An empty error list renders as nothing without going through a template (a hundred per page)."""

    def render(self, template_name: str | None = None, context: Any = None, renderer: Any = None) -> str:
        if not self:
            return ""
        return super().render(template_name, context, renderer)


class QuietErrorsForm(forms.ModelForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("error_class", QuietErrorList)  # the inline's empty form gets no error_class
        super().__init__(*args, **kwargs)


def _newlines(value: str) -> str:
    return value.replace("\r\n", "\n").replace("\r", "\n")


class PlainTextField(forms.CharField):
    """Long text kept as written: browsers send CRLF from a textarea, which is not an edit."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("widget", forms.Textarea(attrs={"rows": 20, "cols": 100}))
        super().__init__(strip=False, **kwargs)

    def to_python(self, value: Any) -> str:
        return _newlines(super().to_python(value))

    def has_changed(self, initial: Any, data: Any) -> bool:
        return _newlines(initial or "") != self.to_python(data)


class MeetingAdminForm(forms.ModelForm):
    body = PlainTextField(label=_("cleaned text"))
    hand_back = forms.MultipleChoiceField(
        label=_("Hand back to extraction"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Ticked fields are no longer yours: on save they are extracted again from the raw text."),
    )

    class Meta:
        model = Meeting
        fields = (
            "title",
            "held_year",
            "held_month",
            "held_day",
            "published_on",
            "region",
            "meeting_type",
            "language",
            "sectors",
            "review_state",
            "outlet",
            "reporter",
            "body",
        )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("error_class", QuietErrorList)
        super().__init__(*args, **kwargs)
        owned = list(self.instance.editor_fields or []) if self.instance.pk else []
        self.fields["hand_back"].choices = [(f, owned_field_label(f)) for f in owned]
        for name in owned_form_fields(owned):
            if name in self.fields:
                field = self.fields[name]
                field.label = f"{field.label} ✎"
                note = _("✎ Editor-owned: re-ingest leaves it alone.")
                field.help_text = f"{note} {field.help_text}" if field.help_text else note
        if "held_year" in self.fields:
            self.fields["held_year"].widget.attrs.update({"min": 1949, "max": 2100})

    @cached_property
    def changed_data(self) -> list[str]:
        # Handing a field back is not an edit of the meeting (nor of the history's "Changed ...").
        return [name for name, bf in self._bound_items() if name != "hand_back" and bf._has_changed()]

    def clean_held_year(self) -> int | None:
        year = self.cleaned_data.get("held_year")
        if year is not None and not 1949 <= year <= 2100:
            raise forms.ValidationError(_("Enter a year between 1949 and 2100."))
        return year

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        year, month, day = data.get("held_year"), data.get("held_month"), data.get("held_day")
        if month is not None and not 1 <= month <= 12:
            self.add_error("held_month", _("Enter a month from 1 to 12."))
        elif day is not None and month is None:
            self.add_error("held_day", _("A day needs a month."))
        elif day is not None and not 1 <= day <= 31:
            self.add_error("held_day", _("Enter a day from 1 to 31."))
        elif year and month and day:
            try:
                dt.date(year, month, day)
            except ValueError:
                self.add_error("held_day", _("That day does not exist in that month."))
        return data


class AttendanceForm(QuietErrorsForm):
    class Meta:
        model = Attendance
        fields = (
            "official",
            "presided",
            "spoke",
            "attended",
            "instructed",
            "reported",
            "title",
            "editor_owned",
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        roles = ("presided", "spoke", "attended", "instructed", "reported")
        if not self.cleaned_data.get("DELETE") and not any(data.get(r) for r in roles):
            raise forms.ValidationError(_("Tick at least one role."))
        return data


class QuietInlineFormSet(BaseInlineFormSet):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("error_class", QuietErrorList)
        super().__init__(*args, **kwargs)

    def add_fields(self, form: Any, index: int | None) -> None:
        super().add_fields(form, index)
        use_plain_inputs(form)


class OwnedInlineFormSet(QuietInlineFormSet):
    """Keep the rows' state from before the edit, to know which extracted facts an editor replaced."""

    def originals(self) -> dict[int, Model]:
        pks = [f.instance.pk for f in self.initial_forms if f.instance.pk]
        qs = self.model._default_manager.filter(pk__in=pks)
        if self.model is Attendance:
            qs = qs.select_related("official")
        return {o.pk: o for o in qs}


class LeanInlineMixin:
    """No add/change/view links beside an inline row's related fields: a lighter page to render."""

    def formfield_for_dbfield(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        if db_field.name == "text":
            kwargs["widget"] = forms.Textarea(attrs={"rows": 2, "cols": 48})
        field = super().formfield_for_dbfield(db_field, request, **kwargs)  # type: ignore[misc]
        if field is not None and isinstance(field.widget, RelatedFieldWidgetWrapper):
            widget = field.widget
            widget.can_add_related = widget.can_change_related = False
            widget.can_delete_related = widget.can_view_related = False
        return field


class AttendanceInline(KnownLabelsAutocompleteMixin, LeanInlineMixin, admin.TabularInline):
    model = Attendance
    form = AttendanceForm
    formset = OwnedInlineFormSet
    extra = 0
    autocomplete_fields = ("official",)
    fields = ("official", "presided", "spoke", "attended", "instructed", "reported", "title", "editor_owned")
    verbose_name_plural = _("attendances (officials, roles, title as written)")

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return super().get_queryset(request).select_related("official")


class DirectiveInline(KnownLabelsAutocompleteMixin, LeanInlineMixin, admin.TabularInline):
    model = Directive
    form = QuietErrorsForm
    formset = OwnedInlineFormSet
    extra = 0
    autocomplete_fields = ("issuer", "sectors")
    fields = ("order", "text", "issuer", "sectors", "editor_owned")

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return super().get_queryset(request).select_related("issuer").prefetch_related("sectors")


class SourceInline(admin.TabularInline):
    model = MeetingSource
    formset = QuietInlineFormSet
    form = QuietErrorsForm
    extra = 0
    can_delete = False
    fields = ("location", "file_hash", "first_seen", "last_seen")
    readonly_fields = fields

    def has_add_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False


class MeetingChangeList(ChangeList):
    """Per page: officials/directives counted in two grouped queries, sectors prefetched in one."""

    def get_results(self, request: HttpRequest) -> None:
        super().get_results(request)
        page = list(self.result_list)
        ids = [m.pk for m in page]
        officials = dict(
            Attendance.objects.filter(meeting_id__in=ids)
            .order_by()
            .values_list("meeting_id")
            .annotate(n=Count("pk"))
        )
        directives = dict(
            Directive.objects.filter(meeting_id__in=ids)
            .order_by()
            .values_list("meeting_id")
            .annotate(n=Count("pk"))
        )
        prefetch_related_objects(page, "sectors")
        for meeting in page:
            meeting.official_count = officials.get(meeting.pk, 0)  # type: ignore[attr-defined]
            meeting.directive_count = directives.get(meeting.pk, 0)  # type: ignore[attr-defined]
        self.result_list = page


@admin.register(Meeting)
class MeetingAdmin(KnownLabelsAutocompleteMixin, admin.ModelAdmin):
    form = MeetingAdminForm
    list_display = (
        "title",
        "held",
        "region_name",
        "sector_names",
        "officials",
        "directives",
        "language",
        "review",
    )
    list_filter = (
        "review_state",
        ProvinceFilter,
        "region__level",
        SectorFilter,
        "language",
        "meeting_type",
    )
    date_hierarchy = "sort_date"
    search_fields = ("title",)  # widened in get_search_results
    search_help_text = _("Title, text, or an official's name in hanzi or pinyin.")
    list_select_related = ("region",)
    list_per_page = 50
    show_full_result_count = False
    show_facets = admin.ShowFacets.NEVER
    paginator = EstimatedCountPaginator
    autocomplete_fields = ("region", "sectors")
    readonly_fields = (
        "region_confidence",
        "attention",
        "ownership",
        "preview",
        "raw_text_display",
        "content_hash",
        "extraction_version",
        "created_at",
        "updated_at",
    )
    fieldsets = (
        (
            None,
            {
                "fields": (
                    "title",
                    ("held_year", "held_month", "held_day"),
                    "published_on",
                    ("region", "region_confidence"),
                    "meeting_type",
                    "language",
                    "sectors",
                )
            },
        ),
        (_("Review"), {"fields": ("review_state", "attention")}),
        (_("Editor ownership"), {"fields": ("ownership", "hand_back")}),
        (_("Extracted text"), {"fields": ("preview",)}),
        (
            _("Source"),
            {
                "classes": ("collapse",),
                "fields": (
                    "outlet",
                    "reporter",
                    "content_hash",
                    "extraction_version",
                    "created_at",
                    "updated_at",
                ),
            },
        ),
        (_("Edit the cleaned text"), {"classes": ("collapse",), "fields": ("body",)}),
        (_("Raw text as received"), {"classes": ("collapse",), "fields": ("raw_text_display",)}),
    )
    inlines = (AttendanceInline, DirectiveInline, SourceInline)
    actions = ("mark_reviewed", "send_to_review", "reextract")

    class Media:
        css = {"all": ["css/admin-meetings.css"]}

    # Changelist ---------------------------------------------------------------------------

    def get_changelist(self, request: HttpRequest, **kwargs: Any) -> type[ChangeList]:
        return MeetingChangeList

    def get_search_results(
        self, request: HttpRequest, queryset: QuerySet, search_term: str
    ) -> tuple[QuerySet, bool]:
        from django.db.models import Exists, OuterRef, Q

        from ..search import meeting_search

        term = search_term.strip()
        if not term:
            return queryset, False
        officials = Official.objects.filter(
            Q(name_zh__icontains=term) | Q(name_en__icontains=term) | Q(aliases__icontains=term)
        )
        in_text = meeting_search(Meeting.objects.all(), term).values("pk")
        attended = Attendance.objects.filter(meeting=OuterRef("pk"), official__in=officials)
        return queryset.filter(Q(title__icontains=term) | Q(pk__in=in_text) | Exists(attended)), False

    @admin.display(description=mark_safe('<input type="checkbox" id="action-toggle">'))
    def action_checkbox(self, obj: Meeting) -> SafeString:
        # Same markup as Django's, without rendering a widget template for each of the page's rows.
        return format_html(
            '<input type="checkbox" name="{}" value="{}" class="action-select" aria-label="{}">',
            ACTION_CHECKBOX_NAME,
            obj.pk,
            format_html(_("Select this object for an action - {}"), obj),
        )

    @admin.display(description=_("held"), ordering="sort_date")
    def held(self, obj: Meeting) -> str:
        return obj.held_on_display or "—"

    @admin.display(description=_("region"), ordering="region__code")
    def region_name(self, obj: Meeting) -> str:
        return obj.region.name_zh if obj.region else "—"

    @admin.display(description=_("sectors"))
    def sector_names(self, obj: Meeting) -> str:
        return ", ".join(s.name_zh for s in obj.sectors.all()) or "—"

    @admin.display(description=_("officials"))
    def officials(self, obj: Meeting) -> int:
        return getattr(obj, "official_count", 0)

    @admin.display(description=_("directives"))
    def directives(self, obj: Meeting) -> int:
        return getattr(obj, "directive_count", 0)

    @admin.display(description=_("review"), ordering="review_state")
    def review(self, obj: Meeting) -> SafeString:
        reasons = "; ".join(reason_label(r) for r in obj.attention_reasons or [])
        return format_html(
            '<span class="review review-{}" title="{}">{}</span>',
            obj.review_state,
            reasons,
            obj.get_review_state_display(),
        )

    # Change form read-only parts -----------------------------------------------------------

    @admin.display(description=_("needs attention because"))
    def attention(self, obj: Meeting) -> SafeString | str:
        if not obj.attention_reasons:
            return _("Nothing: extraction settled every fact.")
        return format_html(
            '<ul class="attention">{}</ul>',
            format_html_join("", "<li>{}</li>", ((reason_label(r),) for r in obj.attention_reasons)),
        )

    @admin.display(description=_("owned by editors"))
    def ownership(self, obj: Meeting) -> SafeString | str:
        parts = []
        if obj.editor_fields:
            parts.append(
                format_html(
                    "<p>{} {}</p>",
                    _("Fields:"),
                    ", ".join(owned_field_label(f) for f in obj.editor_fields),
                )
            )
        if obj.editor_deleted:
            parts.append(
                format_html(
                    "<p>{} {}</p>",
                    _("Extracted facts deleted by editors (re-ingest will not restore them):"),
                    ", ".join(obj.editor_deleted),
                )
            )
        if not parts:
            return _("Nothing yet: every field follows extraction.")
        return format_html_join("", "{}", ((p,) for p in parts))

    @admin.display(description=_("cleaned text with extracted facts marked"))
    def preview(self, obj: Meeting) -> SafeString:
        stale = ""
        if "body" in (obj.editor_fields or []):
            stale = format_html(
                '<p class="help">{}</p>', _("The text was edited; marks point into the extracted text.")
            )
        return format_html(
            '{}<div class="span-legend">{}</div><div class="span-preview" lang="{}">{}</div>',
            stale,
            format_html_join(
                " ",
                '<mark class="span span-{}">{}</mark>',
                (
                    ("official", _("official")),
                    ("date", _("date")),
                    ("region", _("region")),
                    ("sector", _("sector")),
                    ("directive", _("directive")),
                    ("title", _("title")),
                ),
            ),
            "zh" if obj.language.startswith("zh") else "en",
            render_marked(obj.body, meeting_marks(obj)),
        )

    @admin.display(description=_("raw text"))
    def raw_text_display(self, obj: Meeting) -> SafeString:
        return format_html('<pre class="raw-text">{}</pre>', obj.raw_text)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # meetings come from ingest

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return super().get_queryset(request).select_related("region")

    def get_object(
        self, request: HttpRequest, object_id: str, from_field: str | None = None
    ) -> Meeting | None:
        obj = super().get_object(request, object_id, from_field)
        if obj is not None:
            prefetch_related_objects([obj], "attendances__official", "directives")
        return obj

    def change_view(
        self, request: HttpRequest, object_id: str, form_url: str = "", extra_context: Any = None
    ) -> Any:
        with known_labels(self._page_labels(object_id)):
            response = super().change_view(request, object_id, form_url, extra_context)
            if hasattr(response, "render"):
                response.render()  # inside the block: the widgets render now
        return response

    def _page_labels(self, object_id: str) -> dict[Any, str]:
        """Labels of every official, sector and region the change form shows (three queries)."""
        if not str(object_id).isdigit():
            return {}
        attending = Attendance.objects.filter(meeting_id=object_id).values("official_id")
        issuing = Directive.objects.filter(meeting_id=object_id, issuer__isnull=False).values("issuer_id")
        officials = Official.objects.filter(Q(pk__in=attending) | Q(pk__in=issuing))
        sectors = Sector.objects.all()  # a couple of dozen rows
        regions = Region.objects.filter(pk__in=Meeting.objects.filter(pk=object_id).values("region_id"))
        return labels_for([*officials, *sectors, *regions])

    # Saving: record what the editor touched ---------------------------------------------

    def save_model(self, request: HttpRequest, obj: Meeting, form: MeetingAdminForm, change: bool) -> None:
        obj.set_held_date(obj.held_year, obj.held_month, obj.held_day)
        handed_back = list(form.cleaned_data.get("hand_back") or [])
        touched = owned_fields_from_form(form.changed_data)
        if "region" in touched and obj.region_id is not None:
            obj.region_confidence = 1.0  # an editor's region is certain
        obj.editor_fields = merge_owned(obj.editor_fields or [], touched, handed_back)
        form.handed_back = [f for f in handed_back if f in EDITABLE_MEETING_FIELDS]  # type: ignore[attr-defined]
        super().save_model(request, obj, form, change)

    def save_formset(self, request: HttpRequest, form: Any, formset: Any, change: bool) -> None:
        if formset.model not in (Attendance, Directive):
            super().save_formset(request, form, formset, change)
            return
        originals = formset.originals()
        forgotten: list[str] = []
        formset.save(commit=False)
        for obj in formset.deleted_objects:
            original = originals.get(obj.pk)
            if original is not None and not original.editor_owned:
                forgotten.append(
                    attendance_key(original) if formset.model is Attendance else directive_key(original.text)
                )
            obj.delete()
        positions = [o.position if formset.model is Attendance else o.order for o in originals.values()]
        next_position = max(positions, default=-1) + 1
        for obj in formset.new_objects:
            obj.editor_owned = True
            if formset.model is Attendance:
                obj.position = next_position
                attendance_edited(original=None, attendance=obj, changed=[])
            else:
                directive_edited(original=None, directive=obj, changed=["text"])
            next_position += 1
            obj.save()
        for obj, changed in formset.changed_objects:
            original = originals.get(obj.pk)
            if formset.model is Attendance:
                forgotten += attendance_edited(original=original, attendance=obj, changed=changed)
            else:
                forgotten += directive_edited(original=original, directive=obj, changed=changed)
            obj.save()
        formset.save_m2m()
        if forgotten:
            form.instance.editor_deleted = meeting_forget_facts(meeting_id=form.instance.pk, keys=forgotten)

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        super().save_related(request, form, formsets, change)
        meeting = form.instance
        handed_back = getattr(form, "handed_back", [])
        if handed_back:
            meeting_reextract(meeting=meeting)
            labels = ", ".join(owned_field_label(f) for f in handed_back)
            self.log_change(request, meeting, f"Handed back to extraction: {labels}")
            self.message_user(request, _("Handed back to extraction and re-extracted: %s") % labels)
        else:
            index_meetings([meeting])
        meeting_refresh_review(meeting)

    # Actions -------------------------------------------------------------------------------

    def _log_bulk(self, request: HttpRequest, queryset: QuerySet, message: str) -> None:
        LogEntry.objects.log_actions(
            user_id=request.user.pk,
            queryset=list(queryset),
            action_flag=CHANGE,
            change_message=message,
            single_object=False,
        )

    @admin.action(description=_("Mark selected meetings reviewed"), permissions=["change"])
    def mark_reviewed(self, request: HttpRequest, queryset: QuerySet) -> None:
        with transaction.atomic():
            updated = queryset.update(review_state=ReviewState.REVIEWED)
            self._log_bulk(request, queryset, "Marked reviewed")
        self.message_user(
            request,
            ngettext("%d meeting marked reviewed.", "%d meetings marked reviewed.", updated) % updated,
            messages.SUCCESS,
        )

    @admin.action(description=_("Send selected meetings back to the review queue"), permissions=["change"])
    def send_to_review(self, request: HttpRequest, queryset: QuerySet) -> None:
        with transaction.atomic():
            meetings = list(queryset)
            for meeting in meetings:
                meeting.review_state = ReviewState.UNREVIEWED
                meeting_refresh_review(meeting)
                Meeting.objects.filter(pk=meeting.pk).update(review_state=meeting.review_state)
            self._log_bulk(request, queryset, "Sent back to the review queue")
        self.message_user(request, _("%d meetings sent back to the review queue.") % len(meetings))

    @admin.action(
        description=_("Re-extract selected meetings (editor-owned facts stay)"), permissions=["change"]
    )
    def reextract(self, request: HttpRequest, queryset: QuerySet) -> None:
        done = meetings_reextract(meetings=queryset.order_by("pk"))
        self._log_bulk(request, queryset, "Re-extracted from the raw text")
        self.message_user(
            request,
            ngettext("%d meeting re-extracted.", "%d meetings re-extracted.", done) % done,
            messages.SUCCESS,
        )


@admin.register(Directive)
class DirectiveAdmin(admin.ModelAdmin):
    list_display = ("__str__", "meeting", "issuer", "editor_owned")
    list_select_related = ("meeting", "issuer")
    list_filter = ("editor_owned",)
    search_fields = ("text",)
    show_full_result_count = False
    paginator = EstimatedCountPaginator
    autocomplete_fields = ("meeting", "issuer", "sectors")
    fields = ("meeting", ("order", "issuer", "editor_owned"), "text", "sectors")

    def get_readonly_fields(self, request: HttpRequest, obj: Model | None = None) -> tuple[str, ...]:
        return ("meeting",) if obj is not None else ()

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # directives are added on their meeting's page

    def save_model(self, request: HttpRequest, obj: Directive, form: Any, change: bool) -> None:
        original = Directive.objects.filter(pk=obj.pk).first() if change else None
        forgotten = directive_edited(original=original, directive=obj, changed=form.changed_data)
        super().save_model(request, obj, form, change)
        meeting_forget_facts(meeting_id=obj.meeting_id, keys=forgotten)
        index_meetings([obj.meeting])

    def delete_model(self, request: HttpRequest, obj: Directive) -> None:
        self.delete_queryset(request, Directive.objects.filter(pk=obj.pk))

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet) -> None:
        with transaction.atomic():
            directives = list(queryset.select_related("meeting"))
            for directive in directives:
                if not directive.editor_owned:
                    meeting_forget_facts(
                        meeting_id=directive.meeting_id, keys=[directive_key(directive.text)]
                    )
            queryset.delete()
            index_meetings(Meeting.objects.filter(pk__in={d.meeting_id for d in directives}))
