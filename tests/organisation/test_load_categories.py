import json
from io import StringIO
from pathlib import Path

from django.core.management import call_command

from civicdesk.petitions.models import Category
from civicdesk.routing.normalise import fold, normalise

SHARED = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "categories.json"  # ../shared/data
PRODUCT = Path(__file__).resolve().parents[2] / "civicdesk" / "petitions" / "data" / "categories.json"


def load(*args):
    call_command("load_categories", *args, stdout=StringIO())


def test_the_product_file_has_the_15_shared_codes_and_names():
    product = json.loads(PRODUCT.read_text(encoding="utf-8"))
    expected_codes = [
        "giao-thong", "ha-tang-do-thi", "moi-truong", "trat-tu-do-thi", "xay-dung", "dat-dai",
        "an-ninh-trat-tu", "y-te", "an-toan-thuc-pham", "giao-duc", "an-sinh-xa-hoi", "dien-nuoc",
        "thu-tuc-hanh-chinh", "kinh-te-thi-truong", "khac",
    ]
    assert [c["code"] for c in product] == expected_codes
    if SHARED.exists():
        shared = json.loads(SHARED.read_text(encoding="utf-8"))
        assert [(c["code"], c["name"]) for c in product] == [(c["code"], c["name"]) for c in shared]
    owner: dict[str, str] = {}
    for item in product:
        assert 15 <= len(item["keywords"]) <= 120, item["code"]
        assert len({k.casefold() for k in item["keywords"]}) == len(item["keywords"]), item["code"]
        assert item["sla_days_normal"] <= item["sla_days_complex"]
        for keyword in item["keywords"]:
            # matched without diacritics: a phrase must point to one category only
            folded = fold(normalise(keyword))
            assert owner.setdefault(folded, item["code"]) == item["code"], (keyword, owner[folded], item["code"])


def test_it_loads_the_categories_with_keywords_and_deadlines(db):
    load()
    assert Category.objects.count() == 15
    health = Category.objects.get(code="y-te")
    assert health.name == "Y tế"
    assert "bệnh viện" in health.keywords.splitlines()
    assert health.sla_days_normal < 10
    assert Category.objects.first().code == "giao-thong"


def test_loading_again_keeps_what_an_administrator_changed(db):
    load()
    health = Category.objects.get(code="y-te")
    health.sla_days_normal = 2
    health.keywords += "\nphòng khám đa khoa"
    health.name = "Tên cũ"
    health.save()
    Category.objects.create(code="nha-o-xa-hoi", name="Nhà ở xã hội")
    load()
    health.refresh_from_db()
    assert (health.name, health.sla_days_normal) == ("Y tế", 2)
    assert "phòng khám đa khoa" in health.keywords.splitlines()
    assert health.keywords.splitlines().count("bệnh viện") == 1
    assert Category.objects.filter(code="nha-o-xa-hoi").exists()
    assert Category.objects.count() == 16


def test_overwrite_resets_the_deadlines(db):
    load()
    Category.objects.filter(code="y-te").update(sla_days_normal=2)
    load("--overwrite")
    assert Category.objects.get(code="y-te").sla_days_normal == 5
