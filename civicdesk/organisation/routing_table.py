"""Looking up the routing table: category × ward → agency.

Every new case asks it, so each process keeps a copy of the (small) table and of the ward
committees, rebuilt when a rule or an agency changes (`lib.refcache`)."""

from dataclasses import dataclass

from civicdesk.lib.refcache import RefCache
from civicdesk.organisation.models import AdminUnit, Agency, RoutingRule


@dataclass(frozen=True)
class _Table:
    # category id → {ward id or None (city-wide) → rule}
    rules: dict[int, dict[int | None, RoutingRule]]
    # ward id → the active People's Committee of that ward
    ward_committees: dict[int, Agency]


def _load() -> _Table:
    rules: dict[int, dict[int | None, RoutingRule]] = {}
    for rule in RoutingRule.objects.select_related("agency"):
        rules.setdefault(rule.category_id, {})[rule.ward_id] = rule
    committees: dict[int, Agency] = {}
    for agency in Agency.objects.filter(kind=Agency.Kind.WARD_COMMITTEE, is_active=True).order_by("name", "pk"):
        if agency.ward_id is not None:  # a committee without a ward answers for none
            committees.setdefault(agency.ward_id, agency)
    return _Table(rules, committees)


_table = RefCache("routing table", _load, depends_on=["organisation.RoutingRule", "organisation.Agency"])


def agency_for(category_id: int | None, ward: AdminUnit | None) -> Agency | None:
    """The agency responsible for `category` in `ward`: a ward-specific rule first, then the
    city-wide one. None when the table has no answer (the case goes to triage)."""
    if category_id is None:
        return None
    table = _table.get()
    by_ward = table.rules.get(category_id, {})
    ward_id = ward.pk if ward else None
    rule = (by_ward.get(ward_id) if ward_id else None) or by_ward.get(None)
    if rule is None:
        return None
    if rule.to_ward_committee:
        return table.ward_committees.get(ward_id) if ward_id else None
    return rule.agency if rule.agency and rule.agency.is_active else None
