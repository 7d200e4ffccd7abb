from django.contrib import admin

from civicdesk.notifications.models import Notification


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["case", "event", "channel", "recipient", "state", "attempts", "sent_at"]
    list_filter = ["state", "channel", "event", "to_staff"]
    search_fields = ["case__tracking_code", "recipient"]
    raw_id_fields = ["case"]
    readonly_fields = ["attempts", "claimed_at", "sent_at", "error", "created_at"]
