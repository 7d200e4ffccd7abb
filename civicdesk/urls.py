from django.conf import settings
from django.contrib import admin
from django.urls import URLPattern, URLResolver, include, path
from django.views.static import serve

admin.site.site_header = "civicdesk — Quản trị hệ thống"
admin.site.site_title = "civicdesk"
admin.site.index_title = "Cấu hình lĩnh vực, đơn vị, địa bàn, người dùng"

urlpatterns: list[URLPattern | URLResolver] = [
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("tai-khoan/", include("civicdesk.accounts.urls")),
    path("xu-ly/", include("civicdesk.answers.urls")),
    path("quy-trinh/", include("civicdesk.workflow.urls")),
    path("dieu-hanh/", include("civicdesk.dashboard.urls")),
    path("tro-ly/", include("civicdesk.assistant.urls")),
    path("open311/v2/", include("civicdesk.open311.urls")),
    path("api/", include("civicdesk.api.urls")),
    path("", include("civicdesk.ops.urls")),
    path("", include("civicdesk.petitions.urls")),
]

if settings.DEBUG or settings.DEMO_MODE:
    # Only public (EXIF-free) copies are served this way; originals need a permission check.
    urlpatterns.append(path("media/public/<path:path>", serve, {"document_root": settings.MEDIA_ROOT / "public"}))
