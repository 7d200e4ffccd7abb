from django.urls import path

from civicdesk.inbound import views

app_name = "inbound"
urlpatterns = [
    path("sms/den/", views.sms_inbound, name="sms_inbound"),
]
