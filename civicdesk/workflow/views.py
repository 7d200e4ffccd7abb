"""Pages of the workflow app: hotline console, triage queue, staff case page with its actions,
supervisor lists, and the citizen's rating and reopening. Views fetch, check permission, call
`operations`, and show refusals (IllegalTransition, WorkflowError) as error messages."""

import secrets
from collections.abc import Callable
from datetime import timedelta
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_htmx.middleware import HtmxDetails

from civicdesk.answers import ratings
from civicdesk.lib import ratelimit
from civicdesk.lib.pagination import CappedPaginator
from civicdesk.lib.redirects import next_url
from civicdesk.notifications import dispatch
from civicdesk.organisation.models import Agency
from civicdesk.petitions import identity as reporter_identity
from civicdesk.petitions import permissions, search
from civicdesk.petitions.models import OPEN_STATUSES, Case, Channel, Status
from civicdesk.petitions.tracking import normalise_tracking_code
from civicdesk.petitions.views import find_by_code, reporter_case
from civicdesk.workflow import (
    actions,
    confirmations,
    directives,
    following,
    forms,
    operations,
    possible_duplicates,
    sla,
    step_clock,
)
from civicdesk.workflow import console as console_lookup_module
from civicdesk.workflow import me_too as me_too_domain
from civicdesk.workflow.intake import NewCase, submit
from civicdesk.workflow.models import Decision, Directive, Disagreement, ExtensionRequest
from civicdesk.workflow.operations import WorkflowError
from civicdesk.workflow.states import IllegalTransition


class HtmxHttpRequest(HttpRequest):
    """A request as django-htmx's middleware leaves it (for the type checker)."""

    htmx: HtmxDetails


def _case(code: str) -> Case:
    normalised = normalise_tracking_code(code) or code
    return get_object_or_404(Case.objects.select_related("category", "agency", "assignee", "ward"),
                             tracking_code=normalised)


def _require(condition: bool) -> None:
    if not condition:
        raise PermissionDenied


def _back(request: HttpRequest, case: Case) -> HttpResponse:
    return redirect(_next_url(request, case))


# --- staff case page and its actions ----------------------------------------------------------

@login_required
def case_detail(request: HttpRequest, code: str) -> HttpResponse:
    case = _case(code)
    _require(permissions.can_view_case(request.user, case))
    identity = reporter_identity.reveal(request.user, case, "staff_case_page")
    return render(request, "workflow/case_detail.html", {
        "case": case, "events": reporter_identity.timeline_for(request.user, case, identity, case.timeline()),
        "identity": identity, "protects_identity": permissions.protects_identity(case),
        "title": reporter_identity.title_for(request.user, case, identity),
        "content": reporter_identity.content_for(request.user, case, identity),
        "suggestions": possible_duplicates.for_case(case, request.user)})


def _triage(request: HttpRequest, case: Case) -> str:
    form = forms.TriageForm(request.POST, prefix=f"t{case.pk}")
    if not form.is_valid():
        raise WorkflowError(_form_errors(form))
    operations.decide_triage(case, request.user, category=form.cleaned_data["category"],
                             agency=form.cleaned_data["agency"], priority=form.cleaned_data["priority"],
                             note=form.cleaned_data["note"])
    return _("Đã chuyển hồ sơ %(code)s đến %(agency)s.") % {"code": case.tracking_code,
                                                             "agency": form.cleaned_data["agency"]}


def _transfer(request: HttpRequest, case: Case) -> str:
    form = _valid(forms.TransferForm(request.POST))
    operations.transfer(case, request.user, to_agency=form.cleaned_data["to_agency"], reason=form.cleaned_data["reason"])
    return _("Đã chuyển hồ sơ sang %(agency)s.") % {"agency": form.cleaned_data["to_agency"]}


def _take_up(request: HttpRequest, case: Case) -> str:
    operations.start(case, request.user)
    return _("Đơn vị đã nhận xử lý hồ sơ.")


def _return(request: HttpRequest, case: Case) -> str:
    form = _valid(forms.ReasonForm(request.POST))
    operations.return_transfer(case, request.user, reason=form.cleaned_data["reason"])
    return _("Đã trả hồ sơ về bộ phận phân loại.")


def _reassign(request: HttpRequest, case: Case) -> str:
    form = _valid(forms.ReassignForm(request.POST))
    operations.reassign(case, request.user, agency=form.cleaned_data["agency"], reason=form.cleaned_data["reason"])
    return _("Đã giao hồ sơ cho %(agency)s.") % {"agency": form.cleaned_data["agency"]}


def _request_extension(request: HttpRequest, case: Case) -> str:
    form = _valid(forms.ExtensionRequestForm(request.POST))
    operations.request_extension(case, request.user, days=form.cleaned_data["days"], reason=form.cleaned_data["reason"])
    return _("Đã gửi đề nghị gia hạn, chờ lãnh đạo duyệt.")


def _decide_extension(request: HttpRequest, case: Case) -> str:
    form = _valid(forms.ExtensionDecisionForm(request.POST))
    extension = get_object_or_404(ExtensionRequest, pk=form.cleaned_data["request_id"], case=case)
    approve = form.cleaned_data["decision"] == "approve"
    operations.decide_extension(extension, request.user, approve=approve, note=form.cleaned_data["note"])
    return _("Đã đồng ý gia hạn.") if approve else _("Đã không đồng ý gia hạn.")


def _reject(request: HttpRequest, case: Case) -> str:
    form = _valid(forms.RejectForm(request.POST))
    original = None
    if form.cleaned_data.get("original"):
        original = Case.objects.filter(tracking_code=form.cleaned_data["original"]).first()
        # A case the actor may not see is "not found": no event is written there, and the answer
        # does not tell whether the code exists.
        if original is None or not permissions.can_view_case(request.user, original):
            raise WorkflowError(_("Không tìm thấy phản ánh gốc %(code)s.") % {"code": form.cleaned_data["original"]})
    operations.reject(case, request.user, kind=form.cleaned_data["kind"], reason=form.cleaned_data["reason"],
                      duplicate_of=original)
    return _("Đã từ chối hồ sơ; người gửi được thông báo lý do.")


def _merge(request: HttpRequest, case: Case) -> str:
    form = _valid(forms.MergeForm(request.POST))
    duplicates = [c for c in Case.objects.filter(tracking_code__in=form.cleaned_data["codes"])
                  if permissions.can_view_case(request.user, c)]  # others are "not found", as unknown codes
    missing = set(form.cleaned_data["codes"]) - {c.tracking_code for c in duplicates}
    if missing:
        raise WorkflowError(_("Không tìm thấy: %(codes)s") % {"codes": ", ".join(sorted(missing))})
    operations.merge(case, duplicates, request.user)
    return _("Đã gộp %(count)s hồ sơ trùng; người gửi sẽ nhận cùng câu trả lời.") % {"count": len(duplicates)}


def _close(request: HttpRequest, case: Case) -> str:
    operations.close(case, request.user, request.POST.get("note", ""))
    return _("Đã đóng hồ sơ.")


def _reopen(request: HttpRequest, case: Case) -> str:
    form = _valid(forms.ReasonForm(request.POST))
    operations.reopen(case, reason=form.cleaned_data["reason"], actor=request.user)
    return _("Đã mở lại hồ sơ.")


def _withdraw_rejection(request: HttpRequest, case: Case) -> str:
    operations.withdraw_rejection(case, request.user)
    return _("Đã hủy quyết định từ chối; hồ sơ chờ phân loại.")


def _dismiss_duplicate(request: HttpRequest, case: Case) -> str:
    form = _valid(forms.DismissSuggestionForm(request.POST))
    possible_duplicates.dismiss(case, form.cleaned_data["suggestion"], request.user)
    return _("Đã ghi nhận: không trùng. Gợi ý được ẩn đi.")


def _note(request: HttpRequest, case: Case) -> str:
    form = _valid(forms.NoteForm(request.POST))
    operations.add_note(case, request.user, form.cleaned_data["text"])
    return _("Đã ghi chú vào hồ sơ %(code)s.") % {"code": case.tracking_code}


def _coordinate(request: HttpRequest, case: Case) -> str:
    form = _valid(forms.CoordinateForm(request.POST))
    operations.coordinate(case, request.user, supporting=form.cleaned_data["supporting"],
                          lead=form.cleaned_data["lead"], note=form.cleaned_data["note"])
    return _("Đã giao đơn vị chủ trì và đơn vị phối hợp; hạn trả lời theo thời hạn phối hợp.")


def _contribute(request: HttpRequest, case: Case) -> str:
    form = _valid(forms.ContributionForm(request.POST))
    operations.contribute(case, request.user, text=form.cleaned_data["text"])
    return _("Đã gửi ý kiến phối hợp đến đơn vị chủ trì.")


def _disagree(request: HttpRequest, case: Case) -> str:
    form = _valid(forms.DisagreementForm(request.POST))
    operations.disagree(case, request.user, reason=form.cleaned_data["reason"])
    return _("Đã báo cáo UBND ý kiến chưa thống nhất.")


def _settle_disagreement(request: HttpRequest, case: Case) -> str:
    form = _valid(forms.SettleDisagreementForm(request.POST))
    disagreement = get_object_or_404(Disagreement, pk=form.cleaned_data["disagreement"], case=case)
    operations.settle_disagreement(disagreement, request.user, decision=form.cleaned_data["decision"],
                                   lead=form.cleaned_data["lead"])
    return _("Đã ghi quyết định của UBND.")


def _direct(request: HttpRequest, case: Case) -> str:
    form = _valid(forms.DirectiveForm(request.POST))
    data = form.cleaned_data
    operations.direct([case], request.user, text=data["text"], deadline=data["deadline"],
                      agencies=data["agencies"], subject=data["subject"])
    return _("Đã ghi ý kiến chỉ đạo; các đơn vị thực hiện được thông báo.")


HANDLERS: dict[str, Callable[[HttpRequest, Case], str]] = {
    "direct": _direct,
    "coordinate": _coordinate, "contribute": _contribute, "disagree": _disagree,
    "settle_disagreement": _settle_disagreement,
    "triage": _triage, "transfer": _transfer, "take_up": _take_up, "return": _return, "reassign": _reassign,
    "request_extension": _request_extension, "decide_extension": _decide_extension, "reject": _reject,
    "merge": _merge, "close": _close, "reopen": _reopen, "withdraw_rejection": _withdraw_rejection, "note": _note,
    "dismiss_duplicate": _dismiss_duplicate,
}
class _Invalid(WorkflowError):
    pass


def _form_errors(form: Any) -> str:
    return " ".join(str(error) for errors in form.errors.values() for error in errors)


def _valid(form: Any) -> Any:
    if not form.is_valid():
        raise _Invalid(_form_errors(form))
    return form


@login_required
@require_POST
def case_action(request: HtmxHttpRequest, code: str, action: str) -> HttpResponse:
    case = _case(code)
    handler = HANDLERS.get(action)
    if handler is None:
        raise Http404
    # Who may, from the one table; the status is checked by the action under its row lock, so a
    # stale page still posts the action and gets the clear refusal.
    _require(actions.may(request.user, case, action))
    try:
        done, succeeded = handler(request, case), True
    except (IllegalTransition, WorkflowError) as refusal:
        done, succeeded = str(refusal), False
    if request.htmx and action in _FRAGMENTS:
        return _FRAGMENTS[action](request, case, done, succeeded)
    (messages.success if succeeded else messages.error)(request, done)
    return _back(request, case)


def _next_url(request: HttpRequest, case: Case) -> str:
    return next_url(request, reverse("workflow:case", args=[case.tracking_code]))


def _duplicates_panel(request: HttpRequest, case: Case, message: str, succeeded: bool) -> HttpResponse:
    """HTMX: the "Có thể trùng với" panel again, with the outcome in place of a page message."""
    case.refresh_from_db()
    return render(request, "workflow/_possible_duplicates.html", {
        "case": case, "suggestions": possible_duplicates.for_case(case, request.user),
        "next": _next_url(request, case), "panel_message": message, "panel_error": not succeeded})


# Actions that answer an HTMX request with a fragment of the page instead of a redirect.
_FRAGMENTS: dict[str, Callable[[HttpRequest, Case, str, bool], HttpResponse]] = {
    "dismiss_duplicate": _duplicates_panel,
}


# --- triage queue ------------------------------------------------------------------------------

TRIAGE_PAGE_SIZE = 25


@login_required
def triage_queue(request: HttpRequest) -> HttpResponse:
    _require(permissions.can_triage(request.user))
    waiting = (Case.objects.filter(status__in=[Status.RECEIVED, Status.TRIAGE])
               .annotate(maybe_duplicate=possible_duplicates.has_open_suggestions())
               .select_related("category", "ward").order_by("created_at", "id"))
    page = Paginator(waiting, TRIAGE_PAGE_SIZE).get_page(request.GET.get("page"))
    from civicdesk.routing.pipeline import suggest

    # Every row's form offers the same categories and agencies: read them once, not twice a row.
    choices = forms.TriageForm.shared_choices()
    rows = []
    for case in page:
        case.shown_content = reporter_identity.content_for(request.user, case, None)  # type: ignore[attr-defined]
        suggestion = suggest(case)
        form = forms.TriageForm(prefix=f"t{case.pk}", choices=choices, initial={
            "category": suggestion.category.pk if suggestion.category else None,
            "agency": suggestion.agency.pk if suggestion.agency else None, "priority": case.priority})
        rows.append((case, form, suggestion))
    return render(request, "workflow/triage.html", {"rows": rows, "page": page})


# --- hotline console -----------------------------------------------------------------------------

@login_required
def console(request: HttpRequest) -> HttpResponse:
    _require(permissions.can_triage(request.user))
    if request.method == "POST":
        form = forms.CallForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            case, _created = submit(NewCase(
                title=data["title"], content=data["content"], kind=data["kind"], channel=Channel.HOTLINE,
                category=data["category"], category_confirmed=data["category"] is not None,
                priority=data["priority"], address_text=data["address_text"], ward=data["ward"],
                reporter_name=data["reporter_name"], reporter_email=data["reporter_email"],
                reporter_phone=console_lookup_module.normalise_phone(data["reporter_phone"]),
                hide_identity=data["hide_identity"], consent=True,
                idempotency_key=request.POST.get("call_id") or None,
            ), actor=request.user)
            return redirect("workflow:console_done", case.tracking_code)
    else:
        form = forms.CallForm(initial={"reporter_phone": request.GET.get("phone", "")})
    return render(request, "workflow/console.html", {
        "form": form, "call_id": request.POST.get("call_id") or f"call-{secrets.token_hex(8)}",
        "caller_cases": console_lookup_module.cases_of_caller(form["reporter_phone"].value() or "", request.user),
    })


@login_required
def console_caller(request: HttpRequest) -> HttpResponse:
    """HTMX partial: the earlier cases of the number typed so far."""
    _require(permissions.can_triage(request.user))
    phone = request.GET.get("reporter_phone") or request.GET.get("phone") or ""
    complete = len(console_lookup_module.normalise_phone(phone)) >= 9
    return render(request, "workflow/_caller_cases.html", {
        "caller_cases": console_lookup_module.cases_of_caller(phone, request.user), "phone": phone if complete else ""})


@login_required
def console_similar(request: HttpRequest) -> HttpResponse:
    """HTMX partial: likely duplicates of the call being recorded."""
    _require(permissions.can_triage(request.user))
    ward_id = _int(request.GET.get("ward"))
    category_id = _int(request.GET.get("category"))
    similar = console_lookup_module.similar_cases(
        request.GET.get("title", ""), request.GET.get("content", ""), ward_id=ward_id, category_id=category_id)
    return render(request, "workflow/_similar_cases.html", {
        "similar": [possible_duplicates.SimilarCase(case, score) for case, score in similar]})


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value else None
    except ValueError:
        return None


@login_required
def console_done(request: HttpRequest, code: str) -> HttpResponse:
    _require(permissions.can_triage(request.user))
    case = _case(code)
    return render(request, "workflow/console_done.html", {"case": case, "spelled": _spell(case.tracking_code),
                                                          "reply_to": dispatch.reply_to(case)})


_SPOKEN = {"2": "hai", "3": "ba", "4": "bốn", "5": "năm", "6": "sáu", "7": "bảy", "8": "tám", "9": "chín"}


def _spell(code: str) -> str:
    """How the operator reads the code aloud: digits as Vietnamese words, letters one by one."""
    return " · ".join(_SPOKEN.get(ch, ch) for ch in code if ch != "-")


# --- supervisor ---------------------------------------------------------------------------------

@login_required
def cases(request: HttpRequest) -> HttpResponse:
    _require(permissions.can_triage(request.user))
    form = forms.CaseFilterForm(request.GET or None)
    queryset: QuerySet[Case] = Case.objects.select_related("category", "agency").order_by("-created_at", "-id")
    if form.is_valid():
        data = form.cleaned_data
        queryset = search.staff_cases(queryset, data["q"], request.user)
        if data["status"] == "open":
            queryset = queryset.filter(status__in=OPEN_STATUSES)
        elif data["status"]:
            queryset = queryset.filter(status=data["status"])
        if data["agency"]:
            queryset = queryset.filter(agency=data["agency"])
        if data["category"]:
            queryset = queryset.filter(category=data["category"])
        if data["sla"] == "overdue":
            queryset = sla.overdue(queryset)
        elif data["sla"] == "due_soon":
            queryset = sla.due_soon(queryset)
    page = CappedPaginator(queryset, 50).get_page(request.GET.get("page"))
    now = timezone.now()
    rows = [(case, sla.sla_state(case, now)) for case in page]
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "workflow/cases.html", {"form": form, "page": page, "rows": rows,
                                                   "query": query.urlencode()})


@login_required
def overdue_by_agency(request: HttpRequest) -> HttpResponse:
    _require(permissions.can_triage(request.user))
    now = timezone.now()
    return render(request, "workflow/overdue.html", {"agencies": sla.open_by_agency(now), "now": now})


@login_required
def step_breaches(request: HttpRequest) -> HttpResponse:
    """Steps that ran past their time limit, with the unit that held them and who finished them late:
    a supervisor sees the city, an agency's lead their own agency."""
    user: Any = request.user
    _require(permissions.can_view_step_breaches(user))
    form = forms.StepBreachFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    now = timezone.now()
    since = now - timedelta(days=data.get("days") or 30)
    scope = Case.objects.visible_to(user).filter(created_at__gte=since)
    agency_code = None if permissions.is_supervisor(user) else user.agency.code
    found = step_clock.breaches(scope, now, step=data.get("step") or "", agency_code=agency_code)
    names = dict(Agency.objects.filter(code__in={b.clock.holder for b in found if b.clock.holder})
                 .values_list("code", "name"))
    rows = [(b, names.get(b.clock.holder or "", step_clock.TRIAGE_DESK) if b.clock.holder else step_clock.TRIAGE_DESK)
            for b in found]
    return render(request, "workflow/step_breaches.html", {
        "form": form, "rows": rows, "now": now, "whole_city": agency_code is None})


@login_required
def extensions(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    queryset = ExtensionRequest.objects.filter(state=Decision.PENDING).select_related(
        "case", "case__agency", "requested_by").order_by("created_at")
    if permissions.is_supervisor(user):
        pass
    elif user.role == "lead" and user.agency_id:
        queryset = queryset.filter(case__agency_id=user.agency_id)
    else:
        raise PermissionDenied
    return render(request, "workflow/extensions.html", {"requests": queryset,
                                                        "decision_form": forms.ExtensionDecisionForm()})


# --- leaders' directives (ý kiến chỉ đạo) --------------------------------------------------------

@login_required
def directive_list(request: HttpRequest) -> HttpResponse:
    """Leaders: every directive; an agency: the directives that bind it, open ones first."""
    _require(permissions.is_staff(request.user))
    now = timezone.now()
    listed = directives.visible(request.user).order_by("state", "deadline")[:200]
    return render(request, "workflow/directives.html", {
        "rows": directives.summaries(list(listed), now), "now": now,
        "whole_city": permissions.can_direct(request.user)})


def _directive(request: HttpRequest, pk: int) -> Directive:
    directive = directives.visible(request.user).filter(pk=pk).first()
    if directive is None:
        raise Http404
    return directive


@login_required
def directive_detail(request: HttpRequest, pk: int) -> HttpResponse:
    directive = _directive(request, pk)
    user: Any = request.user
    can_report = permissions.can_report_on_directive(user, directive)
    form = forms.DirectiveReportForm(request.POST or None)
    if request.method == "POST":
        _require(can_report)
        if form.is_valid():
            try:
                operations.report_on_directive(directive, user, text=form.cleaned_data["text"])
            except (IllegalTransition, WorkflowError) as refusal:
                messages.error(request, str(refusal))
            else:
                messages.success(request, _("Đã gửi báo cáo thực hiện chỉ đạo."))
                return redirect("workflow:directive", directive.pk)
    now = timezone.now()
    (summary,) = directives.summaries([directive], now)
    mine = next((r.unit for r in summary["units"] if r.unit.agency_id == user.agency_id), None)
    if request.method != "POST" and mine is not None:
        form = forms.DirectiveReportForm(initial={"text": mine.report})
    cases = [case for case in directive.cases.all() if permissions.can_view_case(user, case)]
    return render(request, "workflow/directive.html", {
        "summary": summary, "directive": directive, "cases": cases,
        "hidden_cases": directive.cases.count() - len(cases), "form": form, "can_report": can_report,
        "can_close": permissions.can_direct(user) and directive.state == Directive.State.OPEN,
        "reforward_by": operations.reforward_due_at(directive)})


@login_required
@require_POST
def directive_close(request: HttpRequest, pk: int) -> HttpResponse:
    directive = _directive(request, pk)
    _require(permissions.can_direct(request.user))
    try:
        operations.close_directive(directive, request.user)
    except (IllegalTransition, WorkflowError) as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(request, _("Đã kết thúc chỉ đạo."))
    return redirect("workflow:directive", directive.pk)


@login_required
@require_POST
def directive_new(request: HttpRequest) -> HttpResponse:
    """A directive on a group of cases (a dashboard hot spot)."""
    _require(permissions.can_direct(request.user))
    form = forms.DirectiveCasesForm(request.POST)
    back = next_url(request, reverse("workflow:directives"))
    if not form.is_valid():
        messages.error(request, _form_errors(form))
        return redirect(back)
    data = form.cleaned_data
    found = list(Case.objects.visible_to(request.user).filter(tracking_code__in=data["codes"]))
    try:
        directive = operations.direct(found, request.user, text=data["text"], deadline=data["deadline"],
                                      agencies=data["agencies"], subject=data["subject"])
    except (IllegalTransition, WorkflowError) as refusal:
        messages.error(request, str(refusal))
        return redirect(back)
    messages.success(request, _("Đã ghi ý kiến chỉ đạo cho %(count)s hồ sơ.") % {"count": len(found)})
    return redirect("workflow:directive", directive.pk)


# --- citizen -------------------------------------------------------------------------------------

def _tracking_url(case: Case) -> str:
    return reverse("petitions:track", args=[case.tracking_code])


@require_POST
def citizen_rate(request: HttpRequest, code: str) -> HttpResponse:
    case = reporter_case(request, code)  # only the reporter (petitions.reporter_access)
    if isinstance(case, HttpResponse):
        return case
    form = forms.RatingForm(request.POST)
    if not form.is_valid():
        messages.error(request, _form_errors(form))
        return redirect(_tracking_url(case))
    try:
        ratings.rate(case, score=form.cleaned_data["score"], comment=form.cleaned_data["comment"],
                     actor=request.user)
    except (IllegalTransition, WorkflowError) as refusal:
        messages.error(request, str(refusal))
        return redirect(_tracking_url(case))
    if form.cleaned_data["score"] <= ratings.LOW_RATING and operations.can_reopen(case):
        messages.warning(request, _("Cảm ơn Quý ông/bà đã đánh giá. Nếu chưa hài lòng, Quý ông/bà có thể đề nghị mở lại phản ánh ngay dưới đây."))
    else:
        messages.success(request, _("Cảm ơn Quý ông/bà đã đánh giá."))
    return redirect(_tracking_url(case) + "#danh-gia")


@require_POST
def citizen_reopen(request: HttpRequest, code: str) -> HttpResponse:
    case = reporter_case(request, code)  # only the reporter (petitions.reporter_access)
    if isinstance(case, HttpResponse):
        return case
    form = forms.ReopenForm(request.POST)
    if not form.is_valid():
        messages.error(request, _form_errors(form))
        return redirect(_tracking_url(case))
    try:
        operations.reopen(case, reason=form.cleaned_data["reason"], actor=request.user)
    except (IllegalTransition, WorkflowError) as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(request, _("Phản ánh đã được mở lại và chuyển đơn vị xử lý tiếp."))
    return redirect(_tracking_url(case))


# --- the citizen's side: "tôi cũng gặp", following (workflow.me_too, workflow.following) -----------

ME_TOO_COOKIE = "cd_me_too"  # signed list of case ids this browser confirmed "me too" for (display only)


def _back_to(request: HttpRequest, case: Case) -> str:
    fallback = reverse("petitions:public_detail" if case.is_public else "petitions:track", args=[case.tracking_code])
    return next_url(request, fallback)


def _email_from(request: HttpRequest) -> tuple[str, str]:
    """The e-mail address typed (cleaned) and the error to show instead."""
    form = forms.CitizenEmailForm(request.POST)
    if form.is_valid():
        return form.cleaned_data["email"], ""
    return "", _form_errors(form)


@require_POST
def me_too(request: HttpRequest, code: str) -> HttpResponse:
    found = find_by_code(request, code)
    if isinstance(found, HttpResponse):
        return found
    case = found
    back = _back_to(request, case)
    try:
        if request.user.is_authenticated:
            outcome = me_too_domain.add(case, user=request.user)
            if outcome.added:
                messages.success(request, _("Đã ghi nhận: Quý ông/bà cũng gặp vấn đề này."))
            else:
                messages.info(request, _("Quý ông/bà đã cho biết cũng gặp vấn đề này trước đây."))
            return redirect(back)
        email, error = _email_from(request)
        if error:
            messages.error(request, error)
            return redirect(back)
        verdict = ratelimit.hit(request, "citizen_email")
        if not verdict:
            return _too_many_emails(request, case, verdict)
        me_too_domain.ask_by_email(case, email, also_follow=bool(request.POST.get("follow")))
    except me_too_domain.MeTooRefused as refusal:
        messages.error(request, str(refusal))
        return redirect(back)
    return render(request, "workflow/citizen_check_email.html", {"case": case, "email": email, "back": back})


def _too_many_emails(request: HttpRequest, case: Case, verdict: ratelimit.Verdict) -> HttpResponse:
    response = render(request, "workflow/citizen_check_email.html", {
        "case": case, "back": _back_to(request, case),
        "error": _("Đã gửi quá nhiều thư xác nhận từ mạng của Quý ông/bà. Vui lòng thử lại sau khoảng "
                   "%(minutes)s phút.") % {"minutes": max(1, verdict.retry_after // 60)}}, status=429)
    response["Retry-After"] = str(verdict.retry_after)
    return response


def confirm(request: HttpRequest, token: str) -> HttpResponse:
    """The link of a confirmation e-mail: a page with one button (a mail scanner that opens links
    does not confirm anything), then the thing is done."""
    try:
        confirmed = confirmations.read(token)
    except confirmations.InvalidLink:
        return render(request, "workflow/citizen_confirm.html", {"invalid": True}, status=400)
    case = Case.objects.filter(pk=confirmed.case_id).select_related("duplicate_of").first()
    if case is None:
        return render(request, "workflow/citizen_confirm.html", {"invalid": True}, status=400)
    context: dict[str, Any] = {"case": case, "confirmed": confirmed, "token": token}
    if request.method != "POST":
        return render(request, "workflow/citizen_confirm.html", context)
    try:
        if confirmed.purpose == "me_too":
            outcome = me_too_domain.add(case, email=confirmed.email)
            case = outcome.case
            context.update(done=True, outcome=outcome, case=case)
        if confirmed.purpose == "follow" or confirmed.also_follow:
            following.follow(case, email=confirmed.email)
            context.update(done=True, following=True)
    except me_too_domain.MeTooRefused as refusal:
        context.update(refused=str(refusal))
    response = render(request, "workflow/citizen_confirm.html", context)
    if confirmed.purpose == "me_too" and context.get("done"):
        remember_me_too(request, response, case)
    return response


def remember_me_too(request: HttpRequest, response: HttpResponse, case: Case) -> None:
    known = confirmed_here(request)
    known = [*[pk for pk in known if pk != case.pk][-49:], case.pk]
    response.set_signed_cookie(ME_TOO_COOKIE, ",".join(map(str, known)), salt=ME_TOO_COOKIE,
                               max_age=365 * 86400, httponly=True, samesite="Lax",
                               secure=request.is_secure())


def confirmed_here(request: HttpRequest) -> list[int]:
    raw = request.get_signed_cookie(ME_TOO_COOKIE, default="", salt=ME_TOO_COOKIE)
    return [int(part) for part in (raw or "").split(",") if part.isdigit()]


@require_POST
def follow(request: HttpRequest, code: str) -> HttpResponse:
    found = find_by_code(request, code)
    if isinstance(found, HttpResponse):
        return found
    case = found
    back = _back_to(request, case)
    try:
        if request.user.is_authenticated:
            if request.POST.get("stop"):
                following.unfollow(case, user=request.user)
                messages.success(request, _("Quý ông/bà đã thôi theo dõi phản ánh này."))
            else:
                following.follow(case, user=request.user)
                messages.success(request, _("Quý ông/bà sẽ nhận thư báo mỗi bước xử lý công khai của phản ánh này."))
            return redirect(back)
        email, error = _email_from(request)
        if error:
            messages.error(request, error)
            return redirect(back)
        verdict = ratelimit.hit(request, "citizen_email")
        if not verdict:
            return _too_many_emails(request, case, verdict)
        following.ask_by_email(case, email)
    except following.FollowRefused as refusal:
        messages.error(request, str(refusal))
        return redirect(back)
    return render(request, "workflow/citizen_check_email.html", {"case": case, "email": email, "back": back,
                                                                 "follow": True})


def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    """The link in every message to a follower: one button, then no more messages."""
    follower = following.follower_for_token(token)
    if follower is None:
        return render(request, "workflow/citizen_unsubscribe.html", {"invalid": True}, status=404)
    if request.method == "POST":
        case = follower.case
        follower.delete()
        return render(request, "workflow/citizen_unsubscribe.html", {"done": True, "case": case})
    return render(request, "workflow/citizen_unsubscribe.html", {"follower": follower, "case": follower.case,
                                                                 "token": token})
