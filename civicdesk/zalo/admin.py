from django.contrib import admin

from civicdesk.zalo.models import Conversation, Reply


@admin.register(Conversation)
class ConversationAdmin(admin.ModelAdmin):
    """Drafts in progress, to see where citizens stop; not edited here."""

    list_display = ["user_id", "step", "updated_at", "reminded_at"]
    list_filter = ["step"]
    fields = ("user_id", "step", "address_text", "ward_code", "started_at", "updated_at", "reminded_at")
    readonly_fields = fields

    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        return False

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False


@admin.register(Reply)
class ReplyAdmin(admin.ModelAdmin):
    list_display = ["user_id", "state", "attempts", "created_at", "sent_at"]
    list_filter = ["state"]
    readonly_fields = ["user_id", "text", "state", "attempts", "claimed_at", "sent_at", "error", "created_at"]

    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        return False
