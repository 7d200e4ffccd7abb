"""The citizen-facing pages: home, sending a case, tracking it, published answers, privacy."""

from typing import cast

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from civicdesk.accounts.models import User
from civicdesk.answers import public as answer_texts
from civicdesk.lib import ratelimit
from civicdesk.lib.pagination import CappedPaginator
from civicdesk.notifications import dispatch
from civicdesk.petitions import (
    app_shell,
    claims,
    code_lookups,
    nearby,
    permissions,
    public,
    public_map,
    reporter_access,
    search,
)
from civicdesk.petitions.categories import active_category
from civicdesk.petitions.forms import CaseForm, PublicFilterForm, TrackLookupForm, new_form_token
from civicdesk.petitions.models import Attachment, Case, Category
from civicdesk.petitions.tracking import normalise_tracking_code
from civicdesk.routing import pipeline
from civicdesk.workflow import intake, me_too

SUBMITTED_SESSION_KEY = "petitions_last_submitted"
# The router's guess of the category is used for "nearby" only from this confidence.
NEARBY_GUESS_CONFIDENCE = 0.3
PAGE_SIZE = 20


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    recent = answer_texts.with_public_summaries(search.public_cases()[:5])
    return render(request, "petitions/home.html", {"recent": recent, "lookup": TrackLookupForm()})


def submit(request: HttpRequest) -> HttpResponse:
    verdict = ratelimit.ALLOWED
    if request.method == "POST":
        form = CaseForm(request.POST, request.FILES, reply_channels=dispatch.form_reply_channels())
        # Only a case that would be stored counts; over the limit the form comes back as typed.
        if form.is_valid() and (verdict := ratelimit.hit(request, "anon_create")):
            case, _created = intake.submit(form.new_case(request.user))
            request.session[SUBMITTED_SESSION_KEY] = case.tracking_code
            return redirect("petitions:submitted")
    else:
        form = CaseForm(initial=_initial_for(request.user) | _prefill(request),
                        reply_channels=dispatch.form_reply_channels())
    response = render(request, "petitions/submit.html", {
        "form": form,
        "retry_after": None if verdict else verdict.retry_after,
        "tile_url": settings.TILE_URL,
        "TILE_ATTRIBUTION": settings.TILE_ATTRIBUTION,
        "PERSONAL_DATA_RETENTION_YEARS": settings.PERSONAL_DATA_RETENTION_YEARS,
        "max_files": settings.ATTACHMENT_MAX_FILES,
        "max_bytes": settings.ATTACHMENT_MAX_BYTES,
    }, status=200 if verdict else 429)
    return _with_retry_after(response, verdict)


def _with_retry_after(response: HttpResponse, verdict: ratelimit.Verdict) -> HttpResponse:
    if not verdict:
        response["Retry-After"] = str(verdict.retry_after)
    return response


def _prefill(request: HttpRequest) -> dict:
    """Title, text, kind and suggested category (by code) passed in the link (the assistant's "gửi
    thành phản ánh" offer); an unknown category is ignored."""
    prefill: dict[str, str | int] = {name: request.GET[name][:limit] for name, limit in (("title", 200), ("content", 4000))
               if request.GET.get(name)}
    if request.GET.get("kind") in {"report", "proposal", "question"}:
        prefill["kind"] = request.GET["kind"]
    suggested = active_category(request.GET.get("category", "")[:60])
    if suggested is not None:
        prefill["category"] = suggested.pk
    return prefill


def _initial_for(user) -> dict:  # type: ignore[no-untyped-def]
    initial = {"token": new_form_token()}
    if user.is_authenticated and not permissions.is_staff(user):
        initial.update(reporter_name=user.full_name, reporter_email=user.email, reporter_phone=user.phone)
    return initial


@require_POST
def nearby_cases(request: HttpRequest) -> JsonResponse:
    """The submit form asks, once a place is chosen: published cases of the same kind close by
    (the chosen category, else the router's guess from the title and text)."""
    try:
        lat, lon = float(request.POST.get("lat", "")), float(request.POST.get("lon", ""))
    except ValueError:
        return JsonResponse({"cases": []}, status=400)
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        return JsonResponse({"cases": []}, status=400)
    category = _active_category_by_id(request.POST.get("category", ""))
    guessed = False
    if category is None:
        text = f"{request.POST.get('title', '')[:200]}\n{request.POST.get('content', '')[:1000]}".strip()
        category, confidence = pipeline.classify_text(text) if text else (None, 0.0)
        guessed = category is not None
        if category is None or confidence < NEARBY_GUESS_CONFIDENCE:
            return JsonResponse({"cases": [], "category": None})
    found = nearby.find(lat, lon, category)
    counts = me_too.counts([n.case.pk for n in found])
    return JsonResponse({
        "category": {"name": category.name, "guessed": guessed},
        "radius": nearby.RADIUS_METRES,
        "signed_in": bool(request.user.is_authenticated),
        "cases": [{
            "code": n.case.tracking_code, "title": public.public_title(n.case), "status": n.case.status,
            "status_label": n.case.get_status_display(), "metres": n.metres, "me_too": counts.get(n.case.pk, 0),
            "date": timezone.localdate(n.case.answered_at or n.case.created_at).strftime("%d/%m/%Y"),
            "url": reverse("petitions:public_detail", args=[n.case.tracking_code]),
            "me_too_url": reverse("workflow:me_too", args=[n.case.tracking_code]),
        } for n in found],
    })


def _active_category_by_id(raw: str) -> Category | None:
    return Category.objects.filter(pk=int(raw), is_active=True).first() if raw.isdigit() and len(raw) < 10 else None


@require_GET
def submitted(request: HttpRequest) -> HttpResponse:
    code = request.session.get(SUBMITTED_SESSION_KEY)
    case = Case.objects.filter(tracking_code=code).select_related("agency").first() if code else None
    if case is None:
        return redirect("petitions:submit")
    # The browser that sent the case is its reporter's; the secret link proves it from elsewhere.
    reporter_access.remember(request, case)
    response = render(request, "petitions/submitted.html", {
        "case": case, "track_url": request.build_absolute_uri(case.get_absolute_url()),
        "secret_url": request.build_absolute_uri(reporter_access.secret_link(case, absolute=False)),
        "reply_to": dispatch.reply_to(case),
    })
    response["Referrer-Policy"] = "no-referrer"
    response["Cache-Control"] = "private, no-store"
    return response


@require_GET
def track_lookup(request: HttpRequest) -> HttpResponse:
    if "ma" not in request.GET:
        return render(request, "petitions/track_lookup.html", {"lookup": TrackLookupForm()})
    lookup = TrackLookupForm(request.GET)
    raw = request.GET.get("ma", "")
    if raw.strip():
        verdict = code_lookups.allowed(request)
        if not verdict:
            return _too_many_lookups(request, lookup, verdict)
    case = _find(Case.objects.all(), raw.strip()) if raw.strip() else None
    if case is not None:
        return redirect("petitions:track", code=case.tracking_code)
    if raw.strip():
        code_lookups.missed(request)
    return _not_found(request, lookup, raw, status=200)


def _too_many_lookups(request: HttpRequest, lookup: TrackLookupForm, verdict: ratelimit.Verdict) -> HttpResponse:
    error = _("Bạn đã tra cứu quá nhiều lần trong thời gian ngắn. Vui lòng đợi khoảng %(seconds)s giây "
              "rồi thử lại, hoặc gọi tổng đài 1022.") % {"seconds": verdict.retry_after}
    response = render(request, "petitions/track_lookup.html", {"lookup": lookup, "error": error}, status=429)
    return _with_retry_after(response, verdict)


def _not_found(request: HttpRequest, lookup: TrackLookupForm, raw: str, status: int) -> HttpResponse:
    if not raw.strip():
        error = _("Vui lòng nhập mã tra cứu.")
    elif normalise_tracking_code(raw) is None:
        error = _("Mã “%(code)s” không đúng dạng. Mã tra cứu gồm 8 ký tự chữ và số, "
                  "ví dụ K7QD-M3XA (không có chữ O, I, L, U và số 0, 1).") % {"code": raw.strip()[:40]}
    else:
        error = _("Không tìm thấy phản ánh nào có mã %(code)s. Hãy kiểm tra lại mã trong tin nhắn "
                  "hoặc thư xác nhận, hoặc gọi tổng đài 1022.") % {"code": normalise_tracking_code(raw)}
    return render(request, "petitions/track_lookup.html", {"lookup": lookup, "error": error}, status=status)


def _find(cases, code: str) -> Case | None:  # type: ignore[no-untyped-def]
    """The case with this code as typed (lower case, spaces, no dash…); codes issued before the
    current format are matched exactly."""
    canonical = normalise_tracking_code(code)
    return cases.filter(tracking_code__in={c for c in (canonical, code) if c}).first()


def find_by_code(request: HttpRequest, code: str) -> Case | HttpResponse:
    """The case with this code for a page that takes one, or the response to give instead: 429 over
    the lookup limit (`code_lookups`), 404 for an unknown code (counted as a miss)."""
    verdict = code_lookups.allowed(request)
    if not verdict:
        return _too_many_lookups(request, TrackLookupForm(initial={"ma": code}), verdict)
    case = _find(Case.objects.select_related("category", "agency", "ward", "duplicate_of"), code)
    if case is None:
        code_lookups.missed(request)
        return _not_found(request, TrackLookupForm(initial={"ma": code}), code, status=404)
    return case


def reporter_case(request: HttpRequest, code: str) -> Case | HttpResponse:
    """The case for something only its reporter may do (rate, reopen), or the refusal: as
    `find_by_code`, and 403 without proof of being the reporter (counted as a miss as well, so
    posting to these endpoints is no cheaper way to test codes than the tracking page)."""
    case = find_by_code(request, code)
    if isinstance(case, HttpResponse) or reporter_access.is_reporter(request, case):
        return case
    code_lookups.missed(request)
    return render(request, "petitions/reporter_link_invalid.html", {"case": case, "not_proved": True}, status=403)


@require_GET
def track(request: HttpRequest, code: str) -> HttpResponse:
    case = find_by_code(request, code)
    if isinstance(case, HttpResponse):
        return case
    if case.tracking_code != code:
        return redirect("petitions:track", code=case.tracking_code)
    reporter = reporter_access.is_reporter(request, case)
    response = render(request, "petitions/track.html", {
        "case": case, **answer_texts.tracking_context(case, reporter),
        "attachments": Attachment.objects.filter(case=case).exclude(public_file=""),
    })
    if reporter:
        response["Cache-Control"] = "private, no-store"
    return response


@require_GET
def reporter_link(request: HttpRequest, code: str, secret: str) -> HttpResponse:
    """The reporter's secret link: remembered in this browser's session, then the tracking page
    (without the secret in the address bar, history or a Referer)."""
    case = find_by_code(request, code)
    if isinstance(case, HttpResponse):
        return case
    if not reporter_access.secret_matches(case, secret):
        code_lookups.missed(request)
        response = render(request, "petitions/reporter_link_invalid.html", {"case": case}, status=403)
    else:
        request.session.cycle_key()
        reporter_access.remember(request, case)
        response = redirect("petitions:track", code=case.tracking_code)
    response["Referrer-Policy"] = "no-referrer"
    return response


@require_GET
def attachment(request: HttpRequest, code: str, pk: int) -> FileResponse:
    """The public (EXIF-free) copy of an attachment, to whoever holds the tracking code."""
    item = Attachment.objects.filter(pk=pk, case__tracking_code=code).first()
    if item is None:
        code_lookups.missed(request)
        raise Http404
    if not item.public_file:
        raise Http404
    if not permissions.shows_text_to_code_holder(item.case) and not reporter_access.is_reporter(request, item.case):
        raise Http404
    response = FileResponse(item.public_file.open("rb"), content_type=item.content_type)
    response["Content-Disposition"] = "inline"
    response["Cache-Control"] = "private, max-age=3600"
    return response


@require_GET
def public_list(request: HttpRequest) -> HttpResponse:
    form = PublicFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_bound and form.is_valid() else {}
    cases = search.public_cases(
        query=filters.get("q", ""),
        category=filters.get("category"),
        ward=filters.get("ward"),
        status=filters.get("status", ""),
        date_from=filters.get("date_from"),
        date_to=filters.get("date_to"),
    )
    page = CappedPaginator(cases, PAGE_SIZE).get_page(request.GET.get("trang"))
    query = request.GET.copy()
    query.pop("trang", None)
    page.object_list = answer_texts.with_public_summaries(page.object_list)
    context = {"form": form, "page": page, "query": query.urlencode()}
    # HTMX swaps only the results; a history restore (back button, cache miss) needs the whole page.
    htmx = getattr(request, "htmx", None)
    partial = htmx is not None and bool(htmx) and not htmx.history_restore_request
    template = "petitions/_public_results.html" if partial else "petitions/public_list.html"
    response = render(request, template, context)
    patch_vary_headers(response, ["HX-Request"])
    return response


@require_GET
def public_map_page(request: HttpRequest) -> HttpResponse:
    form = PublicFilterForm(request.GET or None)
    return render(request, "petitions/public_map.html", {
        "form": form, "tile_url": settings.TILE_URL, "TILE_ATTRIBUTION": settings.TILE_ATTRIBUTION,
        "limit": public_map.POINT_LIMIT,
    })


@require_GET
def public_map_data(request: HttpRequest) -> JsonResponse:
    form = PublicFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_bound and form.is_valid() else {}
    data = public_map.points(category=filters.get("category"), status=filters.get("status", ""))
    data["case_url"] = reverse("petitions:public_detail", args=["CODE"])
    response = JsonResponse(data)
    response["Cache-Control"] = "public, max-age=60"
    return response


@require_GET
def public_detail(request: HttpRequest, code: str) -> HttpResponse:
    case = _find(Case.objects.filter(is_public=True).select_related("category", "agency", "ward"), code)
    if case is None:
        raise Http404
    if case.tracking_code != code:
        return redirect("petitions:public_detail", code=case.tracking_code)
    return render(request, "petitions/public_detail.html", {
        "case": case,
        "title": public.public_title(case),
        "content": public.public_content(case),
        "timeline": public.public_timeline(case),
        "answer": answer_texts.approved_answer_text(case),
        "evidence": answer_texts.answer_evidence(case),
        "letter": answer_texts.signed_letter(case),
    })


@require_GET
def privacy(request: HttpRequest) -> HttpResponse:
    return render(request, "petitions/privacy.html",
                  {"PERSONAL_DATA_RETENTION_YEARS": settings.PERSONAL_DATA_RETENTION_YEARS})


@login_required
@require_GET
def my_cases(request: HttpRequest) -> HttpResponse:
    user = cast(User, request.user)  # login_required: never anonymous here
    claims.claim(user)  # cases sent since from the account's proved addresses
    cases = Case.objects.filter(user=user).select_related("category", "agency", "ward").order_by("-created_at")
    page = Paginator(cases, PAGE_SIZE).get_page(request.GET.get("trang"))
    return render(request, "petitions/my_cases.html", {"page": page})


@require_GET
def web_manifest(request: HttpRequest) -> JsonResponse:
    response = JsonResponse(app_shell.manifest(), content_type="application/manifest+json",
                            json_dumps_params={"ensure_ascii": False})
    response["Cache-Control"] = "public, max-age=86400"
    return response


@require_GET
def service_worker(request: HttpRequest) -> HttpResponse:
    """/sw.js: at the root so that its scope covers every citizen page; never cached by HTTP, so a
    new version reaches browsers at their next visit."""
    if settings.DEBUG:
        app_shell.service_worker_source.cache_clear()
    source = app_shell.service_worker_source()
    response = HttpResponse(source, content_type="text/javascript; charset=utf-8")
    response["Cache-Control"] = "no-cache"
    response["Service-Worker-Allowed"] = "/"
    return response


@require_GET
def offline(request: HttpRequest) -> HttpResponse:
    """What the service worker shows for a page it has no copy of while the phone is offline."""
    return render(request, "petitions/offline.html")
