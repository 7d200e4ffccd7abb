"""Issue 12 item 6: Open311 GET gives ~100 m positions and no address line of a hide-my-name case,
as REST and open data do."""

from civicdesk.petitions.models import Case


def test_open311_rounds_coordinates_and_drops_the_hidden_reporters_address(client, secret_case):
    item = client.get(f"/open311/v2/requests/{secret_case.tracking_code}.json").json()[0]
    assert (item["lat"], item["long"]) == (10.777, 106.701)
    assert item["address"] == ""
    xml = client.get(f"/open311/v2/requests/{secret_case.tracking_code}.xml").content.decode()
    assert "10.776912" not in xml and "Lê Lợi" not in xml


def test_open311_keeps_the_address_of_a_case_that_does_not_hide_its_reporter(client, secret_case):
    Case.objects.filter(pk=secret_case.pk).update(hide_identity=False)
    item = client.get(f"/open311/v2/requests/{secret_case.tracking_code}.json").json()[0]
    assert item["address"] == "Số 7 hẻm 12 Lê Lợi" and item["lat"] == 10.777
