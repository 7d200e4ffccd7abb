"""Demo users, one or more per role; the same list is shown on the login page in demo mode and in
the README."""

from django.utils.translation import gettext_lazy as _

DEMO_PASSWORD = "demo-1022"

DEMO_USERS = [
    {"username": "admin", "role": "admin", "agency": None, "description": _("Quản trị hệ thống")},
    {"username": "lanhdao", "role": "supervisor", "agency": None, "description": _("Lãnh đạo thành phố / giám sát")},
    {"username": "tongdai", "role": "operator", "agency": None, "description": _("Tổng đài viên 1022")},
    {"username": "canbo.xaydung", "role": "officer", "agency": "so-xay-dung", "description": _("Cán bộ Sở Xây dựng")},
    {"username": "lanhdao.xaydung", "role": "lead", "agency": "so-xay-dung", "description": _("Lãnh đạo Sở Xây dựng")},
    {"username": "canbo.benthanh", "role": "officer", "agency": "ubnd-phuong-ben-thanh",
     "description": _("Cán bộ UBND phường Bến Thành")},
    {"username": "lanhdao.benthanh", "role": "lead", "agency": "ubnd-phuong-ben-thanh",
     "description": _("Lãnh đạo UBND phường Bến Thành")},
    {"username": "nguoidan", "role": "citizen", "agency": None, "description": _("Người dân có tài khoản")},
]
