"""Autocomplete widgets that label their selected options from labels loaded once per page.

Django's autocomplete widget runs one query per widget to label what is selected; a meeting
page has one per attendance and two per directive. `known_labels()` holds labels the change
view loaded in a few queries, so the page's query count does not grow with its rows.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from django import forms
from django.contrib.admin.widgets import AutocompleteSelect, AutocompleteSelectMultiple
from django.db.models import Model
from django.utils.html import format_html
from django.utils.safestring import mark_safe

_labels: ContextVar[Mapping[tuple[type[Model], str], str] | None] = ContextVar("admin_labels", default=None)


@contextmanager
def known_labels(labels: Mapping[tuple[type[Model], str], str]) -> Iterator[None]:
    """Let autocomplete widgets rendered inside this block use these (model, pk) -> label pairs."""
    token = _labels.set(labels)
    try:
        yield
    finally:
        _labels.reset(token)


def labels_for(objects: list[Model]) -> dict[tuple[type[Model], str], str]:
    return {(type(o), str(o.pk)): str(o) for o in objects}


class _KnownLabelsMixin:
    def optgroups(self, name: str, value: Any, attr: Any = None) -> Any:
        labels = _labels.get()
        field = self.choices.field  # type: ignore[attr-defined]
        selected = [str(v) for v in value if str(v) not in field.empty_values]
        model = field.queryset.model
        if labels is None or any((model, pk) not in labels for pk in selected):
            return super().optgroups(name, value, attr)  # type: ignore[misc]
        default: tuple[None, list[Any], int] = (None, [], 0)
        if not self.is_required and not self.allow_multiple_selected:  # type: ignore[attr-defined]
            default[1].append(self.create_option(name, "", "", False, 0))  # type: ignore[attr-defined]
        for pk in dict.fromkeys(selected):
            index = len(default[1])
            default[1].append(self.create_option(name, pk, labels[(model, pk)], True, index))  # type: ignore[attr-defined]
        return [default]


class KnownLabelsAutocompleteSelect(_KnownLabelsMixin, AutocompleteSelect):
    pass


class KnownLabelsAutocompleteSelectMultiple(_KnownLabelsMixin, AutocompleteSelectMultiple):
    pass


class KnownLabelsAutocompleteMixin:
    """For a ModelAdmin or inline: its autocomplete fields use the known-labels widgets."""

    def formfield_for_foreignkey(self, db_field: Any, request: Any, **kwargs: Any) -> Any:
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):  # type: ignore[attr-defined]
            kwargs["widget"] = KnownLabelsAutocompleteSelect(
                db_field,
                self.admin_site,
                using=kwargs.get("using"),  # type: ignore[attr-defined]
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)  # type: ignore[misc]

    def formfield_for_manytomany(self, db_field: Any, request: Any, **kwargs: Any) -> Any:
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):  # type: ignore[attr-defined]
            kwargs["widget"] = KnownLabelsAutocompleteSelectMultiple(
                db_field,
                self.admin_site,
                using=kwargs.get("using"),  # type: ignore[attr-defined]
            )
        return super().formfield_for_manytomany(db_field, request, **kwargs)  # type: ignore[misc]


def _flat_attrs(attrs: Mapping[str, Any]) -> str:
    """The markup of django/forms/widgets/attrs.html, built in Python."""
    parts = []
    for key, value in attrs.items():
        if value is False or value is None:
            continue
        parts.append(format_html(" {}", key) if value is True else format_html(' {}="{}"', key, value))
    return mark_safe("".join(parts))  # every part went through format_html


class _PlainInputMixin:
    """Render an <input> without three template renders (a meeting page has hundreds of them)."""

    def render(self, name: str, value: Any, attrs: Any = None, renderer: Any = None) -> str:
        widget = self.get_context(name, value, attrs)["widget"]  # type: ignore[attr-defined]
        value_html = format_html(' value="{}"', widget["value"]) if widget["value"] is not None else ""
        return format_html(
            '<input type="{}" name="{}"{}{}>',
            widget["type"],
            widget["name"],
            value_html,
            _flat_attrs(widget["attrs"]),
        )


class PlainCheckboxInput(_PlainInputMixin, forms.CheckboxInput):
    pass


class PlainHiddenInput(_PlainInputMixin, forms.HiddenInput):
    pass


class PlainNumberInput(_PlainInputMixin, forms.NumberInput):
    pass


class PlainTextInput(_PlainInputMixin, forms.TextInput):
    pass


PLAIN_WIDGETS: dict[type, type] = {
    forms.CheckboxInput: PlainCheckboxInput,
    forms.HiddenInput: PlainHiddenInput,
    forms.NumberInput: PlainNumberInput,
    forms.TextInput: PlainTextInput,
}


def use_plain_inputs(form: forms.BaseForm) -> None:
    """Swap the form's stock input widgets (each its own copy) for the template-free ones."""
    for field in form.fields.values():
        plain = PLAIN_WIDGETS.get(type(field.widget))
        if plain is not None:
            field.widget.__class__ = plain
