"""The agency workspace: inbox, staff case page, and the actions on a case. Views fetch, check
permission (`civicdesk.petitions.permissions`), call a domain function, render."""

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST
from django_htmx.middleware import HtmxDetails

from civicdesk.accounts.models import User
from civicdesk.answers import inbox, publishing, templating
from civicdesk.answers import public as answer_texts
from civicdesk.answers.forms import DraftForm, InboxFilterForm, NoteForm, ReviewForm
from civicdesk.answers.models import Answer, AnswerAttachment
from civicdesk.lib.pagination import CappedPaginator
from civicdesk.lib.redirects import next_url
from civicdesk.petitions import identity as reporter_identity
from civicdesk.petitions import permissions
from civicdesk.petitions.models import Attachment, Case
from civicdesk.workflow import actions, operations, possible_duplicates
from civicdesk.workflow.states import IllegalTransition

PAGE_SIZE = 25


class StaffRequest(HttpRequest):
    """What a staff view receives, for the type checker: `login_required` lets only a signed-in
    user through and django-htmx's middleware sets `htmx`."""

    user: User
    htmx: HtmxDetails


def _staff_only(request: HttpRequest) -> None:
    if not permissions.is_staff(request.user):
        raise PermissionDenied


def _case_for(request: HttpRequest, code: str, action: str | None = None) -> Case:
    """The case if the user may see it (404 otherwise: its existence is not revealed), and 403 when
    they may see it but not take this action."""
    case = Case.objects.select_related("category", "agency", "ward", "assignee").filter(
        tracking_code=code).first()
    if case is None or not permissions.can_view_case(request.user, case):
        raise Http404
    if action is not None and not actions.may(request.user, case, action):
        raise PermissionDenied
    return case


def _back(request: HttpRequest, fallback: str) -> HttpResponse:
    return redirect(next_url(request, fallback))


# --- inbox ---------------------------------------------------------------------------------------

@login_required
def inbox_view(request: StaffRequest) -> HttpResponse:
    _staff_only(request)
    user = request.user
    now = inbox.now()
    cases = Case.objects.visible_to(user)
    form = InboxFilterForm(request.GET or None, cases=cases)
    params = form.cleaned_data if form.is_valid() else {}
    tab = params.get("tab") or inbox.DEFAULT_TAB
    filtered = inbox.apply_filters(cases, params, user, now)
    agency_id = user.agency_id if permissions.is_agency_member(user) else None
    counts = inbox.tab_counts(filtered, now, agency_id)
    listed = (filtered.filter(inbox.tab_filter(tab, now, agency_id))
              .select_related("category", "ward", "assignee", "agency")
              .order_by(*inbox.order_for(tab)))
    page = CappedPaginator(listed, PAGE_SIZE).get_page(request.GET.get("page"))
    limit = inbox.due_soon_limit(now)
    for case in page.object_list:
        case.due_state = inbox.due_state(case, now, limit)
        case.shown_title = reporter_identity.title_for(user, case, None)
    query = request.GET.copy()
    query.pop("page", None)
    tab_query = query.copy()
    tab_query.pop("tab", None)
    can_bulk_assign = user.role == "lead" and user.agency_id is not None
    context = {
        "form": form,
        "tab": tab,
        "tabs": [(t.key, t.label, counts[t.key]) for t in inbox.TABS],
        "page": page,
        "query": query.urlencode(),
        "tab_query": tab_query.urlencode(),
        "now": now,
        "can_bulk_assign": can_bulk_assign,
        "can_approve_any": user.role == "lead" or permissions.is_supervisor(user),
        "officers": operations.assignable_officers(user.agency_id) if can_bulk_assign else [],
    }
    template = "answers/_inbox_results.html" if request.htmx else "answers/inbox.html"
    return render(request, template, context)


@login_required
@require_POST
def bulk_assign(request: StaffRequest) -> HttpResponse:
    user = request.user
    if user.role != "lead" or user.agency_id is None:
        raise PermissionDenied
    officer = operations.assignable_officers(user.agency_id).filter(pk=request.POST.get("officer")).first()
    ids = [value for value in request.POST.getlist("cases") if value.isdigit()]
    cases = list(Case.objects.visible_to(user).filter(pk__in=ids))
    if officer is None:
        messages.error(request, _("Hãy chọn cán bộ của đơn vị để giao hồ sơ."))
    elif not cases:
        messages.error(request, _("Hãy chọn ít nhất một hồ sơ."))
    elif not all(permissions.can_assign(user, case) for case in cases):
        raise PermissionDenied
    else:
        changed = operations.assign(cases, officer, user)
        messages.success(request, _("Đã giao %(count)s hồ sơ cho %(name)s.") % {"count": changed, "name": officer})
    return _back(request, reverse("answers:inbox"))


# --- the case page -------------------------------------------------------------------------------

def _case_context(request: HttpRequest, case: Case, **extra: Any) -> dict[str, Any]:
    user = request.user
    # the buttons and forms shown are the actions allowed: one table, `workflow.actions.RULES`
    allowed = actions.allowed_actions(user, case)
    can_edit = permissions.can_edit_case(user, case)
    draft = publishing.current_draft(case) if can_edit else None
    pending = publishing.pending_answer(case) if permissions.can_view_answer_draft(user, case) else None
    identity = reporter_identity.reveal(user, case, "agency_case_page")
    handles = permissions.handles_case(user, case)
    context = {
        "case": case,
        "identity": identity,
        "title": reporter_identity.title_for(user, case, identity),
        "content": reporter_identity.content_for(user, case, identity),
        # a supporting agency gets the EXIF-free copies of images only (`can_view_original_attachment`)
        "attachments": case.attachments.all() if handles else case.attachments.exclude(public_file=""),
        "originals": handles,
        "protects_identity": permissions.protects_identity(case),
        "full_answers": handles,
        "events": _timeline(request, case, identity),
        "answers": permissions.visible_answers(user, case).prefetch_related("attachments"),
        "ratings": permissions.visible_ratings(user, case),
        "draft": draft,
        "pending": pending,
        "allowed": allowed,
        "can_see_drafts": permissions.can_view_answer_draft(user, case),
        "officers": operations.assignable_officers(case.agency_id) if "assign" in allowed else [],
        "templates": templating.filled_templates(case) if "draft" in allowed else [],
        "placeholders": templating.PLACEHOLDERS,
        "note_form": NoteForm(),
        "draft_form": DraftForm(initial={"body": draft.body if draft else "",
                                         "work_done": draft.work_done if draft else False,
                                         "no_evidence_reason": draft.no_evidence_reason if draft else ""}),
        "review_form": ReviewForm(),
        "suggestions": possible_duplicates.for_case(case, user),
        "letter": answer_texts.signed_letter(case),
    }
    context.update(extra)
    return context


@login_required
def case_view(request: HttpRequest, code: str) -> HttpResponse:
    case = _case_for(request, code)
    return render(request, "answers/case.html", _case_context(request, case))


def _timeline(request: HttpRequest, case: Case, identity: reporter_identity.Identity | None = None) -> list:
    return reporter_identity.timeline_for(request.user, case, identity, permissions.visible_events(request.user, case))


@login_required
def timeline_view(request: HttpRequest, code: str) -> HttpResponse:
    case = _case_for(request, code)
    return render(request, "answers/_timeline.html", {"case": case, "events": _timeline(request, case)})


def _act(request: HttpRequest, case: Case, step: Callable[[], Any], done: str) -> HttpResponse:
    try:
        step()
    except (operations.WorkflowError, publishing.PublishingError, IllegalTransition) as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, done)
    return redirect("answers:case", code=case.tracking_code)


@login_required
@require_POST
def start_view(request: HttpRequest, code: str) -> HttpResponse:
    case = _case_for(request, code, "start")
    return _act(request, case, lambda: operations.start(case, request.user), _("Đã bắt đầu xử lý hồ sơ."))


@login_required
@require_POST
def note_view(request: StaffRequest, code: str) -> HttpResponse:
    case = _case_for(request, code, "note")
    form = NoteForm(request.POST)
    saved = form.is_valid() and bool(form.cleaned_data["text"].strip())
    if saved:
        operations.add_note(case, request.user, form.cleaned_data["text"])
    if request.htmx:
        return render(request, "answers/_timeline.html", {
            "case": case, "events": _timeline(request, case), "note_saved": saved,
            "note_error": not saved})
    if not saved:
        messages.error(request, _("Ghi chú không được để trống."))
        return redirect("answers:case", code=case.tracking_code)
    messages.success(request, _("Đã lưu ghi chú nội bộ."))
    return redirect("answers:case", code=case.tracking_code)


@login_required
@require_POST
def assign_view(request: HttpRequest, code: str) -> HttpResponse:
    case = _case_for(request, code, "assign")
    officer = operations.assignable_officers(case.agency_id).filter(pk=request.POST.get("officer")).first()
    if officer is None:
        messages.error(request, _("Hãy chọn cán bộ của đơn vị để giao hồ sơ."))
        return redirect("answers:case", code=case.tracking_code)
    return _act(request, case, lambda: operations.assign([case], officer, request.user),
                _("Đã giao hồ sơ cho %(name)s.") % {"name": officer})


@login_required
@require_POST
def draft_view(request: HttpRequest, code: str) -> HttpResponse:
    """Save the draft; with `submit` in the form, also send it to the lead."""
    case = _case_for(request, code, "draft")
    form = DraftForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Nội dung trả lời không được để trống."))
        return redirect("answers:case", code=case.tracking_code)

    def step() -> None:
        answer = publishing.save_draft(case, request.user, form.cleaned_data["body"],
                                       work_done=form.cleaned_data["work_done"],
                                       no_evidence_reason=form.cleaned_data["no_evidence_reason"])
        files = request.FILES.getlist("files")
        if files:
            publishing.attach_files(answer, files, request.user)
        if "submit" in request.POST:
            publishing.submit_for_approval(answer, request.user)

    done = _("Đã gửi bản trả lời để lãnh đạo duyệt.") if "submit" in request.POST else _("Đã lưu bản nháp.")
    return _act(request, case, step, done)


@login_required
@require_POST
def submit_view(request: HttpRequest, code: str) -> HttpResponse:
    case = _case_for(request, code, "submit")
    draft = publishing.current_draft(case)
    if draft is None:
        messages.error(request, _("Chưa có bản trả lời nào để gửi duyệt."))
        return redirect("answers:case", code=case.tracking_code)
    return _act(request, case, lambda: publishing.submit_for_approval(draft, request.user),
                _("Đã gửi bản trả lời để lãnh đạo duyệt."))


@login_required
@require_POST
def attach_view(request: HttpRequest, code: str) -> HttpResponse:
    case = _case_for(request, code, "draft")
    draft = publishing.current_draft(case)
    if draft is None:
        messages.error(request, _("Hãy lưu bản nháp trả lời trước khi đính kèm tệp."))
        return redirect("answers:case", code=case.tracking_code)
    files = request.FILES.getlist("files")
    if not files:
        messages.error(request, _("Hãy chọn tệp để đính kèm."))
        return redirect("answers:case", code=case.tracking_code)
    return _act(request, case, lambda: publishing.attach_files(draft, files, request.user),
                _("Đã đính kèm tệp vào bản trả lời."))


@login_required
@require_POST
def approve_view(request: HttpRequest, code: str) -> HttpResponse:
    return _review(request, code, "approve", publishing.approve, _("Đã duyệt và công khai câu trả lời."))


@login_required
@require_POST
def return_view(request: HttpRequest, code: str) -> HttpResponse:
    return _review(request, code, "return_answer", publishing.return_for_changes,
                   _("Đã trả lại bản trả lời để cán bộ sửa."))


def _review(request: HttpRequest, code: str, action: str, decide: Any, done: str) -> HttpResponse:
    """The lead's decision on the answer waiting for approval: approve or return, with a note."""
    case = _case_for(request, code, action)
    answer = publishing.pending_answer(case)
    if answer is None:
        messages.error(request, _("Không có bản trả lời nào đang chờ duyệt."))
        return redirect("answers:case", code=case.tracking_code)
    form = ReviewForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    return _act(request, case, lambda: decide(answer, request.user, note), done)


# --- files ---------------------------------------------------------------------------------------

def _file_response(field: Any, name: str, content_type: str) -> FileResponse:
    if not field:
        raise Http404
    try:
        handle = field.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    inline = content_type.startswith("image/") or content_type == "application/pdf"
    response = FileResponse(handle, content_type=content_type, as_attachment=not inline, filename=name)
    response["Cache-Control"] = "private, no-store"
    response["Content-Security-Policy"] = "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'"
    return response


@login_required
def attachment_view(request: HttpRequest, code: str, pk: int) -> FileResponse:
    """An original file as uploaded (EXIF included): staff who can view the case."""
    case = _case_for(request, code)
    attachment = get_object_or_404(Attachment, pk=pk, case=case)
    if not permissions.can_view_original_attachment(request.user, attachment):
        raise Http404
    return _file_response(attachment.file, attachment.original_name, attachment.content_type)


@login_required
def answer_attachment_view(request: HttpRequest, code: str, pk: int) -> FileResponse:
    case = _case_for(request, code)
    item = get_object_or_404(AnswerAttachment.objects.select_related("answer__case"), pk=pk, answer__case=case)
    if not permissions.can_view_answer_attachment_original(request.user, item):
        raise Http404
    return _file_response(item.file, item.original_name, item.content_type)


def public_attachment_view(request: HttpRequest, pk: int) -> FileResponse:
    """The EXIF-free copy of a case file: anyone once the case is public."""
    attachment = get_object_or_404(Attachment.objects.select_related("case"), pk=pk)
    if not permissions.can_view_public_attachment(request.user, attachment):
        raise Http404
    return _file_response(attachment.public_file, attachment.original_name, attachment.content_type)


def letter_view(request: HttpRequest, pk: int) -> FileResponse:
    """The signed answer letter (PDF): the one PDF that is public — civicdesk made it from the
    approved public text, it is not an upload."""
    answer = get_object_or_404(Answer.objects.select_related("case"), pk=pk)
    if not permissions.can_view_signed_letter(request.user, answer):
        raise Http404
    response = FileResponse(answer.letter_file.open("rb"), content_type="application/pdf", as_attachment=False,
                            filename=f"{answer.case.tracking_code}.pdf")
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
@require_POST
def issue_letter_view(request: HttpRequest, code: str) -> HttpResponse:
    case = _case_for(request, code, "issue_letter")
    answer = Answer.objects.latest_approved(case)
    if answer is None:
        messages.error(request, _("Chưa có câu trả lời đã duyệt."))
        return redirect("answers:case", code=case.tracking_code)
    return _act(request, case, lambda: publishing.issue_letter(answer, request.user),
                _("Đã phát hành văn bản trả lời có chữ ký số."))


def public_answer_attachment_view(request: HttpRequest, pk: int) -> FileResponse:
    """The EXIF-free copy of a file of an approved answer of a public case."""
    item = get_object_or_404(AnswerAttachment.objects.select_related("answer__case"), pk=pk)
    if not (item.answer.state == Answer.State.APPROVED and permissions.can_view_answer_attachment(
            request.user, item)):
        raise Http404
    return _file_response(item.public_file, item.original_name, item.content_type)


@require_GET
def public_media(request: HttpRequest, path: str) -> FileResponse:
    """/media/public/<path> (Open311's media_url): the public copy of a case's or an answer's file,
    looked up by its stored name and given only to whom the two views above would give it — a
    copy on disk is not public by being there (a case not published, a draft answer)."""
    name = f"public/{path}"
    attachment = Attachment.objects.filter(public_file=name).values_list("pk", flat=True).first()
    if attachment is not None:
        return public_attachment_view(request, attachment)
    item = AnswerAttachment.objects.filter(public_file=name).values_list("pk", flat=True).first()
    if item is not None:
        return public_answer_attachment_view(request, item)
    raise Http404

