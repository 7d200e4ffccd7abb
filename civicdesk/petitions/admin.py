"""Cases are read here, not edited: every change of a case must be an event row written by the
workflow, so the admin shows cases and their history and leaves changes to the working screens."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from civicdesk.petitions.models import Attachment, Case, CaseEvent, Category


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ("name", "code", "sla_days_normal", "sla_days_complex", "sort_order", "is_active")
    list_editable = ("sla_days_normal", "sla_days_complex", "sort_order", "is_active")
    list_filter = ("is_active",)
    search_fields = ("name", "code", "name_en", "keywords")
    prepopulated_fields = {"code": ("name",)}


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class CaseEventInline(ReadOnlyInline):
    model = CaseEvent
    fields = ("created_at", "action", "from_status", "to_status", "actor", "note", "is_public")
    readonly_fields = fields
    ordering = ("created_at", "id")
    verbose_name_plural = _("lịch sử xử lý")


class AttachmentInline(ReadOnlyInline):
    model = Attachment
    fields = ("original_name", "content_type", "size", "created_at")
    readonly_fields = fields


@admin.register(Case)
class CaseAdmin(admin.ModelAdmin):
    list_display = ("tracking_code", "title", "category", "status", "agency", "created_at")
    list_filter = ("status", "kind", "channel", "priority", "category", "is_public", "agency__kind")
    search_fields = ("=tracking_code", "reporter_phone", "title", "reporter_name", "address_text")
    list_select_related = ("category", "agency")
    date_hierarchy = "created_at"
    show_full_result_count = False
    inlines = (CaseEventInline, AttachmentInline)
    fieldsets = (
        (None, {"fields": ("tracking_code", "kind", "title", "content", "status", "priority", "channel")}),
        (_("Phân loại và giao việc"), {"fields": ("category", "category_confirmed", "routing_confidence",
                                                  "agency", "assignee", "duplicate_of")}),
        (_("Địa điểm"), {"fields": ("address_text", "ward", "lat", "lon")}),
        (_("Người gửi"), {"fields": ("reporter_type", "reporter_name", "reporter_phone", "reporter_email",
                                     "hide_identity", "consent_at", "user")}),
        (_("Thời hạn"), {"fields": ("created_at", "due_at", "answered_at", "closed_at", "is_public",
                                    "rejection_reason")}),
    )

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
