from django.urls import path

from civicdesk.assistant import views

app_name = "assistant"
urlpatterns = [
    path("", views.chat, name="chat"),
    path("tri-thuc/<int:pk>/", views.entry, name="entry"),
    path("can-bo/ho-so/<int:case_id>/", views.officer_panel, name="officer_panel"),
    path("can-bo/kiem-tra-tra-loi/", views.check_answer_view, name="check_answer"),
]
