"""What a map shows under the cases when the city runs no tile server: the names of its wards at
their centres (today's units) and of the pre-2025 districts people still say, from the
administrative units loaded by `load-admin-units` (the vietnamadminunits data, MIT licence).

That data holds a centre and an area for each ward and a bounding box for each old district, not
their boundaries, so no outlines are drawn: a box or a guessed polygon would show lines that are
not on the ground."""

from django.conf import settings

from civicdesk.organisation.models import AdminUnit, LegacyAdminUnit


def labels(province_code: str | None = None) -> dict:
    """{"wards": [[name, lat, lon, area_km2], …], "districts": [[name, lat, lon], …]} of the city
    (`ROUTING_PROVINCE_CODE`), larger wards first (they keep their label when names would overlap)."""
    code = province_code or settings.ROUTING_PROVINCE_CODE
    wards = (AdminUnit.objects.filter(level=AdminUnit.Level.WARD, parent__code=code, lat__isnull=False,
                                      lon__isnull=False)
             .order_by("-area_km2", "name").values_list("short_name", "name", "lat", "lon", "area_km2"))
    districts = (LegacyAdminUnit.objects.filter(level=LegacyAdminUnit.Level.DISTRICT, lat__isnull=False,
                                                lon__isnull=False,
                                                children__mappings__ward__parent__code=code)
                 .distinct().order_by("name").values_list("name", "lat", "lon"))
    return {
        "wards": [[short or name, round(lat or 0, 5), round(lon or 0, 5), round(area or 0, 2)]
                  for short, name, lat, lon, area in wards],  # lat, lon: never None (filtered above)
        "districts": [[name, round(lat or 0, 5), round(lon or 0, 5)] for name, lat, lon in districts],
    }
