from django.urls import path

from civicdesk.workflow import views

app_name = "workflow"
urlpatterns = [
    path("tong-dai/", views.console, name="console"),
    path("tong-dai/nguoi-goi/", views.console_caller, name="console_caller"),
    path("tong-dai/trung-lap/", views.console_similar, name="console_similar"),
    path("tong-dai/da-ghi/<str:code>/", views.console_done, name="console_done"),
    path("phan-loai/", views.triage_queue, name="triage"),
    path("ho-so/", views.cases, name="cases"),
    path("ho-so/<str:code>/", views.case_detail, name="case"),
    path("ho-so/<str:code>/<slug:action>/", views.case_action, name="action"),
    path("qua-han/", views.overdue_by_agency, name="overdue"),
    path("vi-pham-thoi-han/", views.step_breaches, name="step_breaches"),
    path("chi-dao/", views.directive_list, name="directives"),
    path("chi-dao/moi/", views.directive_new, name="directive_new"),
    path("chi-dao/<int:pk>/", views.directive_detail, name="directive"),
    path("chi-dao/<int:pk>/ket-thuc/", views.directive_close, name="directive_close"),
    path("gia-han/", views.extensions, name="extensions"),
    path("danh-gia/<str:code>/", views.citizen_rate, name="rate"),
    path("mo-lai/<str:code>/", views.citizen_reopen, name="reopen"),
    path("cung-gap/<str:code>/", views.me_too, name="me_too"),
    path("theo-doi/<str:code>/", views.follow, name="follow"),
    path("xac-nhan/<str:token>/", views.confirm, name="confirm"),
    path("bo-theo-doi/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
