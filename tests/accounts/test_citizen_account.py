"""Citizen accounts: sign in with a code sent by e-mail, the cases sent from a proved address become
"Phản ánh của tôi", notification preferences, export and erasure of one's data."""

import io
import json
import re
import zipfile
from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone

from civicdesk.accounts import one_time_codes
from civicdesk.accounts.models import (
    AddressKind,
    CitizenPreferences,
    OneTimeCode,
    Role,
    User,
    VerifiedAddress,
)
from civicdesk.notifications import dispatch
from civicdesk.notifications.models import Event, Notification
from civicdesk.petitions.models import Attachment, Case, ErasureRequest, Follower, MeToo, Status
from civicdesk.petitions.tasks import erase_expired_personal_data
from civicdesk.workflow import following, me_too, operations
from tests.factories import UserFactory
from tests.petitions.factories import CitizenCaseFactory


def _code(inbox, address):
    return re.search(r"\b(\d{6})\b", inbox.to(address)[-1]["body"]).group(1)


def _sign_in(client, inbox, address, capture):
    with capture(execute=True):
        response = client.post("/tai-khoan/dang-nhap/ma/", {"address": address})
    assert response.status_code == 302, response.content.decode()[:500]
    return client.post("/tai-khoan/dang-nhap/ma/nhap/", {"code": _code(inbox, address.lower())})


def test_account_sign_in_with_a_code_claims_the_cases_sent_from_the_address(
        client, category, agency, smtp_inbox, django_capture_on_commit_callbacks):
    sent = CitizenCaseFactory(category=category, agency=agency, reporter_email="Mai.Le@example.vn",
                              title="Rác ở chợ Bến Thành")
    CitizenCaseFactory(category=category, agency=agency, reporter_email="other@example.vn", title="Không phải của Mai")
    response = _sign_in(client, smtp_inbox, "mai.le@example.vn", django_capture_on_commit_callbacks)
    assert response.status_code == 302 and response["Location"] == "/cua-toi/"
    user = User.objects.get(email="mai.le@example.vn")
    assert user.role == Role.CITIZEN and not user.has_usable_password()
    page = client.get("/cua-toi/").content.decode()
    assert "Rác ở chợ Bến Thành" in page and "Không phải của Mai" not in page
    sent.refresh_from_db()
    assert sent.user == user
    # the code went by e-mail, was never stored in clear, and left the notification once sent
    message = smtp_inbox.to("mai.le@example.vn")[-1]
    assert "/nguoi-gui/" not in message["body"]
    sent_code = Notification.objects.get(event=Event.SIGN_IN_CODE)
    assert (sent_code.context, sent_code.recipient, sent_code.state) == ({}, "", "sent")
    assert not OneTimeCode.objects.filter(code_hash__contains=_code(smtp_inbox, "mai.le@example.vn")).exists()


def test_account_signing_in_again_uses_the_same_account(client, db, smtp_inbox, django_capture_on_commit_callbacks):
    _sign_in(client, smtp_inbox, "an@example.vn", django_capture_on_commit_callbacks)
    client.logout()
    _sign_in(client, smtp_inbox, "AN@example.vn", django_capture_on_commit_callbacks)
    assert User.objects.filter(email="an@example.vn").count() == 1


def test_account_code_dies_after_five_wrong_tries(db):
    code = one_time_codes.issue(AddressKind.EMAIL, "x@example.vn", OneTimeCode.Purpose.SIGN_IN)
    wrong = f"{(int(code) + 1) % 10**6:06d}"
    for _ in range(one_time_codes.MAX_ATTEMPTS):
        assert not one_time_codes.check(AddressKind.EMAIL, "x@example.vn", OneTimeCode.Purpose.SIGN_IN, wrong)
    assert not one_time_codes.check(AddressKind.EMAIL, "x@example.vn", OneTimeCode.Purpose.SIGN_IN, code)


def test_account_code_works_once_and_expires(db):
    code = one_time_codes.issue(AddressKind.EMAIL, "y@example.vn", OneTimeCode.Purpose.SIGN_IN)
    assert one_time_codes.check(AddressKind.EMAIL, "y@example.vn", OneTimeCode.Purpose.SIGN_IN, code)
    assert not one_time_codes.check(AddressKind.EMAIL, "y@example.vn", OneTimeCode.Purpose.SIGN_IN, code)
    late = one_time_codes.issue(AddressKind.EMAIL, "y@example.vn", OneTimeCode.Purpose.SIGN_IN)
    OneTimeCode.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    assert not one_time_codes.check(AddressKind.EMAIL, "y@example.vn", OneTimeCode.Purpose.SIGN_IN, late)


def test_account_an_address_gets_at_most_five_codes_an_hour(db):
    for _ in range(one_time_codes.MAX_PER_HOUR):
        one_time_codes.issue(AddressKind.EMAIL, "z@example.vn", OneTimeCode.Purpose.SIGN_IN)
    with pytest.raises(one_time_codes.TooManyCodes):
        one_time_codes.issue(AddressKind.EMAIL, "z@example.vn", OneTimeCode.Purpose.SIGN_IN)


def test_account_code_requests_are_rate_limited_per_client(client, settings, db):
    settings.RATE_CITIZEN_EMAIL = "2/h"
    for n in range(2):
        assert client.post("/tai-khoan/dang-nhap/ma/", {"address": f"p{n}@example.vn"}).status_code == 302
    response = client.post("/tai-khoan/dang-nhap/ma/", {"address": "p9@example.vn"})
    assert response.status_code == 429 and 'id="code-error"' in response.content.decode()


def test_account_staff_cannot_sign_in_with_a_code(client, officer):
    response = client.post("/tai-khoan/dang-nhap/ma/", {"address": officer.email})
    assert response.status_code == 200 and 'id="code-error"' in response.content.decode()
    assert not OneTimeCode.objects.exists()


def test_account_bad_input_is_told_not_a_500(client, db):
    response = client.post("/tai-khoan/dang-nhap/ma/", {"address": "không phải địa chỉ"})
    assert response.status_code == 200 and "errorlist" in response.content.decode()
    assert client.get("/tai-khoan/dang-nhap/ma/nhap/").status_code == 302  # no code asked for yet


def test_account_proves_another_address_and_gets_its_cases(client, category, agency, smtp_inbox,
                                                           django_capture_on_commit_callbacks):
    old = CitizenCaseFactory(category=category, agency=agency, reporter_email="old.box@example.vn", title="Cũ")
    _sign_in(client, smtp_inbox, "new.box@example.vn", django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/tai-khoan/cai-dat/", {"form": "address", "address": "old.box@example.vn"})
    assert response.status_code == 302
    client.post("/tai-khoan/dang-nhap/ma/nhap/", {"code": _code(smtp_inbox, "old.box@example.vn")})
    old.refresh_from_db()
    assert old.user.email == "new.box@example.vn"
    assert VerifiedAddress.objects.filter(user=old.user).count() == 2


def test_account_preferences_silence_steps_but_never_the_answer(case, citizen):
    case.user = citizen
    case.save()
    CitizenPreferences.objects.create(user=citizen, case_steps=False, followed_steps=False)
    assert dispatch.notify_reporter(case, Event.EXTENDED, dedupe_key="x") == []
    assert len(dispatch.notify_reporter(case, Event.ANSWERED, dedupe_key="y")) == 1
    other = CitizenCaseFactory()
    following.follow(other, user=citizen)
    assert following.notify_step(operations.add_note(other, None, "x")) == []  # internal anyway
    event = other.events.create(action="status_changed", to_status="in_progress", created_at=timezone.now())
    assert following.notify_step(event) == []


def test_account_settings_save_preferences(client, citizen):
    client.force_login(citizen)
    client.post("/tai-khoan/cai-dat/", {"form": "preferences", "followed_steps": "on"})
    preferences = CitizenPreferences.objects.get(user=citizen)
    assert (preferences.case_steps, preferences.followed_steps) == (False, True)


def test_account_export_is_a_zip_with_my_cases_and_files(client, citizen, category, agency):
    case = CitizenCaseFactory(category=category, agency=agency, user=citizen, title="Cây đổ đường Pasteur")
    Attachment.objects.create(case=case, original_name="anh.jpg", stored_name="a1.jpg", content_type="image/jpeg",
                              size=4, sha256="0" * 64, file=ContentFile(b"JPEG", name="a1.jpg"))
    me_too.add(CitizenCaseFactory(), user=citizen)
    client.force_login(citizen)
    response = client.get("/tai-khoan/cai-dat/du-lieu.zip")
    assert response["Content-Type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    data = json.loads(archive.read("du-lieu-cua-toi.json"))
    assert data["account"]["email"] == citizen.email
    assert [c["title"] for c in data["cases"]] == ["Cây đổ đường Pasteur"]
    assert len(data["me_too"]) == 1
    assert archive.read(f"tep/{case.tracking_code}/a1.jpg") == b"JPEG"


def test_account_staff_cannot_use_the_citizen_pages(client, officer):
    client.force_login(officer)
    assert client.get("/tai-khoan/cai-dat/").status_code == 403
    assert client.post("/tai-khoan/cai-dat/xoa-du-lieu/", {"confirm": "on"}).status_code == 403


def test_account_erasure_erases_ended_cases_now_and_open_ones_when_they_end(client, citizen, category, agency,
                                                                             operator):
    ended = CitizenCaseFactory(category=category, agency=agency, user=citizen, status=Status.CLOSED,
                               closed_at=timezone.now(), reporter_name="Võ Thị Lan")
    open_case = CitizenCaseFactory(category=category, agency=agency, user=citizen, status=Status.IN_PROGRESS,
                                   reporter_email="lan.vo@example.vn")
    followed = CitizenCaseFactory()
    following.follow(followed, user=citizen)
    me_too.add(followed, user=citizen)
    client.force_login(citizen)
    response = client.post("/tai-khoan/cai-dat/xoa-du-lieu/", {"confirm": "on"})
    assert response.status_code == 200 and 'id="erasure-waiting"' in response.content.decode()
    request = ErasureRequest.objects.get()
    assert request.cases_erased == 1 and request.cases_waiting == [open_case.pk] and request.completed_at is None
    assert request.due_at - request.requested_at == timedelta(hours=72)
    ended.refresh_from_db()
    assert ended.personal_data_erased_at and ended.reporter_name == "" and ended.status == Status.CLOSED
    open_case.refresh_from_db()
    assert open_case.reporter_email == "lan.vo@example.vn"  # the agency still answers it
    citizen.refresh_from_db()
    assert not citizen.is_active and citizen.email == "" and citizen.full_name == ""
    assert not Follower.objects.exists() and MeToo.objects.get().user is None  # still counted, anonymously
    assert me_too.count(followed) == 1
    assert client.get("/cua-toi/").status_code == 302  # signed out

    operations.reject(open_case, operator, kind=operations.RejectionKind.OUT_OF_SCOPE, reason="Đã giải quyết tại chỗ")
    erase_expired_personal_data.delay().get()
    request.refresh_from_db()
    open_case.refresh_from_db()
    assert request.completed_at is not None and open_case.reporter_email == ""
    assert Case.objects.count() == 3  # statistics kept


def test_account_erase_needs_the_confirmation(client, citizen):
    client.force_login(citizen)
    response = client.post("/tai-khoan/cai-dat/xoa-du-lieu/", {})
    assert response.status_code == 200 and "errorlist" in response.content.decode()
    assert not ErasureRequest.objects.exists() and User.objects.get(pk=citizen.pk).is_active


def test_account_password_can_be_set_for_a_code_account(client, db):
    user = UserFactory(username="minh@example.vn", email="minh@example.vn")
    user.set_unusable_password()
    user.save()
    client.force_login(user)
    client.post("/tai-khoan/cai-dat/", {"form": "password", "new_password1": "Bien-Hoa-2026!x",
                                        "new_password2": "Bien-Hoa-2026!x"})
    user.refresh_from_db()
    assert user.check_password("Bien-Hoa-2026!x")
