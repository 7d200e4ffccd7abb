"""The officer assistant: what the knowledge base knows about a case, and a draft answer built
from a template and cited facts, for the officer to edit."""

import re
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import gettext as _

from civicdesk.assistant import text as textmod
from civicdesk.assistant.answering import coverage
from civicdesk.assistant.retrieval import search_entries
from civicdesk.assistant.synonyms import GENERIC_GROUP_HEADS, SYNONYM_GROUPS

# An entry is shown when it holds 40 % of the content words of the case title, or of title and text.
MIN_COVERAGE = 0.4
# Laws word things their own way ("thoát nước mưa" for "hẻm ngập"): a lower bar for articles.
MIN_COVERAGE_LEGAL = 0.35
_GENERIC_CONCEPTS = {f"{textmod.CONCEPT_PREFIX}{i}" for i, group in enumerate(SYNONYM_GROUPS)
                     if group[0] in GENERIC_GROUP_HEADS}


@dataclass
class Topic:
    """What a case is about, as the relevance bar reads it: the phrases of its category (name,
    scope, keywords) that its text uses, and the subject concepts of the synonym table it names
    (not the generic ones: agency, fees, time limits, "phản ánh")."""

    phrases: list[str] = field(default_factory=list)
    concepts: set[str] = field(default_factory=set)

    def __bool__(self) -> bool:
        return bool(self.phrases or self.concepts)


def case_topic(case) -> Topic:
    text = f"{case.title}\n{case.content}"
    folded = textmod.fold(text)
    phrases: list[str] = []
    category = case.category if case.category_id else None
    if category is not None:
        from civicdesk.routing.classifier import CategoryKeywords

        words = CategoryKeywords.from_fields(category.code, category.name, category.scope, category.keywords)
        phrases = [p for p in dict.fromkeys(textmod.fold(w) for w in words.phrases)
                   if " " in p and re.search(rf"(?<!\w){re.escape(p)}(?!\w)", folded)]
    concepts = set(textmod.concepts(text, folded)) - _GENERIC_CONCEPTS
    return Topic(phrases, concepts)


def on_topic(entry, topic: Topic) -> bool:
    """Whether an entry speaks of the case's subject: one of its category phrases appears in the
    entry, or one of its subject concepts in what the entry is about (its title and the questions
    it answers — a word in passing deep in a body, "sụt lún" in an answer on water pipes, is not
    its subject)."""
    full = "\n".join(filter(None, [entry.title, entry.question, entry.body, entry.steps, entry.documents]))
    folded = textmod.fold(full)
    if any(re.search(rf"(?<!\w){re.escape(p)}(?!\w)", folded) for p in topic.phrases):
        return True
    subject = "\n".join(filter(None, [entry.title, entry.question]))
    return bool(topic.concepts & set(textmod.concepts(subject, textmod.fold(subject))))


@dataclass
class CaseHelp:
    similar: list = field(default_factory=list)      # KnowledgeEntry of kind answer
    procedures: list = field(default_factory=list)   # procedures and Q&A
    legal: list = field(default_factory=list)        # legal articles
    draft: str = ""


def _relevant(title: str, query: str, kinds: tuple[str, ...], k: int, topic: Topic,
              exclude_case_id: int | None = None) -> list:
    """Entries above the relevance bar for this case: they hold enough of its words and speak of
    its subject (its category's phrases or its subject concepts). A case without a recognisable
    subject gets none: better no source than a wrong one."""
    if not topic:
        return []
    bar = MIN_COVERAGE_LEGAL if kinds == ("legal",) else MIN_COVERAGE
    found = []
    for entry, _score in search_entries(query, k=k + 2, kinds=kinds):
        if exclude_case_id and entry.case_id == exclude_case_id:
            continue
        if max(coverage(title, entry), coverage(query, entry)) >= bar and on_topic(entry, topic):
            found.append(entry)
    return found[:k]


def help_for_case(case) -> CaseHelp:
    query = f"{case.title}\n{case.content}"[:2000]
    topic = case_topic(case)
    result = CaseHelp(
        similar=_relevant(case.title, query, ("answer",), 3, topic, exclude_case_id=case.pk),
        procedures=_relevant(case.title, query, ("procedure", "qa"), 3, topic),
        legal=_relevant(case.title, query, ("legal",), 3, topic),
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
    )) or _("[văn bản, điều khoản áp dụng — kho tri thức không có văn bản đủ liên quan]")
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
    else:
        lines += ["", _("(Ghi chú cho cán bộ, xóa trước khi gửi: kho tri thức không có nguồn nào đủ liên quan đến "
                        "phản ánh này nên dự thảo không trích dẫn nguồn nào.)")]
    lines += ["", _("Trân trọng.")]
    return "\n".join(lines)
