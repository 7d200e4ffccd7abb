"""Answers and ratings are shown read-only: approving and publishing go through the lead's
screen so that each step is an event row."""

from django.contrib import admin

from civicdesk.answers.models import Answer, AnswerAttachment, AnswerTemplate, Rating


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Answer)
class AnswerAdmin(ReadOnlyAdmin):
    list_display = ("case", "state", "author", "approved_by", "approved_at", "created_at")
    list_filter = ("state", "case__category")
    search_fields = ("=case__tracking_code", "body", "author__username", "author__full_name")
    list_select_related = ("case", "author", "approved_by")
    show_full_result_count = False


@admin.register(Rating)
class RatingAdmin(ReadOnlyAdmin):
    list_display = ("case", "score", "comment", "created_at")
    list_filter = ("score", "case__category")
    search_fields = ("=case__tracking_code", "comment")
    list_select_related = ("case",)
    show_full_result_count = False

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
