"""The two thresholds a city tunes in the admin (`RoutingSettings`), read from a per-process copy
(`lib.refcache`): every new case asks for both."""

from django.conf import settings
from django.db import DatabaseError

from civicdesk.lib.refcache import RefCache
from civicdesk.routing.models import RoutingSettings

_current = RefCache("routing settings", RoutingSettings.load, depends_on=["routing.RoutingSettings"])


def confidence() -> float:
    """Below this category confidence a case goes to triage."""
    return _current.get().confidence_threshold


def duplicate() -> float:
    """From this pair score up an earlier open case is suggested as a possible duplicate."""
    return _current.get().duplicate_threshold


def configured_or_default() -> tuple[float, float]:
    """(confidence, duplicate) as configured, or the settings' defaults where there is no database
    yet (the evaluation commands run on a fresh machine too)."""
    try:
        return confidence(), duplicate()
    except DatabaseError:
        return settings.ROUTING_CONFIDENCE_THRESHOLD, settings.DUPLICATE_THRESHOLD
