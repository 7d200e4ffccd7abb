from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_http_methods, require_POST
from django_htmx.middleware import HtmxDetails

from civicdesk.assistant.answer_quality import check_answer
from civicdesk.assistant.answering import ask
from civicdesk.assistant.models import KnowledgeEntry
from civicdesk.assistant.officer import help_for_case
from civicdesk.lib import ratelimit
from civicdesk.petitions.permissions import can_view_case, is_staff

SESSION_KEY = "assistant_questions"
EXAMPLES = [
    "Làm căn cước cho con dưới 14 tuổi ở đâu?",
    "dang ky tam tru can giay to gi",
    "Xin giấy phép xây dựng nhà ở mất bao lâu?",
    "Đường nhà tôi ngập sau mưa thì báo ai?",
]


class HtmxHttpRequest(HttpRequest):
    """A request as django-htmx's middleware leaves it (for the type checker)."""

    htmx: HtmxDetails


@require_http_methods(["GET", "POST"])
def chat(request: HtmxHttpRequest) -> HttpResponse:
    asked: list[str] = request.session.get(SESSION_KEY, [])
    question = (request.POST if request.method == "POST" else request.GET).get("q", "").strip()
    if question:
        verdict = ratelimit.hit(request, "assistant")
        if not verdict:
            return _too_many_questions(request, question, verdict)
    if request.method == "POST":
        reply = ask(question, conversation=asked[-5:])
        if question:
            request.session[SESSION_KEY] = [*asked, question][-6:]
        if request.htmx:
            return render(request, "assistant/_exchange.html", {"reply": reply})
        return render(request, "assistant/chat.html", {"replies": [reply], "examples": EXAMPLES})
    replies = [ask(question, conversation=asked[-5:])] if question else []
    return render(request, "assistant/chat.html", {"replies": replies, "examples": EXAMPLES})


def _too_many_questions(request: HtmxHttpRequest, question: str, verdict: ratelimit.Verdict) -> HttpResponse:
    """429 with the message in the conversation and the question kept in the box, to ask again."""
    context = {"question": question, "retry_after": verdict.retry_after}
    if request.htmx:
        response = render(request, "assistant/_rate_limited.html", context, status=429)
    else:
        response = render(request, "assistant/chat.html", {**context, "replies": [], "examples": EXAMPLES,
                                                           "rate_limited": True}, status=429)
    response["Retry-After"] = str(verdict.retry_after)
    return response


def entry(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(KnowledgeEntry, pk=pk, is_active=True)
    return render(request, "assistant/entry.html", {"entry": item})


def officer_panel(request: HttpRequest, case_id: int) -> HttpResponse:
    from civicdesk.petitions.models import Case

    case = get_object_or_404(Case.objects.select_related("agency"), pk=case_id)
    if not can_view_case(request.user, case):
        raise PermissionDenied
    return render(request, "assistant/_officer_help.html", {"case": case, "help": help_for_case(case)})


@require_POST
def check_answer_view(request: HttpRequest) -> HttpResponse:
    if not is_staff(request.user):
        raise PermissionDenied
    text = request.POST.get("body", "")
    return render(request, "assistant/_answer_warnings.html",
                  {"warnings": check_answer(text), "checked": bool(text.strip())})
