from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def home(request: HttpRequest) -> HttpResponse:
    return render(request, "petitions/home.html")


def submit(request: HttpRequest) -> HttpResponse:
    return render(request, "petitions/home.html")


def track_lookup(request: HttpRequest) -> HttpResponse:
    return render(request, "petitions/home.html")


def track(request: HttpRequest, code: str) -> HttpResponse:
    return render(request, "petitions/home.html")


def public_list(request: HttpRequest) -> HttpResponse:
    return render(request, "petitions/home.html")


def public_detail(request: HttpRequest, code: str) -> HttpResponse:
    return render(request, "petitions/home.html")


def privacy(request: HttpRequest) -> HttpResponse:
    return render(request, "petitions/home.html")


def my_cases(request: HttpRequest) -> HttpResponse:
    return render(request, "petitions/home.html")
