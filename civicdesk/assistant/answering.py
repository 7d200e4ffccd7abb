"""Composing the citizen assistant's reply: a tracking-code status, or the best passages of the
knowledge base with their sources (extractive, optionally rewritten by a language model from
those passages only), or a plain "I don't know" with an offer to send a case."""

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.conf import settings
from django.utils.translation import gettext as _

from civicdesk.assistant import text as textmod
from civicdesk.assistant.conf import min_coverage
from civicdesk.assistant.retrieval import search_entries
from civicdesk.assistant.synonyms import SYNONYM_GROUPS

if TYPE_CHECKING:
    from civicdesk.assistant.models import KnowledgeEntry

# Question words and fillers that say nothing about the subject (compared without diacritics).
_QUESTION_WORDS_TEXT = """
toi minh em anh chi ong ba cho hoi xin vui long giup la gi nao the sao khong co duoc o dau thi va cua voi
nhu lam can phai bao nhieu lau may nay do de khi neu ma roi a oi nhe nha vay mot nhung cac bi da dang se
muon biet ai cai viec ve tai trong ra vao len di den tu hay hoac rang nen phai thuc hien can thiet mat het
tren duoi lon nho rat qua it gan xa
"""
QUESTION_WORDS = set(_QUESTION_WORDS_TEXT.split())
_SENTENCE = re.compile(r"(?<=[.!?])\s+|\n+")
_CODE_DASHED = re.compile(r"(?<![\w])([A-Za-z0-9]{4})\s*[-–]\s*([A-Za-z0-9]{4})(?![\w])")
_CODE_SPACED = re.compile(r"(?<![\w])([A-Za-z0-9]{4})\s?([A-Za-z0-9]{4})(?![\w])")
_GROUP_SYLLABLES = [
    (f"{textmod.CONCEPT_PREFIX}{i}", {s for phrase in group for s in textmod.fold(phrase).split()})
    for i, group in enumerate(SYNONYM_GROUPS)
]


@dataclass
class Source:
    number: int
    entry: "KnowledgeEntry"
    score: float
    excerpt: list[str]

    @property
    def url(self) -> str:
        return self.entry.get_absolute_url()


@dataclass
class Reply:
    status: str  # answer | unknown | tracking | tracking_not_found | empty
    question: str
    sources: list[Source] = field(default_factory=list)
    card: "KnowledgeEntry | None" = None
    text: str = ""
    generated_by: str = "extractive"
    tracking: dict | None = None
    case_form_url: str = ""

    def as_dict(self, request=None) -> dict:
        def absolute(url: str) -> str:
            return request.build_absolute_uri(url) if request is not None else url

        card = None
        if self.card is not None:
            c = self.card
            card = {"title": c.title, "field": c.field, "agency": c.agency, "steps": c.step_list,
                    "documents": c.document_list, "fees": c.fees, "time_limit": c.time_limit,
                    "legal_basis": c.legal_basis, "url": absolute(c.get_absolute_url())}
        return {
            "status": self.status,
            "question": self.question,
            "answer": self.text,
            "generated_by": self.generated_by,
            "sources": [
                {"number": s.number, "id": s.entry.external_id, "kind": s.entry.kind, "title": s.entry.title,
                 "excerpt": " ".join(s.excerpt), "url": absolute(s.url), "score": round(s.score, 3),
                 "legal_basis": s.entry.legal_basis}
                for s in self.sources
            ],
            "procedure": card,
            "tracking": self.tracking,
            "case_form_url": absolute(self.case_form_url) if self.case_form_url else "",
        }


def content_syllables(question: str) -> set[str]:
    return {w for w in textmod.fold(question).split() if w.isalnum() and w not in QUESTION_WORDS} or set()


def _folded_words(text: str) -> set[str]:
    return set(re.findall(r"\w+", textmod.fold(text)))


def entry_vocabulary(entry: "KnowledgeEntry") -> set[str]:
    """Folded words of an entry, plus every word of the synonym groups it belongs to."""
    full = " ".join(filter(None, [entry.title, entry.question, entry.body, entry.field, entry.agency,
                                  entry.steps, entry.documents, entry.fees, entry.time_limit]))
    words = _folded_words(full)
    found = set(textmod.concepts(full, textmod.fold(full)))
    for concept, syllables in _GROUP_SYLLABLES:
        if concept in found:
            words |= syllables
    return words


def coverage(question: str, entry: "KnowledgeEntry") -> float:
    wanted = content_syllables(question)
    if not wanted:
        return 0.0
    return len(wanted & entry_vocabulary(entry)) / len(wanted)


# Letter formalities of published answers, which say nothing to the next reader.
_BOILERPLATE = ("kinh gui", "tran trong", "neu can trao doi them", "tran trong cam on", "tran trong thong bao")


def best_sentences(question: str, body: str, limit: int = 2) -> list[str]:
    lines = [line for line in body.splitlines() if not textmod.fold(line.strip()).startswith(_BOILERPLATE)]
    body = "\n".join(lines).strip()
    if len(body) <= 360 and "\n" not in body:
        return [body] if body else []
    wanted = content_syllables(question)
    sentences = [s.strip() for s in _SENTENCE.split(body) if s.strip()]
    ranked = sorted(range(len(sentences)), key=lambda i: (-len(wanted & _folded_words(sentences[i])), i))
    chosen = sorted(ranked[:limit])
    return [sentences[i] for i in chosen]


def case_form_url(questions: list[str]) -> str:
    from civicdesk.assistant.handoff import case_form_url as report_form_url

    return report_form_url(questions)


def find_tracking_code(question: str) -> str | None:
    from civicdesk.petitions.tracking import normalise_tracking_code

    for pattern, needs_digit in ((_CODE_DASHED, False), (_CODE_SPACED, True)):
        for match in pattern.finditer(question):
            raw = match.group(1) + match.group(2)
            if needs_digit and not any(ch.isdigit() for ch in raw):
                continue
            code = normalise_tracking_code(raw)
            if code:
                return code
    return None


def tracking_reply(question: str, code: str) -> Reply:
    from civicdesk.petitions.models import Case

    case = Case.objects.select_related("agency").filter(tracking_code=code).first()
    if case is None:
        return Reply("tracking_not_found", question, tracking={"code": code},
                     text=_("Không tìm thấy hồ sơ có mã tra cứu %(code)s. Xin kiểm tra lại mã trong tin nhắn "
                            "hoặc thư xác nhận.") % {"code": code})
    timeline = [
        {"at": event.created_at.isoformat(), "action": event.get_action_display(),
         "status": event.get_to_status_display() if event.to_status else "", "note": event.note}
        for event in case.timeline(public_only=True)
    ]
    tracking = {
        "code": case.tracking_code,
        "title": case.title,
        "status": case.status,
        "status_label": case.get_status_display(),
        "agency": case.agency.name if case.agency is not None else "",
        "created_at": case.created_at.isoformat(),
        "due_at": case.due_at.isoformat() if case.due_at else None,
        "url": case.get_absolute_url(),
        "timeline": timeline,
    }
    text = _("Hồ sơ %(code)s: %(status)s.") % {"code": case.tracking_code, "status": case.get_status_display()}
    return Reply("tracking", question, tracking=tracking, text=text)


def ask(question: str, *, conversation: list[str] | None = None, use_llm: bool = True) -> Reply:
    question = (question or "").strip()[:1000]
    history = [*(conversation or []), question]
    if not question:
        return Reply("empty", question)
    code = find_tracking_code(question)
    if code:
        return tracking_reply(question, code)

    results = search_entries(question, k=6, kinds=("qa", "procedure", "legal", "answer"))
    threshold = min_coverage()
    sources: list[Source] = []
    if results and coverage(question, results[0][0]) >= threshold:
        top_score = results[0][1]
        for entry, score in results:
            if len(sources) == 3:
                break
            if score < 0.4 * top_score or coverage(question, entry) < threshold:
                continue
            if any(textmod.fold(entry.title) == textmod.fold(s.entry.title) for s in sources):
                continue  # the same question answered twice says nothing new
            excerpt = best_sentences(question, entry.body or entry.steps or entry.question)
            sources.append(Source(len(sources) + 1, entry, score, excerpt))
    if not sources:
        return Reply("unknown", question, case_form_url=case_form_url(history), text=_(
            "Xin lỗi, tôi chưa tìm thấy thông tin đáng tin cậy cho câu hỏi này trong kho tri thức. "
            "Bạn có thể gửi câu hỏi thành phản ánh, kiến nghị để cơ quan có thẩm quyền trả lời."))

    card = next((s.entry for s in sources[:2] if s.entry.kind == "procedure" and s.entry.has_card), None)
    reply = Reply("answer", question, sources=sources, card=card, case_form_url=case_form_url(history))
    reply.text = "\n".join(f"[{s.number}] {s.entry.title}: {' '.join(s.excerpt)}" for s in sources)
    if use_llm and settings.LLM_BASE_URL:
        from civicdesk.assistant import llm

        fluent = llm.compose(question, sources)
        if fluent:
            reply.text, reply.generated_by = fluent, "llm"
    return reply
