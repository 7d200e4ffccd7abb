from django.contrib import admin
from django.urls import URLPattern, URLResolver, include, path

from civicdesk.answers.views import public_media

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
    path("zalo/", include("civicdesk.zalo.urls")),
    path("", include("civicdesk.ops.urls")),
    path("", include("civicdesk.organisation.urls")),
    # Providers' calls: the SMS gateway's delivery reports and inbound messages.
    path("kenh/", include("civicdesk.notifications.urls")),
    path("kenh/", include("civicdesk.inbound.urls")),
    # Public copies of files, each checked against its case or answer (never a directory listing).
    path("media/public/<path:path>", public_media, name="public_media"),
    path("", include("civicdesk.petitions.urls")),
]
