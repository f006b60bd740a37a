"""Page and page-size parameters, validated by a form; a bad page is a 404, never a 500."""

from __future__ import annotations

from django import forms
from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import Http404, QueryDict
from django.utils.translation import gettext as _

DEFAULT_PAGE_SIZE = 20
MAX_PAGE_SIZE = 100


class PageForm(forms.Form):
    page = forms.IntegerField(min_value=1, required=False)
    page_size = forms.IntegerField(min_value=1, max_value=MAX_PAGE_SIZE, required=False)


def page_of(
    query: QueryDict,
    qs: QuerySet,
    *,
    default_size: int = DEFAULT_PAGE_SIZE,
    count: int | None = None,
    param: str = "page",
) -> Page:
    """Return the requested page; a page that is not a number or past the end raises Http404.

    `count`, when the caller already knows it (from the facet query), saves a COUNT(*).
    `param` names the page number's parameter, for pages with two lists paged on their own."""
    form = PageForm({"page": query.get(param), "page_size": query.get("page_size")})
    form.is_valid()
    if "page" in form.errors:
        raise Http404(_("There is no such page."))
    number = form.cleaned_data.get("page") or 1
    size = form.cleaned_data.get("page_size") or default_size
    paginator = Paginator(qs, size)
    if count is not None:
        paginator.count = count  # type: ignore[misc]  # overrides the cached_property
    if number > max(paginator.num_pages, 1):
        raise Http404(_("There is no such page."))
    return paginator.page(number) if paginator.count else paginator.get_page(1)
