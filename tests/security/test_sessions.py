"""Issue 12 item 16: a staff sign-in lasts a working day (absolute), a citizen's the usual two weeks."""

from datetime import timedelta

from django.contrib.sessions.models import Session
from django.utils import timezone

PASSWORD = "mat-khau-thu-1022"


def _sign_in(client, username, url="/tai-khoan/dang-nhap/"):
    response = client.post(url, {"username": username, "password": PASSWORD})
    assert response.status_code == 302
    return Session.objects.get(session_key=client.session.session_key)


def test_an_officers_session_ends_nine_hours_after_signing_in(client, officer):
    before = timezone.now()
    session = _sign_in(client, "canbo")
    assert before + timedelta(hours=9) - timedelta(seconds=5) <= session.expire_date
    assert session.expire_date <= timezone.now() + timedelta(hours=9)
    cookie = client.cookies["sessionid"]
    assert 9 * 3600 - 60 <= int(cookie["max-age"]) <= 9 * 3600


def test_working_does_not_stretch_the_staff_session(client, officer):
    first = _sign_in(client, "canbo").expire_date
    client.get("/xu-ly/")
    client.post("/i18n/setlang/", {"language": "en", "next": "/xu-ly/"})  # a write to the session
    assert Session.objects.get(session_key=client.session.session_key).expire_date == first


def test_an_admin_signing_in_on_the_admin_gets_the_same_day(client, db):
    from tests.factories import UserFactory

    UserFactory(username="quantri", role="admin", is_staff=True, is_superuser=True)
    session = _sign_in(client, "quantri", url="/admin/login/?next=/admin/")
    assert session.expire_date <= timezone.now() + timedelta(hours=9)


def test_a_citizens_session_lasts_two_weeks(client, citizen):
    session = _sign_in(client, "nguoidan")
    assert session.expire_date >= timezone.now() + timedelta(days=13, hours=23)


def test_a_staff_session_past_its_day_is_signed_out(client, officer):
    _sign_in(client, "canbo")
    assert client.get("/xu-ly/").status_code == 200
    Session.objects.update(expire_date=timezone.now() - timedelta(seconds=1))
    response = client.get("/xu-ly/")
    assert response.status_code == 302 and "/tai-khoan/dang-nhap/" in response["Location"]
