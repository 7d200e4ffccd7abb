"""What people do to a case, one function each. Every status change goes through
`transitions.move` (which enforces states.py); actions that keep the status are checked with
`states.check_operation`. Each function locks the case row, so two people acting at once cannot
both succeed from the same state. Refusals raise IllegalTransition (wrong state) or WorkflowError
(anything else), both carrying the Vietnamese message shown to the user."""

from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from civicdesk.accounts.models import Role, User
from civicdesk.notifications import dispatch
from civicdesk.notifications.models import Event
from civicdesk.petitions import events, permissions, public_text
from civicdesk.petitions.models import (
    FINISHED_STATUSES,
    OPEN_STATUSES,
    Case,
    CaseEvent,
    Category,
    EventAction,
    LegalKind,
    Priority,
    RejectionKind,
    Status,
)
from civicdesk.petitions.signals import writes_grouped
from civicdesk.workflow import refusals, sla
from civicdesk.workflow.calendar import get_calendar, workflow_settings
from civicdesk.workflow.models import (
    Decision,
    Directive,
    DirectiveUnit,
    Disagreement,
    ExtensionRequest,
    SupportRequest,
    Transfer,
)
from civicdesk.workflow.states import IllegalTransition, Operation, check_operation, check_transition
from civicdesk.workflow.transitions import move

MAX_EXTENSION_DAYS = 60


class WorkflowError(ValueError):
    """A refused action that is not about the state (period passed, same agency, …)."""


def _leads(agency: Any) -> list[Any]:
    if agency is None:
        return []
    return list(User.objects.filter(agency=agency, role=Role.LEAD, is_active=True))


def supervisors() -> list[Any]:
    return list(User.objects.filter(role=Role.SUPERVISOR, is_active=True))


# --- triage and routing ---------------------------------------------------------------------

@writes_grouped()
def decide_triage(case: Case, actor: Any, *, category: Category, agency: Any, priority: str, note: str = "") -> Case:
    """A person sets category, agency and priority: the case goes to the agency with its deadline.
    The category is marked confirmed, so the router learns from the correction."""
    with transaction.atomic():
        case.lock()
        check_transition(case.status, Status.ASSIGNED)
        if case.status not in (Status.RECEIVED, Status.TRIAGE):
            raise IllegalTransition(case.status, Status.ASSIGNED)
        previous_category = case.category_id
        case.category = category
        case.category_confirmed = True
        case.priority = priority
        case.agency = agency
        case.assignee = None
        case.due_at = sla.due_at_for(case, case.created_at)
        return move(case, Status.ASSIGNED, actor, note or agency.name, action=EventAction.ASSIGNED, data={
            "agency": agency.code, "category": category.code, "priority": priority,
            "category_corrected": previous_category is not None and previous_category != category.pk,
            "triage": True,
        }, also_saved=("category", "category_confirmed", "priority", "agency", "assignee", "due_at"))


@writes_grouped()
def raise_priority(case: Case, *, reason: str, actor: Any = None, data: dict | None = None) -> Case:
    """Make an open case urgent (the "me too" rule, workflow.me_too): its handling deadline
    becomes no later than an urgent case's counted from now; an internal event says why."""
    with transaction.atomic():
        case.lock()
        if case.status not in OPEN_STATUSES or case.priority == Priority.URGENT:
            return case
        previous = case.priority
        case.priority = Priority.URGENT
        fields = ["priority", "updated_at"]
        if case.due_at is not None:
            case.due_at = min(case.due_at, sla.due_at_for(case, timezone.now()))
            fields.append("due_at")
        case.save(update_fields=fields)
        events.record(case, EventAction.CLASSIFIED, actor, reason, is_public=False,
                      data={"priority": Priority.URGENT, "previous_priority": previous, **(data or {})})
    return case


@writes_grouped()
def transfer(case: Case, actor: Any, *, to_agency: Any, reason: str) -> Transfer:
    """Send the case to another agency with a reason; that agency accepts it or returns it to triage."""
    reason = reason.strip()
    if not reason:
        raise WorkflowError(_("Cần ghi lý do chuyển đơn vị."))
    with transaction.atomic():
        case.lock()
        check_transition(case.status, Status.ASSIGNED)
        if to_agency is None or to_agency.pk == case.agency_id:
            raise WorkflowError(_("Hãy chọn một đơn vị khác với đơn vị đang xử lý."))
        from_agency = case.agency
        record = Transfer.objects.create(case=case, from_agency=from_agency, to_agency=to_agency, reason=reason,
                                         requested_by=actor if getattr(actor, "pk", None) else None)
        case.agency = to_agency
        case.assignee = None
        case.save(update_fields=["agency", "assignee", "updated_at"])
        move(case, Status.ASSIGNED, actor, reason, action=EventAction.TRANSFERRED, data={
            "from_agency": from_agency.code if from_agency else None, "to_agency": to_agency.code,
            "transfer": record.pk,
        })
        dispatch.notify_staff(case, _leads(to_agency), Event.TRANSFERRED, dedupe_key=f"transfer:{record.pk}",
                              context={"reason": reason})
    return record


def pending_transfer(case: Case) -> Transfer | None:
    return case.transfers.filter(state=Transfer.State.PENDING, to_agency_id=case.agency_id).first()


@writes_grouped()
def start(case: Case, actor: Any, note: str = "") -> Case:
    """The agency starts work on the case (assigned → in progress). A transfer waiting for this
    agency is accepted by it, and an officer starting a case nobody holds becomes its assignee."""
    with transaction.atomic():
        case.lock()
        check_operation(case.status, Operation.START)
        _check_agency_member(actor, case)
        pending = pending_transfer(case)
        if pending is not None:
            Transfer.objects.filter(pk=pending.pk, state=Transfer.State.PENDING).update(
                state=Transfer.State.ACCEPTED, decided_by=actor, decided_at=timezone.now())
        if case.assignee_id is None and getattr(actor, "role", None) == Role.OFFICER:
            _set_assignee(case, actor, actor)
        return move(case, Status.IN_PROGRESS, actor, note or _("Đơn vị đã nhận xử lý."),
                    data={"transfer": pending.pk} if pending else None)


def _check_agency_member(actor: Any, case: Case) -> None:
    """Re-checked under the lock: a person acting for an agency still acts on one of its cases
    (the case may have been transferred while their page was open). System actors pass."""
    if actor is not None and getattr(actor, "is_authenticated", False) and not permissions.can_edit_case(actor, case):
        raise WorkflowError(_("Hồ sơ này không còn thuộc đơn vị của bạn."))


def assignable_officers(agency_id: int | None) -> Any:
    """The people of an agency a case can be given to."""
    return User.objects.filter(agency=agency_id, role__in=(Role.OFFICER, Role.LEAD), is_active=True).order_by(
        "full_name", "username")


@writes_grouped()
def assign(cases: Iterable[Case], officer: Any, actor: Any) -> int:
    """Give each case to `officer` (who must belong to the case's agency); returns how many changed."""
    changed = 0
    with transaction.atomic():
        for case in cases:
            case.lock()
            check_operation(case.status, Operation.ASSIGN)
            if officer.agency_id != case.agency_id or not officer.is_active:
                raise WorkflowError(_("Cán bộ %(name)s không thuộc đơn vị xử lý hồ sơ %(code)s.")
                                    % {"name": officer, "code": case.tracking_code})
            if case.assignee_id == officer.pk:
                continue
            _set_assignee(case, officer, actor)
            changed += 1
    return changed


def _set_assignee(case: Case, officer: Any, actor: Any) -> None:
    previous = case.assignee_id
    case.assignee = officer
    case.save(update_fields=["assignee", "updated_at"])
    events.record(case, EventAction.ASSIGNEE_SET, actor, str(officer), is_public=False,
                  data={"assignee": officer.pk, "previous": previous})


@writes_grouped()
def return_transfer(case: Case, actor: Any, *, reason: str) -> Case:
    """The receiving agency says the case is not theirs: back to triage with the reason."""
    reason = reason.strip()
    if not reason:
        raise WorkflowError(_("Cần ghi lý do trả lại."))
    with transaction.atomic():
        case.lock()
        check_transition(case.status, Status.TRIAGE)
        pending = pending_transfer(case)
        if pending is not None:
            Transfer.objects.filter(pk=pending.pk).update(
                state=Transfer.State.RETURNED, decided_by=actor, decided_at=timezone.now())
        returned_by = case.agency
        case.agency = None
        case.assignee = None
        case.save(update_fields=["agency", "assignee", "updated_at"])
        return move(case, Status.TRIAGE, actor, reason, action=EventAction.TRANSFER_RETURNED,
                    data={"agency": returned_by.code if returned_by else None})


@writes_grouped()
def reassign(case: Case, actor: Any, *, agency: Any, reason: str = "") -> Case:
    """A supervisor gives the case to another agency directly (no acceptance step)."""
    with transaction.atomic():
        case.lock()
        if case.status in (Status.RECEIVED, Status.TRIAGE):
            category = case.category
            if category is None:
                raise WorkflowError(_("Hồ sơ chưa có lĩnh vực: hãy phân loại trước."))
            return decide_triage(case, actor, category=category, agency=agency, priority=case.priority, note=reason)
        check_transition(case.status, Status.ASSIGNED)
        if agency is None or agency.pk == case.agency_id:
            raise WorkflowError(_("Hãy chọn một đơn vị khác với đơn vị đang xử lý."))
        from_agency = case.agency
        case.agency = agency
        case.assignee = None
        if case.due_at is None:
            case.due_at = sla.due_at_for(case, case.created_at)
        case.save(update_fields=["agency", "assignee", "due_at", "updated_at"])
        return move(case, Status.ASSIGNED, actor, reason or agency.name, action=EventAction.ASSIGNED, data={
            "from_agency": from_agency.code if from_agency else None, "agency": agency.code, "reassigned": True,
        })


# --- lead and supporting agencies (chủ trì / phối hợp) ---------------------------------------------

@writes_grouped()
def coordinate(case: Case, actor: Any, *, supporting: Iterable[Any], lead: Any = None, note: str = "") -> Case:
    """Send the case to several agencies at once: `lead` (chủ trì; the case's own agency when it has one)
    answers, each of `supporting` (phối hợp) sends its contribution to the lead. The answer deadline
    becomes the coordinated one (1022: 15 working days from receipt) if that is later."""
    supporting = list(supporting)
    with transaction.atomic():
        case.lock()
        check_operation(case.status, Operation.COORDINATE)
        if case.status in (Status.RECEIVED, Status.TRIAGE):
            if lead is None or case.category is None:
                raise WorkflowError(_("Hãy phân loại và chọn đơn vị chủ trì trước."))
            decide_triage(case, actor, category=case.category, agency=lead, priority=case.priority, note=note)
        elif lead is not None and lead.pk != case.agency_id:
            raise WorkflowError(_("Đơn vị chủ trì là đơn vị đang xử lý hồ sơ; muốn đổi, hãy chuyển đơn vị."))
        lead = case.agency
        if permissions.is_agency_member(actor):  # the lead agency's own lead; city staff act for any
            _check_agency_member(actor, case)
        existing = set(case.support_requests.values_list("agency_id", flat=True))  # type: ignore[attr-defined]
        added = [agency for agency in {a.pk: a for a in supporting}.values()
                 if agency.pk != case.agency_id and agency.pk not in existing]
        if not added:
            raise WorkflowError(_("Hãy chọn ít nhất một đơn vị phối hợp khác đơn vị chủ trì."))
        requester = actor if getattr(actor, "pk", None) else None
        SupportRequest.objects.bulk_create([SupportRequest(case=case, agency=a, requested_by=requester) for a in added])
        due = sla.coordinated_due_at(case)
        if case.due_at is None or case.due_at < due:
            case.due_at = due
            case.save(update_fields=["due_at", "updated_at"])
        names = ", ".join(a.name for a in added)
        events.record(case, EventAction.COORDINATED, actor,
                      _("Chủ trì: %(lead)s; phối hợp: %(supporting)s.") % {"lead": lead.name, "supporting": names},
                      data={"lead": lead.code, "supporting": [a.code for a in added],
                            "due_at": case.due_at.isoformat() if case.due_at else None})
        # a supporting agency does not read the reporter's personal data: its mail has the masked title
        masked_title = public_text.mask(case.title, case)
        for agency in added:
            dispatch.notify_staff(case, _leads(agency), Event.ESCALATED, dedupe_key=f"support:{agency.pk}",
                                  context={"threshold_label": _("Đề nghị phối hợp xử lý (chủ trì: %(lead)s)")
                                           % {"lead": lead.name}, "title": masked_title})
    return case


@writes_grouped()
def contribute(case: Case, actor: Any, *, text: str) -> SupportRequest:
    """A supporting agency sends (or corrects) its contribution to the lead agency."""
    text = text.strip()
    if not text:
        raise WorkflowError(_("Ý kiến phối hợp không được để trống."))
    with transaction.atomic():
        case.lock()
        check_operation(case.status, Operation.CONTRIBUTE)
        if not permissions.is_supporting_member(actor, case):
            raise WorkflowError(_("Đơn vị của bạn không phối hợp xử lý hồ sơ này."))
        request = SupportRequest.objects.select_for_update().filter(case=case, agency_id=actor.agency_id).first()
        if request is None:
            raise WorkflowError(_("Đơn vị của bạn không phối hợp xử lý hồ sơ này."))
        request.state = SupportRequest.State.CONTRIBUTED
        request.contribution = text
        request.contributed_by = actor
        request.contributed_at = timezone.now()
        request.save(update_fields=["state", "contribution", "contributed_by", "contributed_at"])
        events.record(case, EventAction.CONTRIBUTED, actor, text, is_public=False,
                      data={"agency": request.agency.code, "request": request.pk})
        dispatch.notify_staff(case, _leads(case.agency), Event.ESCALATED,
                              dedupe_key=f"contribution:{request.pk}:{request.contributed_at.isoformat()}",
                              context={"threshold_label": str(EventAction.CONTRIBUTED.label)})
    return request


def open_disagreement(case: Case) -> Disagreement | None:
    return case.disagreements.filter(state=Disagreement.State.OPEN).first()  # type: ignore[attr-defined]


@writes_grouped()
def disagree(case: Case, actor: Any, *, reason: str) -> Disagreement:
    """The lead or a supporting agency cannot agree with the other: the People's Committee (the city's
    supervisors) is asked to decide; the lead's answer waits for the decision."""
    reason = reason.strip()
    if not reason:
        raise WorkflowError(_("Hãy nêu nội dung chưa thống nhất."))
    with transaction.atomic():
        case.lock()
        check_operation(case.status, Operation.DISAGREE)
        if not case.support_requests.exists():  # type: ignore[attr-defined]
            raise WorkflowError(_("Hồ sơ này không có đơn vị phối hợp."))
        if getattr(actor, "is_authenticated", False) and not permissions.is_coordinating_member(actor, case):
            raise WorkflowError(_("Đơn vị của bạn không tham gia xử lý hồ sơ này."))
        try:
            with transaction.atomic():
                disagreement = Disagreement.objects.create(case=case, agency=getattr(actor, "agency", None),
                                                           raised_by=actor, reason=reason)
        except IntegrityError:
            raise WorkflowError(_("Hồ sơ đang chờ UBND quyết định một ý kiến chưa thống nhất.")) from None
        events.record(case, EventAction.DISAGREEMENT_RAISED, actor, reason, is_public=False,
                      data={"disagreement": disagreement.pk})
        dispatch.notify_staff(case, supervisors(), Event.ESCALATED, dedupe_key=f"disagreement:{disagreement.pk}",
                              context={"threshold_label": str(EventAction.DISAGREEMENT_RAISED.label)})
    return disagreement


@writes_grouped()
def settle_disagreement(disagreement: Disagreement, actor: Any, *, decision: str, lead: Any = None) -> Disagreement:
    """The People's Committee decides; naming another lead moves the case to it (assigned, the former
    lead becomes a supporting agency)."""
    decision = decision.strip()
    if not decision:
        raise WorkflowError(_("Hãy ghi nội dung quyết định."))
    with transaction.atomic():
        case = disagreement.case.lock()
        check_operation(case.status, Operation.SETTLE_DISAGREEMENT)
        changes_lead = lead is not None and lead.pk != case.agency_id
        if changes_lead:
            check_transition(case.status, Status.ASSIGNED)
        claimed = Disagreement.objects.filter(pk=disagreement.pk, state=Disagreement.State.OPEN).update(
            state=Disagreement.State.SETTLED, decided_by=actor, decided_at=timezone.now(), decision=decision)
        if claimed != 1:
            raise WorkflowError(_("Ý kiến này đã được quyết định."))
        disagreement.refresh_from_db()
        events.record(case, EventAction.DISAGREEMENT_SETTLED, actor, decision, is_public=False,
                      data={"disagreement": disagreement.pk, "lead": lead.code if changes_lead else None})
        if changes_lead:
            former = case.agency
            SupportRequest.objects.filter(case=case, agency=lead).delete()
            if former is not None:
                SupportRequest.objects.get_or_create(case=case, agency=former, defaults={"requested_by": actor})
            case.agency = lead
            case.assignee = None
            case.save(update_fields=["agency", "assignee", "updated_at"])
            move(case, Status.ASSIGNED, actor, decision, action=EventAction.ASSIGNED, data={
                "from_agency": former.code if former else None, "agency": lead.code, "settled": disagreement.pk})
            dispatch.notify_staff(case, _leads(lead), Event.ESCALATED, dedupe_key=f"settled:{disagreement.pk}",
                                  context={"threshold_label": _("UBND giao đơn vị của đồng chí chủ trì")})
    return disagreement


# --- leaders' directives (ý kiến chỉ đạo) -----------------------------------------------------------

@writes_grouped()
def direct(cases: Iterable[Case], actor: Any, *, text: str, deadline: datetime, agencies: Iterable[Any] = (),
           subject: str = "") -> Directive:
    """A leader directs one case or a group (a hot spot): what to do by `deadline`, binding `agencies`
    (by default the agencies handling the cases). Each case gets an event; each unit's leads are told."""
    text = text.strip()
    if not text:
        raise WorkflowError(_("Nội dung chỉ đạo không được để trống."))
    if deadline <= timezone.now():
        raise WorkflowError(_("Hạn báo cáo phải sau thời điểm hiện tại."))
    cases = sorted(cases, key=lambda c: c.pk)  # locked in one order: two directives never deadlock
    if not cases:
        raise WorkflowError(_("Hãy chọn ít nhất một hồ sơ."))
    with transaction.atomic():
        for case in cases:
            case.lock()
            check_operation(case.status, Operation.DIRECT)
        bound = {a.pk: a for a in agencies} or {c.agency.pk: c.agency for c in cases if c.agency is not None}
        if not bound:
            raise WorkflowError(_("Hãy chọn đơn vị thực hiện chỉ đạo."))
        directive = Directive.objects.create(author=actor if getattr(actor, "pk", None) else None, text=text,
                                             deadline=deadline, subject=subject.strip()[:200])
        directive.cases.set(cases)
        DirectiveUnit.objects.bulk_create([DirectiveUnit(directive=directive, agency=a) for a in bound.values()])
        names = ", ".join(a.name for a in bound.values())
        for case in cases:
            events.record(case, EventAction.DIRECTED, actor, text, is_public=False, data={
                "directive": directive.pk, "deadline": deadline.isoformat(), "units": [a.code for a in bound.values()]})
        label = _("Ý kiến chỉ đạo (đơn vị thực hiện: %(units)s)") % {"units": names}
        for agency in bound.values():
            dispatch.notify_staff(cases[0], _leads(agency), Event.ESCALATED, dedupe_key=f"directive:{directive.pk}",
                                  context={"threshold_label": label})
    return directive


@writes_grouped()
def report_on_directive(directive: Directive, actor: Any, *, text: str) -> DirectiveUnit:
    """A bound unit reports what it did (a later report replaces the earlier one); the leader is told."""
    text = text.strip()
    if not text:
        raise WorkflowError(_("Nội dung báo cáo không được để trống."))
    with transaction.atomic():
        cases = list(directive.cases.order_by("pk"))
        for case in cases:
            case.lock()
            check_operation(case.status, Operation.REPORT_ON_DIRECTIVE)
        unit = DirectiveUnit.objects.select_for_update().filter(
            directive=directive, agency_id=getattr(actor, "agency_id", None) or 0).first()
        if unit is None or not permissions.is_agency_member(actor):
            raise WorkflowError(_("Chỉ đạo này không giao cho đơn vị của bạn."))
        unit.state = DirectiveUnit.State.REPORTED
        unit.report = text
        unit.reported_by = actor
        unit.reported_at = timezone.now()
        unit.save(update_fields=["state", "report", "reported_by", "reported_at"])
        for case in cases:
            events.record(case, EventAction.DIRECTIVE_REPORTED, actor, text, is_public=False,
                          data={"directive": directive.pk, "unit": unit.agency.code})
        if directive.author is not None and cases:
            dispatch.notify_staff(cases[0], [directive.author], Event.ESCALATED,
                                  dedupe_key=f"directive-report:{unit.pk}:{unit.reported_at.isoformat()}",
                                  context={"threshold_label": _("%(unit)s báo cáo thực hiện chỉ đạo")
                                           % {"unit": unit.agency.name}})
    return unit


@writes_grouped()
def close_directive(directive: Directive, actor: Any) -> Directive:
    """The leader ends a directive: it leaves the dashboard's list of open directives."""
    with transaction.atomic():
        cases = list(directive.cases.order_by("pk"))
        for case in cases:
            case.lock()
        claimed = Directive.objects.filter(pk=directive.pk, state=Directive.State.OPEN).update(
            state=Directive.State.CLOSED, closed_at=timezone.now())
        if claimed != 1:
            raise WorkflowError(_("Chỉ đạo này đã kết thúc."))
        directive.refresh_from_db()
        for case in cases:
            events.record(case, EventAction.NOTE, actor, _("Kết thúc chỉ đạo: %(text)s") % {"text": directive.text[:200]},
                          is_public=False, data={"directive": directive.pk, "closed": True})
    return directive


def reforward_due_at(directive: Directive) -> datetime:
    """By when a unit late on `directive` must have been re-forwarded: one working day after the deadline."""
    return get_calendar().add_days(directive.deadline, 1)


def reforward_late_directives(now: datetime | None = None) -> int:
    """Units of open directives that did not report by the deadline get the directive again, their leads
    and the leader are told (periodic task, well within the one working day allowed; each unit once:
    claimed by setting `reforwarded_at`)."""
    now = now or timezone.now()
    late = DirectiveUnit.objects.filter(state=DirectiveUnit.State.PENDING, reforwarded_at__isnull=True,
                                        directive__state=Directive.State.OPEN, directive__deadline__lte=now)
    done = 0
    for unit_id in late.values_list("pk", flat=True):
        with transaction.atomic():
            unit = DirectiveUnit.objects.select_related("directive", "agency", "directive__author").get(pk=unit_id)
            directive = unit.directive
            cases = list(directive.cases.order_by("pk"))
            for case in cases:
                case.lock()
            if DirectiveUnit.objects.filter(pk=unit.pk, state=DirectiveUnit.State.PENDING,
                                            reforwarded_at__isnull=True).update(reforwarded_at=now) != 1:
                continue
            label = _("Chậm thực hiện chỉ đạo: chuyển lại %(unit)s") % {"unit": unit.agency.name}
            for case in cases:
                events.record(case, EventAction.DIRECTIVE_REFORWARDED, None, label, is_public=False, at=now,
                              data={"directive": directive.pk, "unit": unit.agency.code})
            if cases:
                people = _leads(unit.agency) + ([directive.author] if directive.author else [])
                dispatch.notify_staff(cases[0], people, Event.ESCALATED, dedupe_key=f"reforward:{unit.pk}",
                                      context={"threshold_label": label})
            done += 1
    return done


# --- deadlines --------------------------------------------------------------------------------

@writes_grouped()
def request_extension(case: Case, actor: Any, *, days: int, reason: str) -> ExtensionRequest:
    reason = reason.strip()
    if not reason:
        raise WorkflowError(_("Cần ghi lý do gia hạn."))
    if not 1 <= days <= MAX_EXTENSION_DAYS:
        raise WorkflowError(_("Số ngày gia hạn phải từ 1 đến %(max)s ngày làm việc.") % {"max": MAX_EXTENSION_DAYS})
    with transaction.atomic():
        case.lock()
        check_operation(case.status, Operation.REQUEST_EXTENSION)
        try:
            with transaction.atomic():
                request = ExtensionRequest.objects.create(case=case, requested_by=actor, days=days, reason=reason,
                                                          old_due_at=case.due_at)
        except IntegrityError:
            raise WorkflowError(_("Hồ sơ đã có một đề nghị gia hạn đang chờ duyệt.")) from None
        events.record(case, EventAction.EXTENSION_REQUESTED, actor, reason, is_public=False,
                      data={"days": days, "request": request.pk})
        dispatch.notify_staff(case, _leads(case.agency), Event.EXTENSION_REQUESTED,
                              dedupe_key=f"extension:{request.pk}", context={"days": days, "reason": reason})
    return request


@writes_grouped()
def decide_extension(request: ExtensionRequest, actor: Any, *, approve: bool, note: str = "") -> ExtensionRequest:
    """A lead of the agency or a supervisor approves (the deadline moves, the citizen is told) or denies."""
    with transaction.atomic():
        case = request.case.lock()
        check_operation(case.status, Operation.DECIDE_EXTENSION)
        now = timezone.now()
        old_due = case.due_at
        new_due = get_calendar().add_days(max(old_due, now) if old_due else now, request.days) if approve else None
        claimed = ExtensionRequest.objects.filter(pk=request.pk, state=Decision.PENDING).update(
            state=Decision.APPROVED if approve else Decision.DENIED, decided_by=actor, decided_at=now,
            decision_note=note.strip(), old_due_at=old_due, new_due_at=new_due,
        )
        if claimed != 1:
            raise WorkflowError(_("Đề nghị gia hạn này đã được quyết định."))
        request.refresh_from_db()
        if approve:
            assert new_due is not None  # computed above whenever the request is approved
            case.due_at = new_due
            case.save(update_fields=["due_at", "updated_at"])
            events.record(case, EventAction.EXTENDED, actor, request.reason, data={
                "days": request.days, "old_due_at": old_due.isoformat() if old_due else None,
                "new_due_at": new_due.isoformat(), "request": request.pk,
            })
            dispatch.notify_reporter(case, Event.EXTENDED, dedupe_key=f"extension:{request.pk}",
                                     context={"reason": request.reason})
        else:
            events.record(case, EventAction.EXTENSION_DENIED, actor, note.strip(), is_public=False,
                          data={"days": request.days, "request": request.pk})
    return request


# --- rejection, duplicates -------------------------------------------------------------------

@writes_grouped()
def reject(case: Case, actor: Any, *, kind: str, reason: str = "", duplicate_of: Case | None = None) -> Case:
    """Refuse the case on one of the legal grounds (`RejectionKind`; a duplicate of `duplicate_of`
    is merged) with a reason the citizen sees: the officer's words, or the ground in plain words.
    A complaint or a denunciation is marked as such (`legal_kind`): never public, and a
    denouncer's identity is kept secret from then on (`permissions.can_see_reporter_identity`)."""
    if kind == RejectionKind.DUPLICATE:
        if duplicate_of is None:
            raise WorkflowError(_("Hãy nhập mã tra cứu của phản ánh gốc."))
        merge(duplicate_of, [case], actor, reason=reason)
        return Case.objects.get(pk=case.pk)
    if kind not in RejectionKind.values:
        raise WorkflowError(_("Hãy chọn lý do từ chối."))
    reason = reason.strip() or refusals.plain_reason(kind)
    legal_kind = refusals.LEGAL_KIND_OF.get(kind, "")
    with transaction.atomic():
        case.lock()
        check_transition(case.status, Status.REJECTED)
        case.rejection_reason = reason
        case.rejection_kind = kind
        fields = ["rejection_reason", "rejection_kind", "updated_at"]
        if legal_kind:
            case.legal_kind = legal_kind
            case.is_public = False
            fields += ["legal_kind", "is_public"]
        case.save(update_fields=fields)
        if legal_kind:
            events.record(case, EventAction.LEGAL_TRIAGED, actor, str(LegalKind(legal_kind).label), is_public=False,
                          data={"legal_kind": legal_kind, "hint": case.legal_hint})
        move(case, Status.REJECTED, actor, reason, action=EventAction.REJECTED, data={"kind": kind})
        dispatch.notify_reporter(case, Event.REJECTED, dedupe_key=f"rejected:{timezone.now().isoformat()}",
                                 context={"guidance": refusals.guidance(kind)})
    return case


@writes_grouped()
def merge(original: Case, duplicates: Iterable[Case], actor: Any, *, reason: str = "") -> list[Case]:
    """Close each duplicate as 'duplicate of original' so its reporter gets the original's answer."""
    merged: list[Case] = []
    with transaction.atomic():
        original.lock()
        check_operation(original.status, Operation.MERGE_INTO)
        if original.duplicate_of_id:
            raise WorkflowError(_("Hồ sơ gốc %(code)s lại là bản trùng của hồ sơ khác.") % {
                "code": original.tracking_code})
        for duplicate in duplicates:
            duplicate.lock()
            if duplicate.pk == original.pk:
                raise WorkflowError(_("Không thể gộp hồ sơ vào chính nó."))
            check_transition(duplicate.status, Status.REJECTED)
            text = reason.strip() or _("Trùng với phản ánh %(code)s.") % {"code": original.tracking_code}
            duplicate.duplicate_of = original
            duplicate.rejection_reason = text
            duplicate.rejection_kind = RejectionKind.DUPLICATE
            duplicate.save(update_fields=["duplicate_of", "rejection_reason", "rejection_kind", "updated_at"])
            move(duplicate, Status.REJECTED, actor, text, action=EventAction.MERGED,
                 data={"kind": RejectionKind.DUPLICATE, "original": original.tracking_code})
            Case.objects.filter(duplicate_of=duplicate).update(duplicate_of=original)
            dispatch.notify_reporter(duplicate, Event.MERGED, dedupe_key=f"merged:{original.pk}",
                                     context={"original_code": original.tracking_code})
            merged.append(duplicate)
        events.record(original, EventAction.MERGED, actor, ", ".join(c.tracking_code for c in merged),
                      is_public=False, data={"duplicates": [c.tracking_code for c in merged]})
        if original.status in (Status.ANSWERED, Status.CLOSED) and original.answered_at:
            original_id, merged_ids = original.pk, [c.pk for c in merged]
            reopen_days = workflow_settings().reopen_days
            transaction.on_commit(lambda: dispatch.case_answered(original_id, reopen_days=reopen_days,
                                                                 only_duplicates=merged_ids))
    return merged


@writes_grouped()
def withdraw_rejection(case: Case, actor: Any, note: str = "") -> Case:
    with transaction.atomic():
        case.lock()
        check_transition(case.status, Status.TRIAGE)
        case.duplicate_of = None
        case.rejection_reason = ""
        case.rejection_kind = ""
        # legal_kind stays: a complaint or denunciation once recognised is never published.
        case.save(update_fields=["duplicate_of", "rejection_reason", "rejection_kind", "updated_at"])
        return move(case, Status.TRIAGE, actor, note or _("Hủy quyết định từ chối, phân loại lại."))


# --- the end of a case ------------------------------------------------------------------------

def reopen_deadline(case: Case) -> datetime | None:
    if case.answered_at is None:
        return None
    return case.answered_at + timedelta(days=workflow_settings().reopen_days)


def can_reopen(case: Case, now: datetime | None = None) -> bool:
    deadline = reopen_deadline(case)
    return (case.status in (Status.ANSWERED, Status.CLOSED) and case.duplicate_of_id is None
            and deadline is not None and (now or timezone.now()) <= deadline)


@writes_grouped()
def reopen(case: Case, *, reason: str, actor: Any = None, now: datetime | None = None) -> Case:
    """The citizen is not satisfied: within the period the case goes back to the agency with a new deadline."""
    reason = reason.strip()
    if not reason:
        raise WorkflowError(_("Hãy cho biết vì sao chưa hài lòng."))
    with transaction.atomic():
        case.lock()
        now = now or timezone.now()  # read after the lock: the events keep the order they happened in
        check_operation(case.status, Operation.REOPEN)
        check_transition(case.status, Status.IN_PROGRESS)
        if not can_reopen(case, now):
            raise WorkflowError(_("Đã quá thời hạn mở lại phản ánh này."))
        case.due_at = sla.due_at_for(case, now)
        case.save(update_fields=["due_at", "updated_at"])
        move(case, Status.IN_PROGRESS, actor, reason, action=EventAction.REOPENED, at=now)
        dispatch.notify_reporter(case, Event.REOPENED, dedupe_key=f"reopened:{now.isoformat()}")
    return case


@writes_grouped()
def close(case: Case, actor: Any, note: str = "") -> Case:
    with transaction.atomic():
        case.lock()
        return move(case, Status.CLOSED, actor, note, action=EventAction.CLOSED)


def close_expired_answers(now: datetime | None = None) -> int:
    """Answered cases whose reopen period has passed are closed (periodic task; safe to run twice)."""
    now = now or timezone.now()
    cutoff = now - timedelta(days=workflow_settings().reopen_days)
    closed = 0
    for case_id in Case.objects.filter(status=Status.ANSWERED, answered_at__lt=cutoff).values_list("pk", flat=True):
        with transaction.atomic():
            case = Case.objects.select_for_update(of=("self",)).get(pk=case_id)
            if case.status != Status.ANSWERED:
                continue
            move(case, Status.CLOSED, None, _("Tự động đóng: hết thời hạn mở lại."), action=EventAction.CLOSED, at=now)
            closed += 1
    return closed


# --- notes and ratings ----------------------------------------------------------------------

@writes_grouped()
def add_note(case: Case, actor: Any, text: str, *, data: dict | None = None) -> CaseEvent:
    """An internal note (not shown to the citizen), e.g. a further call from the reporter."""
    text = text.strip()
    if not text:
        raise WorkflowError(_("Ghi chú không được để trống."))
    with transaction.atomic():
        case.lock()
        check_operation(case.status, Operation.NOTE)
        return events.record(case, EventAction.NOTE, actor, text, is_public=False, data=data)


def is_finished(case: Case) -> bool:
    return case.status in FINISHED_STATUSES
