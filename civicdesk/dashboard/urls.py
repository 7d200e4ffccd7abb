from django.urls import path

from civicdesk.dashboard import views

app_name = "dashboard"
urlpatterns = [
    path("", views.overview, name="overview"),
    path("so-lieu/", views.kpis, name="kpis"),
    path("xep-hang/", views.league, name="league"),
    path("qua-han/", views.overdue, name="overdue"),
    path("ho-so/", views.case_list, name="case_list"),
    path("ho-so/<str:code>/", views.case_detail, name="case_detail"),
    path("ban-do/", views.case_map, name="map"),
    path("ban-do/du-lieu.json", views.map_data, name="map_data"),
    path("diem-nong/", views.hotspot_list, name="hotspots"),
    path("chi-dao/", views.directive_list, name="directives"),
    path("bao-cao/", views.monthly_report, name="report"),
]
