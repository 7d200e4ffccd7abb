"""Tracking codes: short enough to read over the phone, random enough not to be guessed.

Eight symbols from a 30-symbol alphabet — the digits 2-9 and the letters without the look-alikes
0/O, 1/I/L and U — give 30^8 ≈ 6.6·10^11 codes (~39 bits), written as two groups of four: ``K7QD-M3XA``.
"""

import re
import secrets

ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_RE = re.compile(rf"^[{ALPHABET}]{{4}}-[{ALPHABET}]{{4}}$")
_CONFUSABLE = str.maketrans({"0": "O", "1": "I", "L": "I", "U": "V"})


def new_tracking_code() -> str:
    symbols = "".join(secrets.choice(ALPHABET) for _ in range(8))
    return f"{symbols[:4]}-{symbols[4:]}"


def normalise_tracking_code(raw: str) -> str | None:
    """Accept what people type (lower case, spaces, no dash) and return the canonical form, or
    None when it cannot be a tracking code."""
    cleaned = re.sub(r"[\s\-_.]", "", raw or "").upper()
    if len(cleaned) != 8:
        return None
    # 'O' is never issued, so a typed 0/O is ambiguous: leave it to fail the pattern.
    code = f"{cleaned[:4]}-{cleaned[4:]}"
    return code if CODE_RE.match(code) else None
