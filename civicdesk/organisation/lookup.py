"""Today's wards by their official code, from a per-process copy (`lib.refcache`): intake and the
router resolve a ward for every new case."""

from civicdesk.lib.refcache import RefCache
from civicdesk.organisation.models import AdminUnit


def _load() -> tuple[dict[str, AdminUnit], dict[int, str]]:
    by_code = {unit.code: unit for unit in AdminUnit.objects.filter(level=AdminUnit.Level.WARD)}
    return by_code, {unit.pk: code for code, unit in by_code.items()}


_wards = RefCache("wards", _load, depends_on=["organisation.AdminUnit"])


def ward_by_code(code: str | None) -> AdminUnit | None:
    return _wards.get()[0].get(code) if code else None


def ward_code_for(ward_id: int | None) -> str | None:
    return _wards.get()[1].get(ward_id) if ward_id else None
