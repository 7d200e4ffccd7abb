from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from civicdesk.accounts.models import Role, User
from civicdesk.answers.models import Answer, Rating
from civicdesk.organisation.models import LegacyAdminUnit, LegacyWardMapping
from civicdesk.petitions import events
from civicdesk.petitions.models import CaseEvent, EventAction, Status

MODELS = [
    "accounts/user", "organisation/adminunit", "organisation/legacyadminunit", "organisation/agency",
    "organisation/routingrule", "petitions/category", "petitions/case", "answers/answer", "answers/rating",
]


@pytest.fixture
def hcmc(db):
    call_command("load_admin_units", "--province", "79", stdout=StringIO())


@pytest.fixture
def answered_case(case, officer, lead):
    events.record(case, EventAction.CREATED, None, to_status=Status.RECEIVED)
    answer = Answer.objects.create(case=case, author=officer, body="Đã sửa xong.", public_body="Đã sửa xong.",
                                   state=Answer.State.APPROVED, approved_by=lead)
    Rating.objects.create(case=case, answer=answer, score=5, comment="Nhanh")
    return case


@pytest.mark.parametrize("model", MODELS)
def test_each_changelist_opens_for_an_administrator(admin_client, hcmc, answered_case, routing_rule, model):
    response = admin_client.get(f"/admin/{model}/")
    assert response.status_code == 200


@pytest.mark.parametrize("model", MODELS)
def test_a_citizen_cannot_open_the_admin(client, citizen, model):
    client.force_login(citizen)
    response = client.get(f"/admin/{model}/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_admin_units_are_found_by_name_and_code(admin_client, hcmc):
    by_name = admin_client.get("/admin/organisation/adminunit/", {"q": "Bến Thành"})
    assert "26743" in by_name.content.decode()
    by_code = admin_client.get("/admin/organisation/adminunit/", {"q": "26743", "level": "ward"})
    assert "Phường Bến Thành" in by_code.content.decode()
    by_province = admin_client.get("/admin/organisation/adminunit/", {"province": "79", "level": "ward"})
    assert by_province.context["cl"].result_count == 168


def test_a_legacy_ward_shows_the_new_ward_it_became(admin_client, hcmc):
    pham_ngu_lao = LegacyAdminUnit.objects.get(level="ward", name="Phường Phạm Ngũ Lão", parent__name="Quận 1")
    listing = admin_client.get("/admin/organisation/legacyadminunit/", {"q": "Phạm Ngũ Lão"})
    assert "Phường Bến Thành" in listing.content.decode()
    page = admin_client.get(reverse("admin:organisation_legacyadminunit_change", args=[pham_ngu_lao.pk]))
    assert page.status_code == 200
    assert LegacyWardMapping.objects.filter(legacy_ward=pham_ngu_lao).count() == 1


def test_an_agency_page_lists_its_staff(admin_client, agency, officer, lead):
    page = admin_client.get(reverse("admin:organisation_agency_change", args=[agency.pk]))
    assert page.status_code == 200
    assert "canbo" in page.content.decode() and "lanhdao" in page.content.decode()


def test_the_routing_table_changes_agency_from_the_list(admin_client, routing_rule, other_agency):
    data = {
        "form-TOTAL_FORMS": "1", "form-INITIAL_FORMS": "1", "form-MIN_NUM_FORMS": "0", "form-MAX_NUM_FORMS": "1000",
        "form-0-id": str(routing_rule.pk), "form-0-agency": str(other_agency.pk), "_save": "Lưu",
    }
    response = admin_client.post("/admin/organisation/routingrule/", data)
    assert response.status_code == 302
    routing_rule.refresh_from_db()
    assert routing_rule.agency == other_agency


def test_an_administrator_gives_a_user_a_role_and_an_agency(admin_client, citizen, agency):
    page = admin_client.get(reverse("admin:accounts_user_change", args=[citizen.pk]))
    form = page.context["adminform"].form
    data = {key: value for key, value in form.initial.items() if value is not None and key != "password"}
    data.update({"role": Role.OFFICER, "agency": agency.pk, "date_joined_0": "2025-07-01",
                 "date_joined_1": "08:00:00", "groups": [], "user_permissions": []})
    data.pop("date_joined", None)
    data.pop("last_login", None)
    response = admin_client.post(reverse("admin:accounts_user_change", args=[citizen.pk]), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    citizen.refresh_from_db()
    assert (citizen.role, citizen.agency) == (Role.OFFICER, agency)


def test_a_user_made_administrator_gets_access_to_the_admin(admin_client, citizen):
    page = admin_client.get(reverse("admin:accounts_user_change", args=[citizen.pk]))
    data = {key: value for key, value in page.context["adminform"].form.initial.items()
            if value is not None and key not in ("password", "date_joined", "last_login")}
    data.update({"role": Role.ADMIN, "date_joined_0": "2025-07-01", "date_joined_1": "08:00:00"})
    admin_client.post(reverse("admin:accounts_user_change", args=[citizen.pk]), data)
    assert User.objects.get(pk=citizen.pk).is_staff


def test_cases_are_found_by_tracking_code_and_phone_and_shown_with_their_history(admin_client, answered_case):
    by_code = admin_client.get("/admin/petitions/case/", {"q": answered_case.tracking_code.lower()})
    assert by_code.context["cl"].result_count == 1
    by_phone = admin_client.get("/admin/petitions/case/", {"q": answered_case.reporter_phone})
    assert by_phone.context["cl"].result_count == 1
    page = admin_client.get(reverse("admin:petitions_case_change", args=[answered_case.pk]))
    assert page.status_code == 200
    assert CaseEvent.objects.filter(case=answered_case).exists()
    assert "Tiếp nhận" in page.content.decode()


def test_cases_cannot_be_changed_in_the_admin(admin_client, case):
    url = reverse("admin:petitions_case_change", args=[case.pk])
    admin_client.post(url, {"status": Status.CLOSED, "title": "Sửa"})
    case.refresh_from_db()
    assert case.status == Status.ASSIGNED
    assert admin_client.get("/admin/petitions/case/add/").status_code == 403

