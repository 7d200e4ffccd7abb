from django.contrib import admin

from civicdesk.inbound.models import InboundMessage


@admin.register(InboundMessage)
class InboundMessageAdmin(admin.ModelAdmin):
    list_display = ("received_at", "channel", "outcome", "note", "case")
    list_filter = ("channel", "outcome")
    readonly_fields = ("channel", "provider_id", "sender", "received_at", "outcome", "note", "case")

    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        return False
