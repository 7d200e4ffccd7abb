from django.contrib import admin, messages
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from civicdesk.api.models import ApiClient, StaffApiToken, WebhookDelivery, WebhookSubscription


@admin.action(description=_("Thu hồi khóa đã chọn"))
def revoke(modeladmin, request, queryset):  # type: ignore[no-untyped-def]
    count = queryset.filter(revoked_at__isnull=True).update(revoked_at=timezone.now())
    modeladmin.message_user(request, _("Đã thu hồi %(n)s khóa.") % {"n": count}, messages.SUCCESS)


@admin.register(ApiClient)
class ApiClientAdmin(admin.ModelAdmin):
    list_display = ["name", "prefix", "rate_limit_per_minute", "created_at", "last_used_at", "revoked_at"]
    list_filter = [("revoked_at", admin.EmptyFieldListFilter)]
    search_fields = ["name", "prefix"]
    readonly_fields = ["prefix", "created_at", "last_used_at"]
    fields = ["name", "prefix", "contact", "rate_limit_per_minute", "created_at", "last_used_at", "revoked_at"]
    actions = [revoke]

    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        # A key is shown once; only the command can hand it over.
        return False


@admin.register(StaffApiToken)
class StaffApiTokenAdmin(admin.ModelAdmin):
    list_display = ["user", "name", "prefix", "created_at", "last_used_at", "revoked_at"]
    readonly_fields = ["user", "prefix", "created_at", "last_used_at"]
    fields = ["user", "name", "prefix", "created_at", "last_used_at", "revoked_at"]
    actions = [revoke]

    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        return False


@admin.register(WebhookSubscription)
class WebhookSubscriptionAdmin(admin.ModelAdmin):
    list_display = ["client", "url", "is_active", "created_at"]
    list_filter = ["is_active", "client"]


@admin.register(WebhookDelivery)
class WebhookDeliveryAdmin(admin.ModelAdmin):
    list_display = ["created_at", "event", "subscription", "state", "attempts", "last_status_code", "delivered_at"]
    list_filter = ["state", "event"]
    readonly_fields = [f.name for f in WebhookDelivery._meta.fields]

    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        return False
