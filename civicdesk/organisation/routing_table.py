"""Looking up the routing table: category × ward → agency."""

from civicdesk.organisation.models import AdminUnit, Agency, RoutingRule


def agency_for(category_id: int | None, ward: AdminUnit | None) -> Agency | None:
    """The agency responsible for `category` in `ward`: a ward-specific rule first, then the
    city-wide one. None when the table has no answer (the case goes to triage)."""
    if category_id is None:
        return None
    rules = RoutingRule.objects.filter(category_id=category_id).select_related("agency")
    ward_id = ward.pk if ward else None
    by_ward = {rule.ward_id: rule for rule in rules}
    rule = by_ward.get(ward_id) if ward_id else None
    rule = rule or by_ward.get(None)
    if rule is None:
        return None
    if rule.to_ward_committee:
        if ward is None:
            return None
        return Agency.objects.filter(ward=ward, kind=Agency.Kind.WARD_COMMITTEE, is_active=True).first()
    return rule.agency if rule.agency and rule.agency.is_active else None
