"""The inbound side of the Zalo OA: a citizen's report being collected message by message (kept here,
never as a half-made case), the webhook events already handled (replays are refused), and the
replies the conversation sends back (one row each, sent by a task that retries)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Step(models.TextChoices):
    WHAT = "what", _("Nội dung")
    WHERE = "where", _("Địa điểm")
    PHOTOS = "photos", _("Hình ảnh")
    PHONE = "phone", _("Số điện thoại")
    CONFIRM = "confirm", _("Xác nhận")


class Conversation(models.Model):
    """One unfinished report per Zalo user. Deleted when the case is created, cancelled or expired."""

    user_id = models.CharField(_("Zalo user id"), max_length=40, unique=True)
    step = models.CharField(_("bước"), max_length=10, choices=Step.choices, default=Step.WHAT)
    content = models.TextField(_("nội dung"), blank=True)
    address_text = models.CharField(_("địa chỉ"), max_length=300, blank=True)
    ward_code = models.CharField(_("mã phường/xã"), max_length=10, blank=True)
    lat = models.FloatField(null=True, blank=True)
    lon = models.FloatField(null=True, blank=True)
    phone = models.CharField(_("số điện thoại"), max_length=20, blank=True)
    phone_asked = models.BooleanField(default=False)
    started_at = models.DateTimeField(_("bắt đầu"))
    updated_at = models.DateTimeField(_("tin nhắn gần nhất"), db_index=True)
    reminded_at = models.DateTimeField(_("đã nhắc lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("hội thoại Zalo đang dở")
        verbose_name_plural = _("hội thoại Zalo đang dở")

    def __str__(self) -> str:
        return f"{self.user_id} · {self.get_step_display()}"

    @property
    def has_place(self) -> bool:
        return bool(self.ward_code) or (self.lat is not None and self.lon is not None)


class ConversationPhoto(models.Model):
    conversation = models.ForeignKey(Conversation, on_delete=models.CASCADE, related_name="photos")
    content = models.BinaryField()
    content_type = models.CharField(max_length=40)
    extension = models.CharField(max_length=5)
    name = models.CharField(max_length=200)
    received_at = models.DateTimeField()

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"{self.conversation_id} · {self.name}"


class SeenEvent(models.Model):
    """A webhook event handled: the same event again is refused (kept a day, longer than the age
    after which any event is refused by its timestamp)."""

    key = models.CharField(max_length=64, unique=True)
    received_at = models.DateTimeField(db_index=True)

    def __str__(self) -> str:
        return self.key


class Reply(models.Model):
    """A message of the conversation to a Zalo user (notifications about a case are
    `notifications.Notification` rows)."""

    class State(models.TextChoices):
        PENDING = "pending", _("Chờ gửi")
        SENDING = "sending", _("Đang gửi")
        SENT = "sent", _("Đã gửi")
        FAILED = "failed", _("Gửi lỗi")

    user_id = models.CharField(_("Zalo user id"), max_length=40)
    text = models.TextField(_("nội dung"))
    state = models.CharField(_("tình trạng"), max_length=10, choices=State.choices, default=State.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("tin trả lời qua Zalo")
        verbose_name_plural = _("tin trả lời qua Zalo")
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"{self.user_id} · {self.get_state_display()}"
