from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    CITIZEN = "citizen", _("Người dân")
    OPERATOR = "operator", _("Tổng đài viên")
    OFFICER = "officer", _("Cán bộ xử lý")
    LEAD = "lead", _("Lãnh đạo đơn vị")
    SUPERVISOR = "supervisor", _("Lãnh đạo thành phố / giám sát")
    ADMIN = "admin", _("Quản trị hệ thống")


STAFF_ROLES = (Role.OPERATOR, Role.OFFICER, Role.LEAD, Role.SUPERVISOR, Role.ADMIN)


class User(AbstractUser):
    role = models.CharField(_("vai trò"), max_length=20, choices=Role.choices, default=Role.CITIZEN)
    agency = models.ForeignKey(
        "organisation.Agency",
        verbose_name=_("đơn vị"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="staff",
    )
    phone = models.CharField(_("số điện thoại"), max_length=20, blank=True)
    full_name = models.CharField(_("họ và tên"), max_length=150, blank=True)

    class Meta:
        verbose_name = _("người dùng")
        verbose_name_plural = _("người dùng")

    def __str__(self) -> str:
        return self.full_name or self.username
