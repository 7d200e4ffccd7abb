from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


def _default_confidence() -> float:
    return settings.ROUTING_CONFIDENCE_THRESHOLD


def _default_duplicate() -> float:
    return settings.DUPLICATE_THRESHOLD


class RoutingSettings(models.Model):
    """One row: how sure the router must be before it routes a case by itself, and how alike two
    cases must be to be shown as possible duplicates. A city tunes them in the admin after checking
    its own history with `civicdesk eval-routing` / `eval-duplicates`; the first row takes the values
    of CIVICDESK_ROUTING_THRESHOLD and CIVICDESK_DUPLICATE_THRESHOLD."""

    confidence_threshold = models.FloatField(
        _("ngưỡng tự động phân công"), default=_default_confidence,
        validators=[MinValueValidator(0.0), MaxValueValidator(1.0)],
        help_text=_("Từ 0 đến 1. Hồ sơ mà bộ phân loại tin cậy dưới ngưỡng này được chuyển cho người phân loại. "
                    "Ngưỡng cao hơn: ít hồ sơ tự động hơn nhưng chính xác hơn."),
    )
    duplicate_threshold = models.FloatField(
        _("ngưỡng gợi ý trùng"), default=_default_duplicate,
        validators=[MinValueValidator(0.0), MaxValueValidator(1.0)],
        help_text=_("Từ 0 đến 1. Hồ sơ đang mở giống hồ sơ mới từ mức này trở lên được gợi ý là có thể trùng."),
    )

    class Meta:
        verbose_name = _("cấu hình phân loại tự động")
        verbose_name_plural = _("cấu hình phân loại tự động")

    def __str__(self) -> str:
        return str(_("Cấu hình phân loại tự động"))

    @classmethod
    def load(cls) -> "RoutingSettings":
        obj, _created = cls.objects.get_or_create(pk=1)
        return obj


class PossibleDuplicate(models.Model):
    """An earlier open case that a new case may repeat, found at intake, with the router's score.
    A person decides: merging is one click on the case page; a wrong suggestion is dismissed."""

    case = models.ForeignKey("petitions.Case", on_delete=models.CASCADE, related_name="possible_duplicates",
                             verbose_name=_("hồ sơ mới"))
    earlier = models.ForeignKey("petitions.Case", on_delete=models.CASCADE, related_name="repeated_by",
                                verbose_name=_("hồ sơ trước đó"))
    score = models.FloatField(_("độ giống"))
    created_at = models.DateTimeField(_("thời điểm phát hiện"))
    dismissed_at = models.DateTimeField(_("thời điểm bỏ qua"), null=True, blank=True)

    class Meta:
        verbose_name = _("hồ sơ có thể trùng")
        verbose_name_plural = _("hồ sơ có thể trùng")
        ordering = ["-score"]
        constraints = [models.UniqueConstraint(fields=["case", "earlier"], name="possible_duplicate_unique")]

    def __str__(self) -> str:
        return f"{self.case_id} ~ {self.earlier_id} ({self.score:.2f})"
