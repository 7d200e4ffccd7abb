"""Answers drafted by officers, approved by leads and published with personal data masked;
and citizens' ratings of them."""

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from civicdesk.petitions.models import StoredFile


class AnswerQuerySet(models.QuerySet["Answer"]):
    def approved(self) -> "AnswerQuerySet":
        """Answers a lead approved: the ones the public may read (their `public_body`)."""
        return self.filter(state=Answer.State.APPROVED)

    def newest_approved_first(self) -> "AnswerQuerySet":
        return self.approved().order_by("-approved_at", "-pk")

    def latest_approved(self, case: Any = None) -> "Answer | None":
        """The answer the case stands on now (a reopened and re-answered case has several)."""
        answers = self if case is None else self.filter(case=case)
        return answers.newest_approved_first().first()


class Answer(models.Model):
    class State(models.TextChoices):
        DRAFT = "draft", _("Bản nháp")
        SUBMITTED = "submitted", _("Chờ duyệt")
        APPROVED = "approved", _("Đã duyệt")
        RETURNED = "returned", _("Trả lại để sửa")

    case = models.ForeignKey("petitions.Case", on_delete=models.CASCADE, related_name="answers")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="answers_written",
        verbose_name=_("người soạn"),
    )
    body = models.TextField(_("nội dung trả lời"))
    public_body = models.TextField(_("nội dung công khai (đã che thông tin cá nhân)"), blank=True)
    state = models.CharField(_("tình trạng"), max_length=10, choices=State.choices, default=State.DRAFT)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
        related_name="answers_approved", verbose_name=_("người duyệt"),
    )
    approved_at = models.DateTimeField(_("thời điểm duyệt"), null=True, blank=True)
    review_note = models.TextField(_("ý kiến của lãnh đạo"), blank=True)
    # The official letter (answers/letter.py), signed with the agency's key (answers/signing.py): the
    # one PDF that is public, because civicdesk makes it from the approved public text.
    letter_file = models.FileField(_("văn bản trả lời ký số"), upload_to="letters/%Y/%m/", max_length=200, blank=True)
    letter_number = models.CharField(_("số văn bản"), max_length=60, blank=True, default="", db_default="")
    letter_signed_at = models.DateTimeField(_("thời điểm ký"), null=True, blank=True)
    letter_sha256 = models.CharField(max_length=64, blank=True, default="", db_default="")
    # Proof (answers/evidence.py): an answer saying work was done carries a photo, or this reason.
    work_done = models.BooleanField(_("đã xử lý xong tại hiện trường"), default=False, db_default=False)
    no_evidence_reason = models.TextField(_("lý do không có ảnh minh chứng"), blank=True, default="", db_default="")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = AnswerQuerySet.as_manager()

    class Meta:
        verbose_name = _("trả lời")
        verbose_name_plural = _("trả lời")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.case_id} · {self.get_state_display()}"


class Rating(models.Model):
    case = models.ForeignKey("petitions.Case", on_delete=models.CASCADE, related_name="ratings")
    answer = models.ForeignKey(Answer, null=True, blank=True, on_delete=models.SET_NULL, related_name="ratings")
    score = models.PositiveSmallIntegerField(_("mức độ hài lòng"), choices=[(i, str(i)) for i in range(1, 6)])
    comment = models.TextField(_("nhận xét"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("đánh giá")
        verbose_name_plural = _("đánh giá")
        constraints = [
            models.CheckConstraint(condition=models.Q(score__gte=1, score__lte=5), name="rating_score_1_5")
        ]

    def __str__(self) -> str:
        return f"{self.case_id} · {self.score}/5"


class AnswerTemplate(models.Model):
    """A reusable answer text for a category (or for every category when empty).

    Placeholders in `body` are filled from the case: {ten_nguoi_gui}, {ma_tra_cuu}, {tieu_de},
    {don_vi}, {ngay_tiep_nhan}."""

    category = models.ForeignKey(
        "petitions.Category", null=True, blank=True, on_delete=models.CASCADE, related_name="answer_templates",
        verbose_name=_("lĩnh vực"), help_text=_("Để trống: dùng cho mọi lĩnh vực"),
    )
    title = models.CharField(_("tên mẫu"), max_length=150)
    body = models.TextField(
        _("nội dung mẫu"),
        help_text=_("Có thể dùng: {ten_nguoi_gui}, {ma_tra_cuu}, {tieu_de}, {don_vi}, {ngay_tiep_nhan}"),
    )
    sort_order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    is_active = models.BooleanField(_("đang dùng"), default=True)

    class Meta:
        verbose_name = _("mẫu trả lời")
        verbose_name_plural = _("mẫu trả lời")
        ordering = ["sort_order", "title"]

    def __str__(self) -> str:
        return self.title


def answer_attachment_path(instance: "AnswerAttachment", filename: str) -> str:
    case = instance.answer.case
    return f"answers/{case.created_at:%Y/%m}/{case.tracking_code}/{instance.stored_name}"


def public_answer_attachment_path(instance: "AnswerAttachment", filename: str) -> str:
    case = instance.answer.case
    return f"public/answers/{case.created_at:%Y/%m}/{case.tracking_code}/{instance.stored_name}"


class AnswerAttachment(StoredFile):
    """A file sent with an answer (official reply letter, photo of the repair). Checked like intake files."""

    answer = models.ForeignKey(Answer, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to=answer_attachment_path, max_length=200)
    # Images re-encoded without EXIF; shown to the public once the answer is approved and published.
    public_file = models.FileField(upload_to=public_answer_attachment_path, max_length=200, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("tệp đính kèm trả lời")
        verbose_name_plural = _("tệp đính kèm trả lời")
        ordering = ["created_at", "id"]


class SigningIdentity(models.Model):
    """How an agency signs its answer letters: the letterhead of Decree 30/2020 and the key and
    certificate files on the server (never uploaded into the database). Verification trusts the
    root certificate(s) in `trust_root_path` — the certification authority that issued the agency's."""

    agency = models.OneToOneField("organisation.Agency", on_delete=models.CASCADE, related_name="signing_identity",
                                  verbose_name=_("đơn vị"))
    parent_name = models.CharField(_("cơ quan chủ quản"), max_length=200,
                                   help_text=_("Ví dụ: ỦY BAN NHÂN DÂN THÀNH PHỐ HỒ CHÍ MINH"))
    symbol = models.CharField(_("ký hiệu văn bản"), max_length=40, help_text=_("Ví dụ: SXD-VP (số: 15/SXD-VP)"))
    place = models.CharField(_("địa danh"), max_length=100, default="Thành phố Hồ Chí Minh")
    signer_authority = models.CharField(_("quyền hạn, chức vụ người ký"), max_length=200,
                                        help_text=_("Mỗi dòng một dòng, ví dụ: KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC"))
    signer_name = models.CharField(_("họ tên người ký"), max_length=150)
    key_path = models.CharField(_("tệp khóa bí mật (PEM/DER) trên máy chủ"), max_length=300)
    cert_path = models.CharField(_("tệp chứng thư số (PEM/DER) trên máy chủ"), max_length=300)
    chain_path = models.CharField(_("tệp chứng thư trung gian (nếu có)"), max_length=300, blank=True)
    trust_root_path = models.CharField(_("tệp chứng thư gốc để kiểm tra chữ ký"), max_length=300)
    passphrase_env = models.CharField(
        _("biến môi trường chứa mật khẩu khóa"), max_length=100, blank=True,
        help_text=_("Tên biến, ví dụ CIVICDESK_SIGNING_PASSPHRASE_SXD; để trống nếu khóa không đặt mật khẩu"))
    is_active = models.BooleanField(_("đang dùng"), default=True)

    class Meta:
        verbose_name = _("chữ ký số của đơn vị")
        verbose_name_plural = _("chữ ký số của đơn vị")

    def __str__(self) -> str:
        return str(self.agency)
