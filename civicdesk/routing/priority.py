"""Urgent-looking messages: a hint for a person to confirm, never an automatic priority.

Patterns are matched on the text with diacritics where it has them ("cháy" is fire, "chạy" is
running: the folded "chay" is both) and on multi-word folded phrases, which are unambiguous."""

import re

from django.utils.translation import gettext_noop

from civicdesk.routing.normalise import fold, normalise

# (reason shown to the operator, patterns on the normalised text, phrases on the folded text)
SIGNALS: list[tuple[str, list[str], list[str]]] = [
    (gettext_noop("Cháy, nổ"),
     [r"\bcháy\b", r"hỏa hoạn", r"\bphát nổ\b", r"\bnổ (?:lớn|tung|bình|trạm|máy)", r"tiếng nổ"],
     ["boc chay", "dam chay", "hoa hoan", "chay nha", "chay lon", "phat no", "tieng no", "no binh gas",
      "khoi lua", "ngon lua", "chay ra lua"]),
    (gettext_noop("Rò rỉ khí gas"),
     [r"(?:rò rỉ|xì|rò) (?:khí )?ga(?:s)?\b", r"mùi (?:khí )?ga(?:s)?\b"],
     ["ro ri gas", "ro ri ga", "xi gas", "xi ga ", "mui gas", "ro ri khi"]),
    (gettext_noop("Dây điện, trụ điện nguy hiểm"),
     [r"(?:đứt|rơi|võng|sà) (?:sát )?(?:xuống )?dây điện", r"dây điện (?:bị )?(?:đứt|rơi|võng|sà|chạm|tóe lửa)",
      r"điện giật", r"giật điện", r"trụ điện (?:bị )?(?:ngã|đổ|gãy|sắp ngã|sắp đổ)", r"tóe lửa"],
     ["day dien dut", "dut day dien", "day dien roi", "day dien vong", "dien giat", "bi giat dien",
      "tru dien nga", "tru dien do", "tru dien gay", "toe lua", "no tu dien"]),
    (gettext_noop("Cây đổ, cây sắp ngã"),
     [r"cây (?:xanh )?(?:bị )?(?:đổ|ngã|bật gốc|gãy|sắp đổ|sắp ngã)", r"(?:gãy|rơi) (?:nhánh|cành)"],
     ["cay do", "cay nga", "cay bat goc", "cay sap do", "cay sap nga", "gay nhanh", "gay canh", "nhanh cay gay"]),
    (gettext_noop("Sập, sạt lở, sụt lún nguy hiểm"),
     [r"\bsập\b", r"sạt lở", r"nguy cơ (?:sập|đổ)"],
     ["nha sap", "sap nha", "sap tuong", "tuong sap", "sap tran", "sat lo", "nguy co sap"]),
    (gettext_noop("Ngập có người mắc kẹt"),
     [r"mắc kẹt", r"kẹt trong nhà", r"cần cứu", r"cứu (?:với|giúp|người|hộ)", r"nước cuốn"],
     ["mac ket", "can cuu", "cuu voi", "cuu giup", "cuu nguoi", "nuoc cuon", "bi cuon troi"]),
    (gettext_noop("Nguy hiểm đến tính mạng"),
     [r"tính mạng", r"tử vong", r"chết người", r"bất tỉnh", r"ngất xỉu", r"đuối nước", r"chết đuối",
      r"đâm chém", r"cầm dao", r"tự tử", r"ngộ độc tập thể", r"bị thương nặng", r"hấp hối", r"co giật"],
     ["tinh mang", "tu vong", "chet nguoi", "bat tinh", "ngat xiu", "duoi nuoc", "chet duoi", "dam chem",
      "cam dao", "ngo doc tap the", "bi thuong nang", "nguy kich"]),
]

_COMPILED = [
    (reason, [re.compile(p) for p in patterns], [re.compile(rf"(?<!\w){re.escape(p.strip())}(?!\w)") for p in phrases])
    for reason, patterns, phrases in SIGNALS
]


# Most messages are not urgent: one pass of all patterns together tells, before the per-reason pass.
_ANY_NORMALISED = re.compile("|".join(f"(?:{p.pattern})" for _r, patterns, _f in _COMPILED for p in patterns))
_ANY_FOLDED = re.compile(r"\b(?:" + "|".join(re.escape(p.strip()) for _r, _p, phrases in SIGNALS for p in phrases)
                         + r")\b")


def urgent_reasons(text: str) -> list[str]:
    """The urgency signals found in a message (untranslated msgids; translate when showing)."""
    normalised = normalise(text)
    folded = fold(normalised)
    if not (_ANY_NORMALISED.search(normalised) or _ANY_FOLDED.search(folded)):
        return []
    found = []
    for reason, patterns, phrases in _COMPILED:
        if any(p.search(normalised) for p in patterns) or any(p.search(folded) for p in phrases):
            found.append(reason)
    return found


def is_urgent(text: str) -> bool:
    return bool(urgent_reasons(text))
