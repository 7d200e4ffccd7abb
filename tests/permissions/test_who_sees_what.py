"""For every object attached to a case and every persona: what they can see, through the real views
(status codes and page content) and through the permission functions the API and dashboard use."""

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from civicdesk.answers.models import Answer, AnswerAttachment
from civicdesk.petitions import events, permissions
from civicdesk.petitions.models import Attachment, Case, EventAction, Status
from tests.answers.factories import AnswerFactory, RatingFactory, png_bytes
from tests.factories import CaseFactory

NOTE = "GHI-CHU-NOI-BO-7731"
DRAFT = "BAN-NHAP-CHUA-DUYET-5520"
RATING = "NHAN-XET-CUA-NGUOI-DAN-9913"

PERSONAS = ["officer", "lead", "other_officer", "other_lead", "supervisor", "operator", "citizen", "anonymous"]

# What each persona gets for each object: a status code, or shown/hidden for text on a 200 page.
EXPECTED = {
    "officer": dict(inbox="shown", case="200", timeline_note="shown", original_file="200",
                    public_copy_private_case="200", public_copy_public_case="200", draft_answer="shown",
                    draft_answer_file="200", published_answer_file="200", rating="shown"),
    "lead": dict(inbox="shown", case="200", timeline_note="shown", original_file="200",
                 public_copy_private_case="200", public_copy_public_case="200", draft_answer="shown",
                 draft_answer_file="200", published_answer_file="200", rating="shown"),
    "other_officer": dict(inbox="hidden", case="404", timeline_note="404", original_file="404",
                          public_copy_private_case="404", public_copy_public_case="200", draft_answer="404",
                          draft_answer_file="404", published_answer_file="200", rating="404"),
    "other_lead": dict(inbox="hidden", case="404", timeline_note="404", original_file="404",
                       public_copy_private_case="404", public_copy_public_case="200", draft_answer="404",
                       draft_answer_file="404", published_answer_file="200", rating="404"),
    "supervisor": dict(inbox="shown", case="200", timeline_note="shown", original_file="200",
                       public_copy_private_case="200", public_copy_public_case="200", draft_answer="shown",
                       draft_answer_file="200", published_answer_file="200", rating="shown"),
    "operator": dict(inbox="shown", case="200", timeline_note="shown", original_file="200",
                     public_copy_private_case="200", public_copy_public_case="200", draft_answer="hidden",
                     draft_answer_file="404", published_answer_file="200", rating="shown"),
    "citizen": dict(inbox="403", case="404", timeline_note="404", original_file="404",
                    public_copy_private_case="404", public_copy_public_case="200", draft_answer="404",
                    draft_answer_file="404", published_answer_file="200", rating="404"),
    "anonymous": dict(inbox="302", case="302", timeline_note="302", original_file="302",
                      public_copy_private_case="404", public_copy_public_case="200", draft_answer="302",
                      draft_answer_file="302", published_answer_file="200", rating="302"),
}
OBJECTS = list(EXPECTED["officer"])


def _attachment(case):
    item = Attachment(case=case, original_name="anh.png", stored_name=f"{case.pk}.png", content_type="image/png",
                      size=10, sha256="0" * 64)
    item.file.save(item.stored_name, ContentFile(png_bytes()), save=False)
    item.public_file.save(item.stored_name, ContentFile(png_bytes()), save=False)
    item.save()
    return item


def _answer_file(answer):
    item = AnswerAttachment(answer=answer, original_name="cong-van.png", stored_name=f"a{answer.pk}.png",
                            content_type="image/png", size=10, sha256="0" * 64)
    item.file.save(item.stored_name, ContentFile(png_bytes()), save=False)
    item.public_file.save(item.stored_name, ContentFile(png_bytes()), save=False)
    item.save()
    return item


@pytest.fixture
def world(case, officer, lead, category, agency):
    """A case in work (internal note, draft answer with a file, original and public file, rating) and
    a published case of the same agency with an approved answer and its file."""
    case.status = Status.IN_PROGRESS
    case.save()
    events.record(case, EventAction.NOTE, officer, NOTE, is_public=False)
    draft = AnswerFactory(case=case, author=officer, body=DRAFT, state=Answer.State.SUBMITTED)
    RatingFactory(case=case, comment=RATING)
    published = CaseFactory(category=category, agency=agency, status=Status.ANSWERED, is_public=True)
    approved = AnswerFactory(case=published, author=officer, body="Đã xử lý", public_body="Đã xử lý",
                             state=Answer.State.APPROVED, approved_by=lead)
    return {
        "case": case,
        "published": published,
        "attachment": _attachment(case),
        "public_attachment": _attachment(published),
        "draft_file": _answer_file(draft),
        "published_file": _answer_file(approved),
    }


def _shown(response, text):
    if response.status_code != 200:
        return str(response.status_code)
    return "shown" if text in response.content.decode() else "hidden"


def probe(client, world, obj):
    case = world["case"]
    code = case.tracking_code
    if obj == "inbox":
        return _shown(client.get(reverse("answers:inbox") + "?tab=in_progress"), code)
    if obj == "case":
        return str(client.get(reverse("answers:case", args=[code])).status_code)
    if obj == "timeline_note":
        return _shown(client.get(reverse("answers:timeline", args=[code])), NOTE)
    if obj == "original_file":
        return str(client.get(reverse("answers:attachment", args=[code, world["attachment"].pk])).status_code)
    if obj == "public_copy_private_case":
        return str(client.get(reverse("answers:public_attachment", args=[world["attachment"].pk])).status_code)
    if obj == "public_copy_public_case":
        return str(client.get(reverse("answers:public_attachment",
                                      args=[world["public_attachment"].pk])).status_code)
    if obj == "draft_answer":
        return _shown(client.get(reverse("answers:case", args=[code])), DRAFT)
    if obj == "draft_answer_file":
        return str(client.get(reverse("answers:answer_attachment",
                                      args=[code, world["draft_file"].pk])).status_code)
    if obj == "published_answer_file":
        return str(client.get(reverse("answers:public_answer_attachment",
                                      args=[world["published_file"].pk])).status_code)
    if obj == "rating":
        return _shown(client.get(reverse("answers:case", args=[code])), RATING)
    raise AssertionError(obj)


def _persona(request, name):
    return None if name == "anonymous" else request.getfixturevalue(name)


@pytest.mark.parametrize("persona", PERSONAS)
def test_what_each_persona_sees_through_the_views(request, client_for, world, persona):
    client = client_for(_persona(request, persona))
    seen = {obj: probe(client, world, obj) for obj in OBJECTS}
    assert seen == EXPECTED[persona]


@pytest.mark.parametrize("persona", PERSONAS)
def test_the_permission_functions_agree_with_the_views(request, world, persona):
    user = _persona(request, persona)
    case = world["case"]
    expected = EXPECTED[persona]
    staff_view = expected["case"] == "200"
    assert permissions.can_view_case(user, case) is staff_view
    assert Case.objects.visible_to(user).filter(pk=case.pk).exists() is staff_view
    assert permissions.can_view_original_attachment(user, world["attachment"]) is staff_view
    assert permissions.can_view_public_attachment(user, world["attachment"]) is staff_view
    assert permissions.can_view_public_attachment(user, world["public_attachment"]) is True
    note = case.events.get(action=EventAction.NOTE)
    assert permissions.can_view_event(user, note) is staff_view
    assert (NOTE in [e.note for e in permissions.visible_events(user, case)]) is staff_view
    draft = case.answers.get()
    assert permissions.can_view_answer(user, draft) is (expected["draft_answer"] == "shown")
    assert permissions.visible_answers(user, case).exists() is (expected["draft_answer"] == "shown")
    rating = case.ratings.get()
    assert permissions.can_view_rating(user, rating) is (expected["rating"] == "shown")


@pytest.mark.parametrize("persona", PERSONAS)
def test_the_public_reads_only_the_masked_text_and_public_events_of_a_published_case(request, world, persona):
    user = _persona(request, persona)
    published = world["published"]
    events.record(published, EventAction.NOTE, None, NOTE, is_public=False)
    events.record(published, EventAction.PUBLISHED, None, "", is_public=True)
    approved = published.answers.get()
    staff_view = EXPECTED[persona]["case"] == "200"
    assert permissions.can_view_answer(user, approved) is True
    assert permissions.can_view_answer_full_text(user, approved) is staff_view
    notes = [e.note for e in permissions.visible_events(user, published)]
    assert (NOTE in notes) is staff_view
    assert permissions.visible_events(user, published).filter(action=EventAction.PUBLISHED).exists()


@pytest.mark.parametrize("persona", PERSONAS)
def test_only_the_agency_edits_and_only_its_lead_or_a_supervisor_approves(request, world, persona):
    user = _persona(request, persona)
    case = world["case"]
    assert permissions.can_edit_case(user, case) is (persona in ("officer", "lead"))
    assert permissions.can_approve(user, case) is (persona in ("lead", "supervisor"))
    assert permissions.can_assign(user, case) is (persona == "lead")


def test_the_reporters_own_account_sees_their_rating(world, citizen):
    case = world["case"]
    case.user = citizen
    case.save()
    assert permissions.can_view_rating(citizen, case.ratings.get())
    assert not permissions.can_view_case(citizen, case)


def test_a_case_transferred_away_leaves_the_old_agencys_view(client_for, world, officer, other_agency):
    case = world["case"]
    case.agency = other_agency
    case.save()
    assert client_for(officer).get(reverse("answers:case", args=[case.tracking_code])).status_code == 404
    assert not Case.objects.visible_to(officer).filter(pk=case.pk).exists()
