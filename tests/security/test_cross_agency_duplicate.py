"""Issue 12 item 13: a lead cannot mark their case a duplicate of another agency's case — no event is
written there, and the answer does not tell whether the code exists."""

from civicdesk.petitions.models import CaseEvent, Status
from tests.factories import CaseFactory


def _reject_as_duplicate(client, case, original_code):
    return client.post(f"/quy-trinh/ho-so/{case.tracking_code}/reject/",
                       {"kind": "duplicate", "original": original_code, "reason": ""}, follow=True)


def test_a_lead_cannot_merge_into_another_agencys_case(client, lead, case, other_agency, category):
    theirs = CaseFactory(category=category, agency=other_agency, status=Status.IN_PROGRESS)
    events_before = CaseEvent.objects.filter(case=theirs).count()
    client.force_login(lead)
    response = _reject_as_duplicate(client, case, theirs.tracking_code)
    unknown = _reject_as_duplicate(client, case, "ZZZZ-ZZZZ")
    case.refresh_from_db()
    assert case.status != Status.REJECTED and case.duplicate_of is None
    assert CaseEvent.objects.filter(case=theirs).count() == events_before
    # The same refusal as for a code that does not exist.
    theirs_text = response.content.decode().replace(theirs.tracking_code, "CODE")
    unknown_text = unknown.content.decode().replace("ZZZZ-ZZZZ", "CODE")
    assert response.status_code == unknown.status_code
    assert "Không tìm thấy phản ánh gốc CODE" in theirs_text and "Không tìm thấy phản ánh gốc CODE" in unknown_text


def test_a_lead_may_still_merge_into_their_own_agencys_case(client, lead, case, category, agency):
    ours = CaseFactory(category=category, agency=agency, status=Status.IN_PROGRESS)
    client.force_login(lead)
    _reject_as_duplicate(client, case, ours.tracking_code)
    case.refresh_from_db()
    assert case.status == Status.REJECTED and case.duplicate_of == ours


def test_merging_another_agencys_case_away_is_not_found_either(client, officer, case, other_agency, category):
    theirs = CaseFactory(category=category, agency=other_agency, status=Status.IN_PROGRESS)
    client.force_login(officer)
    response = client.post(f"/quy-trinh/ho-so/{case.tracking_code}/merge/", {"codes": theirs.tracking_code},
                           follow=True)
    theirs.refresh_from_db()
    assert theirs.status == Status.IN_PROGRESS and theirs.duplicate_of is None
    assert response.status_code != 403 and "Không tìm thấy" in response.content.decode()
