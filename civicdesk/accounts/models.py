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


class AddressKind(models.TextChoices):
    EMAIL = "email", _("Thư điện tử")
    PHONE = "phone", _("Số điện thoại")


class OneTimeCode(models.Model):
    """A code sent to an address to prove it (sign in, or claim the cases sent from it). Only its
    hash is kept; it works once, for `accounts.one_time_codes.LIFETIME`, and dies after
    `MAX_ATTEMPTS` wrong tries (`accounts/one_time_codes.py`)."""

    class Purpose(models.TextChoices):
        SIGN_IN = "sign_in", _("Đăng nhập")
        CLAIM = "claim", _("Xác nhận địa chỉ")

    kind = models.CharField(max_length=10, choices=AddressKind.choices)
    address = models.CharField(max_length=254, db_index=True)
    purpose = models.CharField(max_length=10, choices=Purpose.choices)
    user = models.ForeignKey(User, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    code_hash = models.CharField(max_length=64)
    created_at = models.DateTimeField(db_index=True)
    expires_at = models.DateTimeField()
    attempts = models.PositiveSmallIntegerField(default=0)
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("mã xác nhận")
        verbose_name_plural = _("mã xác nhận")

    def __str__(self) -> str:
        return f"{self.kind} {self.created_at:%Y-%m-%d %H:%M}"


class VerifiedAddress(models.Model):
    """An e-mail address or phone number a citizen proved is theirs: the cases sent from it are
    theirs ("Phản ánh của tôi", `petitions.claims`)."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="verified_addresses")
    kind = models.CharField(max_length=10, choices=AddressKind.choices)
    address = models.CharField(max_length=254)
    verified_at = models.DateTimeField()

    class Meta:
        verbose_name = _("địa chỉ đã xác nhận")
        verbose_name_plural = _("địa chỉ đã xác nhận")
        constraints = [models.UniqueConstraint(fields=["kind", "address"], name="address_proved_by_one_account")]

    def __str__(self) -> str:
        return self.address


class CitizenPreferences(models.Model):
    """What a citizen's account wants to be told. The answer to their own case, its rejection or
    merging are always sent (the law asks the agency to answer); the steps between may be turned off."""

    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="citizen_preferences")
    case_steps = models.BooleanField(_("báo các bước xử lý phản ánh của tôi"), default=True)
    followed_steps = models.BooleanField(_("báo các bước xử lý phản ánh tôi theo dõi"), default=True)

    class Meta:
        verbose_name = _("tùy chọn thông báo")
        verbose_name_plural = _("tùy chọn thông báo")

    def __str__(self) -> str:
        return str(self.user_id)

    @classmethod
    def of(cls, user: "User") -> "CitizenPreferences":
        found = cls.objects.filter(user=user).first()
        return found or cls(user=user)
