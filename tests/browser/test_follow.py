"""Following a case on a phone: a signed-in citizen taps "Theo dõi phản ánh này" on a public case;
each later public step of the case reaches them by exactly one e-mail, with a link to stop."""

from civicdesk.petitions.models import Follower, Status
from civicdesk.workflow import following, operations
from tests.browser.conftest import login, screenshot
from tests.factories import UserFactory
from tests.petitions.factories import PublishedCaseFactory


def test_follow_on_a_phone_then_one_email_per_public_step(phone_page, live_server, category, agency, officer,
                                                          smtp_inbox):
    case = PublishedCaseFactory(category=category, agency=agency, title="Ổ gà lớn trước số 20 Pasteur",
                                reporter_name="Võ Thị Mai")
    UserFactory(username="khoa.citizen", email="khoa@example.vn")
    page = phone_page
    login(page, live_server, "khoa.citizen")
    page.goto(f"{live_server.url}/cong-khai/{case.tracking_code}/")
    page.click("#follow-button")
    page.wait_for_selector("text=Đang theo dõi")
    screenshot(page, "follow-phone")
    assert Follower.objects.filter(case=case, user__username="khoa.citizen").count() == 1
    assert smtp_inbox.to("khoa@example.vn") == []  # following itself sends nothing

    # The reporter is not satisfied and reopens the case: one public step, one e-mail.
    operations.reopen(case, reason="Ổ gà vẫn còn sau khi trả lời", actor=None)
    case.refresh_from_db()
    assert case.status == Status.IN_PROGRESS
    [message] = smtp_inbox.to("khoa@example.vn")
    assert case.tracking_code in message["subject"]
    assert "/quy-trinh/bo-theo-doi/" in message["body"]
    assert "Võ Thị Mai" not in message["body"] and "/nguoi-gui/" not in message["body"]
    # the same step told again (a retried signal) sends nothing more
    following.notify_step(case.events.filter(is_public=True).latest("id"))
    assert len(smtp_inbox.to("khoa@example.vn")) == 1

    # Stop following from the page.
    page.goto(f"{live_server.url}/cong-khai/{case.tracking_code}/")
    page.click("#follow-button")
    page.wait_for_selector("text=Theo dõi phản ánh này")
    assert not Follower.objects.filter(case=case).exists()
