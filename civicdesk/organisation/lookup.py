"""Today's wards by their official code, from a per-process copy (`lib.refcache`): intake and the
router resolve a ward for every new case."""

from civicdesk.lib.refcache import RefCache
from civicdesk.organisation.models import AdminUnit


def _load() -> dict[str, AdminUnit]:
    return {unit.code: unit for unit in AdminUnit.objects.filter(level=AdminUnit.Level.WARD)}


_wards = RefCache("wards", _load, depends_on=["organisation.AdminUnit"])


def ward_by_code(code: str | None) -> AdminUnit | None:
    return _wards.get().get(code) if code else None
