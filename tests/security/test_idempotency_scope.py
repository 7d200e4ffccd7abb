"""Issue 12 item 12: Idempotency-Key belongs to its caller (API key, session, client IP), and the
same key with another body is refused (422) rather than replayed."""

import json

from django.test import Client

from civicdesk.petitions.models import Case


def _post(client, content, key, **extra):
    return client.post("/api/v1/cases", json.dumps({"content": content}), content_type="application/json",
                       HTTP_IDEMPOTENCY_KEY=key, **extra)


def test_two_anonymous_callers_with_the_same_key_get_their_own_cases(client, routing_rule):
    first = _post(client, "Ổ gà đường Hai Bà Trưng", "k-1", REMOTE_ADDR="203.0.113.1")
    second = _post(client, "Ổ gà đường Hai Bà Trưng", "k-1", REMOTE_ADDR="203.0.113.2")
    assert first.status_code == second.status_code == 201
    assert first.json()["tracking_code"] != second.json()["tracking_code"]
    assert "Idempotent-Replayed" not in second
    assert Case.objects.count() == 2


def test_the_same_caller_and_body_is_replayed(client, routing_rule):
    first = _post(client, "Ổ gà đường Hai Bà Trưng", "k-2")
    again = _post(client, "Ổ gà đường Hai Bà Trưng", "k-2")
    assert again.status_code == 201 and again["Idempotent-Replayed"] == "true"
    assert again.json()["tracking_code"] == first.json()["tracking_code"]
    assert Case.objects.count() == 1


def test_the_same_key_with_another_body_is_422(client, routing_rule):
    _post(client, "Ổ gà đường Hai Bà Trưng", "k-3")
    response = _post(client, "Một phản ánh hoàn toàn khác", "k-3")
    assert response.status_code == 422 and response.json()["code"] == "idempotency_key_reused"
    assert "nội dung khác" in response.json()["detail"]
    assert Case.objects.count() == 1


def test_an_api_key_a_session_and_an_anonymous_caller_have_separate_keys(routing_rule, api_key, citizen):
    anonymous, signed_in = Client(), Client()
    signed_in.force_login(citizen)
    codes = {
        _post(anonymous, "Cây đổ", "same").json()["tracking_code"],
        _post(anonymous, "Cây đổ", "same", HTTP_X_API_KEY=api_key).json()["tracking_code"],
        _post(signed_in, "Cây đổ", "same").json()["tracking_code"],
    }
    assert len(codes) == 3
