"""Answers and ratings are shown read-only: approving and publishing go through the lead's
screen so that each step is an event row."""

from django.contrib import admin

from civicdesk.answers.models import Answer, Rating


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
