"""From the citizen assistant to a case: "send as a report" opens the case form filled from the
message of the conversation that describes the problem — not the greeting or the procedural
question that came first, nor every message joined — with the category the router suggests.

The problem message is the one that reads most like a report: it names something a category
covers (the router's keyword matcher), uses words of a situation ("bị hư", "ngập", "ồn ào",
"lấn chiếm"…) rather than of a procedure ("ở đâu", "lệ phí", "giấy tờ gì"), and says enough.
Ties go to the later message: people explain after they ask."""

import re
from dataclasses import dataclass
from urllib.parse import urlencode

from django.urls import reverse

from civicdesk.assistant.text import fold

# Words of a situation someone reports (folded).
_SITUATION = re.compile(r"(?<!\w)(" + "|".join([
    r"bi (hu|hong|vo|sap|gay|nut|lun|tac|nghet|ngap|mat|cat|cup|do|chan|lan)", r"hu hong", r"hu\b", r"hong\b",
    r"ngap", r"ung nuoc", r"tac nghet", r"nghet", r"sut lun", r"sap", r"o ga", r"o voi", r"khong sang",
    r"mat dien", r"cup dien", r"mat nuoc", r"cup nuoc", r"on ao", r"gay on", r"karaoke", r"boc mui", r"hoi thoi",
    r"o nhiem", r"khoi bui", r"rac", r"xa rac", r"do rac", r"lan chiem", r"xay dung trai phep", r"xay khong phep",
    r"nguy hiem", r"tai nan", r"chay", r"chay no", r"do xe", r"chan loi", r"ket xe", r"trom", r"danh nhau",
    r"thu phi sai", r"nhung nhieu", r"cham tre", r"qua han", r"khong ai", r"nhieu ngay", r"nhieu thang",
    r"keo dai", r"truoc nha", r"trong hem", r"hem", r"de nghi", r"phan anh", r"khieu nai", r"to cao",
]) + r")(?!\w)")
# Words of a question about a procedure (folded).
_PROCEDURE = re.compile(r"(?<!\w)(" + "|".join([
    r"o dau", r"the nao", r"bao lau", r"may ngay", r"giay to gi", r"ho so gom", r"le phi", r"bao nhieu tien",
    r"thu tuc", r"can gi", r"can nhung gi", r"lam sao", r"dang ky", r"co duoc khong", r"co phai",
]) + r")(?!\w)")
_SMALL_TALK = re.compile(r"^\W*(xin chao|chao|hello|hi|alo|cam on|thanks?|ok|vang|da|uh?m?)\b[\w\s]{0,20}\W*$")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n+")
TITLE_LENGTH = 120


@dataclass
class Report:
    title: str
    content: str
    category_code: str | None = None


def _category_words(folded: str) -> float:
    from civicdesk.routing.pipeline import keyword_classifier

    scores = keyword_classifier().matcher.scores(folded)
    return max(scores, default=0.0)


def problem_score(message: str) -> float:
    folded = fold(message)
    if not folded.strip() or _SMALL_TALK.match(folded):
        return -10.0
    situation = len(_SITUATION.findall(folded))
    procedure = len(_PROCEDURE.findall(folded))
    words = len(folded.split())
    return 2.0 * min(_category_words(folded), 3.0) + 1.5 * min(situation, 4) - 1.0 * procedure + min(words, 40) / 20


def problem_message(messages: list[str]) -> str:
    """The message of the conversation that describes the problem (the last one when none does)."""
    candidates = [m.strip() for m in messages if m and m.strip()]
    if not candidates:
        return ""
    best = max(range(len(candidates)), key=lambda i: (problem_score(candidates[i]), i))
    if problem_score(candidates[best]) <= 0:
        return candidates[-1]
    return candidates[best]


def title_of(message: str) -> str:
    first = _SENTENCE_END.split(message.strip(), maxsplit=1)[0].strip().rstrip(".!?")
    if len(first) <= TITLE_LENGTH:
        return first
    cut = first[:TITLE_LENGTH].rsplit(" ", 1)[0]
    return f"{cut}…"


def suggested_category(text: str) -> str | None:
    """The code of the category the router would give this text (the trained model when there is
    one, else the categories' keywords)."""
    from civicdesk.routing.pipeline import classify_text

    category, _confidence = classify_text(text)
    return category.code if category is not None else None


def report_from(messages: list[str]) -> Report:
    message = problem_message(messages)
    title = title_of(message)
    return Report(title=title, content=message, category_code=suggested_category(message) if message else None)


def case_form_url(messages: list[str]) -> str:
    report = report_from(messages)
    params = {"title": report.title[:200], "content": report.content[:4000]}
    if report.category_code:
        params["category"] = report.category_code
    return f"{reverse('petitions:submit')}?{urlencode(params)}"
