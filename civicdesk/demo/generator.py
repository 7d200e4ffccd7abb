"""Demo cases for Ho Chi Minh City: plausible texts, places, people and histories.

Each case is planned from its own seeded random generator (`demo-<n>`), so the same number gives
the same case on every machine, and a later run with a larger --cases only adds the missing ones.
A plan is a case with the event rows the workflow would have written on its way to its status
(the same actions and data as `workflow.operations` and `answers.publishing`), its answers,
transfers, extension requests and rating. Everything is written with bulk_create: signals do not
fire, so the caller rebuilds derived figures (dashboard) afterwards."""

import random
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from civicdesk.accounts.models import Role, User
from civicdesk.answers.models import Answer, Rating
from civicdesk.demo import texts
from civicdesk.demo.agencies import (
    DEPARTMENT_WITHOUT_WARD,
    HCMC_CODE,
    ROUTING,
    WARD_RULES,
)
from civicdesk.demo.streets import FALLBACK_STREETS, PLACES, STREETS_BY_OLD_DISTRICT
from civicdesk.lib.masking import mask_personal_data
from civicdesk.organisation.models import AdminUnit, Agency, LegacyWardMapping
from civicdesk.petitions.models import (
    Case,
    CaseEvent,
    Category,
    Channel,
    EventAction,
    Kind,
    Priority,
    ReporterType,
    Status,
)
from civicdesk.petitions.tracking import ALPHABET
from civicdesk.routing.normalise import strip_diacritics
from civicdesk.workflow import sla, transitions
from civicdesk.workflow.calendar import get_calendar
from civicdesk.workflow.models import Decision, ExtensionRequest, Transfer, WorkflowSettings
from civicdesk.workflow.states import Operation, check_operation

KEY_PREFIX = "demo-"
STATES = [Status.RECEIVED, Status.TRIAGE, Status.ASSIGNED, Status.IN_PROGRESS, Status.AWAITING_APPROVAL,
          Status.ANSWERED, Status.CLOSED, Status.REJECTED]
CATEGORY_WEIGHTS = {
    "giao-thong": 12, "ha-tang-do-thi": 14, "moi-truong": 11, "trat-tu-do-thi": 12, "xay-dung": 8, "dat-dai": 6,
    "an-ninh-trat-tu": 6, "y-te": 5, "an-toan-thuc-pham": 3, "giao-duc": 4, "an-sinh-xa-hoi": 4, "dien-nuoc": 6,
    "thu-tuc-hanh-chinh": 5, "kinh-te-thi-truong": 2, "khac": 2,
}
CHANNEL_WEIGHTS = {Channel.WEB: 30, Channel.APP: 22, Channel.HOTLINE: 25, Channel.ZALO: 8, Channel.EMAIL: 6,
                   Channel.API: 3, Channel.OPEN311: 3, Channel.SMS: 3}
# State by age of the case: recent cases are still open, old ones mostly finished.
STATE_BY_AGE = [
    (1, {Status.RECEIVED: 12, Status.TRIAGE: 28, Status.ASSIGNED: 40, Status.IN_PROGRESS: 10, Status.REJECTED: 10}),
    (7, {Status.TRIAGE: 10, Status.ASSIGNED: 15, Status.IN_PROGRESS: 40, Status.AWAITING_APPROVAL: 15,
         Status.ANSWERED: 12, Status.REJECTED: 8}),
    (30, {Status.ASSIGNED: 3, Status.IN_PROGRESS: 22, Status.AWAITING_APPROVAL: 10, Status.ANSWERED: 40,
          Status.CLOSED: 15, Status.REJECTED: 10}),
    (90, {Status.IN_PROGRESS: 4, Status.AWAITING_APPROVAL: 1, Status.ANSWERED: 5, Status.CLOSED: 82,
          Status.REJECTED: 8}),
    (10_000, {Status.IN_PROGRESS: 1, Status.CLOSED: 91, Status.REJECTED: 8}),
]
# Age range (days) for the first cases, whose state is fixed so a small demo still has every state.
AGE_FOR_STATE = {
    Status.RECEIVED: (0.01, 0.2), Status.TRIAGE: (0.05, 2), Status.ASSIGNED: (0.1, 3), Status.IN_PROGRESS: (2, 20),
    Status.AWAITING_APPROVAL: (3, 20), Status.ANSWERED: (4, 9), Status.CLOSED: (20, 700), Status.REJECTED: (1, 700),
}
WARD_COMMITTEE_CATEGORIES = {code for code, agency in ROUTING.items() if agency is None}
BEN_THANH = "26743"


# Events that record an action keeping the status, and the operation of states.py that allows it.
EVENT_OPERATIONS: dict[str, str] = {
    EventAction.NOTE: Operation.NOTE,
    EventAction.ASSIGNEE_SET: Operation.ASSIGN,
    EventAction.EXTENSION_REQUESTED: Operation.REQUEST_EXTENSION,
    EventAction.EXTENDED: Operation.DECIDE_EXTENSION,
    EventAction.RATED: Operation.RATE,
    EventAction.REOPENED: Operation.REOPEN,
}


@dataclass
class Context:
    now: datetime
    categories: dict[str, Category]
    agencies: dict[str, Agency]
    committees: dict[int, Agency]  # ward id → its People's Committee
    wards: list[AdminUnit]
    ward_weights: list[float]
    legacy: dict[int, list[tuple[str, str, str]]]  # ward id → [(old ward name, old district name, district key)]
    officers: dict[int, User]
    leads: dict[int, User]
    operator: User | None
    citizen: User | None
    reopen_days: int
    calendar: Any
    used_codes: set[str]
    # demo key → (pk or None while unsaved, category id, tracking code)
    demo_cases: dict[str, tuple[int | None, int | None, str]] = field(default_factory=dict)


@dataclass
class Plan:
    index: int
    case: Case
    events: list[CaseEvent] = field(default_factory=list)
    answers: list[Answer] = field(default_factory=list)
    transfers: list[Transfer] = field(default_factory=list)
    extensions: list[ExtensionRequest] = field(default_factory=list)
    rating: Rating | None = None
    created: dict[int, datetime] = field(default_factory=dict)  # id(object) → its creation time
    duplicate_of_key: str | None = None


def existing_demo_keys() -> set[str]:
    keys = Case.objects.filter(idempotency_key__startswith=KEY_PREFIX).values_list("idempotency_key", flat=True)
    return {key for key in keys if key is not None}  # never None, by the filter


def generate(count: int, now: datetime | None = None) -> int:
    """Make sure demo cases demo-0 … demo-(count-1) exist; returns how many were created."""
    have = existing_demo_keys()
    missing = [i for i in range(count) if f"{KEY_PREFIX}{i}" not in have]
    if not missing:
        return 0
    context = _context(now or timezone.now())
    plans = [_plan(i, context) for i in missing]
    _save(plans, context)
    return len(plans)


# --- context ------------------------------------------------------------------------------------

def _context(now: datetime) -> Context:
    wards = list(AdminUnit.objects.filter(parent__code=HCMC_CODE, level=AdminUnit.Level.WARD).order_by("code"))
    if not wards:
        raise RuntimeError("Load the administrative units of Ho Chi Minh City first (load-admin-units --province 79)")
    weights = []
    for ward in wards:
        weight = {"Phường": 3.0, "Xã": 1.0}.get(ward.unit_type, 0.3)
        weights.append(weight)
    if any(w.code == BEN_THANH for w in wards):  # the demo ward officer should have a real workload
        total = sum(weights)
        weights[[w.code for w in wards].index(BEN_THANH)] = total * 0.08
    legacy: dict[int, list[tuple[str, str, str]]] = defaultdict(list)
    for mapping in LegacyWardMapping.objects.filter(ward__in=wards).select_related("legacy_ward__parent"):
        old = mapping.legacy_ward
        if old.level == "ward":
            legacy[mapping.ward_id].append((old.name, old.parent.name if old.parent else "", old.parent.key if old.parent else ""))
        else:  # an island district that became a special zone
            legacy[mapping.ward_id].append(("", old.name, old.key))
    agencies = {a.code: a for a in Agency.objects.select_related("ward")}
    officers, leads = _staff(agencies)
    reopen_days = WorkflowSettings.load().reopen_days
    return Context(
        now=now, categories={c.code: c for c in Category.objects.all()}, agencies=agencies,
        committees={a.ward_id: a for a in agencies.values()
                    if a.kind == Agency.Kind.WARD_COMMITTEE and a.ward_id is not None},
        wards=wards,
        ward_weights=weights, legacy=legacy, officers=officers, leads=leads,
        operator=User.objects.filter(username="tongdai").first(),
        citizen=User.objects.filter(username="nguoidan").first(),
        reopen_days=reopen_days, calendar=get_calendar(),
        used_codes=set(Case.objects.values_list("tracking_code", flat=True)),
        demo_cases={key: (pk, category, code) for key, pk, category, code in Case.objects.filter(
            idempotency_key__startswith=KEY_PREFIX).values_list("idempotency_key", "pk", "category_id",
                                                                "tracking_code")
                    if key is not None},  # never None, by the filter
    )


def _staff(agencies: dict[str, Agency]) -> tuple[dict[int, User], dict[int, User]]:
    """An officer and a lead for every agency: the demo users where they exist, otherwise one
    staff account each that cannot log in (they only sign the demo answers)."""
    wanted = {}
    for agency in agencies.values():
        short = agency.code.removeprefix("ubnd-")
        for role, prefix in ((Role.OFFICER, "cb"), (Role.LEAD, "ld")):
            wanted[f"{prefix}.{short}"] = (role, agency)
    existing = set(User.objects.filter(username__in=wanted).values_list("username", flat=True))
    unusable = make_password(None)
    new_users = []
    for username, (role, agency) in wanted.items():
        if username in existing:
            continue
        rng = random.Random(username)
        new_users.append(User(username=username, full_name=_person_name(rng)[0], role=role, agency=agency,
                              password=unusable, email=f"{username}@demo.tphcm.local"))
    User.objects.bulk_create(new_users, batch_size=500)
    officers: dict[int, User] = {}
    leads: dict[int, User] = {}
    # Demo users (they can log in) take precedence over the generated accounts of the same agency.
    staff = User.objects.filter(agency__isnull=False, role__in=[Role.OFFICER, Role.LEAD]).order_by("-last_login", "pk")
    for user in staff:
        agency_id = user.agency_id
        assert agency_id is not None  # by the filter above
        pool = officers if user.role == Role.OFFICER else leads
        generated = user.username.startswith(("cb.", "ld."))
        if agency_id not in pool or (not generated and pool[agency_id].username.startswith(("cb.", "ld."))):
            pool[agency_id] = user
    return officers, leads


# --- planning one case ------------------------------------------------------------------------

def _weighted(rng: random.Random, weights: dict) -> Any:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def _person_name(rng: random.Random) -> tuple[str, str]:
    if rng.random() < 0.5:
        return f"{rng.choice(texts.FAMILY)} {rng.choice(texts.MALE_MIDDLE)} {rng.choice(texts.MALE_GIVEN)}", "ông"
    return f"{rng.choice(texts.FAMILY)} {rng.choice(texts.FEMALE_MIDDLE)} {rng.choice(texts.FEMALE_GIVEN)}", "bà"


def _phone(rng: random.Random) -> str:
    return rng.choice(["09", "03", "07", "08"]) + "".join(rng.choice("0123456789") for _ in range(8))


def _tracking_code(rng: random.Random, used: set[str]) -> str:
    while True:
        symbols = "".join(rng.choice(ALPHABET) for _ in range(8))
        code = f"{symbols[:4]}-{symbols[4:]}"
        if code not in used:
            used.add(code)
            return code


def _lower_type(name: str) -> str:
    for unit_type in ("Phường", "Xã", "Đặc khu", "Thị trấn"):
        if name.startswith(unit_type + " "):
            return unit_type.lower() + name[len(unit_type):]
    return name


def _address(rng: random.Random, ward: AdminUnit, context: Context) -> tuple[str, str]:
    """(street, address as the citizen writes it: new or old ward names, short forms)."""
    olds = context.legacy.get(ward.pk) or [("", "", "")]
    old_ward, old_district, district_key = rng.choice(olds)
    street = rng.choice(STREETS_BY_OLD_DISTRICT.get(district_key, FALLBACK_STREETS))
    number = rng.randint(2, 480)
    house = rng.choice([f"{number}", f"{number}/{rng.randint(1, 60)}", f"hẻm {number}", f"{number}A",
                        f"{number}/{rng.randint(1, 30)}/{rng.randint(1, 12)}"])
    form = rng.random()
    if form < 0.45 or not old_district:
        address = f"{house} {street}, {_lower_type(ward.name)}, TP.HCM"
    elif form < 0.75 and old_ward:
        address = f"{house} {street}, {_lower_type(old_ward)}, {old_district}"
    elif form < 0.9 and old_ward:
        district = old_district.replace("Quận ", "Q.").replace("Thành phố ", "TP ").replace("Huyện ", "H. ")
        ward_short = old_ward.replace("Phường ", "P.").replace("Xã ", "X.").replace("Thị trấn ", "TT.")
        address = f"{house} {street}, {ward_short}, {district}"
    else:
        address = f"{house} {street}, {_lower_type(ward.name)} (trước đây {old_district}), TP. Hồ Chí Minh"
    return street, address


def _plan(i: int, context: Context) -> Plan:
    rng = random.Random(f"{KEY_PREFIX}{i}")
    now = context.now
    forced = i < 2 * len(STATES)
    if forced:
        state = STATES[i % len(STATES)]
        low, high = AGE_FOR_STATE[state]
        age = timedelta(days=rng.uniform(low, high))
    else:
        age = timedelta(days=max(730 * rng.random() ** 1.8, 0.01))
        state = _weighted(rng, next(w for limit, w in STATE_BY_AGE if age.days < limit))
    created = now - age

    codes = list(CATEGORY_WEIGHTS)
    category_code = codes[i % len(codes)] if i < 2 * len(codes) else _weighted(rng, CATEGORY_WEIGHTS)
    templates = texts.CASE_TEMPLATES[category_code]
    kind_wanted = [Kind.REPORT, Kind.QUESTION, Kind.PROPOSAL][i % 3] if i < 45 else None
    choices = [t for t in templates if t[0] == kind_wanted] or templates
    kind, title_t, content_t, agency_override = rng.choice(choices)
    channels = list(CHANNEL_WEIGHTS)
    channel = channels[i % len(channels)] if i < len(channels) else _weighted(rng, CHANNEL_WEIGHTS)

    ward = rng.choices(context.wards, weights=context.ward_weights)[0]
    street, address = _address(rng, ward, context)
    has_place = kind != Kind.QUESTION or rng.random() < 0.6
    reporter_type = _weighted(rng, {ReporterType.PERSON: 90, ReporterType.BUSINESS: 7, ReporterType.ORGANISATION: 3})
    name, salutation = _person_name(rng)
    if reporter_type == ReporterType.BUSINESS:
        name, salutation = rng.choice(texts.BUSINESSES), "Quý đơn vị"
    elif reporter_type == ReporterType.ORGANISATION:
        name, salutation = rng.choice(texts.ORGANISATIONS), "Quý đơn vị"
    phone = _phone(rng)
    user = None
    if context.citizen is not None and i % 50 == 7:
        user, channel = context.citizen, Channel.WEB
        name, phone, reporter_type = context.citizen.full_name or name, context.citizen.phone or phone, ReporterType.PERSON
        salutation = "bà" if " Thị " in name else "ông"

    fill = {"addr": address, "street": street, "place": rng.choice(PLACES), "dur": rng.choice(texts.DURATIONS),
            "time": rng.choice(texts.TIMES), "n": rng.randint(2, 6), "phone": phone}
    title = title_t.format(**fill)
    content = content_t.format(**fill) + rng.choice(texts.CLOSINGS).format(**fill)
    if channel == Channel.HOTLINE:
        content = texts.HOTLINE_PREFIX + content[0].lower() + content[1:]
    if rng.random() < 0.07 and channel in (Channel.APP, Channel.ZALO, Channel.SMS, Channel.WEB):
        title, content, address = strip_diacritics(title), strip_diacritics(content), strip_diacritics(address)
    category = context.categories.get(category_code)
    priority = Priority.NORMAL
    roll = rng.random()
    if roll < (0.15 if category_code in ("an-ninh-trat-tu", "dien-nuoc", "an-toan-thuc-pham") else 0.04):
        priority = Priority.URGENT
    elif roll > 0.87:
        priority = Priority.COMPLEX

    key = f"{KEY_PREFIX}{i}"
    case = Case(
        tracking_code=_tracking_code(rng, context.used_codes), kind=kind, title=title[:200], content=content,
        category=category, priority=priority, status=Status.RECEIVED, channel=channel,
        address_text=address if has_place else "", ward=ward if has_place else None,
        reporter_type=reporter_type, reporter_name=name,
        reporter_email=(f"{strip_diacritics(name.split()[-1]).lower()}{rng.randint(10, 99)}@example.com"
                        if channel != Channel.HOTLINE and rng.random() < 0.4 else ""),
        reporter_phone=phone, hide_identity=rng.random() < 0.2, consent_at=created, user=user,
        created_at=created, idempotency_key=key,
    )
    if has_place and rng.random() < 0.55 and ward.lat and ward.lon:
        case.lat = round(ward.lat + rng.uniform(-0.006, 0.006), 6)
        case.lon = round(ward.lon + rng.uniform(-0.006, 0.006), 6)
    plan = Plan(index=i, case=case)
    History(plan, rng, context, state, salutation, category_code, agency_override, street).write()
    context.demo_cases[key] = (None, case.category_id, case.tracking_code)
    return plan


class History:
    """Walks a planned case from `received` to its target state, writing the events on the way."""

    def __init__(self, plan: Plan, rng: random.Random, context: Context, target: str, salutation: str,
                 category_code: str, agency_override: str | None, street: str):
        self.plan, self.case, self.rng, self.context = plan, plan.case, rng, context
        self.target, self.salutation, self.category_code = target, salutation, category_code
        self.agency_override, self.street = agency_override, street
        self.moments: list[datetime] = []
        self.steps: list[tuple[float, Any]] = []  # (hours after the previous step, writer)

    # Steps are collected first and timed afterwards, so the whole history fits before "now".
    def step(self, hours: float, writer) -> None:
        self.steps.append((hours, writer))

    def write(self) -> None:
        self.plan_steps()
        total = sum(h for h, _ in self.steps)
        room = (self.context.now - self.case.created_at).total_seconds() / 3600 * 0.97
        factor = min(1.0, room / total) if total > 0 else 1.0
        moment = self.case.created_at
        for hours, writer in self.steps:
            moment = moment + timedelta(hours=hours * factor)
            writer(moment)

    def event(self, at: datetime, action: str, actor: Any = None, note: str = "", *, to: str | None = None,
              public: bool = True, data: dict | None = None) -> None:
        """One step of the history, checked by the real state machine (`workflow/states.py`): a
        status change goes through `transitions.apply` (IllegalTransition when the table forbids
        it), an action that keeps the status through `check_operation`."""
        previous = self.case.status
        if to is not None and action != EventAction.CREATED:
            transitions.apply(self.case, to, at)
        operation = EVENT_OPERATIONS.get(action)
        if operation is not None:
            check_operation(previous, operation)
        self.plan.events.append(CaseEvent(
            action=action, actor=actor, note=note, created_at=at, is_public=public, data=data or {},
            from_status=previous if to is not None and action != EventAction.CREATED else "",
            to_status=to or "",
        ))

    # --- the route --------------------------------------------------------------------------------
    def responsible(self) -> tuple[Agency | None, bool]:
        """The agency the routing table names and whether the router could decide alone."""
        code = self.category_code
        ward = self.case.ward
        agencies = self.context.agencies
        for rule_category, ward_name in WARD_RULES:
            if rule_category == code and ward is not None and ward.name == ward_name:
                return self.context.committees.get(ward.pk), True
        if code in WARD_COMMITTEE_CATEGORIES:
            if ward is not None:
                return self.context.committees.get(ward.pk), True
            return agencies.get(DEPARTMENT_WITHOUT_WARD[code]), False
        if code in ROUTING:
            department = ROUTING[code]
            assert department is not None  # the categories routed to a ward committee returned above
            return agencies.get(department), True
        if ward is not None and self.rng.random() < 0.5:
            return self.context.committees.get(ward.pk), False
        return agencies.get(DEPARTMENT_WITHOUT_WARD["khac"]), False

    def plan_steps(self) -> None:
        rng, case, target = self.rng, self.case, self.target
        creator = self.context.operator if case.channel == Channel.HOTLINE else case.user
        self.step(0, lambda at: self.event(at, EventAction.CREATED, creator, to=Status.RECEIVED,
                                           data={"channel": case.channel, "attachments": 0}))
        if target == Status.RECEIVED:
            if rng.random() < 0.5:
                case.category = None
            return
        agency, decided_alone = self.responsible()
        decided_alone = decided_alone and rng.random() > 0.12
        confidence = round(rng.uniform(0.62, 0.98) if decided_alone else rng.uniform(0.2, 0.59), 2)
        case.routing_confidence = confidence
        rejected_early = target == Status.REJECTED and rng.random() < 0.7
        if not decided_alone or target == Status.TRIAGE or (rejected_early and rng.random() < 0.5):
            self.step(0.01, lambda at: self.event(at, EventAction.CLASSIFIED, None, to=Status.TRIAGE,
                                                  data={"confidence": confidence, "reasons": []}))
            if target == Status.TRIAGE:
                if rng.random() < 0.35:
                    # the router found no category: it has no confidence either (a confidence beside
                    # blank fields read as a suggestion the triage queue failed to show)
                    case.category = None
                    case.routing_confidence = None
                return
            if rejected_early:
                return self.reject(rng.uniform(0.5, 24), by_operator=True)
            self.step(rng.uniform(0.3, 20), lambda at: self.assign(at, agency, by_person=True))
        elif rejected_early:
            return self.reject(rng.uniform(0.2, 12), by_operator=True)
        else:
            self.step(0.01, lambda at: self.assign(at, agency, by_person=False))
        if self.agency_override and self.agency_override in self.context.agencies:
            self.step(rng.uniform(2, 30), lambda at: self.transfer(at, self.context.agencies[self.agency_override]))
        elif rng.random() < 0.04 and case.category is not None and agency is not None:
            self.step(rng.uniform(2, 30), lambda at: self.transfer(at, agency, wrong_first=True))
        if target == Status.ASSIGNED:
            return
        if target == Status.REJECTED:
            return self.reject(rng.uniform(4, 60), by_operator=False)
        self.handle()

    def assign(self, at: datetime, agency: Agency | None, *, by_person: bool) -> None:
        case = self.case
        case.agency = agency
        case.category_confirmed = by_person
        case.due_at = sla.due_at_for(case, case.created_at, self.context.calendar)
        data = {"agency": agency.code if agency else None, "confidence": case.routing_confidence}
        if by_person:
            data.update({"category": self.category_code, "priority": case.priority, "triage": True,
                         "category_corrected": False})
        self.event(at, EventAction.ASSIGNED, self.context.operator if by_person else None,
                   agency.name if agency else "", to=Status.ASSIGNED, data=data)

    def transfer(self, at: datetime, to_agency: Agency, wrong_first: bool = False) -> None:
        case = self.case
        if wrong_first:  # the router's choice was wrong: the first agency sends it on
            first = self.rng.choice([a for a in self.context.agencies.values()
                                     if a.kind == Agency.Kind.DEPARTMENT and a.pk != to_agency.pk])
            case.agency = first
            self.plan.events[-1].data["agency"] = first.code
            self.plan.events[-1].note = first.name
        from_agency = case.agency
        if from_agency is None or from_agency.pk == to_agency.pk:
            return
        officer = self.context.officers.get(from_agency.pk)
        reason = f"Nội dung thuộc thẩm quyền của {to_agency.name}, chuyển để giải quyết."
        record = Transfer(case=case, from_agency=from_agency, to_agency=to_agency, reason=reason,
                          requested_by=officer, state=Transfer.State.PENDING)
        self.plan.transfers.append(record)
        self.plan.created[id(record)] = at
        case.agency, case.assignee = to_agency, None
        self.event(at, EventAction.TRANSFERRED, officer, reason, to=Status.ASSIGNED,
                   data={"from_agency": from_agency.code, "to_agency": to_agency.code, "transfer": record})

    def reject(self, hours: float, *, by_operator: bool) -> None:
        rng, case = self.rng, self.case
        category = case.category
        if rng.random() < 0.25 and category is not None:  # a duplicate of an earlier case
            same = sorted(key for key, (_, category_id, _) in self.context.demo_cases.items()
                          if category_id == category.pk)
            if same:
                original = rng.choice(same)
                self.plan.duplicate_of_key = original
                original_code = self.context.demo_cases[original][2]
                text = f"Trùng với phản ánh {original_code}."

                def write(at: datetime) -> None:
                    case.rejection_reason = text
                    self.event(at, EventAction.MERGED, self.context.operator, text, to=Status.REJECTED,
                               data={"kind": "duplicate", "original": original_code})
                self.step(hours, write)
                return
        if by_operator:
            kind, reason = rng.choice([("spam", texts.REJECTION_REASONS[2]), ("out_of_scope", texts.REJECTION_REASONS[0]),
                                       ("out_of_scope", texts.REJECTION_REASONS[4])])
            actor = self.context.operator
        else:
            kind, reason = "out_of_scope", rng.choice(texts.REJECTION_REASONS[3:])
            actor = self.context.leads.get(case.agency_id) if case.agency_id else None

        def write_rejection(at: datetime) -> None:
            case.rejection_reason = reason
            self.event(at, EventAction.REJECTED, actor, reason, to=Status.REJECTED, data={"kind": kind})
        self.step(hours, write_rejection)

    # --- handling by the agency ------------------------------------------------------------------
    def handle(self) -> None:
        rng, target = self.rng, self.target
        slow = 3.0 if rng.random() < 0.15 else 1.0
        self.step(rng.uniform(1, 40), self.start)
        if rng.random() < 0.15:
            self.step(rng.uniform(2, 48), lambda at: self.event(
                at, EventAction.NOTE, self.officer(), rng.choice(texts.INTERNAL_NOTES), public=False))
        if slow > 1 and rng.random() < 0.5:
            self.step(rng.uniform(24, 96), self.extend)
        if target == Status.IN_PROGRESS:
            return
        self.step(rng.uniform(24, 150) * slow, self.submit_answer)
        if target == Status.AWAITING_APPROVAL:
            return
        if rng.random() < 0.1:
            self.step(rng.uniform(3, 30), self.return_answer)
            self.step(rng.uniform(5, 48), self.submit_answer)
        self.step(rng.uniform(2, 40), self.approve)
        rated = rng.random() < 0.45
        if rated:
            self.step(rng.uniform(2, 100), self.rate)
        if target == Status.ANSWERED:
            return
        if rng.random() < 0.04:
            self.step(rng.uniform(24, 120), self.reopen)
            self.step(rng.uniform(24, 100), self.submit_answer)
            self.step(rng.uniform(2, 30), self.approve)
        self.step(self.context.reopen_days * 24 + rng.uniform(0, 12), self.close)

    def officer(self) -> User | None:
        agency_id = self.case.agency_id
        return self.case.assignee or (self.context.officers.get(agency_id) if agency_id else None)

    def lead(self) -> User | None:
        agency_id = self.case.agency_id
        return self.context.leads.get(agency_id) if agency_id else None

    def start(self, at: datetime) -> None:
        case = self.case
        officer = self.context.officers.get(case.agency_id) if case.agency_id else None
        lead = self.lead()
        for record in self.plan.transfers:
            if record.state == Transfer.State.PENDING:
                record.state, record.decided_by, record.decided_at = Transfer.State.ACCEPTED, officer, at
        if officer is not None:
            # As `operations.assign` (the lead gives the case first) or `operations.start` (the
            # officer who starts an unassigned case becomes its assignee): one assignee_set event.
            case.assignee = officer
            self.event(at, EventAction.ASSIGNEE_SET, lead if self.rng.random() < 0.6 else officer, str(officer),
                       public=False, data={"assignee": officer.pk, "previous": None})
        self.event(at + timedelta(minutes=1), EventAction.STATUS_CHANGED, officer, "Đơn vị đã nhận xử lý.",
                   to=Status.IN_PROGRESS)

    def extend(self, at: datetime) -> None:
        case, days = self.case, self.rng.choice([3, 5, 7, 10])
        old_due = case.due_at
        new_due = self.context.calendar.add_days(max(old_due, at) if old_due else at, days)
        reason = "Cần phối hợp với đơn vị khác và khảo sát hiện trường."
        request = ExtensionRequest(case=case, requested_by=self.officer(), days=days, reason=reason,
                                   state=Decision.APPROVED, decided_by=self.lead(),
                                   decided_at=at + timedelta(hours=3), old_due_at=old_due, new_due_at=new_due)
        self.plan.extensions.append(request)
        self.plan.created[id(request)] = at
        self.event(at, EventAction.EXTENSION_REQUESTED, self.officer(), reason, public=False,
                   data={"days": days, "request": request})
        case.due_at = new_due
        self.event(at + timedelta(hours=3), EventAction.EXTENDED, self.lead(), reason, data={
            "days": days, "old_due_at": old_due.isoformat() if old_due else None, "new_due_at": new_due.isoformat(),
            "request": request})

    def answer_body(self) -> str:
        case, rng = self.case, self.rng
        agency = case.agency.name if case.agency else "Cơ quan chức năng"
        title = case.title[0].lower() + case.title[1:]
        addressee = case.reporter_name if self.salutation == "Quý đơn vị" else f"{self.salutation} {case.reporter_name}"
        opening = (f"Kính gửi {addressee},\n\n{agency} đã nhận được "
                   f"{case.get_kind_display().lower()} của {self.salutation} về việc “{title}”.")
        if case.kind == Kind.QUESTION:
            middle = texts.GUIDANCE[self.category_code]
        else:
            middle = rng.choice(texts.ACTIONS[self.category_code]).format(street=self.street, addr=case.address_text)
        contact = f"Nếu cần trao đổi thêm, {self.salutation} vui lòng liên hệ cán bộ phụ trách qua tổng đài 1022."
        if rng.random() < 0.3:
            contact = f"Cán bộ đã liên hệ {self.salutation} qua số {case.reporter_phone} để thông báo kết quả."
        return f"{opening}\n\n{middle}\n\n{contact}\n\nTrân trọng."

    def submit_answer(self, at: datetime) -> None:
        existing = [a for a in self.plan.answers if a.state in (Answer.State.RETURNED, Answer.State.DRAFT)]
        if existing:
            answer = existing[-1]
            answer.state = Answer.State.SUBMITTED
        else:
            answer = Answer(case=self.case, author=self.officer(), body=self.answer_body(),
                            state=Answer.State.SUBMITTED)
            self.plan.answers.append(answer)
            self.plan.created[id(answer)] = at
        self.event(at, EventAction.ANSWER_DRAFTED, self.officer(), to=Status.AWAITING_APPROVAL,
                   data={"answer": answer})

    def return_answer(self, at: datetime) -> None:
        answer = self.plan.answers[-1]
        note = self.rng.choice(texts.RETURN_NOTES)
        answer.state, answer.review_note = Answer.State.RETURNED, note
        self.event(at, EventAction.ANSWER_RETURNED, self.lead(), note, to=Status.IN_PROGRESS, public=False,
                   data={"answer": answer})

    def approve(self, at: datetime) -> None:
        case = self.case
        answer = self.plan.answers[-1]
        answer.state, answer.approved_by, answer.approved_at = Answer.State.APPROVED, self.lead(), at
        answer.public_body = mask_personal_data(answer.body, names=[case.reporter_name])
        self.event(at, EventAction.ANSWER_APPROVED, self.lead(), to=Status.ANSWERED, data={"answer": answer})
        case.is_public = True
        self.event(at, EventAction.PUBLISHED, self.lead(), data={"answer": answer})

    def rate(self, at: datetime) -> None:
        score = _weighted(self.rng, {1: 6, 2: 8, 3: 16, 4: 30, 5: 40})
        comment = self.rng.choice(texts.RATING_COMMENTS[score])
        rating = Rating(case=self.case, answer=self.plan.answers[-1], score=score, comment=comment)
        self.plan.rating = rating
        self.plan.created[id(rating)] = at
        self.event(at, EventAction.RATED, self.case.user, comment, data={"score": score})

    def reopen(self, at: datetime) -> None:
        case = self.case
        case.due_at = sla.due_at_for(case, at, self.context.calendar)
        self.event(at, EventAction.REOPENED, case.user, "Vấn đề vẫn chưa được khắc phục, đề nghị kiểm tra lại.",
                   to=Status.IN_PROGRESS)

    def close(self, at: datetime) -> None:
        self.event(at, EventAction.CLOSED, None, "Tự động đóng: hết thời hạn mở lại.", to=Status.CLOSED)


# --- saving ------------------------------------------------------------------------------------

def _pk(value: Any) -> Any:
    return value.pk if hasattr(value, "_meta") else value


def _bulk_create(model: Any, rows: list, batch_size: int = 500) -> None:
    """bulk_create, keeping the planned times of the history. Saving stamps the `auto_now` and
    `auto_now_add` fields (created_at, updated_at) with the time of the run; the demo's history is
    in the past, so those fields are written back right after with bulk_update (an UPDATE, which
    does not stamp them). Nothing is switched off for the rest of the process."""
    stamped = [f.attname for f in model._meta.concrete_fields
               if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)]
    planned = [[getattr(row, name) for name in stamped] for row in rows]
    model.objects.bulk_create(rows, batch_size=batch_size)
    if not stamped or not rows:
        return
    for row, values in zip(rows, planned, strict=True):
        for name, value in zip(stamped, values, strict=True):
            setattr(row, name, value)
    model.objects.bulk_update(rows, stamped, batch_size=batch_size)


@transaction.atomic
def _save(plans: list[Plan], context: Context) -> None:
    for plan in plans:
        case = plan.case
        if case.status == Status.ANSWERED and case.answered_at and \
                case.answered_at < context.now - timedelta(days=context.reopen_days):
            # The periodic task would have closed it by now.
            at = case.answered_at + timedelta(days=context.reopen_days)
            previous, _fields = transitions.apply(case, Status.CLOSED, at)
            plan.events.append(CaseEvent(action=EventAction.CLOSED, note="Tự động đóng: hết thời hạn mở lại.",
                                         created_at=at, from_status=previous, to_status=Status.CLOSED))
        case.updated_at = max(e.created_at for e in plan.events)
    _insert(plans, context)


def _insert(plans: list[Plan], context: Context) -> None:
    from civicdesk.petitions import public_text

    for plan in plans:  # bulk_create skips Case.save(), which writes these
        public_text.fill(plan.case)
    _bulk_create(Case, [plan.case for plan in plans])
    keys = {key: pk for key, (pk, _, _) in context.demo_cases.items() if pk is not None}
    keys.update({plan.case.idempotency_key: plan.case.pk for plan in plans
                 if plan.case.idempotency_key is not None})  # always set by _plan
    for plan in plans:
        if plan.duplicate_of_key and plan.duplicate_of_key in keys:
            Case.objects.filter(pk=plan.case.pk).update(duplicate_of_id=keys[plan.duplicate_of_key])

    for model, attribute in ((Answer, "answers"), (Transfer, "transfers"), (ExtensionRequest, "extensions")):
        rows = []
        for plan in plans:
            for row in getattr(plan, attribute):
                row.case_id = plan.case.pk
                row.created_at = plan.created[id(row)]
                if isinstance(row, Answer):
                    row.updated_at = row.approved_at or row.created_at
                rows.append(row)
        _bulk_create(model, rows)

    ratings = []
    for plan in plans:
        if plan.rating is not None:
            rating = plan.rating
            assert rating.answer is not None  # History.rate rates the last answer
            rating.case_id, rating.answer_id = plan.case.pk, rating.answer.pk
            rating.created_at = plan.created[id(rating)]
            ratings.append(rating)
    _bulk_create(Rating, ratings)

    events = []
    for plan in plans:
        for event in plan.events:
            event.case_id = plan.case.pk
            event.actor_id = event.actor.pk if event.actor is not None else None
            event.data = {key: _pk(value) for key, value in event.data.items()}
            events.append(event)
    CaseEvent.objects.bulk_create(events, batch_size=1000)
