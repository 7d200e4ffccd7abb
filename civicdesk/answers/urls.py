from django.urls import path

from civicdesk.answers import views

app_name = "answers"
urlpatterns = [
    path("", views.inbox_view, name="inbox"),
    path("giao-viec/", views.bulk_assign, name="bulk_assign"),
    path("ho-so/<str:code>/", views.case_view, name="case"),
    path("ho-so/<str:code>/lich-su/", views.timeline_view, name="timeline"),
    path("ho-so/<str:code>/bat-dau/", views.start_view, name="start"),
    path("ho-so/<str:code>/ghi-chu/", views.note_view, name="note"),
    path("ho-so/<str:code>/giao/", views.assign_view, name="assign"),
    path("ho-so/<str:code>/tra-loi/", views.draft_view, name="draft"),
    path("ho-so/<str:code>/tra-loi/dinh-kem/", views.attach_view, name="attach"),
    path("ho-so/<str:code>/tra-loi/gui-duyet/", views.submit_view, name="submit"),
    path("ho-so/<str:code>/tra-loi/duyet/", views.approve_view, name="approve"),
    path("ho-so/<str:code>/tra-loi/tra-lai/", views.return_view, name="return"),
    path("ho-so/<str:code>/tep/<int:pk>/", views.attachment_view, name="attachment"),
    path("ho-so/<str:code>/tep-tra-loi/<int:pk>/", views.answer_attachment_view, name="answer_attachment"),
    path("tep-cong-khai/<int:pk>/", views.public_attachment_view, name="public_attachment"),
    path("tep-tra-loi-cong-khai/<int:pk>/", views.public_answer_attachment_view, name="public_answer_attachment"),
    path("van-ban/<int:pk>/", views.letter_view, name="letter"),
    path("ho-so/<str:code>/tra-loi/ky-so/", views.issue_letter_view, name="issue_letter"),
]
