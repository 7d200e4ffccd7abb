from django.urls import path

from civicdesk.petitions import views

app_name = "petitions"
urlpatterns = [
    path("", views.home, name="home"),
    path("gui-phan-anh/", views.submit, name="submit"),
    path("gui-phan-anh/gan-day.json", views.nearby_cases, name="nearby"),
    path("gui-phan-anh/da-gui/", views.submitted, name="submitted"),
    path("tra-cuu/", views.track_lookup, name="track_lookup"),
    path("tra-cuu/<str:code>/", views.track, name="track"),
    path("tra-cuu/<str:code>/tep/<int:pk>/", views.attachment, name="attachment"),
    path("tra-cuu/<str:code>/nguoi-gui/<str:secret>/", views.reporter_link, name="reporter_link"),
    path("cong-khai/", views.public_list, name="public_list"),
    path("ban-do/", views.public_map_page, name="public_map"),
    path("ban-do/du-lieu.json", views.public_map_data, name="public_map_data"),
    path("cong-khai/<str:code>/", views.public_detail, name="public_detail"),
    path("manifest.webmanifest", views.web_manifest, name="manifest"),
    path("sw.js", views.service_worker, name="service_worker"),
    path("ngoai-tuyen/", views.offline, name="offline"),
    path("du-lieu-ca-nhan/", views.privacy, name="privacy"),
    path("cua-toi/", views.my_cases, name="my_cases"),
]
