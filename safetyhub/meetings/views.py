"""Public pages: thin views that validate input with a FilterSet or form and call selectors."""

from __future__ import annotations

import datetime as dt
from collections import OrderedDict
from typing import Any

from django.db.models import F
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import NoReverseMatch, reverse
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from safetyhub.extraction.tokenize import ParsedQuery

from . import selectors
from .charts import Point, bar_chart, column_chart
from .directive_facets import directive_facets
from .facets import FacetResult, meeting_facets
from .filters import DirectiveFilter, MeetingFilter, SortChoices
from .i18n import date_display, localized_name, month_label
from .marking import marked_text, meeting_facts
from .models import Directive, Language, Meeting, MeetingType, Official, Region, Sector
from .pagination import page_of
from .querystate import QueryState
from .search import parse, snippet


def _lang() -> str:
    return get_language() or "en"


def _snippet(meeting: Meeting, q: ParsedQuery | None) -> SafeString:
    if q:
        return snippet(meeting.body, q)
    return mark_safe(escape(Truncator(meeting.body).chars(200)))


def _timeline(
    months: list[tuple[dt.date, int]], *, title: str, link: Any = None, width: int = 520
) -> SafeString:
    """A monthly column chart; gaps between months are shown as zero bars."""
    if not months:
        return column_chart([], title=title)
    counts = dict(months)
    start, end = months[0][0], months[-1][0]
    points: list[Point] = []
    y, m = start.year, start.month
    total_months = (end.year - start.year) * 12 + end.month - start.month + 1
    tick_every = 1 if total_months <= 12 else (3 if total_months <= 36 else 12)
    while (y, m) <= (end.year, end.month):
        day = dt.date(y, m, 1)
        tick = ""
        if (m - 1) % tick_every == 0:
            tick = str(y) if tick_every == 12 else month_label(y, m)
        points.append(Point(month_label(y, m), counts.get(day, 0), link(day) if link else "", tick))
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    desc = _("%(n)s meetings from %(start)s to %(end)s; busiest month %(peak)s.") % {
        "n": sum(counts.values()),
        "start": month_label(start.year, start.month),
        "end": month_label(end.year, end.month),
        "peak": max(points, key=lambda p: p.value).label,
    }
    return column_chart(points, title=title, desc=desc, width=width)


def _month_link(base: str, extra: dict[str, str] | None = None) -> Any:
    import calendar

    def link(day: dt.date) -> str:
        last = calendar.monthrange(day.year, day.month)[1]
        state = QueryState(_querydict(extra or {}), base)
        return state.set(**{"from": day.isoformat(), "to": day.replace(day=last).isoformat()})

    return link


def _querydict(values: dict[str, str]) -> Any:
    from django.http import QueryDict

    q = QueryDict(mutable=True)
    for k, v in values.items():
        q[k] = v
    return q


def _sector_chart(rows: list[tuple[Sector, int]], *, title: str, url_for: Any) -> SafeString:
    points = [Point(localized_name(s), n, url_for(s)) for s, n in rows]
    return bar_chart(points, title=title)


def _chips(
    filterset: MeetingFilter | DirectiveFilter, state: QueryState, facets: dict[str, FacetResult]
) -> list[dict[str, str]]:
    """The active filters as removable chips (meeting and directive lists alike)."""
    v = filterset.values
    chips: list[dict[str, str]] = []
    if v.get("q"):
        chips.append({"label": _("Search: “%(q)s”") % {"q": v["q"]}, "url": state.set(q=None, sort=None)})
    if v.get("region"):
        trail = facets["region"].trail
        name = trail[-1].label if trail else v["region"]
        chips.append({"label": _("Region: %(name)s") % {"name": name}, "url": state.set(region=None)})
    sector_labels = {fv.value: fv.label for fv in facets["sector"].values}
    for slug in v.get("sector", []):
        label = _("Sector: %(name)s") % {"name": sector_labels.get(slug, slug)}
        chips.append({"label": label, "url": state.toggle("sector", slug)})
    for param, label in (("official", _("Official: %(name)s")), ("issuer", _("Issuer: %(name)s"))):
        if v.get(param):
            names = {fv.value: fv.label for fv in facets[param].values}
            name = names.get(str(v[param]), str(v[param]))
            chips.append({"label": label % {"name": name}, "url": state.set(**{param: None})})
    if v.get("date_from"):
        label = _("From %(date)s") % {"date": date_display(v["date_from"])}
        chips.append({"label": label, "url": state.set(**{"from": None})})
    if v.get("date_to"):
        label = _("To %(date)s") % {"date": date_display(v["date_to"])}
        chips.append({"label": label, "url": state.set(to=None)})
    if v.get("type"):
        chips.append({"label": str(MeetingType(v["type"]).label), "url": state.set(type=None)})
    if v.get("language"):
        chips.append({"label": str(Language(v["language"]).label), "url": state.set(language=None)})
    return chips


def home(request: HttpRequest) -> HttpResponse:
    everything = Meeting.objects.all()
    list_url = reverse("meeting_list")
    sectors = selectors.sector_counts(everything)
    context = {
        "totals": selectors.archive_totals(),
        "latest": selectors.with_list_relations(everything.order_by(*selectors.NEWEST))[:8],
        "timeline": _timeline(
            selectors.monthly_counts(everything),
            title=_("Meetings per month"),
            link=_month_link(list_url),
        ),
        "sector_chart": _sector_chart(
            sectors[:12],
            title=_("Meetings by hazard sector"),
            url_for=lambda s: f"{list_url}?sector={s.slug}",
        ),
        "sectors": sectors,
    }
    return render(request, "meetings/home.html", context)


def meeting_list(request: HttpRequest) -> HttpResponse:
    filterset = MeetingFilter(request.GET, queryset=Meeting.objects.all())
    state = QueryState(request.GET, request.path)
    counted = meeting_facets(filterset, state, _lang())
    facets = counted.facets
    source = selectors.meeting_page_source(filterset=filterset, selection=counted.selection)
    page = page_of(request.GET, source, count=counted.total)
    q = filterset.values.get("q", "")
    parsed = parse(q) if q else None  # once: parsing reads the sector synonyms
    results = [{"meeting": m, "snippet": _snippet(m, parsed)} for m in page.object_list]
    context = {
        "filterset": filterset,
        "form": filterset.form,
        "values": filterset.values,
        "state": state,
        "page": page,
        "results": results,
        "facets": facets,
        "chips": _chips(filterset, state, facets),
        "keep_search": state.hidden_except("q", "sort"),
        "keep_dates": state.hidden_except("from", "to", "date_from", "date_to"),
        "sort": filterset.ordering,
        "sort_urls": {
            "date": state.set(sort=None),
            "relevance": state.set(sort=SortChoices.RELEVANCE) if q else "",
        },
        **_date_charts(
            facets["year"], per_year=_("Meetings per year"), per_month=_("Meetings per month in %(year)s")
        ),
        "links": {
            "csv": state.with_path(reverse("meeting_export_csv")),
            "json": state.with_path(reverse("meeting_export_json")),
            "feed": state.with_path(reverse("meeting_feed")),
            "api": state.with_path(reverse("api_meeting_list")),
        },
        "pager": _page_links(page, state),
    }
    return render(request, "meetings/meeting_list.html", context)


def _date_charts(date_facet: FacetResult, *, per_year: str, per_month: str) -> dict[str, SafeString | str]:
    """The date facet's histograms: years (when there are several), and the chosen year's months."""
    year_points = [Point(fv.label, fv.count, fv.url, fv.label) for fv in date_facet.values]
    month_points = [
        Point(fv.label, fv.count, fv.url, str(i + 1)) for i, fv in enumerate(date_facet.extra["months"])
    ]
    size = {"width": 280, "height": 110}
    title = per_month % {"year": date_facet.extra["year"]}
    return {
        "year_chart": column_chart(year_points, title=per_year, **size) if len(year_points) > 1 else "",
        "month_chart": column_chart(month_points, title=title, **size) if month_points else "",
    }


def _page_links(page: Any, state: QueryState, param: str = "page") -> dict[str, Any]:
    """Numbered page links around the current page (gaps marked), and previous/next URLs."""
    n, last = page.number, page.paginator.num_pages
    wanted = sorted({1, 2, n - 1, n, n + 1, last - 1, last} & set(range(1, last + 1)))
    links: list[dict[str, Any]] = []
    prev = 0
    for p in wanted:
        if p - prev > 1:
            links.append({"gap": True})
        links.append({"number": p, "url": state.page(p, param), "current": p == n})
        prev = p
    return {
        "links": links,
        "prev": state.page(n - 1, param) if page.has_previous() else "",
        "next": state.page(n + 1, param) if page.has_next() else "",
    }


def meeting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        page = selectors.meeting_page(pk=pk)
    except Meeting.DoesNotExist as exc:
        raise Http404(_("No such meeting.")) from exc
    meeting = page.meeting
    groups: OrderedDict[int | None, dict[str, Any]] = OrderedDict()
    for d in page.directives:
        key = d.issuer_id
        if key not in groups:
            groups[key] = {"issuer": d.issuer, "directives": []}
        groups[key]["directives"].append(d)
    admin_url = ""
    if request.user.is_staff:
        try:
            admin_url = reverse("admin:meetings_meeting_change", args=[meeting.pk])
        except NoReverseMatch:
            admin_url = ""
    facts = meeting_facts(meeting, page.sectors, page.attendances, page.directives)
    context = {
        "meeting": meeting,
        "sectors": page.sectors,
        "attendances": page.attendances,
        "directive_groups": list(groups.values()),
        "marked_body": marked_text(meeting.body, facts),
        "related": page.related,
        "sources": page.sources,
        "admin_url": admin_url,
    }
    return render(request, "meetings/meeting_detail.html", context)


def official_detail(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        official = selectors.official_detail(pk=pk)
    except Official.DoesNotExist as exc:
        raise Http404(_("No such official.")) from exc
    state = QueryState(request.GET, request.path)
    # Two lists paged on their own: `page` for the meetings, `dpage` for the directives.
    meetings = page_of(request.GET, selectors.official_attendances(official=official))
    directives = page_of(request.GET, selectors.official_directives(official=official), param="dpage")
    context = {
        "official": official,
        "meetings": meetings,
        "meetings_pager": _page_links(meetings, state),
        "titles": selectors.official_titles(official=official),
        "directives": directives,
        "directives_pager": _page_links(directives, state, "dpage"),
        "list_url": f"{reverse('meeting_list')}?official={official.pk}",
    }
    return render(request, "meetings/official_detail.html", context)


def sector_detail(request: HttpRequest, slug: str) -> HttpResponse:
    sector = get_object_or_404(Sector, slug=slug)
    meetings = Meeting.objects.filter(
        pk__in=Meeting.sectors.through.objects.filter(sector=sector).values("meeting_id")
    )
    list_url = reverse("meeting_list")
    regions = selectors.top_regions(meetings)
    context = {
        "sector": sector,
        "count": meetings.count(),
        "latest": selectors.with_list_relations(meetings.order_by(*selectors.NEWEST))[:10],
        "directives": list(
            Directive.objects.filter(sectors=sector)
            .select_related("issuer", "meeting")
            .order_by(F("meeting__sort_date").desc(nulls_last=True), "-meeting_id", "order")[:10]
        ),
        "trend": _timeline(
            selectors.monthly_counts(meetings),
            title=_("%(sector)s: meetings per month") % {"sector": localized_name(sector)},
            width=900,
            link=_month_link(list_url, {"sector": sector.slug}),
        ),
        "region_chart": bar_chart(
            [
                Point(localized_name(r), n, f"{list_url}?sector={sector.slug}&region={r.code}")
                for r, n in regions
            ],
            title=_("Top regions"),
        ),
        "list_url": f"{list_url}?sector={sector.slug}",
        "directives_url": f"{reverse('directive_list')}?sector={sector.slug}",
    }
    return render(request, "meetings/sector_detail.html", context)


def region_detail(request: HttpRequest, code: str) -> HttpResponse:
    region = get_object_or_404(Region.objects.select_related("parent__parent__parent"), code=code)
    meetings = Meeting.objects.filter(region__code__startswith=region.code)
    list_url = reverse("meeting_list")
    sectors = selectors.sector_counts(meetings)
    context = {
        "region": region,
        "count": meetings.count(),
        "children": selectors.region_children_counts(region=region),
        "latest": selectors.with_list_relations(meetings.order_by(*selectors.NEWEST))[:10],
        "sector_chart": _sector_chart(
            sectors[:12],
            title=_("Sector mix"),
            url_for=lambda s: f"{list_url}?region={region.code}&sector={s.slug}",
        ),
        "list_url": f"{list_url}?region={region.code}",
    }
    return render(request, "meetings/region_detail.html", context)


def directive_list(request: HttpRequest) -> HttpResponse:
    filterset = DirectiveFilter(request.GET, queryset=Directive.objects.all())
    state = QueryState(request.GET, request.path)
    counted = directive_facets(filterset, state, _lang())
    facets = counted.facets
    page = page_of(request.GET, selectors.directive_list(filterset=filterset), count=counted.total)
    context = {
        "filterset": filterset,
        "values": filterset.values,
        "facets": facets,
        "chips": _chips(filterset, state, facets),
        "state": state,
        "page": page,
        "pager": _page_links(page, state),
        "clear_url": request.path,
        "keep_search": state.hidden_except("q"),
        "keep_dates": state.hidden_except("from", "to", "date_from", "date_to"),
        **_date_charts(
            facets["year"], per_year=_("Directives per year"), per_month=_("Directives per month in %(year)s")
        ),
    }
    return render(request, "meetings/directive_list.html", context)
