"""Administrative units (today's two levels and the pre-2025 three levels), agencies and the
routing table (category × area → agency)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class AdminUnit(models.Model):
    """Today's units: a province (2-digit code) or a ward/commune/special zone (5-digit code)."""

    class Level(models.TextChoices):
        PROVINCE = "province", _("Tỉnh/thành phố")
        WARD = "ward", _("Phường/xã/đặc khu")

    code = models.CharField(_("mã"), max_length=5, unique=True)
    name = models.CharField(_("tên"), max_length=120)
    short_name = models.CharField(_("tên ngắn"), max_length=100)
    unit_type = models.CharField(_("loại"), max_length=30, blank=True)
    level = models.CharField(_("cấp"), max_length=10, choices=Level.choices)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="children",
        verbose_name=_("trực thuộc"),
    )
    key = models.CharField(max_length=120, db_index=True, help_text="name without diacritics or spaces")
    short_key = models.CharField(max_length=120, db_index=True)
    lat = models.FloatField(null=True, blank=True)
    lon = models.FloatField(null=True, blank=True)
    area_km2 = models.FloatField(null=True, blank=True)

    class Meta:
        verbose_name = _("đơn vị hành chính")
        verbose_name_plural = _("đơn vị hành chính")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name


class LegacyAdminUnit(models.Model):
    """The structure before 1 July 2025 (63 provinces → districts → wards), kept for old addresses."""

    class Level(models.TextChoices):
        PROVINCE = "province", _("Tỉnh/thành phố")
        DISTRICT = "district", _("Quận/huyện")
        WARD = "ward", _("Phường/xã")

    code = models.CharField(_("mã"), max_length=5)
    level = models.CharField(_("cấp"), max_length=10, choices=Level.choices)
    name = models.CharField(_("tên"), max_length=120)
    short_name = models.CharField(_("tên ngắn"), max_length=100)
    unit_type = models.CharField(_("loại"), max_length=30, blank=True)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="children"
    )
    key = models.CharField(max_length=120, db_index=True)
    short_key = models.CharField(max_length=120, db_index=True)
    lat = models.FloatField(null=True, blank=True)
    lon = models.FloatField(null=True, blank=True)
    current_wards: "models.ManyToManyField[AdminUnit, LegacyWardMapping]" = models.ManyToManyField(
        AdminUnit, through="LegacyWardMapping", related_name="legacy_wards", blank=True
    )

    class Meta:
        verbose_name = _("đơn vị hành chính cũ")
        verbose_name_plural = _("đơn vị hành chính cũ (trước 1/7/2025)")
        constraints = [models.UniqueConstraint(fields=["level", "code"], name="legacy_unit_level_code")]

    def __str__(self) -> str:
        return self.name


class LegacyWardMapping(models.Model):
    """An old ward became (part of) a new ward; a split old ward has several rows, one default."""

    legacy_ward = models.ForeignKey(LegacyAdminUnit, on_delete=models.CASCADE, related_name="mappings")
    ward = models.ForeignKey(AdminUnit, on_delete=models.CASCADE, related_name="legacy_mappings")
    is_default = models.BooleanField(default=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["legacy_ward", "ward"], name="legacy_mapping_unique")
        ]

    def __str__(self) -> str:
        return f"{self.legacy_ward_id} → {self.ward_id}"


class Agency(models.Model):
    class Kind(models.TextChoices):
        DEPARTMENT = "department", _("Sở, ban, ngành")
        WARD_COMMITTEE = "ward_committee", _("UBND phường/xã/đặc khu")
        UTILITY = "utility", _("Đơn vị cung cấp dịch vụ công (điện, nước…)")
        POLICE = "police", _("Công an")
        OTHER = "other", _("Khác")

    code = models.SlugField(_("mã đơn vị"), max_length=60, unique=True)
    name = models.CharField(_("tên đơn vị"), max_length=200)
    kind = models.CharField(_("loại"), max_length=20, choices=Kind.choices, default=Kind.DEPARTMENT)
    ward = models.ForeignKey(
        AdminUnit, null=True, blank=True, on_delete=models.PROTECT, related_name="agencies",
        verbose_name=_("địa bàn (nếu là UBND phường/xã)"),
    )
    email = models.EmailField(_("thư điện tử"), blank=True)
    phone = models.CharField(_("điện thoại"), max_length=30, blank=True)
    is_active = models.BooleanField(_("đang hoạt động"), default=True)

    class Meta:
        verbose_name = _("đơn vị xử lý")
        verbose_name_plural = _("đơn vị xử lý")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class RoutingRule(models.Model):
    """Routing table row: cases of `category` in `ward` (any ward when empty) go to `agency`.

    The most specific rule wins: a ward rule beats a city-wide one. `ward_agency` rules send the
    case to the People's Committee of the ward the case is in."""

    category = models.ForeignKey(
        "petitions.Category", on_delete=models.CASCADE, related_name="routing_rules",
        verbose_name=_("lĩnh vực"),
    )
    ward = models.ForeignKey(
        AdminUnit, null=True, blank=True, on_delete=models.CASCADE, related_name="routing_rules",
        verbose_name=_("địa bàn"), help_text=_("Để trống: áp dụng cho toàn thành phố"),
    )
    agency = models.ForeignKey(
        Agency, null=True, blank=True, on_delete=models.CASCADE, related_name="routing_rules",
        verbose_name=_("đơn vị xử lý"),
    )
    to_ward_committee = models.BooleanField(
        _("giao UBND phường/xã nơi xảy ra"), default=False,
        help_text=_("Nếu chọn, hồ sơ được giao UBND của phường/xã nơi xảy ra sự việc."),
    )

    class Meta:
        verbose_name = _("quy tắc phân công")
        verbose_name_plural = _("bảng phân công")
        constraints = [
            models.UniqueConstraint(fields=["category", "ward"], name="routing_rule_unique"),
            models.UniqueConstraint(
                fields=["category"], condition=models.Q(ward__isnull=True), name="routing_rule_citywide_unique"
            ),
        ]

    def __str__(self) -> str:
        where = self.ward or _("toàn thành phố")
        target = self.agency or _("UBND phường/xã")
        return f"{self.category} · {where} → {target}"
