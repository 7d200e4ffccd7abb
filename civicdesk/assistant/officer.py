"""The officer assistant: what the knowledge base knows about a case, and a draft answer built
from a template and cited facts, for the officer to edit."""

from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import gettext as _

from civicdesk.assistant.answering import coverage
from civicdesk.assistant.retrieval import search_entries

# An entry is shown when it holds 40 % of the content words of the case title, or of title and text.
MIN_COVERAGE = 0.4
# Laws word things their own way ("thoát nước mưa" for "hẻm ngập"): a lower bar for articles.
MIN_COVERAGE_LEGAL = 0.35


@dataclass
class CaseHelp:
    similar: list = field(default_factory=list)      # KnowledgeEntry of kind answer
    procedures: list = field(default_factory=list)   # procedures and Q&A
    legal: list = field(default_factory=list)        # legal articles
    draft: str = ""


def _relevant(title: str, query: str, kinds: tuple[str, ...], k: int, exclude_case_id: int | None = None) -> list:
    bar = MIN_COVERAGE_LEGAL if kinds == ("legal",) else MIN_COVERAGE
    found = []
    for entry, _score in search_entries(query, k=k + 2, kinds=kinds):
        if exclude_case_id and entry.case_id == exclude_case_id:
            continue
        if max(coverage(title, entry), coverage(query, entry)) >= bar:
            found.append(entry)
    return found[:k]


def can_view_case(user, case) -> bool:
    try:
        from civicdesk.petitions import permissions
    except ImportError:
        permissions = None  # type: ignore[assignment]
    if permissions is not None and hasattr(permissions, "can_view_case"):
        return bool(permissions.can_view_case(user, case))
    if not user.is_authenticated or not user.is_staff_member:
        return False
    if user.sees_whole_city:
        return True
    return bool(user.agency_id) and user.agency_id == case.agency_id


def help_for_case(case) -> CaseHelp:
    query = f"{case.title}\n{case.content}"[:2000]
    result = CaseHelp(
        similar=_relevant(case.title, query, ("answer",), 3, exclude_case_id=case.pk),
        procedures=_relevant(case.title, query, ("procedure", "qa"), 3),
        legal=_relevant(case.title, query, ("legal",), 3),
    )
    result.draft = draft_answer(case, result)
    return result


def _fact(entry) -> str:
    parts = []
    if entry.kind == "procedure":
        if entry.agency:
            parts.append(_("nơi nộp: %(agency)s") % {"agency": entry.agency})
        if entry.time_limit:
            parts.append(_("thời hạn: %(t)s") % {"t": entry.time_limit})
        if entry.fees:
            parts.append(_("lệ phí: %(f)s") % {"f": entry.fees})
    if not parts:
        body = (entry.body or "").strip()
        parts.append(body[:300] + ("…" if len(body) > 300 else ""))
    return f"{entry.title} — {'; '.join(parts)}"


def draft_answer(case, found: CaseHelp) -> str:
    agency = case.agency.name if case.agency_id else _("Đơn vị")
    received = timezone.localtime(case.created_at).strftime("%d/%m/%Y")
    references = [*found.legal, *[e for e in found.procedures if e.legal_basis]]
    legal_line = "; ".join(dict.fromkeys(
        (e.title if e.kind == "legal" else e.legal_basis).strip() for e in references
    )) or _("[văn bản, điều khoản áp dụng]")
    lines = [
        _("Kính gửi Ông/Bà,"),
        "",
        _("%(agency)s đã nhận phản ánh “%(title)s” (mã %(code)s, ngày %(date)s). Sau khi kiểm tra, "
          "%(agency)s trả lời như sau:") % {"agency": agency, "title": case.title, "code": case.tracking_code,
                                             "date": received},
        "",
        _("1. Kết quả kiểm tra, xử lý: [ghi rõ việc đã làm, ai làm, ngày thực hiện]."),
        _("2. Việc sẽ làm tiếp và thời hạn hoàn thành: [ngày …/…/…]."),
        _("3. Căn cứ pháp lý: %(legal)s.") % {"legal": legal_line},
    ]
    facts = [*found.procedures, *found.legal]
    if facts:
        lines += ["", _("Thông tin để Ông/Bà tham khảo:")]
        lines += [f"- {_fact(entry)} [{n}]" for n, entry in enumerate(facts, 1)]
        lines += ["", _("Nguồn:")]
        lines += [f"[{n}] {entry.title}" + (f" ({entry.legal_basis})" if entry.legal_basis and entry.kind != "legal"
                                             else "") for n, entry in enumerate(facts, 1)]
    lines += ["", _("Trân trọng.")]
    return "\n".join(lines)
