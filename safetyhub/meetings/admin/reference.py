"""Region and sector admin: editors add zones and townships, and tune sector keywords."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.db.models import Q, QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from ..models import Meeting, Region, RegionLevel, Sector
from ..reextract import meetings_reextract

EDITOR_LEVELS = (RegionLevel.ZONE, RegionLevel.TOWNSHIP)


def region_child_code(parent: Region, level: str) -> str:
    """Return the next free code for a zone (Z) or township (T) under `parent`: 2202Z01, 2202Z02, ..."""
    prefix = parent.code + ("Z" if level == RegionLevel.ZONE else "T")
    taken = set(Region.objects.filter(code__startswith=prefix).values_list("code", flat=True))
    n = 1
    while f"{prefix}{n:02d}" in taken:
        n += 1
    return f"{prefix}{n:02d}"


class RegionAddForm(forms.ModelForm):
    """Add a development zone or township under an existing region; the code is made up if left blank."""

    code = forms.CharField(
        label=_("code"),
        max_length=24,
        required=False,
        help_text=_("Leave blank to number it under its parent (e.g. 2202Z01)."),
    )
    level = forms.ChoiceField(label=_("level"), choices=[(lv.value, lv.label) for lv in EDITOR_LEVELS])

    class Meta:
        model = Region
        fields = ("parent", "level", "code", "name_zh", "name_en", "latitude", "longitude")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["parent"].required = True

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        parent, code = data.get("parent"), (data.get("code") or "").strip()
        if parent is None:
            return data
        if parent.level in (RegionLevel.ZONE, RegionLevel.TOWNSHIP) and data.get("level") == RegionLevel.ZONE:
            self.add_error("parent", _("A development zone belongs under a prefecture or county."))
        if code:
            if not code.startswith(parent.code) or code == parent.code:
                self.add_error(
                    "code", _("The code must extend the parent's code %(code)s.") % {"code": parent.code}
                )
            elif Region.objects.filter(code=code).exists():
                self.add_error("code", _("A region with this code exists."))
        else:
            data["code"] = region_child_code(parent, data.get("level") or RegionLevel.ZONE)
        return data

    def save(self, commit: bool = True) -> Region:
        self.instance.code = self.cleaned_data["code"]
        self.instance.in_gazetteer = False
        return super().save(commit)


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ("code", "name_zh", "name_en", "level", "parent", "in_gazetteer")
    list_filter = ("level", "in_gazetteer")
    list_select_related = ("parent",)
    search_fields = ("code", "name_zh", "name_en")
    search_help_text = _("Code (prefix), Chinese or English name.")
    autocomplete_fields = ("parent",)

    def get_form(
        self, request: HttpRequest, obj: Region | None = None, change: bool = False, **kwargs: Any
    ) -> Any:
        if obj is None:
            kwargs["form"] = RegionAddForm
        return super().get_form(request, obj, change=change, **kwargs)

    def get_fields(self, request: HttpRequest, obj: Region | None = None) -> Any:
        if obj is None:
            return RegionAddForm.Meta.fields
        return ("code", "level", "parent", "in_gazetteer", "name_zh", "name_en", "latitude", "longitude")

    def get_readonly_fields(self, request: HttpRequest, obj: Region | None = None) -> Any:
        if obj is None:
            return ()
        # Codes carry the hierarchy (prefix filters), so they never change once given.
        if obj.in_gazetteer:
            return ("code", "level", "parent", "in_gazetteer")
        return ("code", "in_gazetteer")

    def get_search_results(
        self, request: HttpRequest, queryset: QuerySet, search_term: str
    ) -> tuple[QuerySet, bool]:
        term = search_term.strip()
        if term.isdigit():  # a code: this region and what lies under it
            return queryset.filter(code__startswith=term), False
        return super().get_search_results(request, queryset, search_term)


class KeywordsField(forms.CharField):
    """A list of keywords edited one per line."""

    widget = forms.Textarea(attrs={"rows": 6, "cols": 40})

    def prepare_value(self, value: Any) -> str:
        if isinstance(value, list):
            return "\n".join(value)
        return value or ""

    def to_python(self, value: Any) -> list[str]:  # type: ignore[override]
        lines = (line.strip() for line in str(value or "").splitlines())
        return list(dict.fromkeys(line for line in lines if line))


class SectorForm(forms.ModelForm):
    keywords_en = KeywordsField(label=_("English keywords"), required=False, help_text=_("One per line."))
    keywords_zh = KeywordsField(label=_("Chinese keywords"), required=False, help_text=_("One per line."))

    class Meta:
        model = Sector
        fields = ("slug", "name_en", "name_zh", "keywords_en", "keywords_zh")


@admin.register(Sector)
class SectorAdmin(admin.ModelAdmin):
    form = SectorForm
    list_display = ("slug", "name_en", "name_zh", "keyword_count")
    search_fields = ("slug", "name_en", "name_zh")
    actions = ("retag",)

    def get_readonly_fields(self, request: HttpRequest, obj: Sector | None = None) -> Any:
        return ("slug",) if obj is not None else ()  # slugs are stable keys

    @admin.display(description=_("keywords"))
    def keyword_count(self, obj: Sector) -> int:
        return len(obj.keywords_en) + len(obj.keywords_zh)

    def save_model(self, request: HttpRequest, obj: Sector, form: Any, change: bool) -> None:
        super().save_model(request, obj, form, change)
        if {"keywords_en", "keywords_zh"} & set(form.changed_data):
            self.message_user(
                request,
                _(
                    "Keywords changed. Run “Re-tag meetings” on this sector "
                    "to re-extract the meetings they match."
                ),
                messages.INFO,
            )

    @admin.action(
        description=_("Re-tag meetings: re-extract those that mention or carry these sectors"),
        permissions=["retag"],
    )
    def retag(self, request: HttpRequest, queryset: QuerySet) -> None:
        condition = Q(sectors__in=list(queryset))
        for sector in queryset:
            for keyword in [*sector.keywords_zh, *sector.keywords_en]:
                condition |= Q(body__icontains=keyword)
        meetings = Meeting.objects.filter(pk__in=Meeting.objects.filter(condition).values("pk")).order_by(
            "pk"
        )
        done = meetings_reextract(meetings=meetings)
        self.message_user(
            request,
            ngettext("%d meeting re-extracted.", "%d meetings re-extracted.", done) % done,
            messages.SUCCESS,
        )

    def has_retag_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perm("meetings.change_meeting")
