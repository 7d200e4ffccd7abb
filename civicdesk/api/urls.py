from django.urls import URLPattern, URLResolver, path

from civicdesk.api.v1 import api
from civicdesk.lib.env import env_bool

urlpatterns: list[URLPattern | URLResolver] = []

if env_bool("BENCH_REFERENCE", False):
    # The benchmark's yardstick (bench/intake): only inserts a case row and an event row.
    from civicdesk.api.bench import reference_create

    urlpatterns.append(path("v1/bench/reference-cases", reference_create, name="bench-reference"))

urlpatterns.append(path("v1/", api.urls))
