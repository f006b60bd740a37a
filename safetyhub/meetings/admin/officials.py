"""Official admin: search by hanzi, pinyin, alias or title, and merge duplicates."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.core.exceptions import PermissionDenied
from django.db.models import Count, QuerySet
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _

from ..merge import official_merge
from ..models import Official
from .filters import OfficialStateFilter


class MergeForm(forms.Form):
    survivor = forms.ModelChoiceField(
        queryset=Official.objects.none(),
        widget=forms.RadioSelect,
        label=_("Keep this official"),
        help_text=_("The others become its aliases; their attendances and directives move to it."),
    )

    def __init__(self, *args: Any, officials: QuerySet, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["survivor"].queryset = officials


@admin.register(Official)
class OfficialAdmin(admin.ModelAdmin):
    list_display = ("name_zh", "name_en", "alias_list", "home_region", "attendance_count", "merged_into")
    list_filter = (OfficialStateFilter,)
    list_select_related = ("home_region", "merged_into")
    search_fields = ("name_zh", "name_en", "aliases", "attendances__title")
    search_help_text = _("Name in hanzi or pinyin, an alias, or a title as written (市长).")
    autocomplete_fields = ("home_region",)
    readonly_fields = ("merged_into", "created_at")
    fields = ("name_zh", "name_en", "aliases", "home_region", "merged_into", "created_at")
    actions = ("merge",)

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        # A grouped query ignores Meta.ordering, so order explicitly (stable pages, autocomplete).
        return (
            super()
            .get_queryset(request)
            .annotate(n_attendances=Count("attendances", distinct=True))
            .order_by("name_en", "name_zh", "pk")
        )

    def get_search_results(
        self, request: HttpRequest, queryset: QuerySet, search_term: str
    ) -> tuple[QuerySet, bool]:
        queryset, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        if request.GET.get("field_name"):  # autocomplete on another page: offer only live officials
            queryset = queryset.filter(merged_into__isnull=True)
        return queryset, may_have_duplicates

    @admin.display(description=_("aliases"))
    def alias_list(self, obj: Official) -> str:
        return ", ".join(obj.aliases)

    @admin.display(description=_("meetings"), ordering="n_attendances")
    def attendance_count(self, obj: Official) -> int:
        return getattr(obj, "n_attendances", 0)

    @admin.action(description=_("Merge selected officials into one"), permissions=["change"])
    def merge(self, request: HttpRequest, queryset: QuerySet) -> HttpResponse | None:
        officials = queryset.filter(merged_into__isnull=True).order_by("pk")
        if officials.count() < 2:
            self.message_user(
                request, _("Select at least two officials that are not merged yet."), messages.WARNING
            )
            return None
        form = MergeForm(request.POST if "apply" in request.POST else None, officials=officials)
        if form.is_bound and form.is_valid():
            if not self.has_change_permission(request):
                raise PermissionDenied
            survivor = form.cleaned_data["survivor"]
            duplicates = [o for o in officials if o.pk != survivor.pk]
            result = official_merge(survivor=survivor, duplicates=duplicates)
            names = ", ".join(str(d) for d in result.merged)
            self.log_change(request, result.survivor, f"Merged {names} into this official")
            for dup in result.merged:
                self.log_change(request, dup, f"Merged into {result.survivor} (#{result.survivor.pk})")
            self.message_user(
                request,
                _(
                    "Merged %(names)s into %(survivor)s: %(moved)d attendances moved, %(combined)d combined, "
                    "%(directives)d directives moved."
                )
                % {
                    "names": names,
                    "survivor": result.survivor,
                    "moved": result.attendances_moved,
                    "combined": result.attendances_combined,
                    "directives": result.directives_moved,
                },
                messages.SUCCESS,
            )
            return None
        context = {
            **self.admin_site.each_context(request),
            "title": _("Merge officials"),
            "opts": self.model._meta,
            "officials": officials,
            "form": form,
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
            "media": self.media,
        }
        return TemplateResponse(request, "admin/meetings/official/merge.html", context)
