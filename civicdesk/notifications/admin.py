from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from civicdesk.notifications.models import Notification, ZaloAccount, ZaloContact


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["case", "event", "channel", "recipient", "state", "attempts", "sent_at", "delivery"]
    list_filter = ["state", "channel", "event", "to_staff", "delivery"]
    search_fields = ["case__tracking_code", "recipient"]
    raw_id_fields = ["case"]
    readonly_fields = ["attempts", "claimed_at", "sent_at", "error", "created_at", "provider_id", "delivery",
                       "delivered_at"]


class ZaloAccountForm(forms.ModelForm):
    """Secrets and tokens are never shown again once saved: a blank field keeps the stored value."""

    SECRETS = ("app_secret", "oa_secret", "access_token", "refresh_token")

    class Meta:
        model = ZaloAccount
        fields = ["enabled", "province_name", "app_id", "app_secret", "oa_secret", "access_token",
                  "access_token_expires_at", "refresh_token", "refresh_token_expires_at", "consultation_window_hours",
                  "zns_template_received", "zns_template_progress", "zns_template_answered"]
        widgets = {name: forms.PasswordInput(render_value=False)
                   for name in ("app_secret", "oa_secret", "access_token", "refresh_token")}

    def clean(self) -> dict:
        data = super().clean() or {}
        for name in self.SECRETS:
            if not data.get(name) and self.instance.pk:
                data[name] = getattr(self.instance, name)
        return data


@admin.register(ZaloAccount)
class ZaloAccountAdmin(admin.ModelAdmin):
    form = ZaloAccountForm
    fieldsets = [
        (None, {"fields": ["enabled", "province_name"]}),
        (_("Ứng dụng và OA"), {"fields": ["app_id", "app_secret", "oa_secret"]}),
        (_("Token (làm mới tự động)"), {"fields": ["access_token", "access_token_expires_at", "refresh_token",
                                                   "refresh_token_expires_at", "last_refresh_error"]}),
        (_("Tin tư vấn và tin mẫu ZNS"), {"fields": ["consultation_window_hours", "zns_template_received",
                                                    "zns_template_progress", "zns_template_answered"]}),
    ]
    readonly_fields = ["last_refresh_error"]

    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        return not ZaloAccount.objects.exists()

    def has_delete_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False


@admin.register(ZaloContact)
class ZaloContactAdmin(admin.ModelAdmin):
    list_display = ["user_id", "last_interaction_at", "following"]
    search_fields = ["user_id"]
    readonly_fields = ["user_id", "last_interaction_at", "following"]
