"""Demo users, one or more per role; the same list is shown on the login page in demo mode and in
the README."""

from typing import TYPE_CHECKING, NotRequired, TypedDict

from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:  # django_stubs_ext comes with django-stubs (a test dependency), not at run time
    from django_stubs_ext import StrOrPromise

DEMO_PASSWORD = "demo-1022"


class DemoUser(TypedDict):
    username: str
    role: str
    agency: str | None  # the agency's code
    description: "StrOrPromise"
    full_name: str
    phone: NotRequired[str]


DEMO_USERS: list[DemoUser] = [
    {"username": "admin", "role": "admin", "agency": None, "description": _("Quản trị hệ thống"),
     "full_name": "Trần Quốc Bảo"},
    {"username": "lanhdao", "role": "supervisor", "agency": None, "description": _("Lãnh đạo thành phố / giám sát"),
     "full_name": "Lê Minh Tâm"},
    {"username": "tongdai", "role": "operator", "agency": None, "description": _("Tổng đài viên 1022"),
     "full_name": "Phạm Thị Thu Hà"},
    {"username": "canbo.xaydung", "role": "officer", "agency": "so-xay-dung", "description": _("Cán bộ Sở Xây dựng"),
     "full_name": "Nguyễn Văn Hùng"},
    {"username": "lanhdao.xaydung", "role": "lead", "agency": "so-xay-dung", "description": _("Lãnh đạo Sở Xây dựng"),
     "full_name": "Võ Thanh Sơn"},
    {"username": "canbo.benthanh", "role": "officer", "agency": "ubnd-phuong-ben-thanh",
     "description": _("Cán bộ UBND phường Bến Thành"), "full_name": "Huỳnh Ngọc Lan"},
    {"username": "lanhdao.benthanh", "role": "lead", "agency": "ubnd-phuong-ben-thanh",
     "description": _("Lãnh đạo UBND phường Bến Thành"), "full_name": "Đặng Hữu Phúc"},
    {"username": "nguoidan", "role": "citizen", "agency": None, "description": _("Người dân có tài khoản"),
     "full_name": "Nguyễn Thị Mai", "phone": "0909123456"},
]
