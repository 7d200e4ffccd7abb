"""Every message sent (or to be sent) about a case: one row per recipient, channel and event.

The row is created in the same transaction as the change it reports; the task that sends it
takes the row's id and claims it with a conditional UPDATE, so a task run twice sends once."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Channel(models.TextChoices):
    EMAIL = "email", _("Thư điện tử")
    SMS = "sms", _("Tin nhắn SMS")
    ZALO = "zalo", _("Zalo")


class Event(models.TextChoices):
    RECEIVED = "received", _("Đã tiếp nhận")
    ASSIGNED = "assigned", _("Đã chuyển đơn vị xử lý")
    ANSWERED = "answered", _("Đã có trả lời")
    REJECTED = "rejected", _("Từ chối")
    REOPENED = "reopened", _("Mở lại")
    EXTENDED = "extended", _("Gia hạn")
    MERGED = "merged", _("Gộp vào hồ sơ trùng")
    ESCALATED = "escalated", _("Nhắc hạn")
    TRANSFERRED = "transferred", _("Hồ sơ chuyển đến")
    EXTENSION_REQUESTED = "extension_requested", _("Đề nghị gia hạn")
    # To people other than the reporter (never carrying the reporter's own link):
    CONFIRM_ME_TOO = "confirm_me_too", _("Xác nhận “tôi cũng gặp”")
    CONFIRM_FOLLOW = "confirm_follow", _("Xác nhận theo dõi")
    FOLLOWED_STEP = "followed_step", _("Diễn biến phản ánh đang theo dõi")
    SIGN_IN_CODE = "sign_in_code", _("Mã đăng nhập")
    STATUS = "status", _("Trả lời tra cứu")  # the answer to "TT XXXX-XXXX" sent by SMS


# Messages to someone who is not (or not proved to be) the reporter: no reporter's link in them.
NOT_TO_REPORTER = frozenset({Event.CONFIRM_ME_TOO, Event.CONFIRM_FOLLOW, Event.FOLLOWED_STEP, Event.SIGN_IN_CODE,
                             Event.STATUS})


class Delivery(models.TextChoices):
    DELIVERED = "delivered", _("Đã đến người nhận")
    UNDELIVERED = "undelivered", _("Không đến được người nhận")


class Notification(models.Model):
    class State(models.TextChoices):
        PENDING = "pending", _("Chờ gửi")
        SENDING = "sending", _("Đang gửi")
        SENT = "sent", _("Đã gửi")
        FAILED = "failed", _("Gửi lỗi")

    # None for messages about no case (a sign-in code).
    case = models.ForeignKey("petitions.Case", null=True, blank=True, on_delete=models.CASCADE,
                             related_name="notifications")
    channel = models.CharField(_("kênh"), max_length=10, choices=Channel.choices, default=Channel.EMAIL)
    event = models.CharField(_("sự việc"), max_length=30, choices=Event.choices)
    recipient = models.CharField(_("người nhận"), max_length=200)
    to_staff = models.BooleanField(_("gửi cán bộ"), default=False)
    # What makes two requests the same message (e.g. the answered_at of the answer, the event id).
    dedupe_key = models.CharField(max_length=80, blank=True)
    context = models.JSONField(default=dict, blank=True)
    subject = models.CharField(_("tiêu đề"), max_length=250, blank=True)
    state = models.CharField(_("tình trạng"), max_length=10, choices=State.choices, default=State.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(_("thời điểm gửi"), null=True, blank=True)
    error = models.TextField(blank=True)
    # What the provider said happened after it accepted the message (an SMS gateway's delivery
    # report, Zalo's "received" event): blank until it says. Apart from `state`, so a report that
    # arrives before the sending task has written `sent` is not overwritten by it.
    provider_id = models.CharField(_("mã tin của nhà cung cấp"), max_length=100, blank=True, db_index=True)
    delivery = models.CharField(_("báo phát"), max_length=12, choices=Delivery.choices, blank=True)
    delivered_at = models.DateTimeField(_("thời điểm báo phát"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("thông báo")
        verbose_name_plural = _("thông báo")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["case", "channel", "event", "recipient", "dedupe_key"], name="notification_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.case_id} · {self.event} → {self.channel} · {self.get_state_display()}"


from civicdesk.notifications.zalo_account import ZaloAccount, ZaloContact  # noqa: E402,F401 — the Zalo OA's rows
