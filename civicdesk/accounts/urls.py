from django.contrib.auth import views as auth_views
from django.urls import path

from civicdesk.accounts import sso, views

app_name = "accounts"
urlpatterns = [
    path("dang-nhap/", views.LoginView.as_view(), name="login"),
    path("dang-xuat/", auth_views.LogoutView.as_view(), name="logout"),
    path("dang-nhap/sso/", sso.SignInStart.as_view(), name="sso"),
    path("dang-nhap/sso/callback/", sso.SignInCallback.as_view(), name="sso_callback"),
    path("", views.home, name="home"),
]
