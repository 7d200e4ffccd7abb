"""Cases are read here, not edited: every change of a case must be an event row written by the
workflow, so the admin shows cases and their history and leaves changes to the working screens."""

from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import path, reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from civicdesk.petitions import identity, permissions
from civicdesk.petitions.models import Attachment, Case, CaseEvent, Category, ErasureRequest, IdentityRead


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ("name", "code", "sla_days_normal", "sla_days_complex", "sort_order", "is_active")
    list_editable = ("sla_days_normal", "sla_days_complex", "sort_order", "is_active")
    list_filter = ("is_active",)
    search_fields = ("name", "code", "name_en", "keywords")
    prepopulated_fields = {"code": ("name",)}
    change_list_template = "admin/petitions/category/change_list.html"

    def get_urls(self):  # type: ignore[no-untyped-def]
        train = self.admin_site.admin_view(require_POST(self.train_router_view))
        return [path("train-router/", train, name="petitions_category_train_router"), *super().get_urls()]

    def changelist_view(self, request, extra_context=None):  # type: ignore[no-untyped-def]
        from civicdesk.routing.training import router_status

        return super().changelist_view(request, {**(extra_context or {}), "router": router_status()})

    def train_router_view(self, request: HttpRequest) -> HttpResponse:
        """"Train now": the nightly task, enqueued at once (run in this process without a broker)."""
        if not self.has_change_permission(request):
            raise PermissionDenied
        from civicdesk.routing.tasks import retrain_router

        pending = retrain_router.delay(force=True)
        if settings.CELERY_TASK_ALWAYS_EAGER:
            result = pending.get()
            if result.get("trained"):
                messages.success(request, gettext("Đã huấn luyện bộ phân loại trên %(n)s hồ sơ.") % {"n": result["cases"]})
            else:
                messages.warning(request, gettext("Chưa huấn luyện được: %(reason)s") % {"reason": result["reason"]})
        else:
            messages.info(request, gettext("Đã gửi yêu cầu huấn luyện; mô hình mới dùng ngay khi xong (vài giây)."))
        return HttpResponseRedirect(reverse("admin:petitions_category_changelist"))

    def save_model(self, request, obj, form, change):  # type: ignore[no-untyped-def]
        super().save_model(request, obj, form, change)
        if not change:
            messages.info(request, gettext(
                "Lĩnh vực “%(name)s” được phân loại theo từ khóa của nó ngay từ bây giờ; bộ phân loại học lĩnh vực "
                "này ở lần huấn luyện tới (hằng đêm, hoặc bấm “Huấn luyện ngay”).") % {"name": obj.name})


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

    filter_horizontal = ("identity_readers",)

    def get_fieldsets(self, request, obj=None):  # type: ignore[no-untyped-def]
        """A denunciation's sender is shown only to those who may read it (and the read is logged);
        they also name the staff who may (`identity_readers`)."""
        fieldsets = list(self.fieldsets)
        if obj is None:
            return fieldsets
        fieldsets.append((_("Khiếu nại, tố cáo"), {"fields": ("legal_hint", "legal_kind", "rejection_kind")}))
        if permissions.protects_identity(obj):
            if identity.reveal(request.user, obj, "admin") is None:
                fieldsets = [f for f in fieldsets if "reporter_name" not in f[1]["fields"]]
            if request.user.has_perm("petitions.view_denouncer_identity"):
                fieldsets.append((_("Cán bộ được xem danh tính người tố cáo"), {"fields": ("identity_readers",)}))
        return fieldsets

    def get_readonly_fields(self, request, obj=None):  # type: ignore[no-untyped-def]
        return [f.name for f in Case._meta.get_fields() if f.concrete and f.name != "identity_readers"]

    def get_search_results(self, request, queryset, search_term):  # type: ignore[no-untyped-def]
        """A search by name or phone does not tie a sender to a denunciation (unless the searcher may
        read denouncers' identities); the tracking code still finds it."""
        results, may_duplicate = super().get_search_results(request, queryset, search_term)
        if search_term.strip() and not request.user.has_perm("petitions.view_denouncer_identity"):
            results = results.filter(permissions.identity_search_scope(request.user)
                                     | Q(tracking_code=search_term.strip().upper()))
        return results, may_duplicate

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        # Read-only, except that those who read denouncers' identities name the staff who may.
        return (obj is not None and permissions.protects_identity(obj)
                and request.user.has_perm("petitions.view_denouncer_identity"))


@admin.register(IdentityRead)
class IdentityReadAdmin(admin.ModelAdmin):
    """The audit log of reads of denouncers' identities: a list, read-only."""

    list_display = ("read_at", "case", "reader_name", "place")
    list_filter = ("place",)
    search_fields = ("=case__tracking_code", "reader_name")
    list_select_related = ("case",)
    date_hierarchy = "read_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ErasureRequest)
class ErasureRequestAdmin(admin.ModelAdmin):
    """Citizens' erasure requests (petitions.personal_data): read-only, the record the law asks for."""

    list_display = ("pk", "account_id", "requested_at", "due_at", "cases_erased", "completed_at")
    readonly_fields = ("user", "account_id", "requested_at", "due_at", "cases_erased", "cases_waiting", "completed_at")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False
