from django.db import models
from django.utils.translation import gettext_lazy as _


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
