from django.urls import path

from civicdesk.notifications import views

app_name = "notifications"
urlpatterns = [
    path("sms/bao-phat/<int:notification_id>/<str:signature>/", views.sms_delivery, name="sms_delivery"),
]
