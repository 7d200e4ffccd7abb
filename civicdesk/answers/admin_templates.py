"""Admin pages for answer templates and answer files (the agency workspace)."""

from django.contrib import admin

from civicdesk.answers.models import AnswerAttachment, AnswerTemplate


@admin.register(AnswerTemplate)
class AnswerTemplateAdmin(admin.ModelAdmin):
    list_display = ("title", "category", "sort_order", "is_active")
    list_filter = ("is_active", "category")
    search_fields = ("title", "body")
    list_editable = ("sort_order", "is_active")


@admin.register(AnswerAttachment)
class AnswerAttachmentAdmin(admin.ModelAdmin):
    list_display = ("original_name", "answer", "content_type", "size", "created_at")
    readonly_fields = ("original_name", "stored_name", "content_type", "size", "sha256", "file", "public_file",
                       "uploaded_by", "answer")
    search_fields = ("original_name", "answer__case__tracking_code")
