"""Background tasks the broker could not take when they were enqueued: kept here and sent later.

A plain table, claimed row by row with a conditional UPDATE, so two drains at once (beat and a
worker starting) send each row once, and a drain that dies mid-way leaves rows to the next after
their lease. The tasks themselves are safe to run twice (they claim their own rows)."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class PendingTask(models.Model):
    task = models.CharField(_("tác vụ"), max_length=200)
    args = models.JSONField(default=list)
    kwargs = models.JSONField(default=dict)
    created_at = models.DateTimeField(_("tạo lúc"), default=timezone.now)
    # not sent before this time: a countdown asked for, or the back-off after a failed attempt
    next_attempt_at = models.DateTimeField(default=timezone.now)
    claimed_until = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveIntegerField(_("số lần thử"), default=0)
    last_error = models.TextField(_("lỗi gần nhất"), blank=True)
    # the request that asked for the task (ops/requestid.py): the worker's log lines carry it on
    request_id = models.CharField(_("mã yêu cầu"), max_length=64, blank=True)

    class Meta:
        verbose_name = _("tác vụ chờ gửi")
        verbose_name_plural = _("tác vụ chờ gửi")
        indexes = [models.Index(fields=["next_attempt_at"], name="outbox_due")]

    def __str__(self) -> str:
        return f"{self.task}{tuple(self.args)}"
