"""Factories for answers, templates and ratings, and small file builders for upload tests."""

import io

import factory
from PIL import Image

from civicdesk.answers.models import Answer, AnswerTemplate, Rating
from tests.factories import CaseFactory, UserFactory


class AnswerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Answer

    case = factory.SubFactory(CaseFactory)
    author = factory.SubFactory(UserFactory)
    body = "Đơn vị đã cử người kiểm tra và nạo vét cống."
    state = Answer.State.DRAFT


class AnswerTemplateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AnswerTemplate

    title = factory.Sequence(lambda n: f"Mẫu {n}")
    body = "Kính gửi {ten_nguoi_gui}, về phản ánh {ma_tra_cuu}: {don_vi} đã xử lý."
    category = None


class RatingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Rating

    case = factory.SubFactory(CaseFactory)
    score = 4
    comment = "Xử lý nhanh"


def png_bytes(size=(8, 8), colour=(200, 30, 30)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, colour).save(out, format="PNG")
    return out.getvalue()
