"""Who may see and do what with a case and everything attached to it — decided here and nowhere else.

Every staff view, the API and the dashboard ask these functions. The rules:

- officers and leads see the cases whose responsible agency is theirs (today's agency only: a case
  transferred away leaves their view), and the cases their agency supports (phối hợp) for another
  agency, which they read and contribute to but do not change;
- operators, supervisors and administrators see every case;
- citizens and anonymous visitors see nothing through staff views; the public sees published
  cases only, through their public copies (masked answer, EXIF-free images, public events);
- officers and leads of the responsible agency change a case; its lead (or a supervisor) approves
  the answer;
- drafts of answers are read by the agency and by supervisors only; internal events
  (`is_public=False`) never reach the public;
- the reporter's personal data (name, phone, e-mail, account, the original files they sent, the
  unmasked texts) is read by those who handle the case: its lead agency and city-wide staff
  (`handles_case`); a supporting agency reads the case with personal data masked
  (`petitions.identity`), the EXIF-free copies of its images, and the public text of its answers;
- complaints and denunciations (`Case.legal_kind`) are never public, and their text is not shown to
  whoever merely holds the tracking code; a denouncer's identity (name, phone, e-mail, account) is
  read only by staff named on the case (`identity_readers`) or holding the permission
  `petitions.view_denouncer_identity` — each read written to `IdentityRead` (`petitions.identity`).
"""

from typing import Any

from django.db.models import Q, QuerySet

from civicdesk.accounts.models import Role
from civicdesk.petitions.models import Attachment, Case, CaseEvent, LegalKind, Status


def _is_authenticated(user: Any) -> bool:
    return user is not None and getattr(user, "is_authenticated", False) and getattr(user, "is_active", True)


def sees_whole_city(user: Any) -> bool:
    return _is_authenticated(user) and (user.is_superuser or user.role in (Role.OPERATOR, Role.SUPERVISOR,
                                                                          Role.ADMIN))


def is_agency_member(user: Any) -> bool:
    return _is_authenticated(user) and user.role in (Role.OFFICER, Role.LEAD) and user.agency_id is not None


def is_staff(user: Any) -> bool:
    return sees_whole_city(user) or is_agency_member(user)


def is_supervisor(user: Any) -> bool:
    """City-wide authority (supervisors, administrators): reassign, decide extensions, approve."""
    return _is_authenticated(user) and (user.is_superuser or user.role in (Role.SUPERVISOR, Role.ADMIN))


def can_triage(user: Any) -> bool:
    """Record calls, classify new cases, reject and reopen for the city: operators and above."""
    return sees_whole_city(user)


def is_lead_of(user: Any, case: Case) -> bool:
    return is_agency_member(user) and user.role == Role.LEAD and case.agency_id == user.agency_id


# --- the leaders' dashboard ------------------------------------------------------------------------

def can_view_dashboard(user: Any) -> bool:
    """Supervisors see the whole city; an agency's lead and officers their own agency."""
    return is_supervisor(user) or is_agency_member(user)


def dashboard_agency_id(user: Any) -> int | None:
    """The agency a dashboard user is limited to; None for the whole city."""
    return None if is_supervisor(user) else user.agency_id


def can_view_step_breaches(user: Any) -> bool:
    """The list of per-step time limits breached: supervisors (whole city) and agency leads (their own)."""
    return is_supervisor(user) or (is_agency_member(user) and user.role == Role.LEAD)


# --- leaders' directives (ý kiến chỉ đạo) ---------------------------------------------------------

def can_direct(user: Any) -> bool:
    """Write a directive on cases and bind units to it: the city's leaders (supervisors)."""
    return is_supervisor(user)


def directive_scope(user: Any) -> Q:
    """The directives `user` may read: leaders all, an agency those that bind it."""
    if is_supervisor(user):
        return Q()
    if is_agency_member(user):
        return Q(units__agency_id=user.agency_id)
    return Q(pk__in=[])


def can_view_directive(user: Any, directive: Any) -> bool:
    return is_supervisor(user) or can_report_on_directive(user, directive)


def can_report_on_directive(user: Any, directive: Any) -> bool:
    """Officers and leads of a unit the directive binds report against it."""
    return is_agency_member(user) and directive.units.filter(agency_id=user.agency_id).exists()


# --- cases -------------------------------------------------------------------------------------

def case_scope(user: Any) -> Q:
    """The condition on cases `user` may open in staff views, the API and the dashboard; ask
    `Case.objects.visible_to(user)` for the cases themselves."""
    if sees_whole_city(user):
        return Q()
    if is_agency_member(user):
        # The few cases it supports, read first: with a subquery in the OR, PostgreSQL read every open
        # case of the city to count an agency's tabs (140 ms at a million cases); with a list of ids
        # it combines two index scans. (A list, not a join: a case with several supporters stays one row.)
        return Q(agency_id=user.agency_id) | Q(pk__in=supported_case_ids(user))
    return Q(pk__in=[])


def supported_case_ids(user: Any) -> list[int]:
    """The cases the user's agency supports (phối hợp) without leading them; read once per request
    (kept on the request's user object)."""
    if not is_agency_member(user):
        return []
    cached = getattr(user, "_supported_case_ids", None)
    if cached is None or cached[0] != user.agency_id:
        ids = list(Case.objects.filter(support_requests__agency_id=user.agency_id).exclude(agency_id=user.agency_id)
                   .values_list("pk", flat=True).distinct())
        cached = user._supported_case_ids = (user.agency_id, ids)
    return cached[1]


def can_view_case(user: Any, case: Case) -> bool:
    if sees_whole_city(user):
        return True
    return is_agency_member(user) and (case.agency_id == user.agency_id or is_supporting_member(user, case))


def is_supporting_member(user: Any, case: Case) -> bool:
    """An officer or lead of an agency that supports (phối hợp) the case's lead agency."""
    return (is_agency_member(user) and case.agency_id != user.agency_id
            and case.support_requests.filter(agency_id=user.agency_id).exists())  # type: ignore[attr-defined]


def is_coordinating_member(user: Any, case: Case) -> bool:
    """The lead agency or a supporting agency of the case: may report a disagreement."""
    return can_edit_case(user, case) or is_supporting_member(user, case)


def can_edit_case(user: Any, case: Case) -> bool:
    """Work on the case: start it, write notes and answers, attach files."""
    return is_agency_member(user) and case.agency_id == user.agency_id


def handles_case(user: Any, case: Case) -> bool:
    """Entitled to the reporter's personal data: the lead agency's officers and leads, operators,
    supervisors and administrators — not a supporting agency, which only contributes."""
    return sees_whole_city(user) or can_edit_case(user, case)


def personal_data_scope(user: Any) -> Q:
    """The condition on cases whose reporter's personal data `user` may read (and so search by)."""
    if sees_whole_city(user):
        return Q()
    if is_agency_member(user):
        return Q(agency_id=user.agency_id)
    return Q(pk__in=[])


def can_assign(user: Any, case: Case) -> bool:
    """Give the case to an officer of the agency: the agency's lead."""
    return is_lead_of(user, case)


def can_approve(user: Any, case: Case) -> bool:
    """Approve or return an answer: the lead of the case's agency, or a supervisor."""
    if is_supervisor(user):
        return True
    return is_lead_of(user, case)


def can_see_reporter_contact(user: Any, case: Case) -> bool:
    return can_view_case(user, case) and can_see_reporter_identity(user, case)


def protects_identity(case: Case) -> bool:
    """A denunciation (decided by a person, or hinted by the router while it waits for one): its
    sender's identity is secret (Law on Denunciation 2018, Art. 9 and 47)."""
    if case.legal_kind == LegalKind.DENUNCIATION:
        return True
    return case.legal_hint == LegalKind.DENUNCIATION and case.status in (Status.RECEIVED, Status.TRIAGE)


def is_named_identity_reader(user: Any, case: Case) -> bool:
    return (is_staff(user) and case.pk is not None
            and case.identity_readers.filter(pk=user.pk).exists())


def can_see_reporter_identity(user: Any, case: Case) -> bool:
    """The sender's name, phone, e-mail and account: those who handle the case. For a denunciation:
    named staff or the permission."""
    if not protects_identity(case):
        return handles_case(user, case)
    if not _is_authenticated(user):
        return False
    return bool(user.has_perm("petitions.view_denouncer_identity")) or is_named_identity_reader(user, case)


def identity_search_scope(user: Any) -> Q:
    """Cases whose sender a search by name or phone (console caller history, inbox, case list) may
    match: not a protected denunciation, unless `user` holds the permission to read them all.
    (A named reader opens the case by its code instead.) An agency searches only its own cases so:
    not those it merely supports (`personal_data_scope`)."""
    own = personal_data_scope(user) if is_agency_member(user) else Q()
    if _is_authenticated(user) and user.has_perm("petitions.view_denouncer_identity"):
        return own
    denunciation = Q(legal_kind=LegalKind.DENUNCIATION) | Q(
        legal_hint=LegalKind.DENUNCIATION, status__in=(Status.RECEIVED, Status.TRIAGE))
    return own & ~denunciation


def is_public_case(case: Case) -> bool:
    """Published (pages, search, Open311, open data). A complaint or denunciation never is (the
    database refuses it too: constraint `case_complaint_denunciation_never_public`)."""
    return bool(case.is_public) and not case.legal_kind


def shows_text_to_code_holder(case: Case) -> bool:
    """Whether the tracking page shows the case's (masked) text and public copies of its files to
    whoever holds the code: not for a complaint or denunciation (only its proved sender)."""
    return not case.legal_kind


# --- attachments of the case -------------------------------------------------------------------

def can_view_original_attachment(user: Any, attachment: Attachment) -> bool:
    """Original files (with EXIF and GPS, documents as uploaded): those who handle the case. A
    supporting agency gets the EXIF-free copy of an image (`can_view_public_attachment`) and no PDF."""
    return handles_case(user, attachment.case)


def can_view_public_attachment(user: Any, attachment: Attachment) -> bool:
    """The EXIF-free public copy: anyone once the case is public; staff who can view the case always."""
    return is_public_case(attachment.case) or can_view_case(user, attachment.case)


# --- events --------------------------------------------------------------------------------------

def visible_events(user: Any, case: Case) -> QuerySet[CaseEvent]:
    """Staff who can view the case read the whole timeline; everybody else only its public events."""
    events = case.timeline()
    return events if can_view_case(user, case) else events.filter(is_public=True)


def can_view_event(user: Any, event: CaseEvent) -> bool:
    if can_view_case(user, event.case):
        return True
    return bool(event.is_public)


# --- answers ------------------------------------------------------------------------------------

def can_view_answer_draft(user: Any, case: Case) -> bool:
    """Unapproved answers (draft, submitted, returned): the agency and supervisors."""
    return can_edit_case(user, case) or is_supervisor(user)


def can_view_answer(user: Any, answer: Any) -> bool:
    """Approved answers: staff who can view the case read the full text; the public reads
    `public_body` of a public case. Drafts: see `can_view_answer_draft`."""
    if answer.state == answer.State.APPROVED:
        return can_view_case(user, answer.case) or is_public_case(answer.case)
    return can_view_answer_draft(user, answer.case)


def can_view_answer_full_text(user: Any, answer: Any) -> bool:
    """The unmasked text: those who handle the case (a supporting agency reads `public_body`);
    never the public."""
    if answer.state == answer.State.APPROVED:
        return handles_case(user, answer.case)
    return can_view_answer_draft(user, answer.case)


def visible_answers(user: Any, case: Case) -> QuerySet:
    answers = case.answers.select_related("author", "approved_by")
    if can_view_answer_draft(user, case):
        return answers
    if can_view_case(user, case) or is_public_case(case):
        return answers.approved()
    return answers.none()


def can_view_answer_attachment(user: Any, attachment: Any) -> bool:
    """Files of an answer follow their answer; the public gets the EXIF-free copy of a published one."""
    return can_view_answer(user, attachment.answer)


def can_view_answer_attachment_original(user: Any, attachment: Any) -> bool:
    return can_view_answer_full_text(user, attachment.answer)


def can_view_signed_letter(user: Any, answer: Any) -> bool:
    """The signed answer letter (a PDF civicdesk made from the approved public text — the one PDF
    that is public): anyone once the case is public; staff who can view the case always."""
    if answer.state != answer.State.APPROVED or not answer.letter_file:
        return False
    return is_public_case(answer.case) or can_view_case(user, answer.case)


# --- ratings ------------------------------------------------------------------------------------

def can_view_rating(user: Any, rating: Any) -> bool:
    """A citizen's rating and comment: staff who can view the case, and the account that sent the case."""
    if can_view_case(user, rating.case):
        return True
    return _is_authenticated(user) and rating.case.user_id is not None and rating.case.user_id == user.pk


def visible_ratings(user: Any, case: Case) -> QuerySet:
    ratings = case.ratings.all()
    if can_view_case(user, case):
        return ratings
    if _is_authenticated(user) and case.user_id == user.pk:
        return ratings
    return ratings.none()
