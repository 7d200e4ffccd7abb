"""What Open311 adds to our own data: attribute definitions of a service (category) and the
fields of a request that have no place on a case (attributes, media URL, device and account ids)."""

import secrets

from django.db import models
from django.utils.translation import gettext_lazy as _


class ServiceAttribute(models.Model):
    """An extra field a category asks for (Open311 service definition `attributes`)."""

    class Datatype(models.TextChoices):
        STRING = "string", _("Chuỗi ngắn")
        NUMBER = "number", _("Số")
        DATETIME = "datetime", _("Ngày giờ")
        TEXT = "text", _("Văn bản")
        SINGLE = "singlevaluelist", _("Chọn một")
        MULTI = "multivaluelist", _("Chọn nhiều")

    category = models.ForeignKey(
        "petitions.Category", on_delete=models.CASCADE, related_name="open311_attributes",
        verbose_name=_("lĩnh vực"),
    )
    code = models.SlugField(_("mã"), max_length=60)
    datatype = models.CharField(_("kiểu dữ liệu"), max_length=20, choices=Datatype.choices, default=Datatype.STRING)
    required = models.BooleanField(_("bắt buộc"), default=False)
    variable = models.BooleanField(_("người gửi nhập"), default=True)
    description = models.CharField(_("câu hỏi"), max_length=300)
    datatype_description = models.CharField(_("hướng dẫn định dạng"), max_length=200, blank=True)
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    values = models.JSONField(
        _("các lựa chọn"), default=list, blank=True,
        help_text=_('Với kiểu chọn: danh sách [{"key": "...", "name": "..."}]'),
    )

    class Meta:
        verbose_name = _("thuộc tính dịch vụ Open311")
        verbose_name_plural = _("thuộc tính dịch vụ Open311")
        ordering = ["category", "order", "code"]
        constraints = [models.UniqueConstraint(fields=["category", "code"], name="open311_attribute_unique")]

    def __str__(self) -> str:
        return f"{self.category} · {self.code}"

    def value_keys(self) -> set[str]:
        return {str(item.get("key")) for item in self.values or [] if isinstance(item, dict)}


def new_token() -> str:
    return secrets.token_urlsafe(12)


class Open311Request(models.Model):
    case = models.OneToOneField("petitions.Case", on_delete=models.CASCADE, related_name="open311_request")
    client = models.ForeignKey(
        "api.ApiClient", null=True, on_delete=models.SET_NULL, related_name="open311_requests",
        verbose_name=_("hệ thống gửi"),
    )
    token = models.CharField(max_length=40, unique=True, default=new_token)
    attributes = models.JSONField(default=dict, blank=True)
    media_url = models.URLField(max_length=500, blank=True)
    address_id = models.CharField(max_length=60, blank=True)
    device_id = models.CharField(max_length=100, blank=True)
    account_id = models.CharField(max_length=100, blank=True)

    class Meta:
        verbose_name = _("yêu cầu Open311")
        verbose_name_plural = _("yêu cầu Open311")

    def __str__(self) -> str:
        return f"{self.case_id} · {self.token}"
