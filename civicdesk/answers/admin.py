"""Answers and ratings are shown read-only: approving and publishing go through the lead's
screen so that each step is an event row."""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from civicdesk.answers import signing
from civicdesk.answers.models import Answer, AnswerAttachment, AnswerTemplate, Rating, SigningIdentity


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


@admin.register(SigningIdentity)
class SigningIdentityAdmin(admin.ModelAdmin):
    """Per agency: the letterhead and the key and certificate files the answer letters are signed
    with (docs/deploy.md "Signed answer letters"). The files stay on the server; only paths are kept."""

    list_display = ("agency", "symbol", "signer_name", "is_active")
    list_filter = ("is_active",)
    search_fields = ("agency__name", "symbol", "signer_name")
    fieldsets = (
        (None, {"fields": ("agency", "is_active")}),
        (_("Thể thức văn bản (Nghị định 30/2020)"), {"fields": ("parent_name", "symbol", "place", "signer_authority",
                                                              "signer_name")}),
        (_("Khóa và chứng thư số (tệp trên máy chủ)"), {"fields": ("key_path", "cert_path", "chain_path",
                                                                  "passphrase_env", "trust_root_path")}),
    )

    def save_model(self, request, obj, form, change):  # type: ignore[no-untyped-def]
        super().save_model(request, obj, form, change)
        try:
            signing.load_signer(obj.key_path, obj.cert_path, [obj.chain_path] if obj.chain_path else [],
                                obj.passphrase_env)
            signing.load_certificates([obj.trust_root_path])
        except signing.SigningError as exc:
            messages.warning(request, str(exc))
        else:
            messages.success(request, _("Đã đọc được khóa, chứng thư và chứng thư gốc."))
