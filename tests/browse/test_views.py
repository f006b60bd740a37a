"""View tests: facet counts, constant query counts, permalinks, escaping, bad input."""

from __future__ import annotations

import csv
import io
import json
from typing import Any
from xml.etree import ElementTree

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from safetyhub.meetings.models import Meeting, Official

from .factories import make_meeting, make_official, region

pytestmark = pytest.mark.django_db

XSS = "<script>alert(1)</script>"


@pytest.fixture
def archive() -> dict[str, object]:
    chen = make_official("陈敏", "Chen Min")
    pan = make_official("潘磊", "Pan Lei")
    wu = make_official("吴勇", "Wu Yong")
    guixi, yuehu, jiangxia = region("360681"), region("360602"), region("420115")
    m1 = make_meeting(
        title="贵溪市召开安全生产委员会全体会议",
        region=guixi,
        date=(2023, 10, 27),
        sectors=["road-traffic", "hazardous-chemicals"],
        officials=[(chen, ["attended", "spoke"], "贵溪市委书记"), (pan, ["presided"], "市长")],
        directives=[
            (chen, "要加强危险化学品企业隐患排查治理", ["hazardous-chemicals"]),
            (None, "要压实责任", []),
        ],
    )
    m2 = make_meeting(
        title="月湖区部署消防安全工作",
        region=yuehu,
        date=(2023, 3, 5),
        sectors=["fire"],
        officials=[(pan, ["presided"], "区长")],
        meeting_type="work_conference",
    )
    m3 = make_meeting(
        title="江夏区道路交通安全会议",
        region=jiangxia,
        date=(2022, 8, 22),
        sectors=["road-traffic", "fire"],
        officials=[(wu, ["presided"], "区长")],
        language="en",
    )
    m4 = make_meeting(
        title="月湖区召开燃气安全会议", region=yuehu, date=(None, 8, 22), sectors=["gas"], officials=[]
    )
    return {"chen": chen, "pan": pan, "wu": wu, "m1": m1, "m2": m2, "m3": m3, "m4": m4}


def api(client: Client, **params: object) -> dict:
    response = client.get(reverse("api_meeting_list"), params)
    assert response.status_code == 200, response.content
    return response.json()


def facet(data: dict, name: str) -> dict[str, int]:
    return {v["value"]: v["count"] for v in data["facets"][name]}


def test_region_filter_includes_everything_below(client: Client, archive: dict) -> None:
    data = api(client, region="36")
    assert data["count"] == 3
    assert {r["region"]["code"][:2] for r in data["results"]} == {"36"}
    assert api(client, region="3606")["count"] == 3  # 鹰潭市 holds both 月湖区 and 贵溪市
    assert api(client, region="360602")["count"] == 2
    assert api(client, region="42")["count"] == 1


def test_facet_counts_are_disjunctive_under_combined_filters(client: Client, archive: dict) -> None:
    data = api(client, region="36", sector="fire", type="work_conference")
    assert data["count"] == 1
    # The region facet lists the chosen region's children, with sector and type applied.
    assert facet(data, "region") == {"3606": 1}
    # Type facet ignores the type filter: fire meetings in Jiangxi of any type.
    assert facet(data, "type") == {"work_conference": 1}
    unfiltered_type = api(client, region="36", sector="fire")
    assert facet(unfiltered_type, "type") == {"work_conference": 1}
    both = api(client, sector="road-traffic")
    assert both["count"] == 2
    assert facet(both, "region") == {"36": 1, "42": 1}
    assert facet(both, "language") == {"zh": 1, "en": 1}
    # Sectors narrow (ALL): the sector facet counts within the current results.
    assert facet(both, "sector")["fire"] == 1
    assert facet(both, "sector")["road-traffic"] == 2
    assert facet(both, "sector")["gas"] == 0
    assert api(client, sector=["road-traffic", "fire"])["count"] == 1


def test_year_facet_ignores_the_date_filter(client: Client, archive: dict) -> None:
    data = api(client, **{"from": "2023-01-01", "to": "2023-12-31"})
    assert data["count"] == 2
    years = facet(data, "year")
    assert years["2023"] == 2 and years["2022"] == 1


def test_region_facet_shows_children_of_the_chosen_region(client: Client, archive: dict) -> None:
    page = client.get(reverse("meeting_list"), {"region": "36"})
    facets = page.context["facets"]["region"]
    assert [(v.value, v.count) for v in facets.values] == [("3606", 3)]
    assert [t.value for t in facets.trail] == ["36"]
    page = client.get(reverse("meeting_list"), {"region": "3606"})
    assert {v.value: v.count for v in page.context["facets"]["region"].values} == {"360602": 2, "360681": 1}


def all_pages(archive: dict) -> list[str]:
    m1 = archive["m1"]
    return [
        reverse("home"),
        reverse("meeting_list"),
        reverse("meeting_list")
        + "?q=安全&region=36&sector=fire&from=2023-01-01&to=2023-12-31&sort=relevance",
        reverse("meeting_detail", args=[m1.pk]),
        reverse("official_detail", args=[archive["chen"].pk]),
        reverse("sector_detail", args=["road-traffic"]),
        reverse("region_detail", args=["36"]),
        reverse("region_detail", args=["360681"]),
        reverse("directive_list"),
        reverse("directive_list") + "?sector=hazardous-chemicals&region=36",
    ]


def test_every_page_renders_in_both_languages(client: Client, archive: dict) -> None:
    for lang in ("en", "zh-hans"):
        client.post(reverse("set_language"), {"language": lang, "next": "/"})
        for url in all_pages(archive):
            response = client.get(url)
            assert response.status_code == 200, url
            html = response.content.decode()
            assert f'lang="{"zh-Hans" if lang == "zh-hans" else "en"}"' in html


def test_chinese_ui_shows_chinese_names_and_dates(client: Client, archive: dict) -> None:
    client.post(reverse("set_language"), {"language": "zh-hans", "next": "/"})
    html = client.get(reverse("meeting_detail", args=[archive["m4"].pk])).content.decode()
    assert "8月22日（年份不详）" in html
    assert "江西省" in html and "会议" in html
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    html = client.get(reverse("meeting_detail", args=[archive["m4"].pk])).content.decode()
    assert "22 Aug, year unknown" in html
    assert "Jiangxi" in html


def test_directives_link_to_their_place_in_the_text(client: Client, archive: dict) -> None:
    m1 = archive["m1"]
    html = client.get(reverse("meeting_detail", args=[m1.pk])).content.decode()
    d = m1.directives.order_by("order").first()
    assert f'href="#text-directive-{d.pk}"' in html
    assert f'id="text-directive-{d.pk}"' in html
    assert f'id="text-official-{archive["chen"].pk}"' in html
    assert 'data-label="Official: Chen Min (spoke, attended)"' in html or "Official: Chen Min" in html


def _grow(archive: dict, n: int) -> None:
    people = [archive["chen"], archive["pan"]]
    for i in range(n):
        make_meeting(
            title=f"会议{i}",
            region=region("360681"),
            date=(2021, 1 + i % 12, 1 + i % 28),
            sectors=["fire", "gas"][: 1 + i % 2],
            officials=[(people[i % 2], ["presided"], "市长"), (make_official(), ["attended"], "副市长")],
            directives=[(people[i % 2], f"指示{i}", ["fire"])],
        )


def _count_queries(client: Client, url: str) -> int:
    """Queries of a repeated request: reference data kept per archive version (sector slugs,
    the facet index) is then read the same way however the data changed before."""
    client.get(url)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
        if hasattr(response, "streaming_content"):
            b"".join(response.streaming_content)
        assert response.status_code == 200, url
    return len(ctx.captured_queries)


def test_query_counts_do_not_grow_with_the_page_size(client: Client, archive: dict) -> None:
    urls = [
        *all_pages(archive),
        reverse("api_meeting_list") + "?region=36&sector=fire",
        reverse("api_meeting_detail", args=[archive["m1"].pk]),
        reverse("meeting_export_csv") + "?region=36",
        reverse("meeting_export_json") + "?region=36",
        reverse("meeting_feed") + "?sector=fire",
    ]
    small = {}
    for url in urls:
        sep = "&" if "?" in url else "?"
        small[url] = _count_queries(client, url + sep + "page_size=5")
    _grow(archive, 30)
    for url in urls:
        sep = "&" if "?" in url else "?"
        assert _count_queries(client, url + sep + "page_size=50") == small[url], url


def test_list_state_round_trips_through_the_url(client: Client, archive: dict) -> None:
    params = "q=安全&region=36&sector=fire&sector=gas&official=%d&from=2022-01-01&to=2023-12-31&type=plenary"
    url = reverse("meeting_list") + "?" + params % archive["pan"].pk
    response = client.get(url)
    ctx = response.context
    v = ctx["values"]
    assert v["region"] == "36" and v["sector"] == ["fire", "gas"] and v["type"] == "plenary"
    assert str(v["date_from"]) == "2022-01-01" and str(v["date_to"]) == "2023-12-31"
    # Removing one chip keeps every other filter.
    chips = {c["label"]: c["url"] for c in ctx["chips"]}
    gas_url = next(u for label, u in chips.items() if "Gas" in label or "燃气" in label)
    again = client.get(gas_url).context["values"]
    assert again["sector"] == ["fire"] and again["region"] == "36" and again["type"] == "plenary"
    # Every facet link is a permalink that reproduces the filter it names.
    for fv in ctx["facets"]["sector"].values:
        if fv.count or fv.selected:
            assert client.get(fv.url).status_code == 200
    # Export and feed links carry the same filters.
    assert "region=36" in ctx["links"]["csv"] and "sector=gas" in ctx["links"]["feed"]


@pytest.mark.parametrize(
    "query",
    [
        "page=abc",
        "page=999999",
        "page=0",
        "page_size=100000",
        "page_size=-3",
        "region=%27%3B--",
        "region=" + "9" * 300,
        "sector=nope",
        "sector=fire&sector=%00",
        "official=abc",
        "official=99999999999999999999999",
        "from=2023-13-45&to=yesterday",
        "type=bogus&language=xx",
        "sort=random",
        "q=" + "%22" * 50,
        "q=AND OR NOT * ( ) NEAR",
    ],
)
def test_bad_parameters_never_500(client: Client, archive: dict, query: str) -> None:
    for name in ("meeting_list", "api_meeting_list", "directive_list", "meeting_feed"):
        response = client.get(reverse(name) + "?" + query)
        assert response.status_code in (200, 400, 404), (name, query, response.status_code)
    response = client.get(reverse("meeting_export_csv") + "?" + query)
    assert response.status_code == 200
    b"".join(response.streaming_content)


def test_bad_filter_degrades_to_no_filter(client: Client, archive: dict) -> None:
    assert api(client, sector="nope")["count"] == 4
    assert api(client, region="'; DROP TABLE", type="bogus")["count"] == 4
    assert api(client, sector=["fire", "nope"])["count"] == 2
    assert client.get(reverse("api_meeting_list"), {"page": "999"}).status_code == 404


def test_api_list_matches_the_contract(client: Client, archive: dict) -> None:
    data = api(client, region="420115")
    assert set(data) == {"count", "page", "page_size", "results", "facets"}
    assert (data["count"], data["page"], data["page_size"]) == (1, 1, 20)
    row = data["results"][0]
    assert set(row) == {"id", "url", "source", "title", "held_on", "region", "sectors", "snippet"}
    assert row["held_on"] == "2022-08-22"
    assert row["region"] == {"code": "420115", "name_zh": "江夏区", "name_en": "Jiangxia"}
    assert row["url"] == f"/meetings/{row['id']}/"
    assert set(data["facets"]) >= {"region", "sector", "year", "type", "language"}
    partial = api(client, region="360602", sector="gas")["results"][0]
    assert partial["held_on"] == "--08-22"
    top = api(client)["facets"]["region"]
    assert {"value": "36", "label": "江西省", "count": 3} in top


def test_api_detail_matches_the_extract_contract(client: Client, archive: dict) -> None:
    m1 = archive["m1"]
    data = client.get(reverse("api_meeting_detail", args=[m1.pk])).json()
    assert data["id"] == m1.pk and data["url"] == f"/meetings/{m1.pk}/"
    assert data["region"]["path_zh"] == ["江西省", "鹰潭市", "贵溪市"]
    assert data["region"]["level"] == "county"
    chen = next(o for o in data["officials"] if o["name_zh"] == "陈敏")
    assert chen == {
        "name_zh": "陈敏",
        "name_en": "Chen Min",
        "roles": ["spoke", "attended"],
        "titles": ["贵溪市委书记"],
    }
    assert data["directives"][0] == {
        "text": "要加强危险化学品企业隐患排查治理",
        "issuer": "陈敏",
        "sectors": ["hazardous-chemicals"],
    }
    assert data["directives"][1]["issuer"] is None
    assert set(data["sectors"]) == {"road-traffic", "hazardous-chemicals"}
    assert {"editor_fields", "review_state", "source", "language", "published_on", "meeting_type"} <= set(
        data
    )
    assert client.get(reverse("api_meeting_detail", args=[999999])).status_code == 404


def test_csv_and_json_exports_follow_the_filters(client: Client, archive: dict) -> None:
    response = client.get(reverse("meeting_export_csv"), {"region": "36", "sector": "fire"})
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert rows[0][:3] == ["id", "url", "title"]
    assert [r[2] for r in rows[1:]] == ["月湖区部署消防安全工作"]
    response = client.get(reverse("meeting_export_json"), {"sector": "road-traffic"})
    data = json.loads(b"".join(response.streaming_content))
    assert {d["title"] for d in data} == {"贵溪市召开安全生产委员会全体会议", "江夏区道路交通安全会议"}


def test_feed_lists_the_filtered_meetings(client: Client, archive: dict) -> None:
    response = client.get(reverse("meeting_feed"), {"region": "42"})
    assert response.status_code == 200
    body = response.content.decode()
    assert "江夏区道路交通安全会议" in body and "贵溪市" not in body.split("<entry>", 1)[1]


def test_script_in_reports_is_shown_as_text_everywhere(client: Client, archive: dict) -> None:
    evil = make_official(XSS, XSS)
    m = make_meeting(
        title=f"会议{XSS}",
        region=region("360681"),
        sectors=["fire"],
        officials=[(evil, ["presided"], XSS)],
        directives=[(evil, f"指示{XSS}", ["fire"])],
        extra_text=XSS,
        outlet=XSS,
        source=f"seeds/{XSS}.txt",
    )
    urls = [
        reverse("home"),
        reverse("meeting_list"),
        reverse("meeting_list") + "?q=script",
        reverse("meeting_list") + f"?official={evil.pk}",
        reverse("meeting_detail", args=[m.pk]),
        reverse("official_detail", args=[evil.pk]),
        reverse("sector_detail", args=["fire"]),
        reverse("region_detail", args=["360681"]),
        reverse("directive_list"),
        reverse("meeting_list") + "?q=" + XSS,
    ]
    for url in urls:
        html = client.get(url).content.decode()
        assert "<script>alert" not in html, url
    feed = ElementTree.fromstring(client.get(reverse("meeting_feed")).content)
    ns = {"a": "http://www.w3.org/2005/Atom"}
    entry = next(e for e in feed.findall("a:entry", ns) if "script" in e.find("a:title", ns).text)
    assert entry.find("a:title", ns).get("type") in (None, "text")  # a text title cannot run markup
    summary = entry.find("a:summary", ns)
    assert (
        summary.get("type") == "html" and "<script>" not in summary.text and "&lt;script&gt;" in summary.text
    )
    csv_text = b"".join(client.get(reverse("meeting_export_csv")).streaming_content).decode()
    assert XSS in csv_text  # CSV is plain text: kept verbatim, never interpreted
    json_text = b"".join(client.get(reverse("meeting_export_json")).streaming_content).decode()
    assert "<script>" not in json_text and XSS in json.dumps(json.loads(json_text), ensure_ascii=False)
    api_text = client.get(reverse("api_meeting_detail", args=[m.pk])).content.decode()
    assert "<script>" not in api_text


def test_staff_see_the_edit_link(client: Client, archive: dict, admin_user: object) -> None:
    url = reverse("meeting_detail", args=[archive["m1"].pk])
    assert "Edit in admin" not in client.get(url).content.decode()
    client.force_login(admin_user)
    assert f"/meetings/meeting/{archive['m1'].pk}/change/" in client.get(url).content.decode()


def test_csv_cells_cannot_start_formulas(client: Client, archive: dict) -> None:
    make_meeting(title='=HYPERLINK("http://x")', region=region("420115"))
    text = b"".join(client.get(reverse("meeting_export_csv")).streaming_content).decode("utf-8-sig")
    assert "'=HYPERLINK" in text
    assert Meeting.objects.count() == 5 and Official.objects.count() >= 3


def test_search_filters_the_list_the_facets_and_the_directives(client: Client, archive: dict) -> None:
    data = api(client, q="消防")
    assert {r["title"] for r in data["results"]} >= {"月湖区部署消防安全工作"}
    assert sum(v["count"] for v in data["facets"]["language"]) == data["count"]
    assert "<mark>" not in data["results"][0]["snippet"]
    page = client.get(reverse("meeting_list"), {"q": "消防", "sort": "relevance", "region": "36"})
    assert page.status_code == 200 and page.context["sort"] == "relevance"
    assert "<mark>" in page.content.decode()
    directives = client.get(reverse("directive_list"), {"q": "危险化学品"})
    assert [d.text for d in directives.context["page"].object_list] == ["要加强危险化学品企业隐患排查治理"]
    assert directives.context["facets"]["issuer"].values[0].label == "Chen Min"


def test_unfiltered_facets_count_the_link_tables_correctly(client: Client, archive: dict) -> None:
    plain = api(client)
    sectors = {k: v for k, v in facet(plain, "sector").items() if v}
    assert sectors == {"fire": 2, "gas": 1, "road-traffic": 2, "hazardous-chemicals": 1}
    people = {archive[k].pk: n for k, n in (("chen", 1), ("pan", 2), ("wu", 1))}
    assert facet(plain, "official") == {str(pk): n for pk, n in people.items()}
    assert facet(api(client, sort="date"), "sector") == facet(plain, "sector")


# The directive list's facets (region tree, date, sector, issuer) and the official page's paging.
@pytest.fixture
def directives(archive: dict[str, Any]) -> dict[str, Any]:
    """m1 (贵溪 2023) already holds two directives; add 月湖 2023 and 江夏 2022 ones."""
    pan, wu = archive["pan"], archive["wu"]
    make_meeting(
        region=region("360602"),
        date=(2023, 3, 5),
        directives=[(pan, "要抓好冬春火灾防控", ["fire"]), (pan, "要排查燃气管道", ["gas", "fire"])],
    )
    make_meeting(
        region=region("420115"),
        date=(2022, 8, 22),
        directives=[(wu, "要整治道路交通", ["road-traffic"])],
    )
    return archive


def counts(response: Any, name: str) -> dict[str, int]:
    return {v.value: v.count for v in response.context["facets"][name].values}


def get(client: Client, **params: Any) -> Any:
    response = client.get(reverse("directive_list"), params)
    assert response.status_code == 200
    return response


def test_directive_region_tree_counts_everything_under_each_region(client: Client, directives: dict) -> None:
    plain = get(client)
    assert counts(plain, "region") == {"36": 4, "42": 1}
    assert counts(plain, "year") == {"2023": 4, "2022": 1}
    assert plain.context["page"].paginator.count == 5
    # Region, year and total share one query while neither is chosen: with a sector, too.
    fire = get(client, sector="fire", q="要")
    assert counts(fire, "region") == {"36": 2} and counts(fire, "year") == {"2023": 2}
    assert fire.context["page"].paginator.count == 2
    province = get(client, region="36")
    assert counts(province, "region") == {"3606": 4}
    assert [t.value for t in province.context["facets"]["region"].trail] == ["36"]
    assert province.context["page"].paginator.count == 4
    city = get(client, region="3606")
    assert counts(city, "region") == {"360602": 2, "360681": 2}
    assert [t.value for t in city.context["facets"]["region"].trail] == ["36", "3606"]
    html = city.content.decode()
    assert "Yingtan" in html and "All regions" in html


def test_directive_facets_are_disjunctive_under_combined_filters(client: Client, directives: dict) -> None:
    pan, chen = directives["pan"], directives["chen"]
    both = get(client, region="3606", sector="fire")
    assert both.context["page"].paginator.count == 2
    # Region counted with the sector applied, not the region; issuer and year with both applied.
    assert counts(both, "region") == {"360602": 2}
    assert counts(both, "issuer") == {str(pan.pk): 2}
    assert counts(both, "year") == {"2023": 2}
    # The issuer facet ignores the chosen issuer: it says what choosing another would give.
    by_pan = get(client, region="36", issuer=pan.pk)
    assert by_pan.context["page"].paginator.count == 2
    assert counts(by_pan, "issuer") == {str(pan.pk): 2, str(chen.pk): 1}
    assert counts(by_pan, "region") == {"3606": 2}
    # The year facet ignores the date filter; sectors narrow, so they count the current results.
    year = get(client, **{"from": "2023-01-01", "to": "2023-12-31"})
    assert year.context["page"].paginator.count == 4
    assert counts(year, "year") == {"2023": 4, "2022": 1}
    assert [v.label for v in year.context["facets"]["year"].extra["months"] if v.count] == ["Mar", "Oct"]
    fire = get(client, sector="fire")
    assert counts(fire, "sector")["fire"] == 2 and counts(fire, "sector")["gas"] == 1
    assert counts(fire, "sector")["road-traffic"] == 0


def test_directive_state_round_trips_through_the_url(client: Client, directives: dict) -> None:
    pan = directives["pan"]
    response = get(client, q="要", region="3606", sector="fire", issuer=pan.pk, **{"from": "2023-01-01"})
    ctx = response.context
    chips = {c["label"]: c["url"] for c in ctx["chips"]}
    assert set(chips) == {
        "Search: “要”",
        "Region: Yingtan",
        "Sector: Fire safety",
        "Issuer: Pan Lei",
        "From 1 Jan 2023",
    }, chips
    # Removing one chip keeps every other filter.
    again = client.get(chips["Region: Yingtan"]).context["values"]
    assert "region" not in again and again["issuer"] == pan.pk and again["sector"] == ["fire"]
    assert again["q"] == "要" and str(again["date_from"]) == "2023-01-01"
    # Every facet link reproduces the filter it names, and keeps the rest.
    facets = ctx["facets"]
    links = [*facets["region"].values, *facets["region"].trail, *facets["year"].values]
    links += [v for v in facets["sector"].values if v.count or v.selected] + facets["issuer"].values
    for fv in links:
        values = client.get(fv.url).context["values"]
        assert values["q"] == "要", fv.url
    region_link = client.get(facets["region"].values[0].url).context["values"]
    assert region_link["region"] == facets["region"].values[0].value and region_link["issuer"] == pan.pk
    # The page numbers keep the filters too.
    many = get(client, region="36", page_size=1)
    assert "region=36" in many.context["pager"]["next"] and "page=2" in many.context["pager"]["next"]


def test_directive_list_shows_report_text_as_text(client: Client, directives: dict) -> None:
    evil = make_official(XSS, XSS)
    make_meeting(region=region("360681"), directives=[(evil, f"指示{XSS}", ["fire"])])
    for params in ({}, {"issuer": evil.pk, "region": "36"}, {"q": XSS}, {"region": XSS}):
        html = get(client, **params).content.decode()
        assert "<script>alert" not in html, params
    html = get(client, issuer=evil.pk).content.decode()
    assert "Issuer: &lt;script&gt;" in html


def test_directive_list_queries_do_not_grow_with_the_page(client: Client, directives: dict) -> None:
    url = reverse("directive_list") + "?region=36&sector=fire&page_size=5"
    small = _count_queries(client, url)
    _grow(directives, 30)
    assert _count_queries(client, url.replace("page_size=5", "page_size=60")) == small
    assert _count_queries(client, url + "&page=2") == small


def test_official_page_pages_its_meetings_and_directives(client: Client, archive: dict) -> None:
    chen = archive["chen"]
    for i in range(45):
        make_meeting(
            region=region("360681"),
            date=(2020, 1 + i % 12, 1 + i % 28),
            officials=[(chen, ["spoke"], "市委书记" if i else "副市长")],
            directives=[(chen, f"要落实第{i}项", ["fire"])],
        )
    url = reverse("official_detail", args=[chen.pk])
    first = client.get(url, {"page_size": 20})
    ctx = first.context
    assert ctx["meetings"].paginator.count == 46 and len(ctx["meetings"].object_list) == 20
    assert ctx["directives"].paginator.count == 46 and len(ctx["directives"].object_list) == 20
    # The titles cover every meeting, not the first page: 副市长 was only in the oldest ones.
    assert {t.title for t in ctx["titles"]} == {"贵溪市委书记", "市委书记", "副市长"}
    html = first.content.decode()
    assert 'aria-label="Pages of meetings"' in html and 'aria-label="Pages of directives"' in html
    # Each list pages on its own; its links keep the other list's page and the page size.
    second = client.get(url, {"page": 2, "dpage": 3, "page_size": 20}).context
    assert second["meetings"].number == 2 and second["directives"].number == 3
    assert len(second["directives"].object_list) == 6
    nxt = second["meetings_pager"]["next"]
    assert "page=3" in nxt and "dpage=3" in nxt and "page_size=20" in nxt
    prev = second["directives_pager"]["prev"]
    assert "dpage=2" in prev and "page=2" in prev
    seen = {a.pk for p in (1, 2, 3) for a in client.get(url, {"page": p}).context["meetings"].object_list}
    assert len(seen) == 46  # no row twice, none lost across pages
    for bad in ("page=abc", "page=99", "dpage=0", "dpage=99"):
        assert client.get(f"{url}?{bad}").status_code == 404, bad


def test_official_page_query_count_is_constant_as_the_pages_grow(
    client: Client, archive: dict, django_assert_num_queries: Any
) -> None:
    chen = archive["chen"]
    url = reverse("official_detail", args=[chen.pk])
    base = _count_queries(client, url)
    for i in range(60):
        make_meeting(
            region=region("420115"),
            date=(2021, 1 + i % 12, 1 + i % 28),
            officials=[(chen, ["presided"], f"职务{i % 7}")],
            directives=[(chen, f"指示{i}", ["fire", "gas"])],
        )
    for query in ("", "?page=2", "?page=2&dpage=3", "?page_size=100", "?page_size=100&dpage=1"):
        with django_assert_num_queries(base):
            assert client.get(url + query).status_code == 200


def test_every_page_title_names_the_page_then_the_site(client: Client, archive: dict[str, Any]) -> None:
    meeting = Meeting.objects.order_by("pk").first()
    assert meeting is not None
    pages = {
        "/": "Home",
        "/meetings/": "Meetings",
        meeting.get_absolute_url(): meeting.title,
        "/meetings/999999/": "Not found",
    }
    for url, name in pages.items():
        html = client.get(url).content.decode()
        title = html.split("<title>", 1)[1].split("</title>", 1)[0]
        assert title == f"{name} · SafetyHub", (url, title)
