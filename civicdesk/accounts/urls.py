from django.contrib.auth import views as auth_views
from django.urls import path

from civicdesk.accounts import sso, views

app_name = "accounts"
urlpatterns = [
    path("dang-nhap/", views.LoginView.as_view(), name="login"),
    path("dang-xuat/", auth_views.LogoutView.as_view(), name="logout"),
    path("dang-nhap/sso/", sso.SignInStart.as_view(), name="sso"),
    path("dang-nhap/sso/callback/", sso.SignInCallback.as_view(), name="sso_callback"),
    path("dang-nhap/ma/", views.code_sign_in, name="code_sign_in"),
    path("dang-nhap/ma/nhap/", views.code_enter, name="code_enter"),
    path("cai-dat/", views.account_settings, name="settings"),
    path("cai-dat/du-lieu.zip", views.export_data, name="export"),
    path("cai-dat/xoa-du-lieu/", views.erase_data, name="erase"),
    path("", views.home, name="home"),
]
