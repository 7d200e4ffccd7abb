"""The knowledge base (kho tri thức) the assistants answer from: Q&A, administrative procedures,
legal articles and the portal's own published answers."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class KnowledgeEntry(models.Model):
    class Kind(models.TextChoices):
        QA = "qa", _("Hỏi đáp")
        PROCEDURE = "procedure", _("Thủ tục hành chính")
        LEGAL = "legal", _("Điều khoản pháp luật")
        ANSWER = "answer", _("Trả lời đã công khai")

    external_id = models.CharField(
        _("mã"), max_length=120, unique=True,
        help_text=_("Mã ổn định dùng khi nhập lại (import-kb cập nhật theo mã này)."),
    )
    kind = models.CharField(_("loại"), max_length=10, choices=Kind.choices, default=Kind.QA, db_index=True)
    title = models.CharField(_("tiêu đề / câu hỏi / tên thủ tục"), max_length=500)
    question = models.TextField(
        _("cách hỏi khác"), blank=True,
        help_text=_("Những cách người dân hay hỏi (mỗi dòng một câu); với trả lời công khai: nội dung phản ánh."),
    )
    body = models.TextField(_("nội dung / câu trả lời"), blank=True)
    field = models.CharField(_("lĩnh vực"), max_length=200, blank=True)
    agency = models.CharField(_("cơ quan thực hiện"), max_length=300, blank=True)
    steps = models.TextField(_("trình tự thực hiện"), blank=True, help_text=_("Mỗi dòng một bước"))
    documents = models.TextField(_("thành phần hồ sơ"), blank=True, help_text=_("Mỗi dòng một giấy tờ"))
    fees = models.CharField(_("phí, lệ phí"), max_length=500, blank=True)
    time_limit = models.CharField(_("thời hạn giải quyết"), max_length=300, blank=True)
    legal_basis = models.TextField(_("căn cứ pháp lý / nguồn"), blank=True)
    source_url = models.URLField(_("đường dẫn nguồn"), max_length=500, blank=True)
    case = models.OneToOneField(
        "petitions.Case", null=True, blank=True, on_delete=models.CASCADE, related_name="knowledge_entry",
        verbose_name=_("hồ sơ (với trả lời công khai)"),
    )
    is_active = models.BooleanField(_("đang dùng"), default=True, db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True, db_index=True)

    class Meta:
        verbose_name = _("mục tri thức")
        verbose_name_plural = _("kho tri thức")
        ordering = ["kind", "title"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        if self.kind == self.Kind.ANSWER and self.case is not None:
            return reverse("petitions:public_detail", args=[self.case.tracking_code])
        return reverse("assistant:entry", args=[self.pk])

    @property
    def step_list(self) -> list[str]:
        return [line.strip() for line in self.steps.splitlines() if line.strip()]

    @property
    def document_list(self) -> list[str]:
        return [line.strip() for line in self.documents.splitlines() if line.strip()]

    @property
    def has_card(self) -> bool:
        return bool(self.steps or self.documents or self.fees or self.time_limit or self.agency)
