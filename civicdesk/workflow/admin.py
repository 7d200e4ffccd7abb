from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from civicdesk.workflow.models import (
    CalendarDay,
    Escalation,
    ExtensionRequest,
    StepLimit,
    Transfer,
    WorkflowSettings,
)


@admin.register(WorkflowSettings)
class WorkflowSettingsAdmin(admin.ModelAdmin):
    fieldsets = [
        (_("Giờ làm việc"), {"fields": ["morning_start", "morning_end", "afternoon_start", "afternoon_end"]}),
        (_("Thời hạn"), {"fields": ["receive_hours", "urgent_hours", "due_soon_hours", "supervisor_after_hours",
                                  "reopen_days"]}),
    ]

    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        return not WorkflowSettings.objects.exists()

    def has_delete_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False


@admin.register(CalendarDay)
class CalendarDayAdmin(admin.ModelAdmin):
    list_display = ["date", "kind", "note"]
    list_filter = ["kind"]
    date_hierarchy = "date"


@admin.register(ExtensionRequest)
class ExtensionRequestAdmin(admin.ModelAdmin):
    list_display = ["case", "days", "state", "requested_by", "decided_by", "created_at"]
    list_filter = ["state"]
    raw_id_fields = ["case"]
    readonly_fields = ["old_due_at", "new_due_at", "decided_at"]


@admin.register(Transfer)
class TransferAdmin(admin.ModelAdmin):
    list_display = ["case", "from_agency", "to_agency", "state", "created_at"]
    list_filter = ["state"]
    raw_id_fields = ["case"]


@admin.register(Escalation)
class EscalationAdmin(admin.ModelAdmin):
    list_display = ["case", "threshold", "deadline", "created_at"]
    list_filter = ["threshold"]
    raw_id_fields = ["case"]


@admin.register(StepLimit)
class StepLimitAdmin(admin.ModelAdmin):
    list_display = ["step", "variant", "amount", "unit", "note"]
    list_editable = ["amount", "unit"]
    list_filter = ["step"]
