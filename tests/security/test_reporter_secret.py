"""Issue 12 items 1–2: the tracking code shows only what is public; the full view, rating and
reopening need proof of being the reporter (secret link, owning account, X-Reporter-Token)."""

import json

from django.core import mail
from django.test import Client

from civicdesk.answers.models import Rating
from civicdesk.petitions import reporter_access
from civicdesk.petitions.models import Case, Status
from civicdesk.workflow.intake import NewCase, submit
from tests.security.conftest import PHONE, REPORTER, leaks


def _track(client, case):
    return client.get(f"/tra-cuu/{case.tracking_code}/").content.decode()


def test_the_tracking_page_shows_a_stranger_only_the_masked_public_view(client, secret_case):
    html = _track(client, secret_case)
    assert leaks(html) == []
    assert "báo ống nước vỡ trước nhà" in html  # the masked title, in the <h1>
    assert "đơn vị đã sửa ống nước" in html  # the public answer
    assert "Số 7 hẻm 12" not in html  # the address line may be the reporter's home
    assert 'id="rating-submit"' not in html and 'id="reporter-proof"' in html


def test_the_rest_lookup_shows_a_stranger_only_the_masked_public_view(client, secret_case):
    response = client.get(f"/api/v1/cases/{secret_case.tracking_code}")
    assert response.status_code == 200
    body = response.json()
    assert body["reporter_verified"] is False
    assert leaks(json.dumps(body, ensure_ascii=False)) == []
    assert body["answer"] == "Kính gửi bà ***: đơn vị đã sửa ống nước."


def test_the_secret_link_opens_the_full_view_and_leaves_no_secret_in_the_address(client, secret_case):
    link = reporter_access.secret_link(secret_case, absolute=False)
    response = client.get(link)
    assert response.status_code == 302 and response.url == f"/tra-cuu/{secret_case.tracking_code}/"
    assert response["Referrer-Policy"] == "no-referrer"
    html = _track(client, secret_case)
    assert REPORTER in html and "Số 7 hẻm 12" in html
    assert f"Kính gửi bà {REPORTER}" in html  # the answer as written, for its addressee
    assert 'id="rating-submit"' in html


def test_a_wrong_secret_is_refused_and_grants_nothing(client, secret_case):
    response = client.get(f"/tra-cuu/{secret_case.tracking_code}/nguoi-gui/{'0' * 32}/")
    assert response.status_code == 403 and "không phải đường dẫn riêng" in response.content.decode()
    assert leaks(_track(client, secret_case)) == []


def test_only_a_hash_of_the_secret_is_stored(routing_rule):
    case, _ = submit(NewCase(title="Đèn đường hỏng", content="Đèn đường hỏng ở ngã tư", category=routing_rule.category))
    secret = reporter_access.secret_for(case)
    row = Case.objects.filter(pk=case.pk).values().get()
    assert secret not in str(row)
    assert row["reporter_secret_hash"] == reporter_access.hash_of(secret)


def test_the_receipt_e_mail_carries_the_secret_link(routing_rule, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        case, _ = submit(NewCase(title="Rác tồn đọng", content="Rác tồn đọng ở chợ", category=routing_rule.category,
                                 reporter_email="nguoi.gui@example.com"))
    assert len(mail.outbox) == 1
    assert reporter_access.secret_link(case) in mail.outbox[0].body


def test_the_browser_that_sent_the_case_is_its_reporter(client, routing_rule, category):
    from civicdesk.petitions.forms import new_form_token

    response = client.post("/gui-phan-anh/", {
        "kind": "report", "title": "Đèn đường hỏng", "content": "Ba cột đèn trước số 12 Lê Lợi tắt cả tuần.",
        "category": str(category.pk), "reporter_type": "person", "reporter_name": "Lê Văn Cường",
        "reporter_phone": "0912 345 678",
        "consent": "on", "token": new_form_token()})
    assert response.status_code == 302
    page = client.get("/gui-phan-anh/da-gui/").content.decode()
    case = Case.objects.get()
    assert reporter_access.secret_link(case, absolute=False) in page  # shown once, to keep
    assert 'id="reporter-proof"' not in _track(client, case)  # this browser: the full view
    assert 'id="reporter-proof"' in _track(Client(), case)  # another: the public one


def test_a_stranger_cannot_rate_or_reopen_with_the_public_code(client, secret_case):
    code = secret_case.tracking_code
    rate = client.post(f"/quy-trinh/danh-gia/{code}/", {"score": "1", "comment": "tệ"})
    reopen = client.post(f"/quy-trinh/mo-lai/{code}/", {"reason": "chưa xong"})
    assert (rate.status_code, reopen.status_code) == (403, 403)
    secret_case.refresh_from_db()
    assert secret_case.status == Status.ANSWERED and not Rating.objects.filter(case=secret_case).exists()


def test_the_owning_account_may_rate_and_reopen(client, secret_case, citizen):
    client.force_login(citizen)
    code = secret_case.tracking_code
    assert REPORTER in _track(client, secret_case)
    assert client.post(f"/quy-trinh/danh-gia/{code}/", {"score": "1", "comment": "tệ"}).status_code == 302
    assert client.post(f"/quy-trinh/mo-lai/{code}/", {"reason": "chưa xong"}).status_code == 302
    secret_case.refresh_from_db()
    assert secret_case.status == Status.IN_PROGRESS and Rating.objects.filter(case=secret_case, score=1).exists()


def test_another_citizen_account_is_not_the_reporter(client, secret_case):
    from tests.factories import UserFactory

    client.force_login(UserFactory(username="nguoi.khac", role="citizen"))
    assert leaks(_track(client, secret_case)) == []
    assert client.post(f"/quy-trinh/mo-lai/{secret_case.tracking_code}/", {"reason": "x"}).status_code == 403


def test_the_rest_lookup_with_the_reporter_token_is_full(client, secret_case):
    url = f"/api/v1/cases/{secret_case.tracking_code}"
    body = client.get(url, HTTP_X_REPORTER_TOKEN=reporter_access.secret_for(secret_case)).json()
    assert body["reporter_verified"] is True and REPORTER in body["title"] and PHONE in body["content"]
    wrong = client.get(url, HTTP_X_REPORTER_TOKEN="f" * 32)
    assert wrong.status_code == 403 and wrong.json()["code"] == "invalid_reporter_token"


def test_the_api_create_returns_the_reporter_token(client, routing_rule):
    response = client.post("/api/v1/cases", {"content": "Cây đổ chắn đường", "category": routing_rule.category.code},
                           content_type="application/json")
    assert response.status_code == 201
    case = Case.objects.get(tracking_code=response.json()["tracking_code"])
    assert response.json()["reporter_token"] == reporter_access.secret_for(case)
    assert reporter_access.secret_matches(case, response.json()["reporter_token"])
