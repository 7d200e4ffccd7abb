"""Which aspect of a procedure a question asks about, and which one an answer gives.

Official FAQ pages answer one procedure in several entries — its steps, the agency, the documents,
the fees, the time limit, the legal basis, who it applies to, when it applies — whose titles are
the same procedure name. Words of the procedure decide which procedure; the aspect decides which of
its answers. Both sides are read with cue phrases of the administrative domain (compared without
diacritics): a question by the cues it contains, an answer by the cues near its beginning (official
answers open by naming what they give: "Trình tự thực hiện…", "Thành phần hồ sơ gồm…",
"Cơ quan có thẩm quyền…", "Chưa có văn bản quy định về phí, lệ phí…")."""

import re

from civicdesk.assistant.text import fold

STEPS, AGENCY, DOCUMENTS, FEES, TIME, LEGAL, SUBJECT, CASES = (
    "steps", "agency", "documents", "fees", "time", "legal", "subject", "cases")

# (aspect, cue pattern over folded text). Order matters only for ties.
_CUES: list[tuple[str, str]] = [
    (LEGAL, r"can cu phap ly|van ban (phap luat )?quy dinh (ve )?thu tuc|co so phap ly"),
    (FEES, r"\ble phi\b|\bphi,|\bphi\b|bao nhieu tien|chi phi|mien phi|nop tien"),
    (TIME, r"thoi han giai quyet|thoi han|bao lau|may ngay|bao nhieu ngay|thoi gian giai quyet"
           r"|trong vong bao|khi nao (thi )?(co|nhan)"),
    (DOCUMENTS, r"thanh phan ho so|ho so (can|gom|bao gom|de nghi|dang ky|thuc hien|[^.?:]{0,120}\bgom\b)"
                r"|giay to gi|nhung (loai )?giay to|can chuan bi|can mang theo|mau don|to khai|\bho so\b"),
    (AGENCY, r"co quan (nao|co tham quyen|thuc hien|giai quyet|tiep nhan)|tham quyen|nop (ho so )?o dau"
             r"|lam o dau|\bo dau\b|noi nop|ai (cap|giai quyet|co quyen)|don vi nao"),
    (STEPS, r"trinh tu|cac buoc|quy trinh|cach thuc thuc hien|thu tuc (nhu|the) (the )?nao|lam the nao"
            r"|lam nhu the nao|thuc hien (nhu )?the nao|\ba\) (to chuc|ca nhan|chu)[^.]{0,40}\b(gui|nop)\b"),
    (SUBJECT, r"doi tuong (thuc hien|ap dung|phai)|doi tuong nao|ai (phai|duoc) (thuc hien|lap)"),
    (CASES, r"truong hop nao|cac truong hop|trong truong hop|khi thuoc mot trong"),
]
_COMPILED = [(aspect, re.compile(rf"(?<!\w)(?:{pattern})")) for aspect, pattern in _CUES]
# How much of an answer's beginning names its aspect.
ANSWER_LEAD = 220


def question_aspect(question: str) -> str | None:
    """The aspect a question asks about: the cue that appears first (the question's own framing
    comes first: "Hồ sơ … gồm những gì", "Cơ quan nào có thẩm quyền …")."""
    folded = fold(question or "")
    best: tuple[int, str] | None = None
    for aspect, pattern in _COMPILED:
        match = pattern.search(folded)
        if match and (best is None or match.start() < best[0]):
            best = (match.start(), aspect)
    return best[1] if best else None


def answer_aspect(text: str) -> str | None:
    """The aspect an answer gives, from cues near its beginning, the earlier the stronger."""
    folded = fold((text or "")[: ANSWER_LEAD * 2])[:ANSWER_LEAD]
    weights: dict[str, float] = {}
    for aspect, pattern in _COMPILED:
        for match in pattern.finditer(folded):
            weights[aspect] = weights.get(aspect, 0.0) + 1.0 / (1.0 + match.start() / 40.0)
    if not weights:
        return None
    return max(weights.items(), key=lambda item: item[1])[0]
