from django.contrib import admin

from civicdesk.assistant.models import KnowledgeEntry


@admin.register(KnowledgeEntry)
class KnowledgeEntryAdmin(admin.ModelAdmin):
    list_display = ("title", "kind", "field", "agency", "is_active", "updated_at")
    list_filter = ("kind", "is_active", "field")
    search_fields = ("title", "question", "body", "external_id")
    readonly_fields = ("case", "created_at", "updated_at")
    fieldsets = (
        (None, {"fields": ("external_id", "kind", "title", "question", "body", "is_active")}),
        ("Thủ tục", {"fields": ("field", "agency", "steps", "documents", "fees", "time_limit")}),
        ("Nguồn", {"fields": ("legal_basis", "source_url", "case", "created_at", "updated_at")}),
    )
