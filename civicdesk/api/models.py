"""Credentials of other systems and staff for the API, and the webhooks sent to client systems."""

import hashlib
import hmac
import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from civicdesk.lib.env import env_int


def _hash(secret: str) -> str:
    # Keys are 32 random bytes, so a fast hash is enough: there is nothing to brute-force.
    return hashlib.sha256(secret.encode()).hexdigest()


class KeyQuerySet(models.QuerySet):
    def authenticate(self, raw: str):  # type: ignore[no-untyped-def]
        """The active row whose key is `raw`, or None. Keys look like `<prefix>.<secret>`."""
        prefix, _sep, _rest = (raw or "").partition(".")
        if not prefix or not _rest:
            return None
        row = self.filter(prefix=prefix, revoked_at__isnull=True).first()
        if row is None or not hmac.compare_digest(row.key_hash, _hash(raw)):
            return None
        return row


class ApiClient(models.Model):
    """Another system of the city (one-stop shop, LGSP, a district app…) with its own API key."""

    name = models.CharField(_("tên hệ thống"), max_length=120, unique=True)
    prefix = models.CharField(max_length=12, unique=True, editable=False)
    key_hash = models.CharField(max_length=64, editable=False)
    rate_limit_per_minute = models.PositiveIntegerField(
        _("giới hạn yêu cầu mỗi phút"), null=True, blank=True,
        help_text=_("Để trống: dùng giới hạn mặc định của hệ thống."),
    )
    contact = models.CharField(_("liên hệ kỹ thuật"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("ngày tạo"), default=timezone.now)
    revoked_at = models.DateTimeField(_("thu hồi lúc"), null=True, blank=True)
    last_used_at = models.DateTimeField(_("dùng lần cuối"), null=True, blank=True)

    objects = KeyQuerySet.as_manager()

    class Meta:
        verbose_name = _("hệ thống kết nối (khóa API)")
        verbose_name_plural = _("hệ thống kết nối (khóa API)")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @classmethod
    def issue(cls, name: str, **fields) -> tuple["ApiClient", str]:  # type: ignore[no-untyped-def]
        """Create a client and return it with its key, which is shown once and never stored."""
        prefix = "cd" + secrets.token_hex(4)
        raw = f"{prefix}.{secrets.token_urlsafe(32)}"
        client = cls.objects.create(name=name, prefix=prefix, key_hash=_hash(raw), **fields)
        return client, raw

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None

    @property
    def rate_limit(self) -> int:
        # Settings may override; otherwise CIVICDESK_API_RATE_LIMIT (default 120 a minute).
        default = getattr(settings, "API_RATE_LIMIT_PER_MINUTE", None) or env_int("API_RATE_LIMIT", 120)
        return self.rate_limit_per_minute or default


class StaffApiToken(models.Model):
    """A token with which a staff member's own tools call the workflow endpoints as that person."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens",
        verbose_name=_("người dùng"),
    )
    name = models.CharField(_("mục đích"), max_length=120, blank=True)
    prefix = models.CharField(max_length=12, unique=True, editable=False)
    key_hash = models.CharField(max_length=64, editable=False)
    created_at = models.DateTimeField(_("ngày tạo"), default=timezone.now)
    revoked_at = models.DateTimeField(_("thu hồi lúc"), null=True, blank=True)
    last_used_at = models.DateTimeField(_("dùng lần cuối"), null=True, blank=True)

    objects = KeyQuerySet.as_manager()

    class Meta:
        verbose_name = _("mã truy cập API của cán bộ")
        verbose_name_plural = _("mã truy cập API của cán bộ")

    def __str__(self) -> str:
        return f"{self.user} · {self.name or self.prefix}"

    @classmethod
    def issue(cls, user, name: str = "") -> tuple["StaffApiToken", str]:  # type: ignore[no-untyped-def]
        prefix = "st" + secrets.token_hex(4)
        raw = f"{prefix}.{secrets.token_urlsafe(32)}"
        token = cls.objects.create(user=user, name=name, prefix=prefix, key_hash=_hash(raw))
        return token, raw


class WebhookEvent(models.TextChoices):
    CASE_CREATED = "case.created", _("Tiếp nhận hồ sơ mới")
    STATUS_CHANGED = "case.status_changed", _("Đổi trạng thái")
    ANSWERED = "case.answered", _("Đã trả lời")


def _all_events() -> list[str]:
    return [choice.value for choice in WebhookEvent]


class WebhookSubscription(models.Model):
    client = models.ForeignKey(
        ApiClient, on_delete=models.CASCADE, related_name="webhooks", verbose_name=_("hệ thống kết nối")
    )
    url = models.URLField(_("địa chỉ nhận"), max_length=500)
    secret = models.CharField(
        _("khóa ký"), max_length=100, default=secrets.token_urlsafe,
        help_text=_("Dùng để ký nội dung (HMAC-SHA256); bên nhận dùng để kiểm tra chữ ký."),
    )
    events = models.JSONField(_("sự kiện"), default=_all_events)
    is_active = models.BooleanField(_("đang dùng"), default=True)
    created_at = models.DateTimeField(_("ngày tạo"), default=timezone.now)

    class Meta:
        verbose_name = _("đăng ký webhook")
        verbose_name_plural = _("đăng ký webhook")

    def __str__(self) -> str:
        return f"{self.client} → {self.url}"


class WebhookDelivery(models.Model):
    class State(models.TextChoices):
        PENDING = "pending", _("Đang chờ gửi")
        DELIVERED = "delivered", _("Đã gửi")
        FAILED = "failed", _("Thất bại")

    subscription = models.ForeignKey(
        WebhookSubscription, on_delete=models.CASCADE, related_name="deliveries",
        verbose_name=_("đăng ký webhook"),
    )
    event = models.CharField(_("sự kiện"), max_length=40, choices=WebhookEvent.choices)
    case_event = models.ForeignKey(
        "petitions.CaseEvent", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    payload = models.JSONField(_("nội dung"))
    state = models.CharField(_("tình trạng"), max_length=10, choices=State.choices, default=State.PENDING)
    attempts = models.PositiveSmallIntegerField(_("số lần gửi"), default=0)
    last_status_code = models.PositiveSmallIntegerField(_("mã phản hồi gần nhất"), null=True, blank=True)
    last_error = models.TextField(_("lỗi gần nhất"), blank=True)
    next_attempt_at = models.DateTimeField(_("lần gửi tiếp theo"), null=True, blank=True)
    created_at = models.DateTimeField(_("ngày tạo"), default=timezone.now, db_index=True)
    delivered_at = models.DateTimeField(_("gửi thành công lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("lần gửi webhook")
        verbose_name_plural = _("nhật ký gửi webhook")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.event} → {self.subscription_id} ({self.state})"
