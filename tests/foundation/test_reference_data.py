import pytest

from safetyhub.meetings.models import Region, Sector
from safetyhub.meetings.reference import regions_load, sectors_load

from ..conftest import SHARED

pytestmark = pytest.mark.django_db


def path_of(code: str) -> list[str]:
    return Region.objects.get(code=code).path_zh


def test_the_gazetteer_has_every_level() -> None:
    assert Region.objects.filter(level="province").count() == 34
    assert Region.objects.filter(level="prefecture").count() > 320
    assert Region.objects.filter(level="county").count() > 2800


@pytest.mark.parametrize(
    ("code", "path", "name_en"),
    [
        ("420115", ["湖北省", "武汉市", "江夏区"], "Jiangxia"),
        ("440703", ["广东省", "江门市", "蓬江区"], "Pengjiang"),
        ("360681", ["江西省", "鹰潭市", "贵溪市"], "Guixi"),
        ("2202", ["吉林省", "吉林市"], "Jilin"),
        ("22", ["吉林省"], "Jilin"),
        ("371722", ["山东省", "菏泽市", "单县"], "Shan"),
        ("110105", ["北京市", "朝阳区"], "Chaoyang"),
        ("429004", ["湖北省", "仙桃市"], "Xiantao"),
    ],
)
def test_regions_sit_under_their_parents(code: str, path: list[str], name_en: str) -> None:
    assert path_of(code) == path
    assert Region.objects.get(code=code).name_en == name_en


def test_jilin_city_and_province_are_distinct() -> None:
    assert Region.objects.get(code="2202").parent == Region.objects.get(code="22")


def test_known_development_zones_sit_under_their_city() -> None:
    zone = Region.objects.get(name_zh="吉林高新技术产业开发区")
    assert zone.level == "zone"
    assert zone.parent and zone.parent.code == "2202"
    assert not zone.in_gazetteer
    assert zone.code.startswith("2202")


def test_coordinates_are_kept() -> None:
    guixi = Region.objects.get(code="360681")
    assert guixi.latitude and guixi.longitude


def test_loading_twice_changes_nothing() -> None:
    before = list(Region.objects.values_list("code", "parent_id", "name_en"))
    assert regions_load().created == 0
    again = regions_load()
    assert (again.created, again.updated) == (0, 0)
    assert list(Region.objects.values_list("code", "parent_id", "name_en")) == before
    sectors = sectors_load()
    assert (sectors.created, sectors.updated) == (0, 0)


def test_every_vocabulary_sector_is_loaded() -> None:
    import json

    vocab = json.loads((SHARED / "vocab" / "sectors.json").read_text(encoding="utf-8"))
    slugs = {s["slug"] for s in vocab["sectors"]}
    assert slugs <= set(Sector.objects.values_list("slug", flat=True))
    fire = Sector.objects.get(slug="fire")
    assert "消防" in fire.keywords_zh and "fire safety" in fire.keywords_en


def test_editor_added_keywords_survive_a_reload() -> None:
    fire = Sector.objects.get(slug="fire")
    fire.keywords_zh = [*fire.keywords_zh, "灭火"]
    fire.save()
    sectors_load()
    assert "灭火" in Sector.objects.get(slug="fire").keywords_zh
