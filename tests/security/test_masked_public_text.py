"""Issue 12 item 7 and "masked everywhere": public pages, public search, Open311 and open data
read the masked texts stored on the case; the reporter's own e-mail gets the original answer,
reporters of merged cases (third parties) the masked one."""

import json

from django.core import mail
from django.core.management import call_command

from civicdesk.answers import publishing
from civicdesk.answers.models import Answer
from civicdesk.notifications.dispatch import case_answered
from civicdesk.petitions import public_text, reporter_access
from civicdesk.petitions.models import Case, Status
from tests.petitions.factories import PublishedCaseFactory
from tests.security.conftest import EMAIL, ID_NUMBER, PHONE, REPORTER, leaks


def test_public_search_does_not_confirm_a_name_or_id_digits(client, secret_case):
    assert client.get("/cong-khai/", {"q": "ống nước"}).context["page"].paginator.count == 1
    for word in ("Bích", "Trần Thị", ID_NUMBER[:5] + " " + ID_NUMBER[5:], "bich.tran"):
        assert client.get("/cong-khai/", {"q": word}).context["page"].paginator.count == 0, word


def test_the_masked_texts_are_stored_when_the_case_is_written(secret_case):
    assert secret_case.public_title and secret_case.public_content
    assert leaks(secret_case.public_title + secret_case.public_content) == []
    secret_case.content = f"Gọi lại giúp tôi ở số {PHONE}"
    secret_case.save(update_fields=["content"])
    secret_case.refresh_from_db()
    assert PHONE not in secret_case.public_content and "Gọi lại giúp tôi" in secret_case.public_content


def test_with_a_worker_intake_masks_after_the_commit_and_nothing_shows_unmasked_meanwhile(
        settings, category, routing_rule, django_capture_on_commit_callbacks):
    from civicdesk.petitions.tasks import fill_public_text
    from civicdesk.workflow.intake import NewCase, submit

    settings.CELERY_TASK_ALWAYS_EAGER = False  # as with CIVICDESK_BROKER_URL: the masking is a task
    with django_capture_on_commit_callbacks() as after_commit:
        case, _created = submit(NewCase(title=f"{REPORTER} báo ống nước vỡ", content=f"Gọi {PHONE}, CCCD {ID_NUMBER}.",
                                        category=category, reporter_name=REPORTER, reporter_phone=PHONE))
    stored = Case.objects.get(pk=case.pk)
    assert (stored.public_title, stored.public_content) == ("", "")  # not yet: the request did not wait
    assert leaks(public_text.title_of(stored) + public_text.content_of(stored)) == []  # masked when read
    [(task, *args)] = [c.args for c in after_commit if getattr(c, "args", ())[:1] == (fill_public_text,)]
    assert task.apply(args).get() is True and task.apply(args).get() is False  # written once
    stored.refresh_from_db()
    assert stored.public_title == public_text.masked_title(stored) and leaks(stored.public_content) == []
    assert PHONE not in stored.public_content and "Gọi" in stored.public_content


def test_a_case_whose_masking_task_never_ran_is_masked_when_published(secret_case):
    Case.objects.filter(pk=secret_case.pk).update(public_title="", public_content="", is_public=False)
    case = Case.objects.get(pk=secret_case.pk)
    case.is_public = True
    case.save(update_fields=["is_public"])  # as publishing does
    case.refresh_from_db()
    assert case.public_title == public_text.masked_title(case) and leaks(case.public_content) == []
    assert "Ống nước vỡ" in case.public_content


def test_refresh_public_text_rewrites_stale_copies(secret_case):
    Case.objects.filter(pk=secret_case.pk).update(public_title=secret_case.title, public_content=secret_case.content)
    call_command("refresh_public_text")
    secret_case.refresh_from_db()
    assert leaks(secret_case.public_title + secret_case.public_content) == []
    assert secret_case.public_title == public_text.masked_title(secret_case)


def _json(response) -> str:
    return json.dumps(response.json(), ensure_ascii=False)


def test_public_pages_open_data_and_open311_show_no_personal_data(client, secret_case):
    code = secret_case.tracking_code
    pages = {
        "list": client.get("/cong-khai/").content.decode(),
        "detail": client.get(f"/cong-khai/{code}/").content.decode(),
        "home": client.get("/").content.decode(),
        "rest list": _json(client.get("/api/v1/cases")),
        "rest answers": _json(client.get("/api/v1/answers")),
        "open data": client.get("/api/v1/open-data/cases.csv").getvalue().decode(),
        "open311": _json(client.get("/open311/v2/requests.json")),
        "open311 xml": client.get("/open311/v2/requests.xml").content.decode(),
    }
    assert {name: leaks(text) for name, text in pages.items()} == {name: [] for name in pages}
    assert "nước vỡ" in pages["detail"] and "nước vỡ" in pages["open311"]


def test_the_reporters_own_e_mail_has_the_original_answer(secret_case, django_capture_on_commit_callbacks):
    duplicate = PublishedCaseFactory(category=secret_case.category, agency=secret_case.agency,
                                     status=Status.REJECTED, is_public=False, duplicate_of=secret_case,
                                     reporter_name="Phạm Văn Dũng", reporter_email="dung@example.com")
    with django_capture_on_commit_callbacks(execute=True):
        case_answered(secret_case.pk, reopen_days=7)
    sent = {message.to[0]: message.body for message in mail.outbox}
    assert f"Kính gửi bà {REPORTER} (ĐT {PHONE})" in sent[EMAIL]
    assert "Kính gửi bà ***" in sent["dung@example.com"] and leaks(sent["dung@example.com"]) == []
    assert reporter_access.secret_link(duplicate) in sent["dung@example.com"]  # their own case's link


def test_approving_an_answer_publishes_the_masked_text(secret_case, lead):
    case = secret_case
    Case.objects.filter(pk=case.pk).update(status=Status.AWAITING_APPROVAL, is_public=False)
    case.refresh_from_db()
    answer = Answer.objects.create(case=case, author=lead, body=f"Đã liên hệ {REPORTER} theo số {PHONE}.",
                                   state=Answer.State.SUBMITTED)
    publishing.approve(answer, lead)
    answer.refresh_from_db()
    assert leaks(answer.public_body) == []
