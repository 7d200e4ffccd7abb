"""The character-set and length rules of an SMS.

A message in the GSM 03.38 alphabet (GSM-7) carries 160 characters, or 153 per part when split;
anything else goes as UCS-2: 70, or 67 per part. Vietnamese with its diacritics is not GSM-7 (and
brandname gateways charge the Unicode rate for it), so unless the city chose Unicode the text is
sent unaccented: "Đã tiếp nhận" → "Da tiep nhan"."""

import unicodedata
from collections.abc import Callable

# GSM 03.38 basic set; the extension table's characters cost two (an escape and the character).
_GSM7_BASIC = set(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
_GSM7_EXTENDED = set("^{}\\[~]|€")
# Letters that carry no combining mark to strip, and punctuation a phone renders anyway.
_PLAIN = str.maketrans({"đ": "d", "Đ": "D", "“": '"', "”": '"', "‘": "'", "’": "'", "–": "-", "—": "-",
                        "…": "...", "·": "-", "\u00a0": " "})


def unaccent(text: str) -> str:
    """Vietnamese (and other Latin) text without diacritics, in GSM-7; what has no plain form is '?'."""
    plain = unicodedata.normalize("NFD", text.translate(_PLAIN))
    plain = "".join(c for c in plain if not unicodedata.combining(c))
    return "".join(c if c in _GSM7_BASIC or c in _GSM7_EXTENDED else "?" for c in unicodedata.normalize("NFC", plain))


def is_gsm7(text: str) -> bool:
    return all(c in _GSM7_BASIC or c in _GSM7_EXTENDED for c in text)


def units(text: str) -> int:
    """Length as the network counts it: septets for GSM-7, UTF-16 code units for UCS-2."""
    if is_gsm7(text):
        return sum(2 if c in _GSM7_EXTENDED else 1 for c in text)
    return len(text.encode("utf-16-le")) // 2


def segments(text: str) -> int:
    single, part = (160, 153) if is_gsm7(text) else (70, 67)
    length = units(text)
    if length <= single:
        return 1
    return -(-length // part)


def prepare(text: str, *, unicode: bool) -> str:
    text = " ".join(line.strip() for line in text.strip().splitlines() if line.strip())
    return text if unicode else unaccent(text)


def fit(render: Callable[[str], str], variable: str, *, unicode: bool, max_segments: int) -> str:
    """The message `render(variable)` in at most `max_segments` parts, shortening `variable` (the
    case's title) with "..." as far as needed; the fixed words, the code and the link stay whole."""
    text = prepare(render(variable), unicode=unicode)
    if segments(text) <= max_segments or not variable:
        return text
    low, high, best = 0, len(variable) - 1, prepare(render(""), unicode=unicode)
    while low <= high:  # the longest prefix that still fits
        middle = (low + high) // 2
        candidate = prepare(render(variable[:middle].rstrip() + "..."), unicode=unicode)
        if segments(candidate) <= max_segments:
            best, low = candidate, middle + 1
        else:
            high = middle - 1
    return best
