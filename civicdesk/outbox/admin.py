from django.contrib import admin

from civicdesk.outbox.models import PendingTask


@admin.register(PendingTask)
class PendingTaskAdmin(admin.ModelAdmin):
    list_display = ["task", "args", "created_at", "next_attempt_at", "attempts", "last_error"]
    list_filter = ["task"]
    readonly_fields = ["task", "args", "kwargs", "created_at", "next_attempt_at", "claimed_until", "attempts",
                       "last_error"]
