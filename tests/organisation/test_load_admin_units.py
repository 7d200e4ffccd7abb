from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Count, Q

from civicdesk.organisation.models import AdminUnit, LegacyAdminUnit, LegacyWardMapping


def load(*provinces):
    args = [arg for code in provinces for arg in ("--province", code)]
    call_command("load_admin_units", *args, stdout=StringIO())


@pytest.fixture
def hcmc(db):
    load("79")


def test_it_loads_the_168_wards_of_ho_chi_minh_city(hcmc):
    city = AdminUnit.objects.get(code="79")
    assert city.level == AdminUnit.Level.PROVINCE
    assert city.name == "Thành phố Hồ Chí Minh"
    assert city.children.filter(level=AdminUnit.Level.WARD).count() == 168
    ben_thanh = AdminUnit.objects.get(code="26743")
    assert (ben_thanh.name, ben_thanh.unit_type, ben_thanh.parent) == ("Phường Bến Thành", "Phường", city)
    assert AdminUnit.objects.get(name="Đặc khu Côn Đảo").unit_type == "Đặc khu"


def test_it_loads_the_old_units_that_merged_into_the_city(hcmc):
    old_provinces = set(LegacyAdminUnit.objects.filter(level="province").values_list("name", flat=True))
    assert old_provinces == {"Thành phố Hồ Chí Minh", "Tỉnh Bình Dương", "Tỉnh Bà Rịa - Vũng Tàu"}
    district_1 = LegacyAdminUnit.objects.get(level="district", name="Quận 1")
    assert district_1.children.count() == 10
    new_of_thu_dau_mot = AdminUnit.objects.filter(legacy_wards__parent__name="Thành phố Thủ Dầu Một").distinct()
    assert new_of_thu_dau_mot.exists()
    assert set(new_of_thu_dau_mot.values_list("parent__code", flat=True)) == {"79"}


def test_it_maps_an_old_district_1_ward_to_its_new_ward(hcmc):
    pham_ngu_lao = LegacyAdminUnit.objects.get(level="ward", name="Phường Phạm Ngũ Lão", parent__name="Quận 1")
    mapping = pham_ngu_lao.mappings.get()
    assert mapping.ward.code == "26743"
    assert mapping.is_default


def test_a_split_old_ward_has_exactly_one_default(hcmc):
    da_kao = LegacyAdminUnit.objects.get(level="ward", name="Phường Đa Kao", parent__name="Quận 1")
    targets = {m.ward.name: m.is_default for m in da_kao.mappings.select_related("ward")}
    assert targets == {"Phường Sài Gòn": True, "Phường Tân Định": False}


def test_every_old_ward_of_the_city_has_one_default_new_ward(hcmc):
    counts = LegacyAdminUnit.objects.filter(level="ward").annotate(
        defaults=Count("mappings", filter=Q(mappings__is_default=True)))
    assert counts.count() > 400
    assert not counts.exclude(defaults=1).exists()


def test_an_old_island_district_maps_to_its_special_zone(hcmc):
    con_dao = LegacyAdminUnit.objects.get(level="district", name="Huyện Côn Đảo")
    assert con_dao.current_wards.get().name == "Đặc khu Côn Đảo"


def test_running_twice_updates_in_place(hcmc):
    ward = AdminUnit.objects.get(code="26743")
    ward.name = "Tên sai"
    ward.save()
    counts = (AdminUnit.objects.count(), LegacyAdminUnit.objects.count(), LegacyWardMapping.objects.count())
    load("79")
    assert AdminUnit.objects.get(code="26743").name == "Phường Bến Thành"
    assert AdminUnit.objects.get(code="26743").pk == ward.pk
    assert (AdminUnit.objects.count(), LegacyAdminUnit.objects.count(), LegacyWardMapping.objects.count()) == counts


def test_it_loads_all_of_vietnam_by_default(db):
    load()
    assert AdminUnit.objects.filter(level="province").count() == 34
    assert AdminUnit.objects.filter(level="ward").count() == 3321
    assert LegacyAdminUnit.objects.filter(level="province").count() == 63
    hanoi = AdminUnit.objects.get(code="01")
    assert hanoi.name == "Thành phố Hà Nội"
    assert not LegacyAdminUnit.objects.filter(level="ward").annotate(
        defaults=Count("mappings", filter=Q(mappings__is_default=True))).exclude(defaults=1).exists()


def test_it_rejects_an_unknown_province_code(db):
    with pytest.raises(CommandError, match="Unknown province"):
        load("99")
