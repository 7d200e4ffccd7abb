"""Where a message says its problem is, read from its words: streets, alleys and house numbers,
landmarks ("chợ Bà Chiểu", "trường Tiểu học Lê Văn Tám", "cầu Kênh Tẻ"), areas (a ward, a
district, an industrial park), and whether two messages name the same place or two different ones.

A citizen's message usually carries its place in the text ("hẻm 190 Nguyễn Thái Sơn", "trước số 45
Lê Thánh Tôn"), with or without capitals and diacritics. Names are read after a marker word
(đường, hẻm, ngõ, kiệt, số, chợ, cầu, trường, bệnh viện, ngã tư…) or as a run of capitalised
words; the end of a name typed in lower case is guessed from common words that are not syllables
of place names, so a name may run a word long — names are compared by prefix and by phrase, not
by equality. Pure Python and regular expressions, cached per text: intake calls it on every new
case."""

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

# Marker words (folded), longest first where one begins another. A landmark's marker is kept as
# its kind ("cho", "benh vien"); a street's is dropped (people write "Lê Lợi" alone).
STREET_MARKERS = ("dai lo", "quoc lo", "tinh lo", "duong so", "duong", "pho", "tuyen", "hem", "ngo", "ngach",
                  "kiet", "so nha", "nha so", "so")
ALLEY_MARKERS = {"hem", "ngo", "ngach", "kiet"}
# Markers meaning nothing without a number after them ("số" is also "lottery ticket", "number").
NEEDS_NUMBER = {"so", "so nha", "nha so"}
# Marker → the kind of landmark it names (schools of every level are one kind).
LANDMARK_MARKERS = {
    "truong tieu hoc": "truong", "truong trung hoc co so": "truong", "truong trung hoc pho thong": "truong",
    "truong mam non": "truong", "truong dai hoc": "truong", "truong thcs": "truong", "truong thpt": "truong",
    "truong": "truong", "dai hoc": "truong", "benh vien": "benh vien", "cong vien": "cong vien",
    "chung cu": "chung cu", "khu tap the": "khu tap the", "khu cong nghiep": "khu cong nghiep",
    "khu che xuat": "khu che xuat", "khu dan cu": "khu dan cu", "khu do thi": "khu do thi", "ben xe": "ben xe",
    "ben": "ben", "nha tho": "nha tho", "chua": "chua", "cho dem": "cho", "cho": "cho", "cau vuot": "cau",
    "cau": "cau", "nga tu": "nga", "nga ba": "nga", "nga sau": "nga", "nga bay": "nga", "nga nam": "nga",
    "vong xoay": "nga", "giao lo": "nga", "nut giao": "nga", "sieu thi": "sieu thi",
    "trung tam thuong mai": "sieu thi", "bai bien": "bai", "bai": "bai", "ke": "ke", "kenh": "kenh",
    "rach": "kenh", "tram y te": "tram y te", "nha van hoa": "nha van hoa", "toa nha": "toa nha", "ga": "ga",
    "deo": "deo",
}
# Folded markers that are also ordinary words ("cho" is chợ, chó and cho; "cau" is cầu and câu): a
# landmark only when written with the marker's diacritics or followed by a capitalised name.
AMBIGUOUS = {"cho": "chợ", "cau": "cầu", "ben": "bến", "bai": "bãi", "chua": "chùa", "ke": "kè", "kenh": "kênh",
             "rach": "rạch", "ga": "ga", "deo": "đèo", "truong": "trường", "pho": "phố", "ngo": "ngõ",
             "duong": "đường", "so": "số", "nga tu": "ngã tư", "nga ba": "ngã ba"}
# Kinds of landmark that are areas of many streets: sharing one says little about the place.
AREA_KINDS = {"khu dan cu", "khu do thi", "khu cong nghiep", "khu che xuat"}
# Markers after which several streets may follow ("ngã tư Nguyễn Tri Phương – 3 Tháng 2").
CROSSINGS = {"nga tu", "nga ba", "nga sau", "nga bay", "nga nam", "giao lo", "nut giao", "vong xoay"}
# Abbreviations written in messages, expanded here only (the shared shorthand table is for words).
ABBREVIATIONS = {"bv": "benh vien", "cv": "cong vien", "cc": "chung cu", "kcn": "khu cong nghiep",
                 "kcx": "khu che xuat", "kdc": "khu dan cu", "ktt": "khu tap the", "dh": "dai hoc",
                 "thcs": "truong thcs", "thpt": "truong thpt", "mn": "mam non",
                 "tttm": "trung tam thuong mai"}
# Words describing a landmark before its name ("trường mầm non tư thục Bông Sen").
DESCRIPTORS = ("tu thuc", "cong lap", "quoc te", "mam non", "tieu hoc", "da khoa", "nhi")
# Words that end a name typed in lower case: common words that are not syllables of street or
# landmark names (so not "tran", "van", "hai", "nam", "thang", "dang", "canh", "chieu", "hong"…).
NAME_STOP = set(
    ["bi", "co", "da", "khong", "ko", "k", "nuoc", "ngap", "khuc", "gan", "truoc", "sau", "tai", "o", "va", "thi", "la", "roi", "nay", "hom", "toi", "sang", "dem", "phuong", "quan", "p", "q", "tp", "f", "cua", "de", "nen", "rat", "qua", "het", "may", "moi", "nhieu", "mot", "nhung", "cac", "xin", "nho", "xe", "rac", "cay", "hoi", "mui", "chay", "keo", "ket", "sut", "lun", "be", "hu", "gay", "nghieng", "ngay", "tuan", "gio", "khi", "chua", "duoc", "dc", "ai", "nguoi", "ra", "vao", "len", "xuong", "di", "tren", "duoi", "trong", "ngoai", "giua", "phia", "hay", "luon", "suot", "ca", "vay", "thay", "nghe", "noi", "kia", "day", "cuoi", "bu", "chiem", "dot", "khoi", "tieng", "on", "dua", "no", "po", "hat", "karaoke", "nhau", "tiem", "gui", "tuong", "gap", "lap", "tuc", "mat", "tat", "den", "cong"]
)
NUMBER = re.compile(r"^\d+[a-z]?(?:/\d+[a-z]?)*$")
DAY_MONTH = re.compile(r"^(?:[1-9]|[12]\d|3[01])/(?:[1-9]|1[0-2])$")
_TOKEN = re.compile(r"\d+[^\W\d_]?(?:/\d+[^\W\d_]?)*|[^\W\d_]+|[-–.,;:!?()\"]", re.UNICODE)
_DATE_WORDS = re.compile(r"\b(\d{1,2})\s+(?:tháng|thang)\s+(\d{1,2})\b", re.IGNORECASE)
_WARD_NUMBER = re.compile(r"\b(?:[PpFf]|[Pp]h)\.?\s*(\d{1,2})\b")
_ROAD_NUMBER = re.compile(r"\b(QL|TL|ĐT|DT)\.?\s*(\d{1,3}[A-Z]?)\b", re.IGNORECASE)
_ROADS = {"ql": "quốc lộ", "tl": "tỉnh lộ", "đt": "tỉnh lộ", "dt": "tỉnh lộ"}
_DISTRICT_NUMBER = re.compile(r"\b[Qq]\.?\s*(\d{1,2})\b")
# Words before a number that make it a ward, district, group or floor number, not a house's.
NOT_HOUSE = {"phuong", "quan", "to", "kp", "ap", "tang", "lau", "block", "khu", "lo", "xa", "huyen", "nam", "thang",
             "ngay", "luc", "gio", "den", "toi", "tu", "ca", "mui", "lop", "tuyen", "so"}
# Unit words that end a name: a ward or district is an area, not part of a street's name.
UNIT_WORDS = {"phuong", "quan", "huyen", "xa", "tp", "thi"}
_CMT8 = re.compile(r"\bcmt\s*8\b|\bcách mạng tháng 8\b|\bcach mang thang 8\b", re.IGNORECASE)

# first word → the markers it begins, longest first
_MARKERS: dict[str, list[tuple[str, tuple[str, ...]]]] = {}
for _marker in sorted({*STREET_MARKERS, *LANDMARK_MARKERS}, key=lambda m: -len(m.split())):
    _MARKERS.setdefault(_marker.split()[0], []).append((_marker, tuple(_marker.split())))

Name = tuple[str, ...]
# Place names among a case's stored words ("p_nguyen_thai_son"; `duplicate_search.match_terms`).
TERM_PREFIX = "p_"


@dataclass(frozen=True)
class Place:
    """The places one message names, each a tuple of folded words."""

    streets: frozenset[Name]  # ("nguyen", "thai", "son"), ("3/2",), ("so", "8"), ("quoclo", "13")
    landmarks: frozenset[tuple[str, Name]]  # ("cho", ("ba", "chieu")), ("benh vien", ("cho", "ray"))
    # house and alley numbers with their street: ("hem", "190", ("nguyen", "thai", "son"))
    numbers: frozenset[tuple[str, str, Name]]

    def terms(self) -> list[str]:
        """Place names as single words ("p_nguyen_thai_son") for a stored word list."""
        names = {name for name in self.streets} | {name for _kind, name in self.landmarks}
        return sorted(TERM_PREFIX + "_".join(name) for name in names if len(name) >= 2)


class _Token(NamedTuple):
    folded: str
    capital: bool
    written: str  # lower case, diacritics kept


@lru_cache(maxsize=16384)
def _lower(word: str) -> str:
    return word.lower()


@lru_cache(maxsize=16384)
def _fold(word: str) -> str:
    decomposed = unicodedata.normalize("NFD", word.lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).replace("đ", "d")


@lru_cache(maxsize=1024)
def _tokens(text: str) -> list[_Token]:  # read-only: shared between extract() and _words()
    text = unicodedata.normalize("NFC", text or "")
    text = _CMT8.sub("Cách Mạng Tháng Tám", text)
    text = _WARD_NUMBER.sub(r"phường \1", text)  # "P14", "F.3", "ph.11"
    text = _DISTRICT_NUMBER.sub(r"quận \1", text)
    text = _ROAD_NUMBER.sub(lambda m: f"{_ROADS[m[1].lower()]} {m[2]}", text)  # "QL13", "ĐT743"
    text = _DATE_WORDS.sub(lambda m: f"{m[1]}/{m[2]}", text)  # "3 Tháng 2" → "3/2"
    out: list[_Token] = []
    for raw in _TOKEN.findall(text):
        folded, written = _fold(raw), _lower(raw)
        expansion = ABBREVIATIONS.get(folded)
        if expansion:
            out += [_Token(word, raw[0].isupper(), word) for word in expansion.split()]
        else:
            out.append(_Token(folded, raw[0].isupper(), written))
    return out


def _marker_at(tokens: list[_Token], at: int) -> str | None:
    for marker, words in _MARKERS.get(tokens[at].folded, ()) if at < len(tokens) else ():
        if tuple(t.folded for t in tokens[at:at + len(words)]) == words:
            if marker in AMBIGUOUS:
                written = " ".join(t.written for t in tokens[at:at + len(words)])
                following = tokens[at + len(words)] if at + len(words) < len(tokens) else None
                if written != AMBIGUOUS[marker] and not (following and (following.capital or
                                                                        NUMBER.match(following.folded))):
                    continue
            return marker
    return None


def _name_at(tokens: list[_Token], at: int, sentence_start: set[int]) -> tuple[Name, int]:
    """The name starting at `at` and the index after it; () when there is none."""
    if at >= len(tokens):
        return (), at
    first = tokens[at]
    if DAY_MONTH.match(first.folded):
        return (first.folded,), at + 1
    starts = _marker_at(tokens, at)
    if (not first.folded.isalpha() or first.folded in UNIT_WORDS or starts in STREET_MARKERS
            or (starts and not first.capital)):
        return (), at
    words: list[str] = []
    end = at
    capital_mode = first.capital and at not in sentence_start
    while end < len(tokens) and len(words) < 5:
        token = tokens[end]
        if token.folded.isdigit() and len(token.folded) <= 2 and words:
            words.append(token.folded)  # "Ehome 3", "Nhi Đồng 2", "Tân Thuận 2"
            end += 1
            break
        if not token.folded.isalpha():
            break
        if (capital_mode and not token.capital) or (token.folded in UNIT_WORDS and _is_unit(tokens, end, words,
                                                                                         capital_mode)):
            break
        if not capital_mode and (token.folded in NAME_STOP or (words and _marker_at(tokens, end))):
            break
        words.append(token.folded)
        end += 1
    return tuple(words), end


def _is_unit(tokens: list[_Token], at: int, words: list[str], capital_mode: bool) -> bool:
    """"phường 14", "Phường Tân Định", "quận 5": a unit, which ends a name — but "Nguyễn Tri Phương
    phía Quận 8" has the syllable inside a street's name."""
    following = tokens[at + 1] if at + 1 < len(tokens) else None
    if following is None or following.folded.isdigit():
        return True
    if capital_mode:
        return following.capital and following.folded.isalpha() and not tokens[at].capital
    return len(words) < 2 or following.capital


def _is_initials(word: str) -> bool:
    """"NTP", "NKKN", "XVNT": a street by its initials (no vowel: not a syllable)."""
    return 3 <= len(word) <= 5 and not re.search("[aeiouy]", word)


@lru_cache(maxsize=4096)
def extract(text: str) -> Place:
    """The places a message names."""
    tokens = _tokens(text)
    sentence_start = {0} | {i + 1 for i, t in enumerate(tokens) if t.folded in ".!?:"}
    streets: set[Name] = set()
    landmarks: set[tuple[str, Name]] = set()
    numbers: set[tuple[str, str, Name]] = set()
    at = 0
    while at < len(tokens):
        marker = _marker_at(tokens, at)
        token = tokens[at]
        if marker:
            at = _read_marked(tokens, at, marker, streets, landmarks, numbers)
            continue
        if (NUMBER.match(token.folded) and not DAY_MONTH.match(token.folded)
                and not (at and tokens[at - 1].folded in NOT_HOUSE)):
            name, end = _name_at(tokens, at + 1, set())
            if name and tokens[at + 1].capital and (len(name) >= 2 or _is_initials(name[0]) or name[0].isalpha()):
                streets.add(name)  # "415 Lê Văn Thọ", "196 Pasteur", "300 NKKN"
                numbers.add(("so", token.folded, name))
                at = end
                continue
        if token.capital and token.folded.isalpha() and at not in sentence_start:
            name, end = _name_at(tokens, at, sentence_start)
            if len(name) >= 2:
                streets.add(name)
                at = end
                continue
            if name and _is_initials(name[0]):
                streets.add(name)
        at += 1
    return Place(frozenset(streets), frozenset(landmarks), frozenset(numbers))


def _read_marked(tokens: list[_Token], at: int, marker: str, streets: set[Name],
                 landmarks: set[tuple[str, Name]], numbers: set[tuple[str, str, Name]]) -> int:
    after = at + len(marker.split())
    number = ""
    while (after < len(tokens) and NUMBER.match(tokens[after].folded) and marker not in CROSSINGS
           and not (marker in ("duong", "pho") and DAY_MONTH.match(tokens[after].folded))):
        number = number or tokens[after].folded
        after += 1
    if marker in NEEDS_NUMBER and not number:
        return at + 1
    if marker == "duong so" and number:
        streets.add(("so", number))
        return after
    if marker in ("quoc lo", "tinh lo"):
        if number:
            streets.add((*marker.split(), number))
        return after
    name, end = _name_at(tokens, after, set())
    if marker in STREET_MARKERS:
        capital = after < len(tokens) and tokens[after].capital
        if name and (len(name) >= 2 or capital or DAY_MONTH.match(name[0])):
            streets.add(name)
            if number:
                numbers.add(("hem" if marker in ALLEY_MARKERS else "so", number, name))
        return max(end, at + 1)
    if not name:
        return at + 1
    kind = LANDMARK_MARKERS[marker]
    for descriptor in DESCRIPTORS:
        words = tuple(descriptor.split())
        if name[:len(words)] == words and len(name) > len(words):
            name = name[len(words):]
    if marker in CROSSINGS:
        streets.add(name)
        while end < len(tokens) and tokens[end].folded in ("-", "–", "va", "giao", "voi"):
            other, end = _name_at(tokens, end + 1, set())
            if not other:
                break
            streets.add(other)
    landmarks.add((kind, name))
    return max(end, at + 1)


def _initials(name: Name) -> str:
    return "".join(word[0] for word in name if word.isalpha())


def _signature(name: Name) -> str:
    """"thanh loc 15" → "tl15"; "tl 15" → "tl15" (a word without a vowel is already initials)."""
    return "".join(word if word.isdigit() or not re.search("[aeiouy]", word) else word[0] for word in name)


def _names_match(a: Name, b: Name) -> bool:
    if a == b:
        return True
    short, long = (a, b) if len(a) <= len(b) else (b, a)
    if len(short) >= 2 and long[:len(short)] == short:
        return True
    if len(short) == 1 and _is_initials(short[0]) and len(long) >= 3 and _initials(long) == short[0]:
        return True
    if a[-1].isdigit() and a[-1] == b[-1] and _signature(a) == _signature(b):
        return True  # "Thạnh Lộc 15" written "TL15", "Quốc lộ 13" written "QL13"
    common = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        common += 1
    return common >= 3


def _named_in(name: Name, words: str) -> bool:
    """The name (its first three words), or the initials of a long name, among the other message's
    words (" "-joined, a space at both ends)."""
    if len(name) >= 2 and f" {' '.join(name[:3])} " in words:
        return True
    return len(name) >= 3 and f" {_initials(name)} " in words


@lru_cache(maxsize=4096)
def _words(text: str) -> str:
    return " " + " ".join(t.folded for t in _tokens(text) if t.folded.isalnum() or "/" in t.folded) + " "


Texts = str | tuple[str, ...]


def _place_of(texts: Texts) -> Place:
    """The places of one message given as several texts (its words, its address): each text is
    read and cached on its own, so intake reads the new case's words once for its stored terms and
    for the pair scores."""
    if isinstance(texts, str):
        return extract(texts)
    places = [extract(text) for text in texts if text]
    if len(places) == 1:
        return places[0]
    return Place(frozenset().union(*(p.streets for p in places)), frozenset().union(*(p.landmarks for p in places)),
                 frozenset().union(*(p.numbers for p in places)))


def _words_of(texts: Texts) -> str:
    return _words(texts) if isinstance(texts, str) else "".join(_words(text) for text in texts if text)


def relation(text_a: Texts, text_b: Texts, is_area: Callable[[Name], bool] = lambda name: False) -> str:
    """"same" when the two messages name a place in common; "different" when both name places
    (streets, landmarks — not areas such as a ward, which `is_area` tells) and none of one's is
    found in the other, or both name an area of one kind by different names (two industrial parks);
    "unknown" otherwise. A landmark named after an area ("chợ Thủ Dầu Một") meets only a landmark of
    its kind."""
    place_a, place_b = _place_of(text_a), _place_of(text_b)
    streets_a = [name for name in place_a.streets if not is_area(name)]
    streets_b = [name for name in place_b.streets if not is_area(name)]
    landmarks_a = [(kind, name) for kind, name in place_a.landmarks if kind not in AREA_KINDS]
    landmarks_b = [(kind, name) for kind, name in place_b.landmarks if kind not in AREA_KINDS]
    if (streets_a or landmarks_a) and (streets_b or landmarks_b):
        words_a, words_b = _words_of(text_a), _words_of(text_b)
        for kind, name in landmarks_a:
            if any(k == kind and _landmarks_match(name, other) for k, other in landmarks_b):
                return "same"
        loose_a = streets_a + [name for _k, name in landmarks_a if not is_area(name)]
        loose_b = streets_b + [name for _k, name in landmarks_b if not is_area(name)]
        for name in loose_a:
            if any(_names_match(name, other) for other in loose_b) or _named_in(name, words_b):
                return "same"
        if any(_named_in(name, words_a) for name in loose_b):
            return "same"
        return "different"
    areas_a = {(kind, name) for kind, name in place_a.landmarks if kind in AREA_KINDS}
    areas_b = {(kind, name) for kind, name in place_b.landmarks if kind in AREA_KINDS}
    kinds = {kind for kind, _n in areas_a} & {kind for kind, _n in areas_b}
    for kind in kinds:
        mine = [name for k, name in areas_a if k == kind]
        theirs = [name for k, name in areas_b if k == kind]
        if not any(_landmarks_match(x, y) for x in mine for y in theirs):
            return "different"
    return "unknown"


def _landmarks_match(a: Name, b: Name) -> bool:
    """As names, or one the end of the other ("Bông Sen" / "tư thục Bông Sen")."""
    short, long = (a, b) if len(a) <= len(b) else (b, a)
    return _names_match(a, b) or (len(short) >= 2 and long[-len(short):] == short)


def numbers_differ(text_a: Texts, text_b: Texts) -> bool:
    """Both give a house or alley number on the same street and the numbers differ: "số 15 Trần
    Hưng Đạo" / "số 480 Trần Hưng Đạo", "hẻm 5" / "hẻm 9 Tô Hiến Thành". Neighbouring houses (two
    or four apart: "số 45" / "nhà tôi số 47 bên cạnh") are the same place."""
    place_a, place_b = _place_of(text_a), _place_of(text_b)
    shared = False
    for kind_a, number_a, street_a in place_a.numbers:
        for kind_b, number_b, street_b in place_b.numbers:
            if _names_match(street_a, street_b):
                shared = True
                if _close(number_a, number_b, exact=kind_a == kind_b == "hem"):
                    return False
    return shared


def _close(a: str, b: str, exact: bool) -> bool:
    """"27/18" is house 18 of alley 27: any part of one number meeting any part of the other counts."""
    parts_a = [int(x) for x in re.findall(r"\d+", a)]
    parts_b = [int(x) for x in re.findall(r"\d+", b)]
    if not parts_a or not parts_b:
        return a == b
    return any((x == y) if exact else abs(x - y) <= 4 for x in parts_a for y in parts_b)
