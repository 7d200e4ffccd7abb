"""What the router decides for a new case: category, ward, agency, priority hint, confidence.

This is the single entry point intake calls; the language work behind it lives in this app."""

from dataclasses import dataclass, field

from django.conf import settings

from civicdesk.organisation.models import AdminUnit, Agency
from civicdesk.organisation.routing_table import agency_for
from civicdesk.petitions.models import Case, Category


@dataclass
class RoutingDecision:
    category: Category | None = None
    category_confidence: float = 0.0
    category_confirmed: bool = False
    ward: AdminUnit | None = None
    ward_confidence: float = 0.0
    agency: Agency | None = None
    urgent_hint: bool = False
    reasons: list[str] = field(default_factory=list)

    @property
    def needs_triage(self) -> bool:
        threshold = settings.ROUTING_CONFIDENCE_THRESHOLD
        return self.agency is None or self.category is None or self.category_confidence < threshold


def decide(case: Case) -> RoutingDecision:
    """Decide where a new case goes. A category chosen by the citizen or an operator is taken as
    given; otherwise the case waits for a person."""
    decision = RoutingDecision(ward=case.ward, ward_confidence=1.0 if case.ward_id else 0.0)
    if case.category_id:
        decision.category = case.category
        decision.category_confidence = 1.0
        decision.category_confirmed = case.category_confirmed
    decision.agency = agency_for(decision.category.pk if decision.category else None, decision.ward)
    return decision
