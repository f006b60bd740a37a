"""The relevance set: each query's expected meetings must all be in its top 10 (recall 1.0).

`absent` lists meetings a query must not return at all (exclusions, precision spot checks).
Precision judged by hand on this set is noted in tests/search/README.md.
"""

from __future__ import annotations

import pytest

from safetyhub.meetings.models import Meeting, Official
from safetyhub.meetings.search import meeting_search

from .corpus import all_docs, load

FIRE = {"zh_fire", "zh_hant_fire", "en_fire", "seed001", "seed003"}

# (query, expected in the top 10, must be absent)
CASES: list[tuple[str, set[str], set[str]]] = [
    # Chinese words and compounds
    ("消防", FIRE, {"zh_gas", "en_gas"}),
    ("隐患排查", {"zh_hidden", "seed004"}, {"zh_gas"}),
    ("危化品", {"zh_hazchem", "en_chem"}, {"zh_fire"}),
    ("危险化学品", {"zh_hazchem", "en_chem"}, set()),
    ("非煤矿山", {"zh_mine", "en_mine"}, set()),
    ("燃气", {"zh_gas", "en_gas"}, {"zh_fire"}),
    ("森林防火", {"zh_forest", "en_forest"}, set()),
    ("有限空间", {"zh_confined"}, set()),
    ("电梯", {"zh_elevator", "en_elevator"}, set()),
    ("贵溪市", {"seed004"}, {"zh_fire"}),
    ("贵溪", {"seed004"}, set()),
    ("市委书记", {"seed004"}, set()),
    # English words and their inflections
    ("inspections", {"en_fire", "en_inspect", "seed003"}, set()),
    ("inspected", {"en_fire", "en_inspect"}, set()),
    ("inspecting", {"en_inspect"}, set()),
    ("Jiangxia", {"seed000"}, set()),
    ("Jilin", {"seed001", "seed003"}, {"seed004"}),
    ("2023", {"seed001", "seed002"}, set()),
    ("warning education", {"seed002"}, set()),
    ("cranes accident", {"en_inspect"}, {"en_fire"}),
    # Cross-language: sector keywords in the other language
    ("fire", FIRE, {"zh_gas"}),
    ("hazardous chemicals", {"en_chem", "zh_hazchem"}, set()),
    ("mines", {"zh_mine", "en_mine"}, set()),
    ("gas", {"zh_gas", "en_gas"}, set()),
    ("road traffic", {"zh_traffic", "en_traffic"}, set()),
    ("道路交通", {"zh_traffic", "en_traffic"}, set()),
    ("elevators", {"zh_elevator", "en_elevator"}, set()),
    ("forest fire", {"zh_forest", "en_forest"}, set()),
    ("confined space", {"zh_confined"}, set()),
    # Names in both scripts
    ("Chen Min", {"seed004", "en_fire"}, {"seed000"}),
    ("陈敏", {"seed004", "en_fire"}, set()),
    ("chenmin", {"seed004", "en_fire"}, set()),
    ("潘磊", {"seed004"}, set()),
    ("Pan Lei", {"seed004"}, set()),
    ("黄建军", {"seed004"}, set()),
    ("Huang Jianjun", {"seed004"}, set()),
    ("Zeng Jianhui", {"seed000"}, set()),
    ("Lao Maochang", {"seed002"}, set()),
    ("李海东", {"zh_fire"}, set()),
    ("Li Haidong", {"zh_fire"}, set()),
    ("周明", {"zh_hant_fire"}, set()),
    # Traditional queries
    ("消防安全檢查", {"zh_fire", "zh_hant_fire"}, set()),
    ("應急管理", {"zh_hant_fire"}, set()),
    ("東山縣", {"zh_hant_fire"}, set()),
    # Phrases
    ('"fire protection"', {"seed001", "seed003", "en_fire"}, {"zh_fire"}),
    ('"hidden dangers"', {"seed000", "seed001", "seed003"}, set()),
    ('"道路交通安全"', {"zh_traffic"}, {"en_traffic"}),
    ('"flood control"', {"title_flood", "body_flood"}, set()),
    # Exclusions
    ("fire -forest", FIRE, {"en_forest"}),
    ("fire -forest -森林", FIRE, {"en_forest", "zh_forest"}),
    ("消防 -燃气", {"zh_fire", "zh_hant_fire", "en_fire"}, {"zh_gas", "en_gas", "seed003"}),
    ("消防 -檢查", {"en_fire", "seed003"}, {"zh_fire", "zh_hant_fire"}),
    ('gas -"natural gas"', {"zh_gas"}, {"en_gas"}),
]


@pytest.fixture(scope="module")
def corpus(django_db_setup, django_db_blocker):  # type: ignore[no-untyped-def]
    with django_db_blocker.unblock():
        ids = load(all_docs())
        yield ids
        Meeting.objects.filter(pk__in=ids.values()).delete()
        Official.objects.filter(attendances__isnull=True, directives__isnull=True).delete()


@pytest.mark.django_db
@pytest.mark.parametrize(("query", "expected", "absent"), CASES, ids=[c[0] for c in CASES])
def test_query_finds_its_meetings(corpus, query, expected, absent):  # type: ignore[no-untyped-def]
    by_id = {pk: key for key, pk in corpus.items()}
    results = list(meeting_search(Meeting.objects.all(), query).values_list("id", flat=True))
    top = {by_id[pk] for pk in results[:10]}
    assert expected <= top, f"missing from top 10: {expected - top}"
    found = {by_id[pk] for pk in results}
    assert not (absent & found), f"should not match: {absent & found}"


def test_the_set_is_large_enough():
    assert len(CASES) >= 40


@pytest.mark.django_db
def test_title_matches_rank_above_body_matches(corpus):  # type: ignore[no-untyped-def]
    ranked = list(meeting_search(Meeting.objects.all(), "flood control").values_list("id", flat=True))
    assert ranked.index(corpus["title_flood"]) < ranked.index(corpus["body_flood"])
