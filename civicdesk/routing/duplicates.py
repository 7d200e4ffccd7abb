"""Earlier open cases about the same incident: text similarity + place + time window.

A pair is the same incident when the texts say the same thing (word and character overlap on the
folded text, so "mat nuoc" meets "mất nước"), the places agree (same ward or old district, same
house or alley numbers) and the second came within the time window (and the category router does not confidently put them in
different fields: a road's surface and a theft on that road are two cases): the same problem a month later is a new case
(the first was handled, or it recurred). Pure Python: the operator console calls this on every
new case."""

import itertools
import math
import re
from collections import Counter
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from typing import cast

from django.conf import settings
from django.utils import timezone

from civicdesk.routing import address as addresses
from civicdesk.routing import places as place_names
from civicdesk.routing.normalise import fold, normalise

DEFAULT_WINDOW_HOURS = 7 * 24
ISSUE_WEIGHT = 0.5
# When the category router is at least this sure of each message and the categories differ, the two
# are about different problems however much the place matches (a road's surface in one message, a
# theft on that road in the other). Measured in docs/benchmarks.md, "Routing".
CATEGORY_CONFIDENCE = 0.7
CATEGORY_CONFLICT_PENALTY = 0.6
# Both messages name places (street, alley, landmark) and none of one's is in the other: two reports
# of one kind of problem in two streets are two cases. Measured in docs/benchmarks.md, "Duplicates".
PLACE_CONFLICT_PENALTY = 0.8
# A place in common counts fully only when the two messages also say something alike (text
# similarity at least this): a flood and a card game in one alley are two cases.
PLACE_NEEDS_TEXT = 0.2

STOPWORDS = set(
    ["a", "ah", "ai", "anh", "ba", "bi", "boi", "bao", "ben", "bi", "cac", "cach", "cai", "can", "cho", "chi", "chieu", "chua", "co", "con", "cua", "cu", "da", "dang", "day", "de", "den", "deu", "di", "do", "doan", "du", "duoc", "duong", "gan", "gi", "gio", "gium", "giup", "hai", "hay", "het", "hien", "hom", "hon", "khi", "khien", "khoang", "khong", "khu", "la", "lai", "lam", "len", "luc", "ma", "mai", "may", "moi", "mot", "muon", "nam", "nao", "nay", "ne", "nen", "nga", "nguoi", "nhan", "nhieu", "nhu", "nhung", "nua", "o", "oi", "phai", "phan", "phuong", "qua", "quan", "rat", "roi", "ra", "sang", "sau", "se", "so", "ta", "tai", "tao", "the", "thi", "thoi", "thuc", "thay", "tinh", "toi", "tren", "trong", "truoc", "tu", "tuan", "va", "vao", "van", "ve", "vi", "voi", "vua", "xa", "xin", "xuong", "em", "chau", "nho", "de", "nghi", "kiem", "tra", "xu", "ly", "dan", "nha", "hem", "hcm", "tp", "thanh", "pho", "p", "q"]
)
@lru_cache(maxsize=4096)
def folded(text: str) -> str:
    """Normalised and folded. Intake compares each new case with the same recent open cases of its
    ward, so their texts come back again and again: each is normalised once per process."""
    return fold(normalise(text))


_NUMBER = re.compile(r"\d+")
_RANGE = re.compile(r"(\d+)\s*(?:-|–|toi|den)\s*(?:so\s*)?(\d+)")


@dataclass
class Message:
    text: str
    address: str = ""
    ward_code: str | None = None
    lat: float | None = None
    lon: float | None = None
    at: datetime | None = None
    # (category code, confidence): the router's prediction for a new message, or a case's own
    # category with confidence 1.0
    category: tuple[str | None, float] | None = None


def categories_conflict(a: Message, b: Message) -> bool:
    """Both messages confidently in different categories."""
    if not (a.category and b.category and a.category[0] and b.category[0]):
        return False
    return a.category[0] != b.category[0] and min(a.category[1], b.category[1]) >= CATEGORY_CONFIDENCE


def content_words(folded: str) -> list[str]:
    return [w for w in re.findall(r"[a-z]+", folded) if w not in STOPWORDS and len(w) > 1]


class _Grams:
    """Counts of word 1–2-grams or character 4-grams, with their norm computed once."""

    __slots__ = ("counts", "norm")

    def __init__(self, counts: Counter) -> None:
        self.counts = counts
        self.norm = math.sqrt(sum(v * v for v in counts.values()))


def _cosine(a: _Grams, b: _Grams) -> float:
    if not a.norm or not b.norm:
        return 0.0
    ca, cb = a.counts, b.counts
    dot = sum(ca[k] * cb[k] for k in ca.keys() & cb.keys())
    return dot / (a.norm * b.norm)


@lru_cache(maxsize=4096)
def _features(folded: str) -> tuple[_Grams, _Grams]:  # read-only: shared between calls
    words = content_words(folded)
    word_grams = Counter(words) + Counter(f"{x}_{y}" for x, y in itertools.pairwise(words))
    joined = " ".join(words)
    char_grams = Counter(joined[i:i + 4] for i in range(max(0, len(joined) - 3)))
    return _Grams(word_grams), _Grams(char_grams)


def text_similarity(a: str, b: str, leave_out: AbstractSet[str] = frozenset()) -> float:
    """Similarity of what two messages say; words of `leave_out` (place names) do not count."""
    fa, fb = folded(a), folded(b)
    for phrase in sorted(leave_out, key=len, reverse=True):
        fa, fb = fa.replace(phrase, " "), fb.replace(phrase, " ")
    wa, ca = _features(fa)
    wb, cb = _features(fb)
    return 0.5 * _cosine(wa, wb) + 0.5 * _cosine(ca, cb)


def _numbers(folded: str) -> list[tuple[int, int]]:
    """House, alley and street numbers as ranges ("so 86-90" → (86, 90)); years and hours skipped."""
    spans = []
    for match in _RANGE.finditer(folded):
        lo, hi = int(match[1]), int(match[2])
        if lo < hi < lo + 500:
            spans.append((lo, hi))
    text = _RANGE.sub(" ", folded)
    for match in re.finditer(r"(?:so|hem|ngo|kiet|duong so|nha|lo|sap)\s*(\d+)(?:/(\d+))?|(\d+)/(\d+)|(\d+)xx", text):
        if match[1]:
            spans.append((int(match[1]), int(match[1])))
            if match[2]:
                spans.append((int(match[2]), int(match[2])))
        elif match[3]:
            spans += [(int(match[3]), int(match[3])), (int(match[4]), int(match[4]))]
        else:
            base = int(match[5]) * 100
            spans.append((base, base + 99))
    return spans


def _numbers_conflict(a: str, b: str) -> bool:
    na, nb = _numbers(a), _numbers(b)
    if not na or not nb:
        return False
    for lo_a, hi_a in na:
        for lo_b, hi_b in nb:
            if lo_a - 2 <= hi_b and lo_b - 2 <= hi_a:
                return False
    return True


def _ward(message: Message) -> str | None:
    if message.ward_code:
        return message.ward_code
    if message.address:
        match = addresses.resolve(message.address, settings_province())
        if match.code and match.confidence >= addresses.CONFIDENCE_OLD_WARD_NO_DISTRICT:
            return match.code
    return None


@lru_cache(maxsize=8)
def _wards_of_old_districts(province: str) -> dict[str, frozenset[str]]:
    """Old district id → today's wards its old wards went to."""
    out: dict[str, set[str]] = {}
    for (district, _name), targets in addresses.gazetteer(province).legacy.items():
        out.setdefault(district, set()).update(code for code, _ in targets)
    return {district: frozenset(codes) for district, codes in out.items()}


def _typed_districts(address: str, province: str) -> set[str]:
    """Old districts named with their type in an address ("Quận 1", "Q.4 – Q.7", "Q. Tân Phú",
    "huyện Bình Chánh"); a bare name ("Gò Vấp") is left out: it is also a ward's."""
    gaz = addresses.gazetteer(province)
    found: set[str] = set()
    for segment in re.split(r"\s*(?:[,;()]|\s[-–]\s)\s*", folded(address)):
        words = segment.replace(".", " ").split()
        for size in (2, 1):
            unit_type, name = " ".join(words[:size]), " ".join(words[size:])
            if unit_type in addresses.DISTRICT_TYPES and name and name not in addresses.PROVINCE_WORDS:
                found |= (gaz.districts_by_name.get(addresses.squash(f"{unit_type} {name}"))
                          or gaz.districts_by_name.get(addresses.squash(name), set()))
                break
    return found


def _area(message: Message, ward: str | None) -> frozenset[str] | None:
    """Today's wards a message can be in: its ward, else every ward of the old district(s) its
    address names; None when it names neither."""
    if ward:
        return frozenset([ward])
    if not message.address:
        return None
    province = settings_province()
    districts = _typed_districts(message.address, province)
    if not districts:
        return None
    wards = _wards_of_old_districts(province)
    return frozenset().union(*(wards.get(d, frozenset()) for d in districts))


def _named_ward_conflict(a: str, b: str) -> bool:
    """"phường Tân Thới Nhất" in one, "phường Tân Thới Hiệp" in the other."""
    names_a = set(re.findall(r"phuong ([a-z]+ [a-z]+(?: [a-z]+)?)", a))
    names_b = set(re.findall(r"phuong ([a-z]+ [a-z]+(?: [a-z]+)?)", b))
    return bool(names_a and names_b and not names_a & names_b)


_PLACE = re.compile(r"(?:[A-ZĐ][\w]*|\d+[\w/]*)(?:[ \t]+(?:[A-ZĐ][\w]*|\d+[\w/]*))+")


@lru_cache(maxsize=4096)
def place_phrases(text: str) -> frozenset[str]:
    """Names of places as written with capitals ("Lê Văn Thọ", "KCN Vĩnh Lộc", "415 Lê Văn Thọ"),
    folded; the first word of a sentence is not a name."""
    out = set()
    for match in _PLACE.finditer(nfc_text(text)):
        words = match.group(0).split()
        start = match.start()
        if start == 0 or text[:start].rstrip()[-1:] in ".!?:":
            words = words[1:]
        phrase = fold(" ".join(words))
        if (len(phrase.split()) >= 2 and not phrase.split()[0].isdigit()) or len(phrase.split()) >= 3:
            out.add(" ".join(w for w in phrase.split() if not w.isdigit()) or phrase)
    return frozenset(p for p in out if len(p.split()) >= 2)


def nfc_text(text: str) -> str:
    import unicodedata

    return unicodedata.normalize("NFC", text or "")


def place_overlap(a: Message, b: Message) -> float | None:
    """Share of the place names of each message found in the other; None when neither names one."""
    folded_a = " " + folded(f"{a.text} , {a.address}").replace(",", " ") + " "
    folded_b = " " + folded(f"{b.text} , {b.address}").replace(",", " ") + " "
    folded_a, folded_b = re.sub(r"\s+", " ", folded_a), re.sub(r"\s+", " ", folded_b)
    names_a = place_phrases(f"{a.text} . {a.address}")
    names_b = place_phrases(f"{b.text} . {b.address}")
    checks = [f" {n} " in folded_b for n in names_a] + [f" {n} " in folded_a for n in names_b]
    if not checks:
        return None
    return sum(checks) / len(checks)


def place_relation(a: Message, b: Message) -> str:
    """"same", "different" or "unknown" place, from the streets, alleys, house numbers and landmarks
    named in each message's text and address (`places.py`); a ward or district named in both is an
    area, not a place."""
    text_a, text_b = (a.text, a.address), (b.text, b.address)
    if place_names.numbers_differ(text_a, text_b):
        return "different"
    return place_names.relation(text_a, text_b, _is_area_name)


def _is_area_name(name: tuple[str, ...]) -> bool:
    """A ward's or district's name (old or new, "Thủ Dầu Một", "Linh Trung", "Quận 5")."""
    gaz = addresses.gazetteer(settings_province())
    for size in (2, 1):
        if " ".join(name[:size]) in (*addresses.WARD_TYPES, *addresses.DISTRICT_TYPES):
            name = name[size:]
            break
    if not name or all(word.isdigit() for word in name):
        return True
    key = addresses.squash(" ".join(name))
    return key in gaz.new_by_name or key in gaz.legacy_by_name or key in gaz.districts_by_name


def pair_score(a: Message, b: Message, window_hours: float | None = None) -> float:
    """How likely two messages are about the same incident, 0..1."""
    window = DEFAULT_WINDOW_HOURS if window_hours is None else window_hours
    if a.at and b.at and abs((a.at - b.at).total_seconds()) > window * 3600:
        return 0.0
    # Weights fitted on the development pairs (docs/benchmarks.md, "Routing"): what is said,
    # where (names of streets, alleys, landmarks found in both), the ward and the house numbers.
    names = place_phrases(f"{a.text} . {a.address}") | place_phrases(f"{b.text} . {b.address}")
    issue = text_similarity(a.text, b.text, names)  # what is said, the place names left out
    text = ISSUE_WEIGHT * issue + (1 - ISSUE_WEIGHT) * text_similarity(a.text, b.text)
    places = place_overlap(a, b)
    folded_a = folded(f"{a.text} , {a.address}")
    folded_b = folded(f"{b.text} , {b.address}")
    ward_a, ward_b = _ward(a), _ward(b)
    same_ward = 0 if not (ward_a and ward_b) else (1 if ward_a == ward_b else -1)
    area_a, area_b = _area(a, ward_a), _area(b, ward_b)
    if area_a is not None and area_b is not None and not area_a & area_b and not (ward_a and ward_b):
        # One side known only by its district, and the districts differ: a street name found in
        # both ("Lê Lợi, Quận 1" / "Lê Lợi, P.4, Gò Vấp") is two streets of the same name.
        same_ward, places = -1, 0.0
    where = place_relation(a, b)
    if where == "different":
        places = 0.0
    elif where == "same" and places is None:
        places = 1.0  # named in lower case or by initials ("hem 190 nguyen thai son", "NTP")
    score = (1.5 * text + 0.8 * (0.5 if places is None else places) * min(1.0, text / PLACE_NEEDS_TEXT)
             + 0.2 * same_ward)
    if where == "different":
        score -= PLACE_CONFLICT_PENALTY
    if _numbers_conflict(folded_a, folded_b):
        score -= 0.3
    if _named_ward_conflict(folded_a, folded_b):
        score -= 0.15
    if categories_conflict(a, b):
        score -= CATEGORY_CONFLICT_PENALTY
    if None not in (a.lat, a.lon, b.lat, b.lon):
        # none of the four is None here; mypy cannot narrow through the tuple test
        km = addresses.distance_km(cast(float, a.lat), cast(float, a.lon),
                                   cast(float, b.lat), cast(float, b.lon))
        score += 0.2 if km < 0.3 else (-0.4 if km > 2 else 0.0)
    return max(0.0, min(1.0, score / 2))


def settings_province() -> str:
    return str(settings.ROUTING_PROVINCE_CODE)


def threshold() -> float:
    """As configured in the admin (`RoutingSettings`)."""
    from civicdesk.routing import thresholds

    return thresholds.duplicate()


def window_hours() -> float:
    return getattr(settings, "DUPLICATE_WINDOW_HOURS", DEFAULT_WINDOW_HOURS)


def case_category(code: str | None, confirmed: bool, confidence: float | None) -> tuple[str, float] | None:
    """A case's category for `Message.category`: certain once a person confirmed it, else as sure as
    the router was."""
    if not code:
        return None
    return code, 1.0 if confirmed else float(confidence or 0.0)


def find_similar_open_cases(title, content, ward_id=None, lat=None, lon=None, exclude_id=None, limit=5, at=None):
    """Open cases that look like the same incident, best first, as [(case, score)] above the
    configured threshold — for the hotline console, while the operator is still typing: the same
    search as intake's (`duplicate_search`), over the whole city when no place is known yet."""
    from civicdesk.petitions.models import Case
    from civicdesk.routing.classifier import current_model
    from civicdesk.routing.duplicate_search import find_for_new_case

    model = current_model(settings.MODEL_DIR)
    text = f"{title} . {content}"
    draft = Case(pk=exclude_id, title=title or "", content=content or "", ward_id=ward_id, lat=lat, lon=lon)
    found = find_for_new_case(draft, at or timezone.now(), model.predict(text) if model is not None else None,
                              anywhere=True, keep=limit)[:limit]
    cases = Case.objects.select_related("category", "ward").in_bulk([f.case_id for f in found])
    return [(cases[f.case_id], f.score) for f in found if f.case_id in cases]
