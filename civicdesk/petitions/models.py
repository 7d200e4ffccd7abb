"""Cases (phản ánh, kiến nghị, hỏi đáp), their categories, attachments and event rows."""

from typing import Any, cast

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class Category(models.Model):
    code = models.SlugField(_("mã"), max_length=40, unique=True)
    name = models.CharField(_("tên"), max_length=120)
    name_en = models.CharField(_("tên tiếng Anh"), max_length=120, blank=True)
    scope = models.TextField(_("phạm vi"), blank=True, help_text=_("Những việc thuộc lĩnh vực này"))
    keywords = models.TextField(_("từ khóa"), blank=True, help_text=_("Mỗi dòng một từ khóa"))
    sla_days_normal = models.PositiveSmallIntegerField(_("hạn xử lý thông thường (ngày làm việc)"), default=10)
    sla_days_complex = models.PositiveSmallIntegerField(_("hạn xử lý phức tạp (ngày làm việc)"), default=20)
    sort_order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    is_active = models.BooleanField(_("đang dùng"), default=True)

    class Meta:
        verbose_name = _("lĩnh vực")
        verbose_name_plural = _("lĩnh vực")
        ordering = ["sort_order", "name"]

    def __str__(self) -> str:
        return self.name


class Status(models.TextChoices):
    RECEIVED = "received", _("Tiếp nhận")
    TRIAGE = "triage", _("Chờ phân loại")
    ASSIGNED = "assigned", _("Đã chuyển xử lý")
    IN_PROGRESS = "in_progress", _("Đang xử lý")
    AWAITING_APPROVAL = "awaiting_approval", _("Chờ duyệt trả lời")
    ANSWERED = "answered", _("Đã trả lời")
    CLOSED = "closed", _("Đã đóng")
    REJECTED = "rejected", _("Từ chối")


# Colours used by badges in templates (Bootstrap-like names mapped in CSS).
STATUS_COLOURS = {
    Status.RECEIVED: "grey",
    Status.TRIAGE: "orange",
    Status.ASSIGNED: "blue",
    Status.IN_PROGRESS: "indigo",
    Status.AWAITING_APPROVAL: "purple",
    Status.ANSWERED: "green",
    Status.CLOSED: "dark",
    Status.REJECTED: "red",
}

OPEN_STATUSES = (
    Status.RECEIVED,
    Status.TRIAGE,
    Status.ASSIGNED,
    Status.IN_PROGRESS,
    Status.AWAITING_APPROVAL,
)
FINISHED_STATUSES = (Status.ANSWERED, Status.CLOSED, Status.REJECTED)
# Not yet taken up by the agency: the 8-working-hour "receive" deadline runs.
NOT_RECEIVED_STATUSES = (Status.RECEIVED, Status.TRIAGE, Status.ASSIGNED)
# The agency holds the case: the handling deadline (due_at) runs and can be extended.
HANDLING_STATUSES = (Status.ASSIGNED, Status.IN_PROGRESS, Status.AWAITING_APPROVAL)


class Kind(models.TextChoices):
    REPORT = "report", _("Phản ánh")
    PROPOSAL = "proposal", _("Kiến nghị")
    QUESTION = "question", _("Hỏi đáp")


class Priority(models.TextChoices):
    URGENT = "urgent", _("Khẩn")
    COMPLEX = "complex", _("Phức tạp")
    NORMAL = "normal", _("Thông thường")


class Channel(models.TextChoices):
    WEB = "web", _("Cổng thông tin")
    APP = "app", _("Ứng dụng di động")
    HOTLINE = "hotline", _("Tổng đài 1022")
    API = "api", _("API")
    OPEN311 = "open311", _("Open311")
    EMAIL = "email", _("Thư điện tử")
    ZALO = "zalo", _("Zalo")
    SMS = "sms", _("Tin nhắn SMS")


class ReplyChannel(models.TextChoices):
    """Where the reporter asked to hear back (the web form's choice); blank = the channel's own order
    (`notifications.dispatch.reply_route`)."""

    EMAIL = "email", _("Thư điện tử")
    SMS = "sms", _("Tin nhắn SMS")
    ZALO = "zalo", _("Zalo")


class ReporterType(models.TextChoices):
    PERSON = "person", _("Cá nhân")
    BUSINESS = "business", _("Doanh nghiệp")
    ORGANISATION = "organisation", _("Tổ chức")


class RejectionKind(models.TextChoices):
    """The grounds on which a case is refused (not taken up as a report, proposal or question)."""

    OUT_OF_SCOPE = "out_of_scope", _("Không thuộc phạm vi tiếp nhận")
    NOT_COMPETENT = "not_competent", _("Không thuộc thẩm quyền giải quyết")
    ANONYMOUS = "anonymous", _("Không rõ người gửi trong khi pháp luật yêu cầu")
    ALREADY_ANSWERED = "already_answered", _("Đã được trả lời trước đây")
    COMPLAINT = "complaint", _("Là khiếu nại: giải quyết theo Luật Khiếu nại")
    DENUNCIATION = "denunciation", _("Là tố cáo: giải quyết theo Luật Tố cáo")
    SPAM = "spam", _("Tin rác, nội dung không phù hợp")
    DUPLICATE = "duplicate", _("Trùng với phản ánh đã có")


class LegalKind(models.TextChoices):
    """Complaints and denunciations have their own legal procedures and are outside PAKN."""

    NONE = "", _("Phản ánh, kiến nghị")
    COMPLAINT = "complaint", _("Khiếu nại")
    DENUNCIATION = "denunciation", _("Tố cáo")


class CaseQuerySet(models.QuerySet["Case"]):
    def open(self) -> "CaseQuerySet":
        """Cases still waiting for an answer (OPEN_STATUSES)."""
        return self.filter(status__in=OPEN_STATUSES)

    def visible_to(self, user: Any) -> "CaseQuerySet":
        """The cases `user` may open in staff views, the API and the dashboard
        (`civicdesk.petitions.permissions.visible_cases` decides)."""
        from civicdesk.petitions.permissions import case_scope  # same app; permissions imports this module

        return self.filter(case_scope(user))


class Case(models.Model):
    tracking_code = models.CharField(_("mã tra cứu"), max_length=16, unique=True)
    kind = models.CharField(_("loại"), max_length=10, choices=Kind.choices, default=Kind.REPORT)
    title = models.CharField(_("tiêu đề"), max_length=200)
    content = models.TextField(_("nội dung"))
    category = models.ForeignKey(
        Category, null=True, blank=True, on_delete=models.PROTECT, related_name="cases",
        verbose_name=_("lĩnh vực"),
    )
    category_confirmed = models.BooleanField(
        _("lĩnh vực đã được xác nhận"), default=False,
        help_text=_("Một người (tổng đài viên, cán bộ) đã xác nhận lĩnh vực: dùng để huấn luyện phân loại."),
    )
    routing_confidence = models.FloatField(_("độ tin cậy phân loại"), null=True, blank=True)
    priority = models.CharField(_("mức độ"), max_length=10, choices=Priority.choices, default=Priority.NORMAL)
    status = models.CharField(
        _("trạng thái"), max_length=20, choices=Status.choices, default=Status.RECEIVED, db_index=True
    )
    channel = models.CharField(_("kênh tiếp nhận"), max_length=10, choices=Channel.choices, default=Channel.WEB)

    address_text = models.CharField(_("địa chỉ"), max_length=300, blank=True)
    ward = models.ForeignKey(
        "organisation.AdminUnit", null=True, blank=True, on_delete=models.PROTECT, related_name="cases",
        verbose_name=_("phường/xã"),
    )
    lat = models.FloatField(_("vĩ độ"), null=True, blank=True)
    lon = models.FloatField(_("kinh độ"), null=True, blank=True)

    reporter_type = models.CharField(
        _("người gửi là"), max_length=15, choices=ReporterType.choices, default=ReporterType.PERSON
    )
    reporter_name = models.CharField(_("họ tên người gửi"), max_length=150, blank=True)
    reporter_email = models.EmailField(_("thư điện tử"), blank=True)
    reporter_phone = models.CharField(_("số điện thoại"), max_length=20, blank=True, db_index=True)
    # The reporter's Zalo user id (per Official Account) when they wrote through Zalo.
    reporter_zalo_id = models.CharField(_("Zalo của người gửi"), max_length=64, blank=True, default="",
                                        db_default="")
    reply_channel = models.CharField(_("nhận kết quả qua"), max_length=10, choices=ReplyChannel.choices,
                                     blank=True, default="", db_default="")
    hide_identity = models.BooleanField(_("ẩn danh tính khi công khai"), default=False)
    consent_at = models.DateTimeField(_("thời điểm đồng ý xử lý dữ liệu cá nhân"), null=True, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="cases", verbose_name=_("tài khoản người gửi"),
    )

    agency = models.ForeignKey(
        "organisation.Agency", null=True, blank=True, on_delete=models.PROTECT, related_name="cases",
        verbose_name=_("đơn vị xử lý"),
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="assigned_cases", verbose_name=_("cán bộ xử lý"),
    )
    duplicate_of = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="duplicates",
        verbose_name=_("trùng với"),
    )

    created_at = models.DateTimeField(_("thời điểm tiếp nhận"), db_index=True)
    updated_at = models.DateTimeField(_("cập nhật"), auto_now=True)
    due_at = models.DateTimeField(_("hạn xử lý"), null=True, blank=True, db_index=True)
    answered_at = models.DateTimeField(_("thời điểm trả lời"), null=True, blank=True)
    closed_at = models.DateTimeField(_("thời điểm đóng"), null=True, blank=True)
    is_public = models.BooleanField(
        _("công khai"), default=False, db_index=True,
        help_text=_("Hiển thị trên trang công khai khi đã có trả lời được duyệt."),
    )
    rejection_reason = models.TextField(_("lý do từ chối"), blank=True)
    rejection_kind = models.CharField(_("căn cứ từ chối"), max_length=20, choices=RejectionKind.choices, blank=True,
                                      default="", db_default="")
    # What the router read in the text at intake (a hint for the operator) and what a person decided:
    # a complaint or a denunciation is refused with guidance and is never public (constraint below).
    legal_hint = models.CharField(_("dấu hiệu khiếu nại/tố cáo"), max_length=12, choices=LegalKind.choices,
                                  blank=True, default="", db_default="")
    legal_kind = models.CharField(_("khiếu nại/tố cáo"), max_length=12, choices=LegalKind.choices, blank=True,
                                  default="", db_default="")
    # Staff named to read a denouncer's identity (besides the permission view_denouncer_identity).
    identity_readers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="denunciations_readable",
        verbose_name=_("cán bộ được xem danh tính người tố cáo"),
    )
    idempotency_key = models.CharField(max_length=80, null=True, blank=True, unique=True)
    # What the message is about, as folded content words: written once at intake so that the
    # duplicate search compares a new case with earlier ones without re-reading their text.
    # Empty in rows written outside intake (bulk loads): the search then reads their text.
    match_terms = models.TextField(blank=True, editable=False, default="", db_default="")
    # When petitions.retention erased the reporter's personal data; the case itself stays (statistics).
    personal_data_erased_at = models.DateTimeField(_("thời điểm xóa dữ liệu cá nhân"), null=True, blank=True)
    # What the public reads (pages, search, Open311, open data): title and content with personal
    # data masked, written with them (`save()` below, `petitions.public_text`); empty in rows bulk-
    # loaded without it until `civicdesk refresh-public-text` runs (readers then mask on the fly).
    public_title = models.CharField(max_length=200, blank=True, editable=False, default="", db_default="")
    public_content = models.TextField(blank=True, editable=False, default="", db_default="")
    # SHA-256 of the reporter's secret (the link sent with the receipt): proof of being the reporter
    # (`petitions.reporter_access`). The secret itself is never stored.
    reporter_secret_hash = models.CharField(max_length=64, blank=True, editable=False, default="", db_default="")
    # SHA-256 of the request body an API Idempotency-Key was first used with: the same key with
    # another body is refused (422) instead of replaying the first case.
    idempotency_fingerprint = models.CharField(max_length=64, blank=True, editable=False, default="",
                                               db_default="")

    objects = CaseQuerySet.as_manager()

    class Meta:
        verbose_name = _("hồ sơ phản ánh, kiến nghị")
        verbose_name_plural = _("hồ sơ phản ánh, kiến nghị")
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["agency", "status"]),
            models.Index(fields=["is_public", "-created_at"]),
            models.Index(fields=["ward", "-created_at"]),
            # What the daily erasure looks for; shrinks as cases are erased (petitions.retention).
            models.Index(fields=["closed_at"], condition=models.Q(personal_data_erased_at__isnull=True),
                         name="case_not_erased_closed_at"),
            # The working lists at a million cases (docs/benchmarks.md "Pages"): the open cases of an
            # agency by deadline (inbox tabs, overdue lists), the triage queue, an agency's answered
            # cases. PostgreSQL only (migration 0011): the public list in its order (NULLS LAST), and
            # trigram indexes for text search.
            models.Index(fields=["agency", "due_at"], condition=models.Q(status__in=OPEN_STATUSES),
                         name="case_open_agency_due"),
            models.Index(fields=["created_at", "id"], condition=models.Q(status__in=(Status.RECEIVED, Status.TRIAGE)),
                         name="case_waiting_triage"),
            models.Index(fields=["agency", "-answered_at"],
                         condition=models.Q(status__in=(Status.ANSWERED, Status.CLOSED)), name="case_answered_agency"),
        ]
        constraints = [
            # Complaints and denunciations are never published (pages, search, Open311, open data).
            models.CheckConstraint(condition=models.Q(legal_kind="") | models.Q(is_public=False),
                                   name="case_complaint_denunciation_never_public"),
        ]
        permissions = [("view_denouncer_identity", _("Xem danh tính người tố cáo (mọi hồ sơ tố cáo)"))]

    def __str__(self) -> str:
        return f"{self.tracking_code} · {self.title}"

    def save(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        """Keep the masked public texts in step with what they are made from. `mask_later=True`
        (intake with a worker) leaves them to a task after the commit (`public_text.fill_stored`);
        until it has run, readers mask on the fly (`public_text.title_of`), and any save fills
        texts still missing — publishing a case is a save."""
        from civicdesk.petitions.public_text import SOURCE_FIELDS, fill, missing

        mask_later = kwargs.pop("mask_later", False)
        update_fields = kwargs.get("update_fields")
        if not mask_later and (update_fields is None or SOURCE_FIELDS & set(update_fields) or missing(self)):
            fill(self)
            if update_fields is not None:
                kwargs["update_fields"] = {*update_fields, "public_title", "public_content"}
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("petitions:track", args=[self.tracking_code])

    @property
    def status_colour(self) -> str:
        # keyed by Status members, which are str: a plain status string finds them
        return cast("dict[str, str]", STATUS_COLOURS).get(self.status, "grey")

    @property
    def public_reporter_name(self) -> str:
        from django.utils.translation import gettext

        if self.hide_identity or not self.reporter_name:
            return gettext("Người dân (ẩn danh)")
        return self.reporter_name

    def lock(self) -> "Case":
        """Re-read this case under a row lock (SELECT … FOR UPDATE, inside transaction.atomic) and
        return it: every action on a case starts here and checks the state it reads, so two people
        acting at once are served one after the other."""
        # The category and the agency come in the same read (only the case row is locked): actions
        # name them in events, notifications and the knowledge base.
        self.refresh_from_db(from_queryset=Case.objects.select_related("category", "agency")
                             .select_for_update(of=("self",)))
        return self

    def timeline(self, public_only: bool = False) -> models.QuerySet["CaseEvent"]:
        events = self.events.select_related("actor").order_by("created_at", "id")
        return events.filter(is_public=True) if public_only else events


def attachment_path(instance: "Attachment", filename: str) -> str:
    return f"cases/{instance.case.created_at:%Y/%m}/{instance.case.tracking_code}/{instance.stored_name}"


def public_attachment_path(instance: "Attachment", filename: str) -> str:
    return f"public/{instance.case.created_at:%Y/%m}/{instance.case.tracking_code}/{instance.stored_name}"


class StoredFile(models.Model):
    """What every uploaded file row keeps; subclasses add their owner and the two FileFields
    (`file`, the original, and `public_file`, the copy without metadata — images only: a PDF is
    never public, it may carry its author, scripts or attached files)."""

    original_name = models.CharField(_("tên tệp"), max_length=200)
    stored_name = models.CharField(max_length=80)
    content_type = models.CharField(max_length=60)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)
    # declared by each subclass
    file: models.FileField
    public_file: models.FileField

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.original_name

    @property
    def is_image(self) -> bool:
        return self.content_type.startswith("image/")


class Attachment(StoredFile):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to=attachment_path, max_length=200)
    # The copy shown to the public: images re-encoded without EXIF (location, camera, owner).
    public_file = models.FileField(upload_to=public_attachment_path, max_length=200, blank=True)

    class Meta:
        verbose_name = _("tệp đính kèm")
        verbose_name_plural = _("tệp đính kèm")


class EventAction(models.TextChoices):
    CREATED = "created", _("Tiếp nhận")
    CLASSIFIED = "classified", _("Phân loại")
    STATUS_CHANGED = "status_changed", _("Đổi trạng thái")
    ASSIGNED = "assigned", _("Chuyển đơn vị xử lý")
    ASSIGNEE_SET = "assignee_set", _("Giao cán bộ")
    TRANSFERRED = "transferred", _("Chuyển đơn vị khác")
    TRANSFER_RETURNED = "transfer_returned", _("Trả lại để phân loại")
    ANSWER_DRAFTED = "answer_drafted", _("Soạn trả lời")
    ANSWER_APPROVED = "answer_approved", _("Duyệt trả lời")
    ANSWER_RETURNED = "answer_returned", _("Trả lại bản trả lời")
    PUBLISHED = "published", _("Công khai")
    REJECTED = "rejected", _("Từ chối")
    EXTENSION_REQUESTED = "extension_requested", _("Đề nghị gia hạn")
    EXTENDED = "extended", _("Gia hạn")
    EXTENSION_DENIED = "extension_denied", _("Không đồng ý gia hạn")
    REOPENED = "reopened", _("Mở lại")
    MERGED = "merged", _("Gộp hồ sơ trùng")
    NOTE = "note", _("Ghi chú nội bộ")
    RATED = "rated", _("Đánh giá")
    NOTIFIED = "notified", _("Thông báo")
    ESCALATED = "escalated", _("Nhắc hạn / báo cáo cấp trên")
    CLOSED = "closed", _("Đóng")
    PERSONAL_DATA_ERASED = "personal_data_erased", _("Xóa dữ liệu cá nhân hết thời hạn lưu trữ")
    COORDINATED = "coordinated", _("Giao đơn vị chủ trì, đơn vị phối hợp")
    CONTRIBUTED = "contributed", _("Đơn vị phối hợp gửi ý kiến")
    DISAGREEMENT_RAISED = "disagreement_raised", _("Chưa thống nhất: báo cáo UBND")
    DISAGREEMENT_SETTLED = "disagreement_settled", _("UBND quyết định")
    DIRECTED = "directed", _("Ý kiến chỉ đạo")
    DIRECTIVE_REPORTED = "directive_reported", _("Báo cáo thực hiện chỉ đạo")
    DIRECTIVE_REFORWARDED = "directive_reforwarded", _("Chậm thực hiện chỉ đạo: chuyển lại")
    LEGAL_TRIAGED = "legal_triaged", _("Xác định khiếu nại, tố cáo")
    LETTER_SIGNED = "letter_signed", _("Phát hành văn bản trả lời ký số")


class CaseEvent(models.Model):
    """One row per change of a case: the timeline, audit trail, SLA figures and dashboard read these."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(max_length=30, choices=EventAction.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(db_index=True)
    from_status = models.CharField(max_length=20, choices=Status.choices, blank=True)
    to_status = models.CharField(max_length=20, choices=Status.choices, blank=True)
    note = models.TextField(blank=True)
    is_public = models.BooleanField(default=True, help_text="shown on the citizen's timeline")
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        verbose_name = _("sự kiện xử lý")
        verbose_name_plural = _("lịch sử xử lý")
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["case", "created_at"]), models.Index(fields=["action", "created_at"])]

    def __str__(self) -> str:
        return f"{self.case_id} {self.action} {self.created_at:%Y-%m-%d %H:%M}"


class MeToo(models.Model):
    """"Tôi cũng gặp": one person saying a case's problem is theirs too. One row per person and
    case, whoever they proved to be — an account, or an e-mail address or phone number proved by
    a link or a code (`person_key`, `workflow.me_too.person_key`: a keyed hash, never the address)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="me_toos")
    person_key = models.CharField(max_length=80)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                             related_name="me_toos")
    channel = models.CharField(max_length=10, choices=Channel.choices, default=Channel.WEB)
    created_at = models.DateTimeField(db_index=True)

    class Meta:
        verbose_name = _("người cùng gặp")
        verbose_name_plural = _("người cùng gặp")
        constraints = [models.UniqueConstraint(fields=["case", "person_key"], name="me_too_once_per_person")]

    def __str__(self) -> str:
        return f"{self.case_id} · {self.created_at:%Y-%m-%d}"


class Follower(models.Model):
    """Someone other than the reporter who asked to be told of each public step of a case: an
    account, or an e-mail address proved by the link sent to it. `unsubscribe` works without
    signing in (a link in every message, `workflow.following.unsubscribe_token`)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="followers")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE,
                             related_name="following")
    email = models.EmailField(blank=True)
    created_at = models.DateTimeField()

    class Meta:
        verbose_name = _("người theo dõi")
        verbose_name_plural = _("người theo dõi")
        constraints = [
            models.UniqueConstraint(fields=["case", "user"], condition=models.Q(user__isnull=False),
                                    name="follow_once_per_account"),
            models.UniqueConstraint(fields=["case", "email"], condition=models.Q(user__isnull=True),
                                    name="follow_once_per_email"),
        ]

    def __str__(self) -> str:
        return f"{self.case_id} · {self.user_id or 'email'}"


class ErasureRequest(models.Model):
    """A citizen's request to erase their personal data (PDPL 91/2025, Decree 13/2023 art. 16):
    recorded when made, carried out at once for the cases that have ended, and for the others when
    they end (`petitions.personal_data`); the statistics of the cases stay."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                             related_name="+")
    # Which account asked, kept after the account is erased (its id only: not personal data by itself).
    account_id = models.PositiveIntegerField()
    requested_at = models.DateTimeField()
    due_at = models.DateTimeField()
    cases_erased = models.PositiveIntegerField(default=0)
    cases_waiting = models.JSONField(default=list, blank=True)  # ids of open cases erased when they end
    completed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("yêu cầu xóa dữ liệu cá nhân")
        verbose_name_plural = _("yêu cầu xóa dữ liệu cá nhân")

    def __str__(self) -> str:
        return f"#{self.pk} {self.requested_at:%Y-%m-%d}"

class IdentityRead(models.Model):
    """One read of a denouncer's identity (Law on Denunciation 2018, Art. 9 and 47): who, when, where.
    Written by `petitions.identity.reveal`; listed read-only in the admin."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="identity_reads", verbose_name=_("hồ sơ"))
    reader = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+",
                               verbose_name=_("người xem"))
    reader_name = models.CharField(_("tài khoản"), max_length=150)
    place = models.CharField(_("xem ở đâu"), max_length=40)
    read_at = models.DateTimeField(_("thời điểm"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("lượt xem danh tính người tố cáo")
        verbose_name_plural = _("nhật ký xem danh tính người tố cáo")
        ordering = ["-read_at", "-id"]

    def __str__(self) -> str:
        return f"{self.case_id} · {self.reader_name} · {self.read_at:%Y-%m-%d %H:%M}"
