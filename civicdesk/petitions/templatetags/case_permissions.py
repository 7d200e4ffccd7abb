"""Template filters that ask `civicdesk.petitions.permissions` (templates decide nothing themselves)."""

from typing import Any

from django import template

from civicdesk.petitions import permissions

register = template.Library()


@register.filter
def is_staff(user: Any) -> bool:
    return permissions.is_staff(user)


@register.filter
def sees_whole_city(user: Any) -> bool:
    return permissions.sees_whole_city(user)
