"""The city's Zalo Official Account as the administrator configured it (one row, off by default), its
OAuth tokens, and when each Zalo user last wrote to it (Zalo lets an OA send a consultation message
only within a window after the user's last interaction; outside it, a ZNS template message).

Imported by `models.py`; the OA API client is `zalo_api.py`, the delivery channel `channels/zalo.py`,
the inbound conversation the `civicdesk.zalo` app."""

from datetime import timedelta

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ZaloAccount(models.Model):
    enabled = models.BooleanField(
        _("bật kênh Zalo"), default=False,
        help_text=_("Khi tắt, webhook từ Zalo bị từ chối và không gửi tin qua Zalo."))
    app_id = models.CharField(_("App ID"), max_length=40, blank=True,
                              help_text=_("ID ứng dụng trên developers.zalo.me, đã liên kết với OA."))
    app_secret = models.CharField(_("khóa bí mật ứng dụng"), max_length=200, blank=True,
                                  help_text=_("App Secret Key: dùng để làm mới access token."))
    oa_secret = models.CharField(_("khóa bí mật OA"), max_length=200, blank=True,
                                 help_text=_("OA Secret Key (mục Webhook): dùng để kiểm tra chữ ký của webhook."))
    access_token = models.TextField(_("access token"), blank=True)
    access_token_expires_at = models.DateTimeField(_("access token hết hạn lúc"), null=True, blank=True)
    refresh_token = models.TextField(
        _("refresh token"), blank=True,
        help_text=_("Chỉ dùng được một lần; hệ thống tự lưu refresh token mới sau mỗi lần làm mới."))
    refresh_token_expires_at = models.DateTimeField(_("refresh token hết hạn lúc"), null=True, blank=True)
    last_refresh_error = models.TextField(_("lỗi làm mới token gần nhất"), blank=True)
    zns_template_received = models.CharField(
        _("mẫu ZNS: đã tiếp nhận"), max_length=40, blank=True,
        help_text=_("ID mẫu ZNS đã được Zalo duyệt; để trống nếu không dùng ZNS."))
    zns_template_progress = models.CharField(_("mẫu ZNS: cập nhật tiến độ"), max_length=40, blank=True)
    zns_template_answered = models.CharField(_("mẫu ZNS: đã có trả lời"), max_length=40, blank=True)
    consultation_window_hours = models.PositiveIntegerField(
        _("cửa sổ tin tư vấn (giờ)"), default=7 * 24,
        help_text=_("Zalo chỉ cho OA gửi tin tư vấn trong khoảng này sau lần tương tác cuối của người dùng "
                    "(7 ngày; miễn phí trong 48 giờ đầu tùy gói OA). Ngoài khoảng này dùng tin mẫu ZNS."))
    province_name = models.CharField(
        _("tên địa bàn trong tin nhắn"), max_length=100, default="Thành phố Hồ Chí Minh")

    class Meta:
        verbose_name = _("tài khoản Zalo OA")
        verbose_name_plural = _("tài khoản Zalo OA")

    def __str__(self) -> str:
        return str(_("Tài khoản Zalo OA"))

    @classmethod
    def load(cls) -> "ZaloAccount":
        obj, _created = cls.objects.get_or_create(pk=1)
        return obj

    def access_token_usable(self, margin: timedelta = timedelta(minutes=5)) -> bool:
        return bool(self.access_token) and (
            self.access_token_expires_at is None or self.access_token_expires_at > timezone.now() + margin)

    def template_for(self, event: str) -> str:
        if event == "received":
            return self.zns_template_received
        if event == "answered":
            return self.zns_template_answered
        return self.zns_template_progress


class ZaloContact(models.Model):
    """A Zalo user (the OA-scoped id Zalo sends as `sender.id`) and their last message to the OA."""

    user_id = models.CharField(_("Zalo user id"), max_length=40, unique=True)
    last_interaction_at = models.DateTimeField(_("tương tác gần nhất"))
    following = models.BooleanField(_("đang quan tâm OA"), default=False)

    class Meta:
        verbose_name = _("người dùng Zalo")
        verbose_name_plural = _("người dùng Zalo")

    def __str__(self) -> str:
        return self.user_id


def record_interaction(user_id: str, *, following: bool | None = None) -> None:
    """A message or follow from `user_id` now: opens the consultation window again."""
    values: dict = {"last_interaction_at": timezone.now()}
    if following is not None:
        values["following"] = following
    ZaloContact.objects.update_or_create(user_id=user_id, defaults=values)


def record_delivered(message_ids: list[str]) -> int:
    """Zalo's `user_received_message` / `user_seen_message`: the messages reached the user's phone."""
    from civicdesk.notifications.models import Delivery, Notification

    if not message_ids:
        return 0
    return Notification.objects.filter(channel="zalo", provider_id__in=message_ids, delivery="").update(
        delivery=Delivery.DELIVERED, delivered_at=timezone.now())


def within_consultation_window(user_id: str, account: ZaloAccount) -> bool:
    contact = ZaloContact.objects.filter(user_id=user_id).first()
    if contact is None:
        return False
    return contact.last_interaction_at > timezone.now() - timedelta(hours=account.consultation_window_hours)
