"""The "Có thể trùng với" panel: suggestions of the intake duplicate search on the staff and agency
case pages, merging with one click, dismissing, and the badge in the triage queue."""

import pytest
from django.db import connection
from django.template.defaultfilters import floatformat
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from civicdesk.accounts.models import Role
from civicdesk.petitions.models import EventAction, Status
from civicdesk.routing.models import PossibleDuplicate
from civicdesk.workflow.intake import NewCase, submit
from tests.factories import CaseFactory, UserFactory, WardFactory

FLOOD = ("Ngập nặng trước nhà", "Đường Lê Thánh Tôn đoạn trước số 120 ngập sâu nửa bánh xe mỗi khi mưa, "
         "cống thoát nước bị nghẹt rác, xe máy chết máy giữa đường.")


@pytest.fixture
def client_for():
    def make(user):
        client = Client()
        client.force_login(user)
        return client

    return make


def _page(client, case, app="workflow"):
    return client.get(reverse(f"{app}:case", args=[case.tracking_code]))


def _panel(html: str) -> str:
    """The panel's markup, or "" when the page has none."""
    start = html.find('id="possible-duplicates"')
    if start == -1 or 'id="possible-duplicates" hidden' in html:
        return ""
    return html[start:html.index("</section>", start)]


def _suggest(case, earlier, score=0.83):
    return PossibleDuplicate.objects.create(case=case, earlier=earlier, score=score, created_at=timezone.now())


@pytest.fixture
def ward(db):
    return WardFactory(name="Phường Bến Thành")


@pytest.fixture
def reported_twice(routing_rule, category, ward):
    """The same flooding reported twice in one ward, through the real intake path."""
    cases = []
    for reporter in ("Nguyễn Văn An", "Trần Thị Bình"):
        case, created = submit(NewCase(title=FLOOD[0], content=FLOOD[1], category=category, ward=ward,
                                       address_text="120 Lê Thánh Tôn", reporter_name=reporter))
        assert created
        cases.append(case)
    return cases


def test_the_case_page_shows_the_suggestion_found_at_intake(client_for, operator, officer, reported_twice):
    first, second = reported_twice
    [found] = PossibleDuplicate.objects.filter(case=second)
    assert found.earlier == first
    for user, app in ((operator, "workflow"), (officer, "answers")):
        panel = _panel(_page(client_for(user), second, app).content.decode())
        assert "Có thể trùng với" in panel
        assert first.tracking_code in panel and first.title in panel
        assert f"độ giống {floatformat(found.score, 2)}" in panel
        assert first.get_status_display() in panel and "120 Lê Thánh Tôn" in panel and str(first.ward) in panel
        assert f"Gộp hồ sơ này vào {first.tracking_code}" in panel
    # The earlier case repeats nothing.
    assert _panel(_page(client_for(operator), first).content.decode()) == ""


def test_suggestions_are_listed_best_score_first(client_for, operator, case, category, agency):
    weaker = CaseFactory(category=category, agency=agency, title="Cống nghẹt rác đầu hẻm")
    stronger = CaseFactory(category=category, agency=agency, title="Ngập sâu trước số 120")
    _suggest(case, weaker, 0.41)
    _suggest(case, stronger, 0.92)
    panel = _panel(_page(client_for(operator), case).content.decode())
    assert panel.index(stronger.tracking_code) < panel.index(weaker.tracking_code)


def test_it_hides_a_suggestion_whose_earlier_case_the_user_cannot_view(client_for, officer, operator, case,
                                                                        category, other_agency):
    elsewhere = CaseFactory(category=category, agency=other_agency)
    _suggest(case, elsewhere)
    assert elsewhere.tracking_code not in _page(client_for(officer), case, "answers").content.decode()
    assert elsewhere.tracking_code not in _page(client_for(officer), case).content.decode()
    assert elsewhere.tracking_code in _panel(_page(client_for(operator), case).content.decode())


def test_the_merge_button_merges_this_case_into_the_earlier_one(client_for, operator, reported_twice):
    first, second = reported_twice
    client = client_for(operator)
    page_url = reverse("workflow:case", args=[second.tracking_code])
    panel = _panel(client.get(page_url).content.decode())
    merge_url = reverse("workflow:action", args=[first.tracking_code, "merge"])
    assert f'action="{merge_url}"' in panel and f'name="codes" value="{second.tracking_code}"' in panel
    response = client.post(merge_url, {"codes": second.tracking_code, "next": page_url}, follow=True)
    assert response.redirect_chain[-1][0] == page_url
    second.refresh_from_db()
    assert second.status == Status.REJECTED and second.duplicate_of == first
    html = response.content.decode()
    assert "Đã gộp 1 hồ sơ trùng" in html
    assert _panel(html) == ""


def test_an_officer_merges_from_the_agency_case_page(client_for, officer, reported_twice):
    first, second = reported_twice
    client = client_for(officer)
    page_url = reverse("answers:case", args=[second.tracking_code])
    assert f"Gộp hồ sơ này vào {first.tracking_code}" in _panel(client.get(page_url).content.decode())
    response = client.post(reverse("workflow:action", args=[first.tracking_code, "merge"]),
                           {"codes": second.tracking_code, "next": page_url}, follow=True)
    assert response.redirect_chain[-1][0] == page_url
    second.refresh_from_db()
    assert second.duplicate_of == first
    assert _panel(response.content.decode()) == ""


@pytest.mark.parametrize("earlier_status", [Status.TRIAGE, Status.IN_PROGRESS, Status.ANSWERED, Status.REJECTED])
@pytest.mark.parametrize("case_status", [Status.TRIAGE, Status.ASSIGNED, Status.AWAITING_APPROVAL])
def test_the_merge_button_shows_exactly_when_the_merge_succeeds(client_for, operator, category, agency,
                                                                earlier_status, case_status):
    earlier = CaseFactory(category=category, agency=agency, status=earlier_status)
    case = CaseFactory(category=category, agency=agency, status=case_status)
    _suggest(case, earlier)
    client = client_for(operator)
    shown = f"Gộp hồ sơ này vào {earlier.tracking_code}" in _panel(_page(client, case).content.decode())
    client.post(reverse("workflow:action", args=[earlier.tracking_code, "merge"]), {"codes": case.tracking_code})
    case.refresh_from_db()
    assert shown == (case.duplicate_of_id == earlier.pk)


def test_no_merge_button_into_a_case_that_is_itself_a_duplicate(client_for, operator, case, category, agency):
    original = CaseFactory(category=category, agency=agency)
    earlier = CaseFactory(category=category, agency=agency, duplicate_of=original)
    _suggest(case, earlier)
    panel = _panel(_page(client_for(operator), case).content.decode())
    assert earlier.tracking_code in panel and "Gộp hồ sơ này vào" not in panel


def test_a_finished_case_shows_no_suggestions(client_for, operator, case, category, agency):
    _suggest(case, CaseFactory(category=category, agency=agency))
    case.status = Status.ANSWERED
    case.save()
    assert _panel(_page(client_for(operator), case).content.decode()) == ""


def test_dismissing_hides_the_suggestion_and_writes_an_internal_note(client_for, officer, reported_twice):
    first, second = reported_twice
    [found] = PossibleDuplicate.objects.filter(case=second)
    client = client_for(officer)
    page_url = reverse("answers:case", args=[second.tracking_code])
    assert f'name="suggestion" value="{found.pk}"' in _panel(client.get(page_url).content.decode())
    response = client.post(reverse("workflow:action", args=[second.tracking_code, "dismiss_duplicate"]),
                           {"suggestion": found.pk, "next": page_url}, follow=True)
    assert response.redirect_chain[-1][0] == page_url
    html = response.content.decode()
    assert "Đã ghi nhận: không trùng" in html
    assert _panel(html) == ""
    found.refresh_from_db()
    assert found.dismissed_at is not None
    event = second.events.get(action=EventAction.NOTE)
    assert (event.actor, event.is_public) == (officer, False)
    assert first.tracking_code in event.note
    assert event.data["possible_duplicate_dismissed"] == found.pk
    # The case itself is unchanged, and a second click writes nothing more.
    second.refresh_from_db()
    assert second.status == Status.ASSIGNED and second.duplicate_of is None
    client.post(reverse("workflow:action", args=[second.tracking_code, "dismiss_duplicate"]), {"suggestion": found.pk})
    assert second.events.filter(action=EventAction.NOTE).count() == 1


def test_dismissing_with_htmx_answers_with_the_panel(client_for, operator, case, category, agency):
    wrong = _suggest(case, CaseFactory(category=category, agency=agency), 0.9)
    right = _suggest(case, CaseFactory(category=category, agency=agency), 0.7)
    response = client_for(operator).post(
        reverse("workflow:action", args=[case.tracking_code, "dismiss_duplicate"]), {"suggestion": wrong.pk},
        HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    html = response.content.decode()
    assert html.lstrip().startswith("<section") and "<html" not in html
    assert wrong.earlier.tracking_code not in html and right.earlier.tracking_code in html
    assert "Đã ghi nhận: không trùng" in html
    # Dismissing the last one leaves an empty target for the next swap (the message stays).
    html = client_for(operator).post(
        reverse("workflow:action", args=[case.tracking_code, "dismiss_duplicate"]), {"suggestion": right.pk},
        HTTP_HX_REQUEST="true").content.decode()
    assert 'id="possible-duplicates"' in html and right.earlier.tracking_code not in html


def test_an_officer_of_another_agency_cannot_dismiss(client_for, other_officer, other_lead, case, category, agency):
    found = _suggest(case, CaseFactory(category=category, agency=agency))
    for user in (other_officer, other_lead):
        response = client_for(user).post(reverse("workflow:action", args=[case.tracking_code, "dismiss_duplicate"]),
                                         {"suggestion": found.pk})
        assert response.status_code == 403
    found.refresh_from_db()
    assert found.dismissed_at is None
    assert not case.events.filter(action=EventAction.NOTE).exists()


def test_a_citizen_and_a_stranger_cannot_dismiss(client, client_for, citizen, case, category, agency):
    found = _suggest(case, CaseFactory(category=category, agency=agency))
    url = reverse("workflow:action", args=[case.tracking_code, "dismiss_duplicate"])
    assert client_for(citizen).post(url, {"suggestion": found.pk}).status_code == 403
    assert client.post(url, {"suggestion": found.pk}).status_code == 302  # to the login page
    found.refresh_from_db()
    assert found.dismissed_at is None


def test_a_suggestion_of_another_case_or_one_the_user_cannot_see_is_not_dismissed(
        client_for, officer, case, category, agency, other_agency):
    unrelated = _suggest(CaseFactory(category=category, agency=agency), CaseFactory(category=category, agency=agency))
    unseen = _suggest(case, CaseFactory(category=category, agency=other_agency))
    client = client_for(officer)
    for found in (unrelated, unseen):
        html = client.post(reverse("workflow:action", args=[case.tracking_code, "dismiss_duplicate"]),
                           {"suggestion": found.pk}, follow=True).content.decode()
        assert "Không tìm thấy gợi ý trùng này." in html
        found.refresh_from_db()
        assert found.dismissed_at is None


def test_the_triage_queue_marks_cases_with_suggestions_at_no_cost_per_row(client_for, operator, category):
    marked, dismissed, _plain = [CaseFactory(status=Status.TRIAGE, agency=None, category=category) for _ in range(3)]
    client = client_for(operator)
    with CaptureQueriesContext(connection) as without:
        html = client.get(reverse("workflow:triage")).content.decode()
    assert "có thể trùng" not in html

    _suggest(marked, CaseFactory(category=category))
    PossibleDuplicate.objects.filter(pk=_suggest(dismissed, CaseFactory(category=category)).pk).update(
        dismissed_at=timezone.now())
    with CaptureQueriesContext(connection) as marked_page:
        html = client.get(reverse("workflow:triage")).content.decode()
    assert html.count("có thể trùng") == 1
    item = html[html.index(f'id="triage-{marked.tracking_code}"'):]
    assert f'{reverse("workflow:case", args=[marked.tracking_code])}#possible-duplicates' in item[:item.index("</li>")]
    # The mark is part of the list's query: the same number of queries with or without marks.
    assert len(marked_page.captured_queries) == len(without.captured_queries)


def test_the_panel_speaks_english_when_asked(client_for, operator, case, category, agency):
    earlier = CaseFactory(category=category, agency=agency)
    _suggest(case, earlier)
    client = client_for(operator)
    client.cookies["django_language"] = "en"
    html = client.get(reverse("workflow:case", args=[case.tracking_code])).content.decode()
    assert "Possible duplicates" in html and "similarity 0.83" in html and f"Merge this case into {earlier.tracking_code}" in html
    assert "Not a duplicate" in html and "Có thể trùng với" not in html


def test_the_admin_lists_suggestions(client_for, case, category, agency):
    admin = UserFactory(username="quantri", role=Role.ADMIN, is_staff=True, is_superuser=True)
    found = _suggest(case, CaseFactory(category=category, agency=agency))
    client = client_for(admin)
    assert client.get(reverse("admin:routing_possibleduplicate_changelist")).status_code == 200
    page = client.get(reverse("admin:routing_possibleduplicate_change", args=[found.pk])).content.decode()
    assert 'name="dismissed_at' in page and 'name="score"' not in page
    assert client.get(reverse("admin:routing_possibleduplicate_add")).status_code == 403
