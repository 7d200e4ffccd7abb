"""“Tôi cũng gặp” (me too): one per person, whoever they proved to be; shown on the public pages;
feeding priority and the dashboard's hot spots."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from civicdesk.dashboard import hotspots
from civicdesk.dashboard.figures import Scope
from civicdesk.petitions.models import CaseEvent, EventAction, MeToo, Priority, Status
from civicdesk.workflow import me_too
from tests.factories import CaseFactory
from tests.petitions.factories import CitizenCaseFactory, PublishedCaseFactory


@pytest.fixture
def public_case(category, agency):
    return PublishedCaseFactory(category=category, agency=agency, title="Cống bị tắc ở hẻm 5 Lê Lợi")


def _link(message):
    return re.search(r"https?://\S+/quy-trinh/xac-nhan/\S+/", message["body"]).group(0)


def test_me_too_counts_an_account_once(public_case, citizen):
    first = me_too.add(public_case, user=citizen)
    again = me_too.add(public_case, user=citizen)
    assert (first.added, first.count) == (True, 1)
    assert (again.added, again.count) == (False, 1)
    assert MeToo.objects.filter(case=public_case).count() == 1


def test_me_too_counts_an_account_and_its_proved_address_as_one_person(public_case, citizen):
    me_too.add(public_case, email=citizen.email.upper())
    assert me_too.add(public_case, user=citizen).added is False
    assert me_too.add(public_case, email="someone.else@example.vn").count == 2


def test_me_too_stores_no_address(public_case):
    me_too.add(public_case, email="hoa.le@example.vn")
    row = MeToo.objects.get(case=public_case)
    assert "hoa" not in row.person_key and row.person_key.startswith("e:")


def test_me_too_refuses_the_reporter_and_rejected_cases(public_case, citizen):
    public_case.user = citizen
    public_case.save()
    with pytest.raises(me_too.MeTooRefused):
        me_too.add(public_case, user=citizen)
    with pytest.raises(me_too.MeTooRefused):
        me_too.add(public_case, email=public_case.reporter_email)
    rejected = CaseFactory(status=Status.REJECTED)
    with pytest.raises(me_too.MeTooRefused):
        me_too.add(rejected, email="x@example.vn")


def test_me_too_on_a_merged_case_counts_on_the_main_case(public_case):
    duplicate = CitizenCaseFactory(status=Status.REJECTED, duplicate_of=public_case)
    outcome = me_too.add(duplicate, email="binh@example.vn")
    assert outcome.case == public_case and me_too.count(public_case) == 1


def test_me_too_makes_an_open_case_urgent_at_the_threshold(settings, category, agency):
    settings.ME_TOO_URGENT_AT = 3
    case = CaseFactory(category=category, agency=agency, priority=Priority.NORMAL, status=Status.ASSIGNED,
                       due_at=timezone.now() + timedelta(days=14))
    for n in range(2):
        me_too.add(case, email=f"p{n}@example.vn")
    case.refresh_from_db()
    assert case.priority == Priority.NORMAL
    me_too.add(case, email="p2@example.vn")
    case.refresh_from_db()
    assert case.priority == Priority.URGENT
    assert case.due_at < timezone.now() + timedelta(days=3)
    event = CaseEvent.objects.get(case=case, action=EventAction.CLASSIFIED)
    assert event.is_public is False and event.data["me_too"] == 3 and event.data["previous_priority"] == "normal"


def test_me_too_does_not_touch_the_priority_of_an_answered_case(settings, public_case):
    settings.ME_TOO_URGENT_AT = 1
    me_too.add(public_case, email="a@example.vn")
    public_case.refresh_from_db()
    assert public_case.priority == Priority.NORMAL


def test_me_too_without_an_account_is_counted_after_the_emailed_link(client, public_case, smtp_inbox,
                                                                     django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/quy-trinh/cung-gap/{public_case.tracking_code}/", {"email": "lan@example.vn"})
    assert response.status_code == 200 and "kiểm tra thư điện tử" in response.content.decode()
    assert me_too.count(public_case) == 0
    [message] = smtp_inbox.to("lan@example.vn")
    assert public_case.tracking_code in message["subject"]
    assert "/nguoi-gui/" not in message["body"]  # never the reporter's own link
    link = _link(message)
    path = link.split("://", 1)[1].split("/", 1)[1]
    assert client.get("/" + path).status_code == 200
    assert me_too.count(public_case) == 0  # opening the link (a mail scanner) is not enough
    response = client.post("/" + path)
    assert "1 người cũng gặp" in response.content.decode()
    client.post("/" + path)
    assert me_too.count(public_case) == 1
    page = client.get(f"/cong-khai/{public_case.tracking_code}/").content.decode()
    assert "1 người cũng gặp vấn đề này" in page and 'id="me-too-done"' in page


def test_me_too_asks_once_a_day_per_address(client, public_case, smtp_inbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(3):
            client.post(f"/quy-trinh/cung-gap/{public_case.tracking_code}/", {"email": "lan@example.vn"})
    assert len(smtp_inbox.to("lan@example.vn")) == 1


def test_me_too_emails_are_rate_limited_per_client(client, settings, public_case):
    settings.RATE_CITIZEN_EMAIL = "2/h"
    for n in range(2):
        assert client.post(f"/quy-trinh/cung-gap/{public_case.tracking_code}/",
                           {"email": f"p{n}@example.vn"}).status_code == 200
    response = client.post(f"/quy-trinh/cung-gap/{public_case.tracking_code}/", {"email": "p9@example.vn"})
    assert response.status_code == 429 and response["Retry-After"]


def test_me_too_rejects_a_bad_address_and_a_forged_link(client, public_case):
    response = client.post(f"/quy-trinh/cung-gap/{public_case.tracking_code}/", {"email": "not-an-address"},
                           follow=True)
    assert response.status_code == 200 and me_too.count(public_case) == 0
    assert 'class="msg msg-error"' in response.content.decode()
    assert client.post("/quy-trinh/xac-nhan/forged:token/").status_code == 400


def test_me_too_signed_in_is_one_click(client, public_case, citizen):
    client.force_login(citizen)
    response = client.post(f"/quy-trinh/cung-gap/{public_case.tracking_code}/", follow=True)
    assert response.status_code == 200 and me_too.count(public_case) == 1
    assert 'id="me-too-done"' in response.content.decode()


def test_me_too_count_shows_in_the_public_list(client, public_case):
    for n in range(3):
        me_too.add(public_case, email=f"n{n}@example.vn")
    page = client.get("/cong-khai/").content.decode()
    assert "3 người cũng gặp" in page


def test_me_too_feeds_the_hot_spots(category, agency):
    today = timezone.localdate()
    case = CaseFactory(category=category, agency=agency, created_at=timezone.now() - timedelta(days=20))
    scope = Scope(start=today - timedelta(days=6), end=today)
    assert hotspots.find(scope, today, "category") == []
    for n in range(6):
        me_too.add(case, email=f"h{n}@example.vn")
    [spot] = hotspots.find(scope, today, "category")
    assert spot["id"] == category.pk and spot["this_week"] == 6 and spot["me_too"] == 6


def test_me_too_in_hot_spots_respects_the_agency_scope(category, agency, other_agency):
    today = timezone.localdate()
    case = CaseFactory(category=category, agency=other_agency)
    for n in range(6):
        me_too.add(case, email=f"s{n}@example.vn")
    scope = Scope(start=today - timedelta(days=6), end=today, agency_id=agency.pk)
    assert [s for s in hotspots.find(scope, today, "category") if s["me_too"]] == []
