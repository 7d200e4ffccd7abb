from django.urls import path

from civicdesk.organisation import views

app_name = "organisation"
urlpatterns = [
    path("ban-do/nen.json", views.basemap_labels, name="basemap"),
]
