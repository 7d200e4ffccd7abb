"""Cases near a point, for the submit form's "already reported nearby?" offer: public cases of one
category within a few hundred metres that are open, or were answered recently. Only published cases
are offered (what the public pages already show); the nearest first."""

import math
from dataclasses import dataclass
from datetime import timedelta

from django.db.models import Q
from django.utils import timezone

from civicdesk.petitions.models import OPEN_STATUSES, Case, Category

RADIUS_METRES = 300
RECENT_DAYS = 90
LIMIT = 5
_EARTH_METRES = 6_371_000


@dataclass(frozen=True)
class NearbyCase:
    case: Case
    metres: int


def distance_metres(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle (haversine) distance."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * _EARTH_METRES * math.asin(math.sqrt(a))


def find(lat: float, lon: float, category: Category, radius: int = RADIUS_METRES) -> list[NearbyCase]:
    """Published cases of `category` within `radius` metres of (lat, lon), open or answered within
    RECENT_DAYS, nearest first (at most LIMIT). A bounding box narrows the rows in SQL."""
    dlat = radius / 111_320
    dlon = radius / (111_320 * max(math.cos(math.radians(lat)), 0.01))
    since = timezone.now() - timedelta(days=RECENT_DAYS)
    rows = (Case.objects.filter(is_public=True, category=category, duplicate_of__isnull=True,
                                lat__range=(lat - dlat, lat + dlat), lon__range=(lon - dlon, lon + dlon))
            .filter(Q(status__in=OPEN_STATUSES) | Q(answered_at__gte=since) | Q(closed_at__gte=since))
            .select_related("category")[:200])
    found = [NearbyCase(case, round(distance_metres(lat, lon, c.lat, c.lon)))  # type: ignore[arg-type]
             for case in rows for c in [case]]
    return sorted((n for n in found if n.metres <= radius), key=lambda n: n.metres)[:LIMIT]
