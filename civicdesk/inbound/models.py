"""Every message a channel received from outside (an SMS from the gateway, a mail from the city's
mailbox), once: the provider's id is unique per channel, so a replayed webhook or a mail fetched
twice is recognised and does nothing."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class InboundMessage(models.Model):
    class Channel(models.TextChoices):
        SMS = "sms", _("Tin nhắn SMS")
        EMAIL = "email", _("Thư điện tử")

    class Outcome(models.TextChoices):
        CASE = "case", _("Tạo phản ánh mới")
        REPLY = "reply", _("Bổ sung vào phản ánh")
        STATUS = "status", _("Trả lời tra cứu")
        IGNORED = "ignored", _("Bỏ qua")

    channel = models.CharField(_("kênh"), max_length=10, choices=Channel.choices)
    # The gateway's message id (eSMS smsid) or the mail's Message-ID.
    provider_id = models.CharField(_("mã tin"), max_length=250)
    sender = models.CharField(_("người gửi"), max_length=250, blank=True)
    received_at = models.DateTimeField(_("thời điểm nhận"), auto_now_add=True)
    outcome = models.CharField(_("kết quả"), max_length=10, choices=Outcome.choices, blank=True)
    # Why a message was ignored (auto-reply, bounce, loop…), for whoever reads the admin.
    note = models.CharField(_("ghi chú"), max_length=200, blank=True)
    case = models.ForeignKey("petitions.Case", null=True, blank=True, on_delete=models.SET_NULL,
                             related_name="inbound_messages", verbose_name=_("phản ánh"))

    class Meta:
        verbose_name = _("tin đến")
        verbose_name_plural = _("tin đến")
        ordering = ["-received_at"]
        constraints = [models.UniqueConstraint(fields=["channel", "provider_id"], name="inbound_message_once")]

    def __str__(self) -> str:
        return f"{self.channel} {self.provider_id} → {self.outcome or '…'}"
