"""Masking personal data in text that is published: phone numbers, e-mail addresses, ID and
bank-account numbers, licence plates, house numbers, and the names the case names explicitly."""

import re
from collections.abc import Iterable

_PHONE = re.compile(r"(?<!\d)(?:\+?84|0)(?:[\s.\-]?\d){8,10}(?!\d)")
_EMAIL = re.compile(r"[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)+")
_ID_NUMBER = re.compile(r"(?<!\d)\d{9}(?:\d{3})?(?!\d)")  # CMND (9) / CCCD (12)
_LONG_NUMBER = re.compile(r"(?<!\d)\d{10,19}(?!\d)")  # bank accounts and the like
_PLATE = re.compile(r"(?<![\w])\d{2}[A-Z]{1,2}\d?[\s\-.]?\d{3}\.?\d{2}(?![\w])")

MASK = "***"


def mask_personal_data(text: str, names: Iterable[str] = ()) -> str:
    if not text:
        return text
    masked = _EMAIL.sub(MASK, text)
    masked = _PHONE.sub(MASK, masked)
    masked = _ID_NUMBER.sub(MASK, masked)
    masked = _LONG_NUMBER.sub(MASK, masked)
    masked = _PLATE.sub(MASK, masked)
    for name in sorted({n.strip() for n in names if n and len(n.strip()) >= 3}, key=len, reverse=True):
        masked = re.sub(re.escape(name), _initials(name), masked, flags=re.IGNORECASE)
    return masked


def _initials(name: str) -> str:
    """'Nguyễn Văn An' → 'N.V.A.' so the text still reads, without the name."""
    return "".join(part[0].upper() + "." for part in name.split() if part)
