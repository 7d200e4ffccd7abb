"""The citizen pages under the anonymous rate limits: a refused case comes back with everything
typed, in Vietnamese; tracking lookups, and failed ones more strictly, are limited."""

from django.urls import reverse

from civicdesk.petitions.models import Case

URL = reverse("petitions:submit")


def test_a_refused_case_keeps_what_the_citizen_typed(client, form_data, settings):
    settings.RATE_ANON_CREATE = "1/min"
    assert client.post(URL, form_data).status_code == 302
    typed = {**form_data, "token": "mot-lan-khac-0123456", "content": "Cống trước nhà số 5 hẻm 12 bị vỡ nắp, rất nguy hiểm."}
    response = client.post(URL, typed)
    assert response.status_code == 429
    assert int(response["Retry-After"]) >= 1
    html = response.content.decode()
    assert "quá nhiều phản ánh từ mạng của bạn" in html
    assert "Cống trước nhà số 5 hẻm 12 bị vỡ nắp, rất nguy hiểm." in html
    assert 'value="0912 345 678"' in html and 'value="mot-lan-khac-0123456"' in html
    assert Case.objects.count() == 1


def test_an_invalid_form_does_not_count(client, form_data, settings):
    settings.RATE_ANON_CREATE = "1/min"
    assert client.post(URL, {**form_data, "content": ""}).status_code == 200
    assert client.post(URL, form_data).status_code == 302


def test_staff_are_not_limited(client, form_data, operator, settings):
    settings.RATE_ANON_CREATE = "1/min"
    client.force_login(operator)
    assert client.post(URL, form_data).status_code == 302
    assert client.post(URL, {**form_data, "token": "lan-hai-0123456789ab"}).status_code == 302


def test_the_tracking_page_is_limited_with_a_friendly_page(client, case, settings):
    settings.RATE_TRACKING = "1/min"
    url = reverse("petitions:track", args=[case.tracking_code])
    assert client.get(url).status_code == 200
    response = client.get(url)
    assert response.status_code == 429
    assert "Retry-After" in response
    html = response.content.decode()
    assert "tra cứu quá nhiều lần" in html
    assert case.tracking_code in html  # the code stays in the box


def test_after_too_many_unknown_codes_a_right_code_is_refused_too(client, case, settings):
    settings.RATE_TRACKING_MISS = "2/min"
    lookup = reverse("petitions:track_lookup")
    assert client.get(lookup, {"ma": "ABCD-EFG2"}).status_code == 200
    assert client.get(reverse("petitions:track", args=["ABCD-EFG3"])).status_code == 404
    response = client.get(lookup, {"ma": case.tracking_code})
    assert response.status_code == 429
    assert case.tracking_code in response.content.decode()
    assert client.get(lookup, {"ma": case.tracking_code}, REMOTE_ADDR="198.51.100.20").status_code == 302
