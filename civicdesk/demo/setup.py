"""Preparing the demo database: units, categories, agencies, routing table, users and cases.
Each step is idempotent; `is_ready` tells whether a previous run already did everything."""

from io import StringIO

from django.contrib.auth.hashers import make_password
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction

from civicdesk.accounts.models import Role, User
from civicdesk.demo import agencies, generator
from civicdesk.demo.users import DEMO_PASSWORD, DEMO_USERS
from civicdesk.organisation.models import AdminUnit, Agency


def is_ready(cases: int) -> bool:
    return (
        AdminUnit.objects.filter(parent__code=agencies.HCMC_CODE).exists()
        and Agency.objects.filter(code="ubnd-phuong-ben-thanh").exists()
        and User.objects.filter(username__in=[u["username"] for u in DEMO_USERS]).count() == len(DEMO_USERS)
        and generator.existing_demo_keys() >= {f"{generator.KEY_PREFIX}{i}" for i in range(cases)}
    )


@transaction.atomic
def load_users(by_code: dict[str, Agency]) -> int:
    """The demo users of `users.py`; a new account gets DEMO_PASSWORD, an existing one keeps its own."""
    password = make_password(DEMO_PASSWORD)  # hashed once: hashing is slow on purpose
    created = 0
    for spec in DEMO_USERS:
        user, made = User.objects.get_or_create(username=spec["username"], defaults={"password": password})
        user.role = spec["role"]
        user.agency = by_code.get(spec["agency"]) if spec["agency"] else None
        user.full_name = spec.get("full_name", user.full_name)
        user.phone = spec.get("phone", user.phone)
        user.email = user.email or f"{spec['username']}@demo.tphcm.local"
        user.is_staff = user.is_superuser = spec["role"] == Role.ADMIN
        user.save()
        created += made
    return created


def run_optional(command: str, out) -> bool:
    """Run another app's command when it exists (e.g. the assistant's demo knowledge base)."""
    try:
        call_command(command, stdout=out)
    except CommandError as error:
        if "Unknown command" in str(error):
            return False
        out.write(f"  {command}: {error}\n")
        return False
    return True


def prepare(cases: int, out, *, knowledge_base: bool = True) -> dict:
    quiet = StringIO()
    call_command("load_admin_units", "--province", agencies.HCMC_CODE, stdout=quiet)
    call_command("load_categories", stdout=quiet)
    by_code = agencies.load_agencies()
    rules = agencies.load_routing_table(by_code)
    users = load_users(by_code)
    created = generator.generate(cases)
    if created:
        run_optional("rebuild_dashboard", quiet)
        run_optional("find_duplicates", quiet)  # the generator writes in bulk, without intake
        # the demo city's operators have confirmed categories: route new cases with what they taught
        run_optional("train_router", quiet)
    kb = run_optional("load_demo_kb", quiet) if knowledge_base else False
    return {"agencies": len(by_code), "rules": rules, "users": users, "cases": created, "knowledge_base": kb}
