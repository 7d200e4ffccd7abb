"""Following a case: an account or a proved e-mail address is told of each public step exactly once,
never gets the reporter's own link, and can stop from any message."""

import re

import pytest

from civicdesk.notifications.models import Event, Notification
from civicdesk.petitions.models import Follower, Status
from civicdesk.workflow import following, operations
from tests.factories import UserFactory
from tests.petitions.factories import CitizenCaseFactory


@pytest.fixture
def open_case(category, agency):
    return CitizenCaseFactory(category=category, agency=agency, status=Status.ASSIGNED,
                              title="Đèn đường hỏng trước số 9 Hàm Nghi", reporter_name="Phạm Thị Hoa")


def _path(url):
    return "/" + url.split("://", 1)[1].split("/", 1)[1]


def test_follow_a_public_step_sends_exactly_one_message(open_case, officer, smtp_inbox,
                                                        django_capture_on_commit_callbacks):
    follower = UserFactory(username="theodoi", email="theodoi@example.vn")
    following.follow(open_case, user=follower)
    following.follow(open_case, user=follower)  # twice: one row
    with django_capture_on_commit_callbacks(execute=True):
        operations.start(open_case, officer)
    [message] = smtp_inbox.to("theodoi@example.vn")
    assert open_case.tracking_code in message["subject"]
    assert "Đang xử lý" in message["body"]
    assert "/nguoi-gui/" not in message["body"] and "Phạm Thị Hoa" not in message["body"]
    assert "/quy-trinh/bo-theo-doi/" in message["body"]
    assert Notification.objects.filter(event=Event.FOLLOWED_STEP).count() == 1
    # the same event again (a retried signal) sends nothing more
    event = open_case.events.filter(is_public=True).latest("id")
    with django_capture_on_commit_callbacks(execute=True):
        following.notify_step(event)
    assert len(smtp_inbox.to("theodoi@example.vn")) == 1


def test_follow_internal_steps_are_not_sent(open_case, officer, smtp_inbox, django_capture_on_commit_callbacks):
    following.follow(open_case, email="An@Example.vn")
    with django_capture_on_commit_callbacks(execute=True):
        operations.add_note(open_case, officer, "Gọi cho đội điện chiếu sáng")
    assert smtp_inbox.to("an@example.vn") == []


def test_follow_by_email_link_and_unsubscribe(client, open_case, officer, smtp_inbox,
                                              django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/quy-trinh/theo-doi/{open_case.tracking_code}/", {"email": "minh@example.vn"})
    assert response.status_code == 200 and not Follower.objects.exists()
    [confirm] = smtp_inbox.to("minh@example.vn")
    link = re.search(r"https?://\S+/quy-trinh/xac-nhan/\S+/", confirm["body"]).group(0)
    client.post(_path(link))
    assert Follower.objects.filter(case=open_case, email="minh@example.vn").count() == 1
    with django_capture_on_commit_callbacks(execute=True):
        operations.start(open_case, officer)
    step = smtp_inbox.to("minh@example.vn")[-1]
    unsubscribe = re.search(r"https?://\S+/quy-trinh/bo-theo-doi/\S+/", step["body"]).group(0)
    assert client.get(_path(unsubscribe)).status_code == 200
    assert Follower.objects.exists()  # opening is not enough
    assert client.post(_path(unsubscribe)).status_code == 200
    assert not Follower.objects.exists()
    assert client.post(_path(unsubscribe)).status_code == 404


def test_follow_a_forged_unsubscribe_link_is_refused(client, open_case):
    follower = following.follow(open_case, email="a@example.vn")
    assert client.post(f"/quy-trinh/bo-theo-doi/{follower.pk}-{'0' * 32}/").status_code == 404
    assert Follower.objects.exists()


def test_follow_signed_in_and_stop(client, open_case, citizen):
    client.force_login(citizen)
    client.post(f"/quy-trinh/theo-doi/{open_case.tracking_code}/")
    assert following.is_following(open_case, citizen)
    client.post(f"/quy-trinh/theo-doi/{open_case.tracking_code}/", {"stop": "1"})
    assert not following.is_following(open_case, citizen)


def test_follow_a_rejected_case_is_refused(open_case):
    open_case.status = Status.REJECTED
    with pytest.raises(following.FollowRefused):
        following.follow(open_case, email="a@example.vn")
