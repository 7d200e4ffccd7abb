"""The door of the dashboard. Who sees which part is decided in `civicdesk.petitions.permissions`
(`can_view_dashboard`, `dashboard_agency_id`): supervisors and administrators the whole city, an
agency's lead and officers their own agency; operators and citizens get 403, anonymous visitors
the login page."""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied

from civicdesk.lib.replica import replica_view
from civicdesk.petitions import permissions


def dashboard_view(view):
    """Signed-in people the dashboard is for; its queries read from the reporting replica when one
    is configured (`lib/replica.py`: figures a few seconds old are fine here)."""
    on_replica = replica_view(view)

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not permissions.can_view_dashboard(request.user):
            raise PermissionDenied
        return on_replica(request, *args, **kwargs)

    return wrapper
