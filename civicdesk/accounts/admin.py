from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from civicdesk.accounts.models import Role, User


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    list_display = ("username", "full_name", "role", "agency", "email", "is_active", "last_login")
    list_filter = ("role", "is_active", "is_staff", "agency__kind")
    search_fields = ("username", "full_name", "email", "phone", "agency__name")
    list_select_related = ("agency",)
    autocomplete_fields = ("agency",)
    ordering = ("username",)
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        (_("Thông tin cá nhân"), {"fields": ("full_name", "email", "phone")}),
        (_("Vai trò và đơn vị"), {"fields": ("role", "agency")}),
        (_("Quyền"), {"fields": ("is_active", "is_staff", "is_superuser", "groups", "user_permissions"),
                      "classes": ("collapse",)}),
        (_("Thời điểm"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (None, {"classes": ("wide",), "fields": ("username", "usable_password", "password1", "password2")}),
        (_("Vai trò và đơn vị"), {"fields": ("full_name", "email", "role", "agency")}),
    )

    def save_model(self, request, obj, form, change):
        # System administrators work in this admin site, so they need staff access to it.
        if obj.role == Role.ADMIN:
            obj.is_staff = True
        super().save_model(request, obj, form, change)
