"""What an administrator tunes (settings singleton, calendar days) and the workflow's own rows:
extension requests, transfers waiting for the receiving agency, escalations already sent."""

from datetime import time
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _


class WorkflowSettings(models.Model):
    """One row: the settings of the workflow a city administrator changes in the admin."""

    morning_start = models.TimeField(_("buổi sáng bắt đầu"), default=time(7, 30))
    morning_end = models.TimeField(_("buổi sáng kết thúc"), default=time(11, 30))
    afternoon_start = models.TimeField(_("buổi chiều bắt đầu"), default=time(13, 0))
    afternoon_end = models.TimeField(_("buổi chiều kết thúc"), default=time(17, 0))
    receive_hours = models.PositiveSmallIntegerField(
        _("thời hạn tiếp nhận (giờ làm việc)"), default=8,
        help_text=_("Đơn vị phải nhận xử lý trong thời hạn này kể từ khi hồ sơ được tiếp nhận."),
    )
    urgent_hours = models.PositiveSmallIntegerField(_("thời hạn xử lý hồ sơ khẩn (giờ làm việc)"), default=4)
    due_soon_hours = models.PositiveSmallIntegerField(
        _("báo sắp đến hạn trước (giờ làm việc)"), default=8,
    )
    supervisor_after_hours = models.PositiveSmallIntegerField(
        _("báo lãnh đạo thành phố khi quá hạn (giờ làm việc)"), default=8,
        help_text=_("Quá hạn: báo lãnh đạo đơn vị ngay; quá hạn thêm chừng này giờ làm việc: báo giám sát."),
    )
    reopen_days = models.PositiveSmallIntegerField(
        _("thời hạn người dân được mở lại (ngày)"), default=10,
        help_text=_("Tính từ khi trả lời; hết thời hạn, hồ sơ đã trả lời được tự động đóng."),
    )

    class Meta:
        verbose_name = _("cấu hình quy trình")
        verbose_name_plural = _("cấu hình quy trình")

    def __str__(self) -> str:
        return str(_("Cấu hình quy trình xử lý"))

    def save(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        self.pk = 1
        super().save(*args, **kwargs)

    def clean(self) -> None:
        if not (self.morning_start < self.morning_end <= self.afternoon_start < self.afternoon_end):
            raise ValidationError(_("Giờ làm việc phải theo thứ tự: sáng bắt đầu < sáng kết thúc ≤ chiều bắt đầu < chiều kết thúc."))

    @classmethod
    def load(cls) -> "WorkflowSettings":
        obj, _created = cls.objects.get_or_create(pk=1)
        return obj

    def office_hours(self) -> list[tuple[time, time]]:
        return [(self.morning_start, self.morning_end), (self.afternoon_start, self.afternoon_end)]


class CalendarDay(models.Model):
    """A day the administrator declares off (extra holiday) or on (a weekend day worked in exchange)."""

    class Kind(models.TextChoices):
        HOLIDAY = "holiday", _("Ngày nghỉ")
        WORKING_DAY = "working_day", _("Ngày làm việc (làm bù)")

    date = models.DateField(_("ngày"), unique=True)
    kind = models.CharField(_("loại"), max_length=12, choices=Kind.choices)
    note = models.CharField(_("ghi chú"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("ngày nghỉ / làm bù")
        verbose_name_plural = _("lịch ngày nghỉ và làm bù")
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{self.date:%d/%m/%Y} · {self.get_kind_display()}"


class Decision(models.TextChoices):
    PENDING = "pending", _("Chờ quyết định")
    APPROVED = "approved", _("Đồng ý")
    DENIED = "denied", _("Không đồng ý")


class ExtensionRequest(models.Model):
    case = models.ForeignKey("petitions.Case", on_delete=models.CASCADE, related_name="extension_requests")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("người đề nghị"),
    )
    days = models.PositiveSmallIntegerField(_("số ngày làm việc gia hạn"))
    reason = models.TextField(_("lý do"))
    state = models.CharField(_("tình trạng"), max_length=10, choices=Decision.choices, default=Decision.PENDING)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("người quyết định"),
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.TextField(_("ý kiến"), blank=True)
    old_due_at = models.DateTimeField(null=True, blank=True)
    new_due_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("đề nghị gia hạn")
        verbose_name_plural = _("đề nghị gia hạn")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["case"], condition=models.Q(state="pending"), name="one_pending_extension_per_case"
            )
        ]

    def __str__(self) -> str:
        return f"{self.case_id} +{self.days} · {self.get_state_display()}"


class Transfer(models.Model):
    """A case sent to another agency; the receiving agency accepts it or returns it to triage."""

    class State(models.TextChoices):
        PENDING = "pending", _("Chờ đơn vị nhận")
        ACCEPTED = "accepted", _("Đã nhận")
        RETURNED = "returned", _("Trả lại để phân loại")

    case = models.ForeignKey("petitions.Case", on_delete=models.CASCADE, related_name="transfers")
    from_agency = models.ForeignKey(
        "organisation.Agency", null=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("từ đơn vị"),
    )
    to_agency = models.ForeignKey(
        "organisation.Agency", on_delete=models.PROTECT, related_name="+", verbose_name=_("đến đơn vị"),
    )
    reason = models.TextField(_("lý do"))
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    state = models.CharField(max_length=10, choices=State.choices, default=State.PENDING)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("chuyển đơn vị")
        verbose_name_plural = _("chuyển đơn vị")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.case_id} → {self.to_agency_id} · {self.get_state_display()}"


class Escalation(models.Model):
    """One row per (case, threshold, deadline): claiming the row is what makes the periodic
    escalation send each reminder exactly once, however often it runs. A new deadline (extension,
    reopening) arms the thresholds again."""

    class Threshold(models.TextChoices):
        NOT_RECEIVED = "not_received", _("Chưa nhận xử lý sau thời hạn tiếp nhận")
        DUE_SOON = "due_soon", _("Sắp đến hạn")
        OVERDUE = "overdue", _("Quá hạn")
        OVERDUE_SUPERVISOR = "overdue_supervisor", _("Quá hạn kéo dài: báo giám sát")

    case = models.ForeignKey("petitions.Case", on_delete=models.CASCADE, related_name="escalations")
    threshold = models.CharField(max_length=20, choices=Threshold.choices)
    deadline = models.DateTimeField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("nhắc hạn")
        verbose_name_plural = _("nhắc hạn")
        constraints = [
            models.UniqueConstraint(fields=["case", "threshold", "deadline"], name="one_escalation_per_threshold")
        ]

    def __str__(self) -> str:
        return f"{self.case_id} · {self.threshold}"


class StepLimit(models.Model):
    """How long one step of handling may take, in working time (the city's own rules, edited in the
    admin): classify and forward, guidance when jurisdiction is unclear, acceptance, answer. A row
    with a variant (hotline call, urgent case, agencies coordinating) wins over the default row of
    its step; a step without any row has no clock. Read by `workflow/step_clock.py`."""

    class Step(models.TextChoices):
        CLASSIFY = "classify", _("Phân loại, chuyển xử lý")
        GUIDANCE = "guidance", _("Hướng dẫn khi chưa rõ thẩm quyền")
        ACCEPTANCE = "acceptance", _("Tiếp nhận xử lý")
        ANSWER = "answer", _("Trả lời")

    class Variant(models.TextChoices):
        DEFAULT = "default", _("Mặc định")
        HOTLINE = "hotline", _("Gọi tổng đài")
        URGENT = "urgent", _("Hồ sơ khẩn")
        COORDINATED = "coordinated", _("Nhiều đơn vị phối hợp")

    class Unit(models.TextChoices):
        MINUTES = "minutes", _("phút làm việc")
        HOURS = "hours", _("giờ làm việc")
        DAYS = "days", _("ngày làm việc")

    step = models.CharField(_("bước"), max_length=12, choices=Step.choices)
    variant = models.CharField(_("áp dụng cho"), max_length=12, choices=Variant.choices, default=Variant.DEFAULT)
    amount = models.PositiveSmallIntegerField(_("thời hạn"))
    unit = models.CharField(_("đơn vị tính"), max_length=8, choices=Unit.choices, default=Unit.HOURS)
    note = models.CharField(_("căn cứ"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("thời hạn từng bước")
        verbose_name_plural = _("thời hạn từng bước")
        ordering = ["step", "variant"]
        constraints = [models.UniqueConstraint(fields=["step", "variant"], name="one_limit_per_step_variant")]

    def __str__(self) -> str:
        return f"{self.get_step_display()} · {self.get_variant_display()}: {self.amount} {self.get_unit_display()}"


class SupportRequest(models.Model):
    """A supporting agency (đơn vị phối hợp) of a case that several agencies handle: the case's own
    agency leads (chủ trì) and writes the one answer; each supporting agency sends its contribution to
    the lead. `workflow.operations.coordinate` creates these rows."""

    class State(models.TextChoices):
        PENDING = "pending", _("Chờ ý kiến phối hợp")
        CONTRIBUTED = "contributed", _("Đã gửi ý kiến")

    case = models.ForeignKey("petitions.Case", on_delete=models.CASCADE, related_name="support_requests")
    agency = models.ForeignKey("organisation.Agency", on_delete=models.PROTECT, related_name="+",
                               verbose_name=_("đơn vị phối hợp"))
    state = models.CharField(_("tình trạng"), max_length=12, choices=State.choices, default=State.PENDING)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                                     related_name="+")
    contribution = models.TextField(_("ý kiến phối hợp"), blank=True)
    contributed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                       related_name="+")
    contributed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("đơn vị phối hợp")
        verbose_name_plural = _("đơn vị phối hợp")
        ordering = ["created_at", "id"]
        constraints = [models.UniqueConstraint(fields=["case", "agency"], name="one_support_request_per_agency")]

    def __str__(self) -> str:
        return f"{self.case_id} · {self.agency_id} · {self.get_state_display()}"


class Disagreement(models.Model):
    """Agencies of a coordinated case do not agree: the question goes to the People's Committee
    (the city's supervisors), who decide — and may name another lead agency."""

    class State(models.TextChoices):
        OPEN = "open", _("Chờ UBND quyết định")
        SETTLED = "settled", _("Đã quyết định")

    case = models.ForeignKey("petitions.Case", on_delete=models.CASCADE, related_name="disagreements")
    agency = models.ForeignKey("organisation.Agency", null=True, on_delete=models.SET_NULL, related_name="+",
                               verbose_name=_("đơn vị nêu ý kiến"))
    raised_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    reason = models.TextField(_("nội dung chưa thống nhất"))
    state = models.CharField(_("tình trạng"), max_length=8, choices=State.choices, default=State.OPEN)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)
    decision = models.TextField(_("quyết định"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("ý kiến chưa thống nhất")
        verbose_name_plural = _("ý kiến chưa thống nhất")
        ordering = ["-created_at"]
        constraints = [models.UniqueConstraint(fields=["case"], condition=models.Q(state="open"),
                                               name="one_open_disagreement_per_case")]

    def __str__(self) -> str:
        return f"{self.case_id} · {self.get_state_display()}"


class Directive(models.Model):
    """A leader's directive (ý kiến chỉ đạo) on one case or a group of cases (a dashboard hot spot):
    what to do, by when, and the units it binds; each bound unit reports against it
    (`DirectiveUnit`). A unit that has not reported by the deadline is re-forwarded to it within one
    working day (Celery beat: `workflow.tasks.reforward_late_directives`), and the leader is told."""

    class State(models.TextChoices):
        OPEN = "open", _("Đang thực hiện")
        CLOSED = "closed", _("Đã kết thúc")

    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+",
                               verbose_name=_("lãnh đạo chỉ đạo"))
    subject = models.CharField(_("về việc"), max_length=200, blank=True)
    text = models.TextField(_("nội dung chỉ đạo"))
    deadline = models.DateTimeField(_("hạn báo cáo"))
    cases = models.ManyToManyField("petitions.Case", related_name="directives", verbose_name=_("hồ sơ"))
    state = models.CharField(_("tình trạng"), max_length=8, choices=State.choices, default=State.OPEN)
    created_at = models.DateTimeField(auto_now_add=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("ý kiến chỉ đạo")
        verbose_name_plural = _("ý kiến chỉ đạo")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.subject or self.text[:60]


class DirectiveUnit(models.Model):
    """One unit bound by a directive and its report."""

    class State(models.TextChoices):
        PENDING = "pending", _("Chờ báo cáo")
        REPORTED = "reported", _("Đã báo cáo")

    directive = models.ForeignKey(Directive, on_delete=models.CASCADE, related_name="units")
    agency = models.ForeignKey("organisation.Agency", on_delete=models.PROTECT, related_name="+",
                               verbose_name=_("đơn vị thực hiện"))
    state = models.CharField(_("tình trạng"), max_length=8, choices=State.choices, default=State.PENDING)
    report = models.TextField(_("báo cáo"), blank=True)
    reported_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    reported_at = models.DateTimeField(null=True, blank=True)
    # set once, by the periodic task, when the unit ran late and the directive was sent to it again
    reforwarded_at = models.DateTimeField(_("chuyển lại lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("đơn vị thực hiện chỉ đạo")
        verbose_name_plural = _("đơn vị thực hiện chỉ đạo")
        ordering = ["id"]
        constraints = [models.UniqueConstraint(fields=["directive", "agency"], name="one_unit_per_directive")]

    def __str__(self) -> str:
        return f"{self.directive_id} · {self.agency_id} · {self.get_state_display()}"

    def is_late(self, now: Any) -> bool:
        return self.state == self.State.PENDING and self.directive.deadline <= now
