"""Erasing personal data when the retention period is over (the privacy page's promise)."""

import json
import os
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.forms.models import model_to_dict
from django.urls import reverse
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from civicdesk.answers.models import AnswerAttachment, Rating
from civicdesk.api.opendata import published_cases, row
from civicdesk.dashboard.models import CaseFact, DailyFigure
from civicdesk.lib.masking import mask_personal_data
from civicdesk.notifications import dispatch
from civicdesk.notifications.models import Event, Notification
from civicdesk.petitions import attachments, events
from civicdesk.petitions.attachments import CheckedFile
from civicdesk.petitions.models import Attachment, Case, CaseEvent, EventAction, Status
from civicdesk.petitions.retention import due_for_erasure, erase_expired_personal_data, retention_cutoff
from tests.factories import UserFactory
from tests.petitions.factories import CitizenCaseFactory, approve_answer, jpeg_with_gps

NAME, EMAIL, PHONE = "Trần Thị Bình", "binh.tran@example.vn", "0912345678"
SECRETS = (NAME, EMAIL, PHONE)


def _photo() -> CheckedFile:
    return CheckedFile(name="CCCD Tran Thi Binh.jpg", content=jpeg_with_gps(), content_type="image/jpeg",
                       extension="jpg")


def _ended_case(years_ago: float = 6, status: str = Status.CLOSED, **fields) -> Case:
    """A case with everything that holds the reporter's data: fields, account, files, a message
    to the reporter, an internal note naming them and a rating comment."""
    ended = timezone.now() - timedelta(days=int(365.25 * years_ago))
    defaults = {"reporter_name": NAME, "reporter_email": EMAIL, "reporter_phone": PHONE,
                "user": UserFactory(role="citizen"), "consent_at": ended - timedelta(days=20),
                "title": f"Ngập nước trước nhà bà {NAME}",
                "content": f"Tôi là {NAME}, gọi {PHONE} hoặc {EMAIL}. Nước ngập tới nửa bánh xe.",
                "status": status, "closed_at": ended, "created_at": ended - timedelta(days=20)}
    case = CitizenCaseFactory(**(defaults | fields))
    attachments.store(case, _photo())
    dispatch.notify_reporter(case, Event.RECEIVED)
    events.record(case, EventAction.NOTE, None, f"Bà {NAME} gọi lại từ số {PHONE}", is_public=False,
                  data={"caller": PHONE})
    Rating.objects.create(case=case, score=2, comment=f"{NAME}: chưa hài lòng, gọi {PHONE}")
    return case


@pytest.fixture
def erase(django_capture_on_commit_callbacks):
    """The erasure as it runs for real: files leave the storage once the batch has committed."""
    def run(**options):
        with django_capture_on_commit_callbacks(execute=True):
            return erase_expired_personal_data(**options)
    return run


def _paths(case: Case) -> list[str]:
    return [f.path for a in Attachment.objects.filter(case=case) for f in (a.file, a.public_file) if f]


def _everything(case: Case) -> str:
    """Every stored text of the case, as one string to search for the reporter's data."""
    case.refresh_from_db()
    parts = [json.dumps(model_to_dict(case), default=str, ensure_ascii=False)]
    parts += [f"{e.note} {json.dumps(e.data, ensure_ascii=False)}" for e in case.events.all()]
    parts += [f"{n.recipient} {json.dumps(n.context, ensure_ascii=False)} {n.error}" for n in case.notifications.all()]
    parts += [r.comment for r in case.ratings.all()]
    parts += [f"{a.body} {a.public_body} {a.review_note}" for a in case.answers.all()]
    parts += [a.original_name for a in Attachment.objects.filter(case=case)]
    return "\n".join(parts)


def test_a_case_closed_longer_ago_than_the_period_loses_its_personal_data(db, erase):
    case = _ended_case()
    files = _paths(case)
    assert len(files) == 2 and all(os.path.exists(p) for p in files)
    consent_at = case.consent_at

    counts = erase(years=5)

    assert (counts.cases, counts.notifications, counts.files) == (1, 1, 2)
    case.refresh_from_db()
    assert (case.reporter_name, case.reporter_email, case.reporter_phone, case.user) == ("", "", "", None)
    assert case.personal_data_erased_at is not None
    assert case.consent_at == consent_at  # the proof of consent stays
    assert case.status == Status.CLOSED and case.category_id and case.agency_id
    assert "Nước ngập tới nửa bánh xe" in case.content
    for secret in SECRETS:
        assert secret not in _everything(case)
    assert not any(os.path.exists(p) for p in files)
    assert not Attachment.objects.filter(case=case).exists()  # not published: no copy is kept
    assert list(Notification.objects.filter(case=case).values_list("recipient", "context")) == [("", {})]
    erased = case.events.get(action=EventAction.PERSONAL_DATA_ERASED)
    assert not erased.is_public and erased.actor is None
    assert erased.data["files"] == 2 and erased.data["notifications"] == 1 and erased.data["retention_years"] == 5


def test_a_rejected_case_is_erased_too(db, erase):
    case = _ended_case(status=Status.REJECTED, rejection_reason=f"Bà {NAME} gửi trùng")
    erase(years=5)
    case.refresh_from_db()
    assert case.reporter_name == "" and NAME not in case.rejection_reason


def test_recent_open_and_answered_cases_are_untouched(db, erase):
    recent = _ended_case(years_ago=4)
    still_open = _ended_case(status=Status.IN_PROGRESS, closed_at=None)
    # answered long ago but not closed yet: the reopening period decides, then the close sets closed_at
    answered = _ended_case(status=Status.ANSWERED, closed_at=None, answered_at=timezone.now() - timedelta(days=3000))
    before = {c.pk: (_everything(c), _paths(c)) for c in (recent, still_open, answered)}

    assert erase(years=5).cases == 0

    for case in (recent, still_open, answered):
        assert (_everything(case), _paths(case)) == before[case.pk]
        assert all(os.path.exists(p) for p in _paths(case))
        assert case.personal_data_erased_at is None


def test_a_duplicate_waits_for_the_case_it_was_merged_into(db, erase):
    original = _ended_case(status=Status.IN_PROGRESS, closed_at=None)
    duplicate = _ended_case(status=Status.REJECTED, duplicate_of=original)
    assert erase(years=5).cases == 0
    original.status, original.closed_at = Status.CLOSED, timezone.now() - timedelta(days=2200)
    original.save()
    assert erase(years=5).cases == 2
    duplicate.refresh_from_db()
    assert duplicate.reporter_email == ""


def test_a_second_run_does_nothing(db, erase):
    case = _ended_case()
    erase(years=5)
    rows = list(CaseEvent.objects.filter(case=case).values())

    counts = erase(years=5)

    assert (counts.cases, counts.notifications, counts.files) == (0, 0, 0)
    assert list(CaseEvent.objects.filter(case=case).values()) == rows
    assert not due_for_erasure(retention_cutoff(timezone.now(), 5)).exists()


def test_cases_are_processed_in_batches(db, erase):
    cases = [_ended_case() for _ in range(5)]
    assert erase(years=5, batch_size=2).cases == 5
    assert Case.objects.filter(pk__in=[c.pk for c in cases], personal_data_erased_at__isnull=True).count() == 0


def test_the_dry_run_counts_and_writes_nothing(db):
    case = _ended_case()
    before, files = _everything(case), _paths(case)
    out = StringIO()

    call_command("purge_personal_data", "--dry-run", "--years", "5", stdout=out)

    assert "Sẽ xóa dữ liệu cá nhân của 1 hồ sơ kết thúc quá 5 năm: 1 thông báo, 2 tệp" in out.getvalue()
    assert _everything(case) == before
    assert all(os.path.exists(p) for p in files)
    assert not case.events.filter(action=EventAction.PERSONAL_DATA_ERASED).exists()


def test_the_command_erases_and_reports_in_vietnamese(db, settings):
    settings.PERSONAL_DATA_RETENTION_YEARS = 5
    _ended_case()
    _ended_case(years_ago=2)
    out = StringIO()
    call_command("purge_personal_data", stdout=out)
    assert "Đã xóa dữ liệu cá nhân của 1 hồ sơ kết thúc quá 5 năm: 1 thông báo, 2 tệp." in out.getvalue()
    out = StringIO()
    call_command("purge_personal_data", "--years", "1", stdout=out)
    assert "Đã xóa dữ liệu cá nhân của 1 hồ sơ" in out.getvalue()


def test_the_daily_task_is_scheduled_and_erases(db, settings, django_capture_on_commit_callbacks):
    from civicdesk.celery_app import BEAT_SCHEDULE
    from civicdesk.petitions.tasks import erase_expired_personal_data as task

    entry = next(e for e in BEAT_SCHEDULE.values() if e["task"] == task.name)
    assert entry["options"]["expires"] > 0
    settings.PERSONAL_DATA_RETENTION_YEARS = 5
    case = _ended_case()
    assert task.delay().get() == {"cases": 1, "notifications": 1, "files": 2}
    case.refresh_from_db()
    assert case.personal_data_erased_at is not None


def test_a_published_case_keeps_its_public_page_open_data_and_public_photo(client, db, lead, erase):
    case = _ended_case(is_public=True, answered_at=timezone.now() - timedelta(days=2300))
    approve_answer(case, body=f"Kính gửi bà {NAME}: đã khơi thông cống.",
                   public_body="Kính gửi bà T.T.B.: đã khơi thông cống.", author=lead)
    attachment = Attachment.objects.get(case=case)
    original, public_copy = attachment.file.path, attachment.public_file.path
    page_before = client.get(reverse("petitions:track", args=[case.tracking_code]))
    export_before = [row(c) for c in published_cases()]

    counts = erase(years=5)

    assert counts.files == 1
    assert not os.path.exists(original) and os.path.exists(public_copy)
    attachment.refresh_from_db()
    assert not attachment.file and attachment.public_file and NAME.split()[-1] not in attachment.original_name
    assert [row(c) for c in published_cases()] == export_before
    page = client.get(reverse("petitions:track", args=[case.tracking_code]))
    assert page.status_code == 200
    html = page.content.decode()
    for secret in SECRETS:
        assert secret not in html
    assert "đã khơi thông cống" in html and "T.T.B." in html
    assert page_before.status_code == 200
    photo = client.get(reverse("petitions:attachment", args=[case.tracking_code, attachment.pk]))
    assert photo.status_code == 200
    assert client.get("/api/v1/open-data/cases.json").status_code == 200


def test_answer_files_keep_only_their_published_copy(db, lead, erase):
    case = _ended_case(is_public=True, answered_at=timezone.now() - timedelta(days=2300))
    answer = approve_answer(case, body="Đã sửa.", public_body="Đã sửa.", author=lead)
    item = attachments.save_checked(AnswerAttachment(answer=answer, uploaded_by=lead), _photo())
    original, public_copy = item.file.path, item.public_file.path
    erase(years=5)
    item.refresh_from_db()
    assert not os.path.exists(original) and os.path.exists(public_copy)


def _daily_figures() -> list[dict]:
    """The day rows as numbers (the refresh rewrites rows, so their ids change)."""
    return sorted((({k: v for k, v in r.items() if k != "id"}) for r in DailyFigure.objects.values()),
                  key=lambda r: (r["day"], r["category_id"], r["agency_id"], r["channel"]))


def test_the_dashboard_figures_do_not_change(db, erase):
    cases = [_ended_case(), _ended_case(status=Status.REJECTED), _ended_case(years_ago=1)]
    facts = list(CaseFact.objects.order_by("case_id").values())
    figures = _daily_figures()
    assert {f["case_id"] for f in facts} >= {c.pk for c in cases}

    assert erase(years=5).cases == 2

    assert list(CaseFact.objects.order_by("case_id").values()) == facts
    assert _daily_figures() == figures


@given(st.text(alphabet="0123456789 .-+@abcAn NguyễnVăn", max_size=60))
def test_masking_twice_changes_nothing(text):
    """Why public pages and open data read the same after erasure: they mask the stored text
    again, without the name, and masking the masked text changes nothing."""
    once = mask_personal_data(text, [NAME])
    assert mask_personal_data(once) == once


@pytest.mark.parametrize("years", [-1])
def test_a_negative_period_is_refused(db, years):
    with pytest.raises(ValueError):
        erase_expired_personal_data(years=years)


def test_the_privacy_page_says_the_erasure_runs_daily_in_both_languages(client, db, settings):
    settings.PERSONAL_DATA_RETENTION_YEARS = 7
    html = client.get(reverse("petitions:privacy")).content.decode()
    assert "thêm 7 năm" in html and "hằng ngày" in html
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = client.get(reverse("petitions:privacy")).content.decode()
    assert "for 7 more years" in html and "runs every day" in html and "hằng ngày" not in html
