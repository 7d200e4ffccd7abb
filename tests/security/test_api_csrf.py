"""Issue 12 item 11: a session-authenticated API write needs a CSRF token — another site cannot make
a signed-in citizen's browser file a case in their name with a text/plain form."""

import json

from django.test import Client

from civicdesk.petitions.models import Case

BODY = json.dumps({"content": "Phản ánh giả mạo từ trang khác"})


def test_a_cross_site_text_plain_post_with_the_session_cookie_fails(citizen, routing_rule):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(citizen)
    response = browser.post("/api/v1/cases", BODY, content_type="text/plain", HTTP_ORIGIN="https://evil.example")
    assert response.status_code == 403 and response.json()["code"] == "csrf_failed"
    response = browser.post("/api/v1/cases", BODY, content_type="application/json")
    assert response.status_code == 403
    assert not Case.objects.exists()


def test_the_sites_own_page_with_the_csrf_token_may_post(citizen, routing_rule):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(citizen)
    browser.get("/gui-phan-anh/")  # sets the csrftoken cookie
    token = browser.cookies["csrftoken"].value
    response = browser.post("/api/v1/cases", BODY, content_type="application/json", HTTP_X_CSRFTOKEN=token)
    assert response.status_code == 201
    assert Case.objects.get().user == citizen


def test_anonymous_and_api_key_callers_need_no_csrf_token(routing_rule, api_key):
    anonymous = Client(enforce_csrf_checks=True)
    assert anonymous.post("/api/v1/cases", BODY, content_type="application/json").status_code == 201
    assert anonymous.post("/api/v1/cases", BODY, content_type="application/json",
                          HTTP_X_API_KEY=api_key).status_code == 201
