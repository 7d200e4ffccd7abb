"""The city's base map data (ward and old district names at their centres) for maps without tiles."""

from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from civicdesk.organisation import basemap


@require_GET
@cache_control(public=True, max_age=86400)
def basemap_labels(request: HttpRequest) -> JsonResponse:
    return JsonResponse(basemap.labels())
