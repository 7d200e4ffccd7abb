"""The demo city's receiving units: Ho Chi Minh City's departments after the 2025 mergers, the
public utilities, one People's Committee (UBND) for each of the 168 wards, communes and special
zones, and a routing table (lĩnh vực × địa bàn → đơn vị). Plausible, not an official directory:
addresses and telephone numbers are left out, e-mail addresses are on a local demo domain."""

import re
import unicodedata
from collections import Counter

from django.db import transaction

from civicdesk.organisation.models import AdminUnit, Agency, RoutingRule
from civicdesk.petitions.models import Category

HCMC_CODE = "79"
EMAIL_DOMAIN = "demo.tphcm.local"

# (code, name, kind)
CITY_AGENCIES = [
    ("so-xay-dung", "Sở Xây dựng", Agency.Kind.DEPARTMENT),  # incl. transport since 2025
    ("so-nong-nghiep-va-moi-truong", "Sở Nông nghiệp và Môi trường", Agency.Kind.DEPARTMENT),
    ("so-y-te", "Sở Y tế", Agency.Kind.DEPARTMENT),
    ("so-giao-duc-va-dao-tao", "Sở Giáo dục và Đào tạo", Agency.Kind.DEPARTMENT),
    ("so-van-hoa-va-the-thao", "Sở Văn hóa và Thể thao", Agency.Kind.DEPARTMENT),
    ("so-du-lich", "Sở Du lịch", Agency.Kind.DEPARTMENT),
    ("so-cong-thuong", "Sở Công Thương", Agency.Kind.DEPARTMENT),
    ("so-noi-vu", "Sở Nội vụ", Agency.Kind.DEPARTMENT),  # incl. labour since 2025
    ("so-tu-phap", "Sở Tư pháp", Agency.Kind.DEPARTMENT),
    ("so-tai-chinh", "Sở Tài chính", Agency.Kind.DEPARTMENT),
    ("so-khoa-hoc-va-cong-nghe", "Sở Khoa học và Công nghệ", Agency.Kind.DEPARTMENT),
    ("so-quy-hoach-kien-truc", "Sở Quy hoạch - Kiến trúc", Agency.Kind.DEPARTMENT),
    ("so-dan-toc-va-ton-giao", "Sở Dân tộc và Tôn giáo", Agency.Kind.DEPARTMENT),
    ("thanh-tra-thanh-pho", "Thanh tra Thành phố", Agency.Kind.DEPARTMENT),
    ("van-phong-ubnd-thanh-pho", "Văn phòng UBND Thành phố", Agency.Kind.OTHER),
    ("cong-an-thanh-pho", "Công an Thành phố Hồ Chí Minh", Agency.Kind.POLICE),
    ("evnhcmc", "Tổng công ty Điện lực TP.HCM (EVNHCMC)", Agency.Kind.UTILITY),
    ("sawaco", "Tổng công ty Cấp nước Sài Gòn (SAWACO)", Agency.Kind.UTILITY),
    ("cong-ty-moi-truong-do-thi", "Công ty TNHH MTV Môi trường Đô thị TP.HCM", Agency.Kind.UTILITY),
]

# Category → city-wide agency, or None for "the People's Committee of the ward where it happens".
ROUTING = {
    "giao-thong": "so-xay-dung",
    "ha-tang-do-thi": None,
    "moi-truong": None,
    "trat-tu-do-thi": None,
    "xay-dung": None,
    "dat-dai": "so-nong-nghiep-va-moi-truong",
    "an-ninh-trat-tu": "cong-an-thanh-pho",
    "y-te": "so-y-te",
    "an-toan-thuc-pham": "so-y-te",
    "giao-duc": "so-giao-duc-va-dao-tao",
    "an-sinh-xa-hoi": "so-noi-vu",
    "dien-nuoc": "evnhcmc",
    "thu-tuc-hanh-chinh": None,
    "kinh-te-thi-truong": "so-cong-thuong",
    # "khac" has no rule: a person reads it and decides (triage).
}

# When a ward-level matter arrives without a known place, the operator sends it to the department.
DEPARTMENT_WITHOUT_WARD = {
    "ha-tang-do-thi": "so-xay-dung",
    "moi-truong": "so-nong-nghiep-va-moi-truong",
    "trat-tu-do-thi": "so-xay-dung",
    "xay-dung": "so-xay-dung",
    "thu-tuc-hanh-chinh": "so-tu-phap",
    "khac": "van-phong-ubnd-thanh-pho",
}

# Ward-specific rows of the routing table (they beat the city-wide row): the island special zone
# handles its own roads and land.
WARD_RULES = [("giao-thong", "Đặc khu Côn Đảo"), ("dat-dai", "Đặc khu Côn Đảo")]


def slug(text: str) -> str:
    """Vietnamese to an ASCII slug: 'Phường Bến Thành' → 'phuong-ben-thanh' (đ → d)."""
    text = text.replace("đ", "d").replace("Đ", "D")
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def ward_committee_code(ward: AdminUnit) -> str:
    return f"ubnd-{slug(ward.name)}"


def ward_committee_codes(wards) -> dict[int, str]:
    """Codes of the wards' People's Committees by ward id; names that differ only by their
    diacritics (Xã Thanh An, Xã Thạnh An) get the ward's code appended to stay distinct."""
    codes = {ward.pk: ward_committee_code(ward) for ward in wards}
    counts = Counter(codes.values())
    return {ward.pk: code if counts[code] == 1 else f"{code}-{ward.code}"
            for ward in wards for code in [codes[ward.pk]]}


def ward_committee_name(ward: AdminUnit) -> str:
    kind = ward.unit_type.lower() if ward.unit_type else ""
    return f"UBND {kind} {ward.short_name}".replace("  ", " ")


@transaction.atomic
def load_agencies() -> dict[str, Agency]:
    """Create or update the city's agencies and the ward committees; returns them by code."""
    wanted = [Agency(code=code, name=name, kind=kind, email=f"{code}@{EMAIL_DOMAIN}", ward=None)
              for code, name, kind in CITY_AGENCIES]
    wards = list(AdminUnit.objects.filter(parent__code=HCMC_CODE, level=AdminUnit.Level.WARD))
    codes = ward_committee_codes(wards)
    wanted += [
        Agency(code=codes[w.pk], name=ward_committee_name(w), kind=Agency.Kind.WARD_COMMITTEE,
               ward=w, email=f"{codes[w.pk]}@{EMAIL_DOMAIN}")
        for w in wards
    ]
    Agency.objects.bulk_create(wanted, batch_size=500, update_conflicts=True, unique_fields=["code"],
                               update_fields=["name", "kind", "ward"])
    return {a.code: a for a in Agency.objects.select_related("ward")}


@transaction.atomic
def load_routing_table(agencies: dict[str, Agency]) -> int:
    """Add the demo routing rules that are missing; rows an administrator edited stay as they are."""
    categories = {c.code: c for c in Category.objects.all()}
    created = 0
    for code, agency_code in ROUTING.items():
        if code not in categories:
            continue
        _, made = RoutingRule.objects.get_or_create(
            category=categories[code], ward=None,
            defaults={"agency": agencies.get(agency_code) if agency_code else None,
                      "to_ward_committee": agency_code is None},
        )
        created += made
    for code, ward_name in WARD_RULES:
        ward = AdminUnit.objects.filter(parent__code=HCMC_CODE, name=ward_name).first()
        if ward is None or code not in categories:
            continue
        _, made = RoutingRule.objects.get_or_create(
            category=categories[code], ward=ward,
            defaults={"agency": Agency.objects.filter(ward=ward, kind=Agency.Kind.WARD_COMMITTEE).first(),
                      "to_ward_committee": False},
        )
        created += made
    return created
