"""The administrator connects the OA in the admin; secrets are never shown back."""

from civicdesk.notifications.channels import zalo as zalo_channel
from civicdesk.notifications.models import ZaloAccount


def test_zalo_is_off_until_an_administrator_connects_it(admin_client, db):
    assert not zalo_channel.is_configured()  # the row exists from the first look, switched off
    assert admin_client.get("/admin/notifications/zaloaccount/").status_code == 200
    response = admin_client.post("/admin/notifications/zaloaccount/1/change/", {
        "enabled": "on", "province_name": "Thành phố Hồ Chí Minh", "app_id": "3104859201748392011",
        "app_secret": "app-secret", "oa_secret": "oa-secret", "access_token": "", "refresh_token": "rt-first",
        "consultation_window_hours": "168", "zns_template_answered": "231456"})
    assert response.status_code == 302, response.content.decode()[:2000]
    account = ZaloAccount.load()
    assert (account.app_secret, account.refresh_token, account.zns_template_answered) == (
        "app-secret", "rt-first", "231456")
    assert zalo_channel.is_configured()


def test_zalo_admin_keeps_secrets_left_blank_and_never_shows_them(admin_client, db):
    ZaloAccount.objects.create(pk=1, enabled=True, app_id="1", app_secret="app-secret-123", oa_secret="oa-secret-456",
                               refresh_token="rt-secret-789")
    page = admin_client.get("/admin/notifications/zaloaccount/1/change/").content.decode()
    assert "app-secret-123" not in page and "oa-secret-456" not in page and "rt-secret-789" not in page
    response = admin_client.post("/admin/notifications/zaloaccount/1/change/", {
        "enabled": "", "province_name": "Thành phố Hồ Chí Minh", "app_id": "1", "app_secret": "", "oa_secret": "",
        "access_token": "", "refresh_token": "", "consultation_window_hours": "48"})
    assert response.status_code == 302
    account = ZaloAccount.load()
    assert (account.app_secret, account.oa_secret, account.refresh_token) == (
        "app-secret-123", "oa-secret-456", "rt-secret-789")
    assert not account.enabled and account.consultation_window_hours == 48
