"""factory_boy factories for the domain; personas in conftest.py build on them."""

import factory
from django.utils import timezone

from civicdesk.accounts.models import Role, User
from civicdesk.organisation.models import AdminUnit, Agency, RoutingRule
from civicdesk.petitions.models import Case, Category, Status


class ProvinceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AdminUnit
        django_get_or_create = ("code",)

    code = "79"
    name = "Thành phố Hồ Chí Minh"
    short_name = "Hồ Chí Minh"
    unit_type = "Thành phố"
    level = AdminUnit.Level.PROVINCE
    key = "thanhphohochiminh"
    short_key = "hochiminh"


class WardFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AdminUnit
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"{90000 + n:05d}")
    name = factory.Sequence(lambda n: f"Phường Thử {n}")
    short_name = factory.Sequence(lambda n: f"Thử {n}")
    unit_type = "Phường"
    level = AdminUnit.Level.WARD
    parent = factory.SubFactory(ProvinceFactory)
    key = factory.Sequence(lambda n: f"phuongthu{n}")
    short_key = factory.Sequence(lambda n: f"thu{n}")
    lat = 10.77
    lon = 106.69


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Category
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"linh-vuc-{n}")
    name = factory.Sequence(lambda n: f"Lĩnh vực {n}")


class AgencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agency
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"don-vi-{n}")
    name = factory.Sequence(lambda n: f"Đơn vị {n}")
    kind = Agency.Kind.DEPARTMENT
    email = factory.LazyAttribute(lambda o: f"{o.code}@example.gov.vn")


class RoutingRuleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RoutingRule

    category = factory.SubFactory(CategoryFactory)
    agency = factory.SubFactory(AgencyFactory)
    ward = None


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    full_name = factory.Sequence(lambda n: f"Người dùng {n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.vn")
    role = Role.CITIZEN
    password = factory.django.Password("mat-khau-thu-1022")


class CaseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Case

    tracking_code = factory.Sequence(lambda n: f"TEST-{n:04d}"[:9])
    title = factory.Sequence(lambda n: f"Đường bị ngập sau mưa lớn số {n}")
    content = "Mỗi lần mưa lớn, nước ngập tới nửa bánh xe, xe máy chết máy giữa đường."
    category = factory.SubFactory(CategoryFactory)
    category_confirmed = True
    agency = factory.SubFactory(AgencyFactory)
    status = Status.ASSIGNED
    reporter_name = "Nguyễn Văn An"
    reporter_email = "an.nguyen@example.vn"
    reporter_phone = "0903123456"
    address_text = "12 Lê Lợi, phường Bến Thành"
    created_at = factory.LazyFunction(timezone.now)
