from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from civicdesk.accounts.models import User
from civicdesk.organisation.models import AdminUnit, Agency, LegacyAdminUnit, LegacyWardMapping, RoutingRule


class ProvinceFilter(admin.SimpleListFilter):
    title = _("tỉnh/thành phố")
    parameter_name = "province"

    def lookups(self, request, model_admin):
        return AdminUnit.objects.filter(level=AdminUnit.Level.PROVINCE).values_list("code", "name")

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(parent__code=self.value())
        return queryset


@admin.register(AdminUnit)
class AdminUnitAdmin(admin.ModelAdmin):
    list_display = ("name", "code", "level", "unit_type", "parent", "area_km2")
    list_filter = ("level", "unit_type", ProvinceFilter)
    search_fields = ("name", "short_name", "code", "key", "short_key")
    list_select_related = ("parent",)
    autocomplete_fields = ("parent",)
    readonly_fields = ("key", "short_key")
    show_full_result_count = False


class LegacyWardMappingInline(admin.TabularInline):
    model = LegacyWardMapping
    fk_name = "legacy_ward"
    extra = 0
    autocomplete_fields = ("ward",)
    verbose_name = _("phường/xã mới")
    verbose_name_plural = _("thuộc phường/xã mới (sau 1/7/2025)")


class LegacyParentFilter(admin.SimpleListFilter):
    title = _("tỉnh/thành phố cũ")
    parameter_name = "old_province"

    def lookups(self, request, model_admin):
        return LegacyAdminUnit.objects.filter(level=LegacyAdminUnit.Level.PROVINCE).values_list("code", "name")

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(parent__code=self.value()) | queryset.filter(parent__parent__code=self.value())
        return queryset


@admin.register(LegacyAdminUnit)
class LegacyAdminUnitAdmin(admin.ModelAdmin):
    list_display = ("name", "code", "level", "parent_name", "new_wards")
    list_filter = ("level", LegacyParentFilter)
    search_fields = ("name", "short_name", "code", "key", "parent__name")
    list_select_related = ("parent",)
    autocomplete_fields = ("parent",)
    readonly_fields = ("key", "short_key")
    inlines = (LegacyWardMappingInline,)
    show_full_result_count = False

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("mappings__ward")

    @admin.display(description=_("trực thuộc"), ordering="parent__name")
    def parent_name(self, obj):
        return obj.parent.name if obj.parent else "—"

    @admin.display(description=_("phường/xã mới"))
    def new_wards(self, obj):
        return ", ".join(
            f"{m.ward.name}{' *' if m.is_default and len(obj.mappings.all()) > 1 else ''}"
            for m in obj.mappings.all()
        )


class StaffInline(admin.TabularInline):
    model = User
    fk_name = "agency"
    fields = ("username", "full_name", "role", "email", "is_active")
    readonly_fields = ("username",)
    extra = 0
    show_change_link = True
    verbose_name = _("cán bộ")
    verbose_name_plural = _("cán bộ của đơn vị")

    def has_add_permission(self, request, obj=None):
        return False  # new accounts need a password: they are created under Users


@admin.register(Agency)
class AgencyAdmin(admin.ModelAdmin):
    list_display = ("name", "code", "kind", "ward", "email", "phone", "is_active")
    list_filter = ("kind", "is_active")
    list_editable = ("is_active",)
    search_fields = ("name", "code", "ward__name", "email")
    list_select_related = ("ward",)
    autocomplete_fields = ("ward",)
    prepopulated_fields = {"code": ("name",)}
    inlines = (StaffInline,)


@admin.register(RoutingRule)
class RoutingRuleAdmin(admin.ModelAdmin):
    list_display = ("category", "ward", "agency", "to_ward_committee")
    list_display_links = ("category",)
    list_editable = ("agency", "to_ward_committee")
    list_filter = ("to_ward_committee", "category", "agency__kind")
    search_fields = ("category__name", "ward__name", "agency__name")
    list_select_related = ("category", "ward", "agency")
    autocomplete_fields = ("ward", "agency")
    ordering = ("category__sort_order", "ward__name")
