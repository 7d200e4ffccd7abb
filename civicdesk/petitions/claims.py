"""Cases a citizen's account holds: those sent while signed in, and those sent from an e-mail
address or phone number the account proved with a code (`accounts.VerifiedAddress`). Claiming
sets `Case.user`, so the account is the reporter of those cases everywhere
(`reporter_access.owns`: full view, rating, reopening)."""

from typing import Any

from django.db.models import Q

from civicdesk.accounts.models import AddressKind, VerifiedAddress
from civicdesk.petitions.models import Case


def _phone_forms(number: str) -> set[str]:
    """The ways a stored reporter phone may be written for one number (0…, +84…, 84…)."""
    local = number[1:] if number.startswith("0") else number
    return {number, f"+84{local}", f"84{local}", f"+84 {local}"}


def matching(user: Any) -> Q:
    """Cases sent from the account's proved addresses."""
    condition = Q(pk__in=[])
    for kind, address in VerifiedAddress.objects.filter(user=user).values_list("kind", "address"):
        if kind == AddressKind.EMAIL:
            condition |= Q(reporter_email__iexact=address)
        else:
            condition |= Q(reporter_phone__in=_phone_forms(address))
    return condition


def claim(user: Any) -> int:
    """Give the account every case sent from its proved addresses that no account holds yet, and
    whose personal data is still there; returns how many."""
    return (Case.objects.filter(matching(user), user__isnull=True, personal_data_erased_at__isnull=True)
            .update(user=user))


def cases_of(user: Any):  # type: ignore[no-untyped-def]
    return Case.objects.filter(user=user)
