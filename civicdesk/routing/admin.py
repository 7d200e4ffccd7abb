from django.contrib import admin

from civicdesk.routing.models import PossibleDuplicate, RoutingSettings


@admin.register(RoutingSettings)
class RoutingSettingsAdmin(admin.ModelAdmin):
    fields = ["confidence_threshold", "duplicate_threshold"]

    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        return not RoutingSettings.objects.exists()

    def has_delete_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False


@admin.register(PossibleDuplicate)
class PossibleDuplicateAdmin(admin.ModelAdmin):
    """Found by intake and decided on the case page; here an administrator looks them up and may
    clear a dismissal (dismissed_at) — the pair and its score are what the search produced."""

    list_display = ["case", "earlier", "score", "created_at", "dismissed_at"]
    list_select_related = ["case", "earlier"]
    list_filter = [("dismissed_at", admin.EmptyFieldListFilter)]
    search_fields = ["=case__tracking_code", "=earlier__tracking_code"]
    date_hierarchy = "created_at"
    autocomplete_fields = ["case", "earlier"]
    readonly_fields = ["case", "earlier", "score", "created_at"]
    fields = ["case", "earlier", "score", "created_at", "dismissed_at"]

    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        return False
