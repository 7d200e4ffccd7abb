"""Who sees which part of the dashboard.

- supervisors (city leaders), admins and superusers: the whole city, every unit;
- a unit's lead and its officers: their own unit only (the officers see the figures of the cases they
  already work on; the unit filter is fixed to their unit);
- operators, citizens: no access (403); anonymous visitors are sent to the login page.
"""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied

from civicdesk.accounts.models import Role

CITY_ROLES = (Role.SUPERVISOR, Role.ADMIN)
UNIT_ROLES = (Role.LEAD, Role.OFFICER)


def sees_city(user) -> bool:
    return user.is_superuser or user.role in CITY_ROLES


def fixed_agency_id(user) -> int | None:
    """The unit a user is limited to, or None for city-wide users."""
    return None if sees_city(user) else user.agency_id


def may_view(user) -> bool:
    if not user.is_authenticated:
        return False
    return sees_city(user) or (user.role in UNIT_ROLES and user.agency_id is not None)


def dashboard_view(view):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not may_view(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


def may_see_case(user, case) -> bool:
    agency_id = fixed_agency_id(user)
    return agency_id is None or case.agency_id == agency_id
