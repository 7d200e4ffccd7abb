"""Masking personal data in text that is published.

`mask_personal_data(text, names=(), *, kind="report", address="")` replaces with ``***`` the personal data a
citizen's message or an agency's answer contains — phone numbers (every Vietnamese way of writing them),
e-mail addresses (also written "(at)", "[at]", "a còng"), CCCD/CMND, passport, bank-account and licence-plate
numbers, dates of birth, the reporter's own home address, and people's names: the reporter's (whole, in part,
without diacritics), anyone named after an honorific or a title ("anh Tuấn", "cán bộ Trần Văn Bình"), after
"tôi là"/"họ tên:", or as a Vietnamese full name — and keeps what the public needs to read: the problem's
location, streets, schools and businesses named after people (recognised by the word before them, a house
number, or a list of well-known names), the agency's hotlines and official e-mail addresses, 1022 and 1900
numbers, legal references, amounts and tracking codes.

The text is read in NFC with zero-width characters removed and compared folded (lower case, no diacritics),
but what is not masked is returned exactly as it was written. Names are never reduced to initials.
`kind="answer"` (text written by the agency) keeps landline numbers unless the text ties them to the
citizen. Masking the masked text again changes nothing.
"""

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from civicdesk.lib import masking_words as words

MASK = "***"

_ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff\u00ad\u180e"
_ZERO_WIDTH_RE = re.compile(f"[{_ZERO_WIDTH}]")


def _fold_table() -> dict[int, str]:
    """One character to one character, so that positions in the folded text are positions in the text."""
    table: dict[int, str] = {cp: chr(cp).lower() for cp in range(ord("A"), ord("Z") + 1)}
    for cp in list(range(0xC0, 0x250)) + list(range(0x1E00, 0x1F00)):
        base = unicodedata.normalize("NFD", chr(cp))[0]
        if base.isascii() and base.isalpha():
            table[cp] = base.lower()
    table[ord("Đ")] = table[ord("đ")] = "d"
    for cp in (0xA0, 0x2007, 0x202F, 0x2009, 0x200A, 0x3000):
        table[cp] = " "
    for cp in range(0x2010, 0x2016):
        table[cp] = "-"
    for i in range(10):
        table[0xFF10 + i] = str(i)
    table[0xFF20] = "@"
    return table


_FOLD = _fold_table()


def fold(text: str) -> str:
    """Lower case without diacritics, same length as `text` (which must be NFC)."""
    return text.translate(_FOLD)


def _fold_words(values: Iterable[str]) -> set[str]:
    return {fold(unicodedata.normalize("NFC", v)) for v in values}


_OLD_STYLE = re.compile("o[àáảãạ]|o[èéẻẽẹ]|u[ỳýỷỹỵ]")


def _new_style(word: str) -> str:
    """'hoà' → 'hòa', 'thuỷ' → 'thủy': one spelling of the tone mark for the word lists."""
    def move(m: re.Match) -> str:
        first, second = m.group()
        decomposed = unicodedata.normalize("NFD", second)
        return unicodedata.normalize("NFC", first + decomposed[1:]) + decomposed[0]
    return _OLD_STYLE.sub(move, word)


def _key(word: str) -> str:
    """How a word is looked up in the word lists of everyday words: as written (lower case) when it has
    diacritics — "cụ" is not "cứ" — and folded when the text was typed without them."""
    return word.lower() if word.isascii() else _new_style(word.lower())


def _key_words(values: Iterable[str]) -> set[str]:
    out = set()
    for v in values:
        v = unicodedata.normalize("NFC", v)
        out |= {" ".join(_key(w) for w in v.split()), fold(v)}
    return out


_SURNAMES = _fold_words(words.SURNAMES)
_COMMON_SURNAMES = _fold_words(words.COMMON_SURNAMES)
_SYLLABLES = _fold_words(words.NAME_SYLLABLES) | _SURNAMES
_HONORIFICS = _key_words(words.HONORIFICS)
_STRONG_HONORIFICS = _key_words(words.STRONG_HONORIFICS)
_PLACE_HEADS = _key_words(words.PLACE_HEADS)
_PLACE_HEAD_PHRASES = _key_words(words.PLACE_HEAD_PHRASES)
_PLACE_PREPOSITIONS = _key_words(words.PLACE_PREPOSITIONS)
_DIRECTION_WORDS = _key_words(words.DIRECTION_WORDS)
# Lower-case text ("toi ten nguyen van an"): a name starts with a surname that is not also an everyday word,
# or with one that is, followed by a usual middle name.
_LOWER_SURNAMES = {"nguyen", "tran", "pham", "hoang", "huynh", "phan", "dang", "bui", "ngo", "trinh", "dinh",
                   "luong", "truong", "nghiem", "quach", "trieu", "doan", "phung", "luu", "khuc", "diep"}
_LOWER_MIDDLES = {"van", "thi", "minh", "ngoc", "hoang", "thanh", "duc", "huu", "anh", "quoc", "cong", "dinh",
                  "xuan", "kim", "hong", "thu", "bao", "gia", "quang", "tuan", "trung", "hai", "khanh"}
_NOT_NAMES = set(words.NOT_NAMES)


def _phrase_index(phrases: Iterable[str]) -> dict[tuple[str, ...], int]:
    return {tuple(fold(unicodedata.normalize("NFC", p)).split()): 1 for p in phrases}


def _key_phrase_index(phrases: Iterable[str]) -> dict[tuple[str, ...], int]:
    return {tuple(p.split()): 1 for p in _key_words(phrases)}


_TITLES = _key_phrase_index(words.TITLES)
_INTRO = _key_phrase_index(words.INTRO)
_PERSON_PHRASES = _TITLES | _INTRO
_NAME_WORDS = {"tên", "ten"}
_ADMIN_UNITS = _key_words(["phường", "xã", "quận", "huyện", "p", "q", "thị trấn", "tp"])
_OFFICES = {tuple(p.split()) for p in _key_words(["công an", "chủ tịch", "ubnd", "ủy ban", "kế toán", "tư pháp",
                                                   "địa chính", "cán bộ", "văn phòng", "trưởng", "phó"])}
_FIRST_PERSON = _key_words(["tôi", "em", "e", "mình", "mk", "tui", "tớ", "cháu", "con"])
_AFTER_OWN_NAME = _key_words(["ở", "o", "nhà", "ạ", "a", "đây", "day", "nha", "nè", "ne", "sống", "song", "thuộc"])
_ABBREVIATIONS = {"mr", "mrs", "ms", "tp", "p", "q", "đ", "d", "tx", "tt", "kp", "f", "h", "x", "ql", "tl", "th", "bv"}
_ADDRESS_WORDS = _key_words(words.ADDRESS_WORDS)
_FUNCTION_WORDS = _key_words(words.FUNCTION_WORDS)
_SYLLABLE_KEYS = _key_words(words.NAME_SYLLABLES + words.SURNAMES) - {fold(w) for w in words.NAME_SYLLABLES + words.SURNAMES}
_NAMELIKE_HEADS = {"trường"}  # a school far more often than a given name before capitalised words


def _is_name_syllable(tok: "_Token") -> bool:
    """With diacritics "Quán" is not the surname Quan; without them it might be."""
    return tok.fold in _SYLLABLES if tok.text.isascii() else tok.key in _SYLLABLE_KEYS
_EVERYDAY = _key_words(words.EVERYDAY_SYLLABLES)
_PLACES = _phrase_index(words.PLACE_NAMES)
_BUSINESSES = _phrase_index(words.BUSINESS_NAMES)
_KNOWN = _PLACES | _BUSINESSES
_KNOWN_FIRST = {p[0] for p in _KNOWN}
_LONGEST_KNOWN = max(len(p) for p in _KNOWN)


# --- the text, normalised, with a way back to the original positions ---------------------------------

@dataclass
class _Token:
    start: int
    end: int
    text: str
    fold: str
    cap: bool
    key: str


class _Doc:
    def __init__(self, text: str) -> None:
        self.original = text
        if _ZERO_WIDTH_RE.search(text) is None and unicodedata.is_normalized("NFC", text):
            self.norm, self.starts, self.ends = text, None, None
        else:
            self.norm, self.starts, self.ends = _normalise_with_map(text)
        self.fold = fold(self.norm)
        self.tokens = [_Token(m.start(), m.end(), m.group(), self.fold[m.start():m.end()], m.group()[0].isupper(),
                              _key(m.group()))
                       for m in _WORD.finditer(self.norm)]
        self.person_before: dict[int, bool] = {}
        lowered = self.norm.lower()
        self.lower = lowered if len(lowered) == len(self.norm) else self.fold

    def search(self, pattern: "_Words", start: int, end: int) -> list[re.Match]:
        """Matches of a word pattern in norm[start:end]: with diacritics, or folded if there are none."""
        window = self.lower[max(0, start):end]
        return list((pattern.folded if window.isascii() else pattern.accented).finditer(window))

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        if self.starts is None or self.ends is None:
            return start, end
        return self.starts[start], self.ends[end - 1]


def _normalise_with_map(text: str) -> tuple[str, list[int], list[int]]:
    kept = [(ch, i) for i, ch in enumerate(text) if ch not in _ZERO_WIDTH]
    out: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    k = 0
    while k < len(kept):
        j = k + 1
        while j < len(kept) and unicodedata.combining(kept[j][0]):
            j += 1
        cluster = unicodedata.normalize("NFC", "".join(ch for ch, _ in kept[k:j]))
        for ch in cluster:
            out.append(ch)
            starts.append(kept[k][1])
            ends.append(kept[j - 1][1] + 1)
        k = j
    return "".join(out), starts, ends


_WORD = re.compile(r"[^\W\d_]+(?:/[^\W\d_]+)*")


class _Words:
    """A regular expression of everyday words, written with diacritics, and its folded twin for text typed
    without them."""

    def __init__(self, pattern: str) -> None:
        self.accented = re.compile(pattern)
        self.folded = re.compile(fold(pattern))


# --- numbers --------------------------------------------------------------------------------------------

_SEP = r"[ .\-()]{0,2}"
_PHONE = re.compile(
    r"(?<![\w+/])(?<!\d[.,])"
    r"(?:\(?\s?(?:\+\s?|00)?84\s?\)?|\(?0)" + _SEP +
    r"(?:[12]\d(?:" + _SEP + r"\d){8}|[35789](?:" + _SEP + r"\d){8})"
    r"(?!\d)(?![.,]\d)"
)
_SERVICE_NUMBER = re.compile(r"(?<![\w.])(?<!\d[ .\-])(?:1[89]00(?:[ .\-]?\d){4,6}|1022|11[1345])(?![ .\-]?\d)")
_LONG_NUMBER = re.compile(r"(?<![\w/])(?<!\d[.,])\d(?:[ .\-]?\d){7,18}(?![\w/])(?![.,]\d)")
_DATE_SHAPE = re.compile(r"\d{1,2}[ ]?[./\-][ ]?\d{1,2}[ ]?[./\-][ ]?\d{2,4}")
_YEAR_RANGE = re.compile(r"(?:19|20)\d\d ?- ?(?:19|20)\d\d")
_AMOUNT_SHAPE = re.compile(r"[1-9]\d{0,2}(?:[.,]\d{3})+")
_UNIT_AFTER = re.compile(
    r"\s?(?:d\b|dong|vnd|trieu|ty\b|nghin|ngan|k\b|usd|%|m2|m3|m\b|km|kg|tan\b|cm|mm|lit|nguoi|ho\b|can\b|xe\b)")
_MONEY_BEFORE = _Words(r"\b(?:số tiền|mức phạt|phạt|giá|phí|tổng|thu|chi|ngân sách|kinh phí|vốn|tiền|lương"
                       r"|trị giá|hoàn|nộp|trả)\b[^.\n]{0,20}$")
_NOT_PERSONAL_NUMBER_BEFORE = re.compile(
    r"(?:ma so thue|mst|ma so doanh nghiep|ma ho so|so ho so|ma tra cuu|so bien nhan|ma bien nhan|so hieu"
    r"|so van ban|so cong van|ma phan anh|ma vach|ma don|so quyet dinh|hotline|tong dai|duong day nong"
    r"|ma so|so giay phep kinh doanh|gpkd|ma du an|ma tin)\W{0,4}(?:so\W{0,3})?(?:la\W{0,3})?$")
_ID_CONTEXT = re.compile(
    r"(?:cccd|can cuoc(?: cong dan)?|cmnd|cmt|chung minh(?: nhan dan| thu)?|(?:so|ma) dinh danh(?: ca nhan)?"
    r"|ho chieu|passport|stk|so tai khoan|so tk|tai khoan(?: ngan hang)?|\btk\b|the atm|so the|bhxh|bhyt"
    r"|bao hiem xa hoi|bao hiem y te|gplx|giay phep lai xe|bang lai(?: xe)?)"
    r"[^\d\n]{0,25}?([a-z]{0,2}\d(?:[ .\-]?\d){5,18})(?![\w/])")
_PLATE = re.compile(
    r"(?<![\w./])\d{2}\s?-?\s?[a-z]{1,2}\d?\s?[-.]?\s?\d{3}[.\s]?\d{2}(?![\w])"
    r"|(?<![\w./])\d{2}[a-z]-?\d{4}(?![\w.])")
_TRACKING_CODE = re.compile(r"(?<![\w-])[2-9A-HJKMNP-TV-Z]{4}-[2-9A-HJKMNP-TV-Z]{4}(?![\w-])")
_LEGAL_REFERENCE = re.compile(r"\d+(?:/\d+)*/[a-z][\w\-]*")

# Who a phone number belongs to: the nearest of these words before it, in the same sentence.
_AGENCY_WORDS = _Words(
    r"đường dây nóng|hotline|tổng đài|tiếp (?:công )?dân|một cửa|văn phòng|trực ban|ubnd|ủy ban|ban quản lý"
    r"|trung tâm|bộ phận|đội (?:quản lý|trật tự|thanh tra|csgt)|cơ quan|công an|sở (?:gtvt|tnmt|xây dựng|giao thông"
    r"|tài nguyên|y tế|giáo dục)|cskh|chăm sóc khách hàng|trụ sở|phòng (?:quản lý|tài nguyên|kinh tế|văn hóa|tư pháp"
    r"|giáo dục|y tế|lao động|nội vụ|tài chính|qlđt|tnmt|ktht|công thương|tiếp)|máy lẻ|hỗ trợ|đơn vị|xí nghiệp"
    r"|công ty|điện lực|cấp nước|bệnh viện|trường")
_PERSON_WORDS = _Words(
    r"\b(?:tôi|mình|em|tui|ông|bà|anh|chị|cô|chú|bác|cháu|mẹ|bố|ông/bà|anh/chị|zalo|di động|nhà riêng|số bàn"
    r"|điện thoại nhà|người (?:dân|gọi|gửi|phản ánh|liên hệ)|sđt|cá nhân|quý (?:đơn vị|cơ quan|công ty|vị|ông|bà))\b")
# In an agency's answer, "please contact / call" introduces the agency's number even after "ông/bà".
_ANSWER_CONTACT_WORDS = _Words(r"\b(?:liên hệ|liên lạc|gọi (?:số|đến|về|tới)|vui lòng gọi|số máy)\b")
_SENTENCE_END = re.compile(r"[.!?\n;]\s|\n")
_EMAIL = re.compile(
    r"(?<![\w.+\-])[a-z0-9][a-z0-9._+\-]*"
    r"(?P<at>\s*@\s*|\s*[(\[{]\s*(?:at|a|a cong|@)\s*[)\]}]\s*|\s+(?:at|a\s?cong|acong)\s+)"
    r"(?P<domain>[a-z0-9\-]+(?:(?:\.|\s*[(\[{]\s*(?:dot|cham|\.)\s*[)\]}]\s*|\s+(?:dot|cham)\s+)[a-z0-9\-]+)*)")
_DOMAIN_DOT = re.compile(r"\s*[(\[{]\s*(?:dot|cham|\.)\s*[)\]}]\s*|\s+(?:dot|cham)\s+|\.")

_DOB = re.compile(
    r"(?:sinh ngay|ngay(?:,? thang,? nam)? sinh|sinh nam|nam sinh|\bsn\b|\bns\b|\bdob\b|d\.o\.b|sinh thang"
    r"|cap ngay|ngay cap)\s*[:.\-]?\s*(?:la\s+|vao\s+)?"
    r"(\d{1,2}\s?[/.\-]\s?\d{1,2}\s?[/.\-]\s?\d{2,4}|(?:ngay\s)?\d{1,2},? thang \d{1,2},? nam \d{4}"
    r"|(?:thang \d{1,2},? )?(?:nam )?(?:19|20)\d\d)(?!\d)")
_BARE_DATE = re.compile(
    r"(?<![\w/.])(?:\d{1,2}[/.\-]\d{1,2}[/.\-]((?:19|20)\d\d)|\d{1,2} thang \d{1,2},? nam ((?:19|20)\d\d))(?![\w/])")
_LEGAL_BEFORE = re.compile(r"luat|nghi dinh|thong tu|quyet dinh|cong van|nghi quyet|chi thi|ban hanh|hieu luc"
                           r"|ky ngay|van ban|qd|nd-cp|tt-|ke hoach|du an|phe duyet")

_HOME = re.compile(
    r"\b(?:nha (?:toi|minh|em|tui|chau|con|chung toi)(?: hien)? (?:o|tai|so|la|nam o|nam tai)"
    r"|(?:toi|minh|em|tui|chung toi|gia dinh toi|gd toi|gia dinh em)(?: hien| dang| hien dang)?"
    r" (?:o|song o|song tai|cu tru tai|cu tru o|sinh song tai|sinh song o|tru tai|tru o|o tai)"
    r"|(?<!tai )(?<!o )(?<!ve )dia chi(?: nha| lien he| lien lac| thuong tru| tam tru| cu tru| nha rieng| cua toi"
    r"| cua ong| cua ba| nguoi gui)?\s*(?:la|:|-)?"
    r"|thuong tru(?: tai| o)?\s*:?|tam tru(?: tai| o)?\s*:?|noi o(?: hien nay| hien tai)?\s*:?|cho o(?: hien nay| hien tai)?\s*:?"
    r"|noi (?:cu|thuong|tam) tru\s*:?|nha rieng\s*:?|hktt\s*:?|(?:cu )?ngu (?:tai|o)|\btru (?:tai|o)"
    r"|ho khau(?: thuong tru)?(?: tai| o)?\s*:?|\bdc\s*:|d/c\s*:"
    r"|\b(?:toi|minh|tui|em)\b[^.\n]{0,40}?\bnha o)\s*")
_ADDRESS_SEGMENT_END = re.compile(r"\s*(?:[,;:()\n]|\.\s|\.$|\s[-–]\s)")
_ADDRESS_START = re.compile(
    r"(?:\d|k\d|so\b|nha so|hem|hxh|ngo|ngach|kiet|to\b|ap\b|thon|xom|khu pho|kp\b|lo\b|can ho|can\b|phong\b|chung cu"
    r"|cc\b|block|tang\b|duong\b|pho\b|khu\b|chcc)")
_ADMIN_UNIT = re.compile(r"(?:phuong|xa|quan|huyen|tp\b|thanh pho|tinh|thi xa|thi tran|p\.?\s?\d|q\.?\s?\d)")


def _sentence_start(folded: str, pos: int) -> int:
    start = max(0, pos - 70)
    last = start
    for m in _SENTENCE_END.finditer(folded, start, pos):
        last = m.end()
    return last


def _phone_is_public(doc: _Doc, start: int, digits: str, kind: str) -> bool:
    begin = _sentence_start(doc.fold, start)
    agency = max((m.end() for m in doc.search(_AGENCY_WORDS, begin, start)), default=-1)
    person = max((m.end() for m in doc.search(_PERSON_WORDS, begin, start)), default=-1)
    if kind == "answer":
        agency = max([agency] + [m.end() for m in doc.search(_ANSWER_CONTACT_WORDS, begin, start)])
    if agency > person:
        return True
    if person > agency:
        return False
    national = digits[2:] if digits.startswith("84") else digits[1:]
    return kind == "answer" and national.startswith("2")


def _is_amount(doc: _Doc, start: int, end: int, money_words: bool = True) -> bool:
    if _UNIT_AFTER.match(doc.fold, end):
        return True
    if money_words and doc.search(_MONEY_BEFORE, start - 30, start):
        return True
    value = doc.fold[start:end]
    return bool(_AMOUNT_SHAPE.fullmatch(value)) and value.endswith("000")


def _numbers(doc: _Doc, kind: str, pii: list, keep: list) -> None:
    f = doc.fold
    for m in _TRACKING_CODE.finditer(doc.norm):
        keep.append((m.start(), m.end()))
    for m in _LEGAL_REFERENCE.finditer(f):
        keep.append((m.start(), m.end()))
    for m in _SERVICE_NUMBER.finditer(f):
        keep.append((m.start(), m.end()))
    for m in _ID_CONTEXT.finditer(f):
        s, e = m.span(1)
        if not _overlaps(s, e, keep) and not _is_amount(doc, s, e, money_words=False):
            pii.append((s, e))
    for m in _PHONE.finditer(f):
        if _overlaps(m.start(), m.end(), keep) or _overlaps(m.start(), m.end(), pii):
            continue
        digits = re.sub(r"\D", "", m.group())
        labelled = _NOT_PERSONAL_NUMBER_BEFORE.search(f[max(0, m.start() - 30):m.start()]) and \
            not doc.search(_PERSON_WORDS, m.start() - 12, m.start())
        if labelled or _phone_is_public(doc, m.start(), digits, kind):
            keep.append((m.start(), m.end()))
        else:
            pii.append((m.start(), m.end()))
    for m in _PLATE.finditer(f):
        if not _overlaps(m.start(), m.end(), keep) and not _overlaps(m.start(), m.end(), pii):
            pii.append((m.start(), m.end()))
    for m in _LONG_NUMBER.finditer(f):
        s, e = m.span()
        value = m.group()
        if _overlaps(s, e, keep) or _overlaps(s, e, pii):
            continue
        if _DATE_SHAPE.fullmatch(value) or _YEAR_RANGE.fullmatch(value) or _is_amount(doc, s, e):
            continue
        if _NOT_PERSONAL_NUMBER_BEFORE.search(f[max(0, s - 30):s]):
            continue
        pii.append((s, e))


def _emails(doc: _Doc, kind: str, pii: list, keep: list) -> None:
    for m in _EMAIL.finditer(doc.fold):
        local = m.group().split(m.group("at"))[0]
        parts = [p for p in _DOMAIN_DOT.split(m.group("domain")) if p]
        if "@" not in m.group("at") and len(parts) < 2 and parts[0] not in words.FREE_MAIL:
            continue  # "… at home", not an address
        if "@" not in m.group("at") and "(" not in m.group("at") and "[" not in m.group("at") \
                and (local in _SYLLABLES or local in _HONORIFICS):
            continue
        domain = ".".join(parts)
        official = domain.endswith(("gov.vn", "edu.vn", "org.vn")) or (
            parts[0] not in words.FREE_MAIL and re.sub(r"[\d._\-]", "", local) in words.ROLE_MAILBOXES)
        (keep if official else pii).append(m.span())


_BORN = re.compile(r"(?<!ve )(?<!phat )(?<!hoc )(?<!tai )\bsinh\s*:?\s*"
                   r"(\d{1,2}[/.\-]\d{1,2}[/.\-]((?:19|20)\d\d)|((?:19|20)\d\d))(?![\d/])")


def _dates_of_birth(doc: _Doc, pii: list, keep: list) -> None:
    for m in _DOB.finditer(doc.fold):
        pii.append(m.span(1))
    adult = date.today().year - 14
    for m in _BORN.finditer(doc.fold):  # "chủ xe … sinh 1990"
        if int(m.group(2) or m.group(3)) <= adult:
            pii.append(m.span(1))
    for m in _BARE_DATE.finditer(doc.fold):
        year = int(m.group(1) or m.group(2))
        if year > adult or _overlaps(m.start(), m.end(), pii) or _overlaps(m.start(), m.end(), keep):
            continue
        if not _LEGAL_BEFORE.search(doc.fold[max(0, m.start() - 80):m.start()]):
            pii.append(m.span())


_ADDRESS_PIECE = re.compile(r"\d[\w/\-.]*|[^\W\d_]+(?:/[^\W\d_]+)?")


def _address_words_end(doc: _Doc, start: int, end: int) -> int:
    """Where the address that starts at `start` stops: at the first word that is neither a number, a
    capitalised name nor an address word ("45 Bạch Đằng nhưng …" stops before "nhưng")."""
    last = start
    for m in _ADDRESS_PIECE.finditer(doc.norm, start, end):
        piece = m.group()
        if piece[0].isdigit() or piece[0].isupper() or _key(piece) in _ADDRESS_WORDS:
            last = m.end()
        else:
            break
    return last


def _home_address(doc: _Doc, pii: list, address: str) -> None:
    f = doc.fold
    for m in _HOME.finditer(f):
        pos = m.end()
        for _ in range(4):
            if not _ADDRESS_START.match(f, pos) or _ADMIN_UNIT.match(f, pos):
                break
            end_match = _ADDRESS_SEGMENT_END.search(f, pos)
            end = end_match.start() if end_match else len(f)
            if end - pos > 70 or end <= pos:
                break
            address_end = _address_words_end(doc, pos, end)
            pii.append((pos, address_end))
            if address_end < end:
                break
            if not end_match or end_match.group().strip() not in (",", "-", "–", ""):
                break
            pos = end_match.end()
    if address:
        first = fold(unicodedata.normalize("NFC", _ZERO_WIDTH_RE.sub("", address))).split(",")[0].strip()
        if len(first) >= 6:
            pattern = r"\s+".join(re.escape(w) for w in first.split())
            for m in re.finditer(rf"(?<!\w){pattern}(?!\w)", f):
                pii.append(m.span())


# --- names ----------------------------------------------------------------------------------------------

def _adjacent(doc: _Doc, a: _Token, b: _Token, dot: bool = False) -> bool:
    gap = doc.norm[a.end:b.start]
    if dot and a.key in _ABBREVIATIONS:  # "TP. Hồ Chí Minh", "P. Bến Nghé"
        gap = gap.replace(".", " ", 1)
    return gap.isspace() and "\n" not in gap and len(gap) <= 2


def _phrase_at(doc: _Doc, i: int, index: dict[tuple[str, ...], int], longest: int) -> int:
    """Length in tokens of the longest phrase of `index` starting at token i (0 if none)."""
    toks = doc.tokens
    best = 0
    for n in range(1, longest + 1):
        if i + n > len(toks) or (n > 1 and not _adjacent(doc, toks[i + n - 2], toks[i + n - 1])):
            break
        if tuple(t.fold for t in toks[i:i + n]) in index:
            best = n
    return best


def _preceded_by_person_word(doc: _Doc, i: int) -> bool:
    """An honorific, title or "tôi là" right before token i: what follows is a person."""
    known = doc.person_before.get(i)
    if known is None:
        known = doc.person_before[i] = _person_word_before(doc, i)
    return known


def _person_word_before(doc: _Doc, i: int) -> bool:
    toks = doc.tokens
    if i == 0 or not _adjacent(doc, toks[i - 1], toks[i], dot=True):
        return False
    prev = toks[i - 1]
    if prev.key in _HONORIFICS and not (prev.cap and i >= 2 and _adjacent(doc, toks[i - 2], prev)
                                         and toks[i - 2].cap):
        # Typed without diacritics, "cau"/"cho" may be cầu/chợ: a place unless a name follows.
        return not (prev.key in _PLACE_HEADS and toks[i].fold not in _SURNAMES and i + 1 < len(toks)
                    and toks[i + 1].cap and _adjacent(doc, toks[i], toks[i + 1]))
    if prev.text.isascii() and prev.key in _PLACE_HEADS and toks[i].fold not in _SURNAMES and i + 1 < len(toks) \
            and toks[i + 1].cap and _adjacent(doc, toks[i], toks[i + 1]):
        return False
    return any(i - n >= 0 and tuple(t.key for t in toks[i - n:i]) in _PERSON_PHRASES for n in (3, 2, 1))


_HOUSE_NUMBER_BEFORE = re.compile(r"(?:^|[\s,(:])(?:so\s*)?\d+[a-z]?(?:/\d+[a-z]?)*\s+$")


def _preceded_by_place(doc: _Doc, i: int) -> bool:
    """A house number right before token i, or a place/business head ("đường", "trường THCS", "cơ sở may")
    at most three words before it, with no honorific or title between."""
    toks = doc.tokens
    if _HOUSE_NUMBER_BEFORE.search(doc.fold[max(0, toks[i].start - 14):toks[i].start]):
        return True
    if i and not toks[i - 1].cap and toks[i - 1].key in _PLACE_PREPOSITIONS and _adjacent(doc, toks[i - 1], toks[i]):
        return True
    if _preceded_by_person_word(doc, i):
        return False
    k = i - 1
    while k >= 0 and i - k <= 4 and _adjacent(doc, toks[k], toks[k + 1], dot=True):
        t = toks[k]
        if (t.key in _HONORIFICS or t.key in _FUNCTION_WORDS) and not t.cap and t.key not in _PLACE_HEADS:
            return False
        if t.key in _PLACE_HEADS and (not t.cap or t.key in _NAMELIKE_HEADS or not _is_name_syllable(t)):
            return not (t.key in _ADMIN_UNITS and k == i - 1 and _titled_unit(doc, k) and toks[i].fold in _SURNAMES
                        and _run(doc, i) >= 3)
        if k >= 1 and f"{toks[k - 1].key} {t.key}" in _PLACE_HEAD_PHRASES:
            return True
        if k >= 2 and f"{toks[k - 2].key} {toks[k - 1].key} {t.key}" in _PLACE_HEAD_PHRASES:
            return True
        if _preceded_by_person_word(doc, k):
            return False
        k -= 1
    return False


def _titled_unit(doc: _Doc, k: int) -> bool:
    """"chủ tịch xã", "công an phường", "kế toán phường": an office, so what follows is its holder."""
    toks = doc.tokens
    for n in (1, 2, 3):
        if k - n >= 0 and all(_adjacent(doc, toks[j], toks[j + 1]) for j in range(k - n, k)):
            words_before = tuple(t.key for t in toks[k - n:k])
            if words_before in _TITLES or words_before[-2:] in _OFFICES or words_before[-1:] in _OFFICES:
                return True
    return False


def _protected_places(doc: _Doc, keep: list) -> None:
    """Streets, schools, wards and businesses: a known name, or capitalised words after a place word or a
    house number, and the streets joined to those by "-", "/" or "và"."""
    toks = doc.tokens
    i = 0
    street_end: int | None = None
    while i < len(toks):
        tok = toks[i]
        n = _phrase_at(doc, i, _KNOWN, _LONGEST_KNOWN) if tok.cap and tok.fold in _KNOWN_FIRST else 0
        if n and (_preceded_by_person_word(doc, i) or (
                i and toks[i - 1].cap and _adjacent(doc, toks[i - 1], tok) and toks[i - 1].key not in _PLACE_HEADS)) \
                and not _preceded_by_place(doc, i):
            n = 0
        if n and i + n < len(toks) and toks[i + n].cap and _is_name_syllable(toks[i + n]) \
                and _adjacent(doc, toks[i + n - 1], toks[i + n]) and tok.fold in _SURNAMES \
                and not _preceded_by_place(doc, i):
            n = 0  # "Nguyễn Kim Luân" is not the shop "Nguyễn Kim"
        business = n and tuple(t.fold for t in toks[i:i + n]) in _BUSINESSES
        inside_run = i and toks[i - 1].cap and _adjacent(doc, toks[i - 1], tok) and toks[i - 1].key not in _PLACE_HEADS
        if not n and tok.cap and tok.key not in _HONORIFICS and not inside_run:
            gap = doc.fold[street_end:tok.start] if street_end is not None else "x"
            if _preceded_by_place(doc, i) or re.fullmatch(r"\s*(?:[-/]|va)\s*", gap):
                n = 1
                while i + n < len(toks) and n < 6 and toks[i + n].cap and _adjacent(doc, toks[i + n - 1], toks[i + n]):
                    n += 1
        if n:
            keep.append((tok.start, toks[i + n - 1].end))
            street_end = None if business else toks[i + n - 1].end
            i += n
        else:
            i += 1


def _run(doc: _Doc, i: int, limit: int = 4, nickname: bool = False) -> int:
    """How many capitalised name-like tokens start at token i. A capitalised kinship word counts inside a name
    ("Bảo Anh") and, with `nickname`, first ("ông Ba Tùng"), but not alone ("Kính gửi Ông (Bà)")."""
    toks = doc.tokens
    n = 0
    while i + n < len(toks) and n < limit:
        t = toks[i + n]
        if n and not _adjacent(doc, toks[i + n - 1], t):
            break
        if t.key in _HONORIFICS and (not t.cap or (n == 0 and not (
                nickname and i + 1 < len(toks) and toks[i + 1].cap and _adjacent(doc, t, toks[i + 1])))):
            break
        following = toks[i + n + 1] if i + n + 1 < len(toks) else None
        if following is not None and f"{t.key} {following.key}" in _PLACE_HEAD_PHRASES:
            break
        if t.cap and (t.fold in _SYLLABLES or (len(t.text) > 1 and t.fold not in _NOT_NAMES and not t.text.isupper())):
            n += 1
        else:
            break
    return n


def _lower_name(doc: _Doc, i: int) -> int:
    """A name typed in lower case ("nguyen van an"): 2 to 4 name syllables led by a surname."""
    toks = doc.tokens
    n = 0
    while i + n < len(toks) and n < 4 and not toks[i + n].cap and toks[i + n].fold in _SYLLABLES \
            and (n == 0 or _adjacent(doc, toks[i + n - 1], toks[i + n])):
        n += 1
    if n < 2:
        return 0
    first, second = toks[i].fold, toks[i + 1].fold
    if first in _LOWER_SURNAMES or (first in _SURNAMES and second in _LOWER_MIDDLES):
        return n
    return 0


def _names(doc: _Doc, names: list[list[str]], pii: list, keep: list) -> None:
    toks = doc.tokens
    candidates: list[tuple[int, int]] = []
    for i, tok in enumerate(toks):
        prev = toks[i - 1] if i and _adjacent(doc, toks[i - 1], tok) else None
        # 1. honorific + name: "anh Tuấn", "ông Nguyễn Văn A", "chị lan"
        if prev is not None and prev.key in _HONORIFICS and _preceded_by_person_word(doc, i):
            n = _run(doc, i, nickname=True)
            if n:
                candidates.append((i, i + n))
            elif prev.key in _STRONG_HONORIFICS and not tok.cap and tok.fold in _SYLLABLES - _SURNAMES \
                    and tok.key not in _EVERYDAY \
                    and f"{prev.fold} {tok.fold}" not in words.HONORIFIC_COMPOUNDS and len(tok.fold) > 1:
                candidates.append((i, i + 1))
            elif prev.key in _STRONG_HONORIFICS and not tok.cap and tok.fold in _SURNAMES:
                n = _lower_name(doc, i)
                if n >= 2:
                    candidates.append((i, i + n))
            continue
        # 2. title or "tôi là" + name: "cán bộ Trần Văn Bình", "tôi là Tuấn", "toi ten nguyen van an"
        if _preceded_by_person_word(doc, i):
            n = _run(doc, i) if tok.cap else _lower_name(doc, i)
            if not n and not tok.cap and tok.fold in _SYLLABLES and len(tok.fold) > 1 and i and (
                    toks[i - 1].key in _NAME_WORDS or (i + 1 < len(toks) and toks[i + 1].key in _AFTER_OWN_NAME
                                                       and i >= 2 and toks[i - 2].key in _FIRST_PERSON)):
                n = 1  # "em tên hoa", "e la hop o phuong 5"
            if n:
                candidates.append((i, i + n))
                continue
        # 3. a Vietnamese full name: surname + name syllables, capitalised
        if tok.cap and tok.fold in _SURNAMES:
            n = 1
            while i + n < len(toks) and n < 4 and toks[i + n].cap and toks[i + n].fold in _SYLLABLES \
                    and _adjacent(doc, toks[i + n - 1], toks[i + n]):
                n += 1
            if n >= 2:
                candidates.append((i, i + n))
                continue
        # 4. "Given Surname" as on social networks: "Hùng Nguyễn"
        if tok.cap and tok.fold in _SYLLABLES and i + 1 < len(toks) and toks[i + 1].cap \
                and toks[i + 1].fold in _COMMON_SURNAMES and _adjacent(doc, tok, toks[i + 1]) \
                and not (i + 2 < len(toks) and toks[i + 2].cap and _adjacent(doc, toks[i + 1], toks[i + 2])):
            candidates.append((i, i + 2))
    for a, b in candidates:
        start, end = toks[a].start, toks[b - 1].end
        if not _overlaps(start, end, keep):
            pii.append((start, end))
    # 5. the names the case gives (the reporter's): whole, in part, or the given name alone. The reporter's
    # whole name wins over a street or shop of the same name, unless a house number or "đường" says otherwise.
    for parts in names:
        for a, b in _given_names(doc, parts):
            start, end = toks[a].start, toks[b - 1].end
            whole = b - a == len(parts) >= 2
            if not _overlaps(start, end, keep) or (whole and not _preceded_by_place(doc, a)):
                pii.append((start, end))


def _whole_name(doc: _Doc, parts: tuple[str, ...]) -> list[tuple[int, int]]:
    toks = doc.tokens
    n = len(parts)
    return [(i, i + n) for i in range(len(toks) - n + 1)
            if tuple(t.fold for t in toks[i:i + n]) == parts
            and all(_adjacent(doc, toks[k], toks[k + 1]) for k in range(i, i + n - 1))]


def _given_names(doc: _Doc, parts: list[str]) -> list[tuple[int, int]]:
    toks = doc.tokens
    found = []
    forms = {tuple(parts)}
    if not all(p in _SYLLABLES for p in parts):  # an organisation's name: only as a whole
        return _whole_name(doc, tuple(parts))
    if len(parts) >= 2:
        forms |= {tuple(parts[-2:]), (parts[0], parts[-1]), (parts[-1], parts[0])}
    ordered = sorted(forms, key=len, reverse=True)
    first_words = {f[0] for f in forms}
    i = 0
    while i < len(toks):
        matched = 0
        for form in ordered if toks[i].fold in first_words else ():
            n = len(form)
            if tuple(t.fold for t in toks[i:i + n]) == form and all(
                    _adjacent(doc, toks[k], toks[k + 1]) for k in range(i, i + n - 1)):
                matched = n
                break
        if matched:
            found.append((i, i + matched))
            i += matched
            continue
        tok = toks[i]
        if tok.fold == parts[-1] and len(tok.fold) > 1 and (tok.cap or _preceded_by_person_word(doc, i)):
            before = toks[i - 1] if i and _adjacent(doc, toks[i - 1], tok) else None
            after = toks[i + 1] if i + 1 < len(toks) and _adjacent(doc, tok, toks[i + 1]) else None
            alone = not (before and before.cap and before.key not in _HONORIFICS) \
                and not (before and before.key in _DIRECTION_WORDS) \
                and not (after and after.cap) \
                and not (after and f"{tok.fold} {after.fold}" in words.GIVEN_NAME_COMPOUNDS)
            if alone:
                found.append((i, i + 1))
        i += 1
    return found


# --- putting it together ------------------------------------------------------------------------------

def _overlaps(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    return any(s < end and start < e for s, e in spans)


def _name_parts(names: Iterable[str]) -> list[list[str]]:
    out = []
    for name in names:
        if not name:
            continue
        parts = fold(unicodedata.normalize("NFC", _ZERO_WIDTH_RE.sub("", name))).split()
        parts = [re.sub(r"[^\w]", "", p) for p in parts]
        parts = [p for p in parts if p]
        if parts and len("".join(parts)) >= 3:
            out.append(parts)
    return out


def _mask_once(text: str, names: list[list[str]], kind: str, address: str) -> str:
    doc = _Doc(text)
    pii: list[tuple[int, int]] = []
    keep: list[tuple[int, int]] = []
    _emails(doc, kind, pii, keep)
    _numbers(doc, kind, pii, keep)
    _dates_of_birth(doc, pii, keep)
    _home_address(doc, pii, address)
    _protected_places(doc, keep)
    _names(doc, names, pii, keep)
    if not pii:
        return text
    merged: list[list[int]] = []
    for start, end in sorted(pii):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    out = []
    last = 0
    for start, end in merged:
        o_start, o_end = doc.original_span(start, end)
        out.append(text[last:o_start])
        out.append(MASK)
        last = o_end
    out.append(text[last:])
    return "".join(out)


_ANSWER_MARKERS = _Words(
    r"^\W*(?:trả lời|phúc đáp)\b|kính gửi:?\s*(?:ông|bà|anh|chị|ông/bà|ông \(bà\)|quý)\b|\btrân trọng\b"
    r"|(?:ubnd|ủy ban|phòng|đội|ban quản lý|trung tâm|công an)[^.\n]{0,60}\b(?:đã|sẽ) (?:kiểm tra|xử lý|tiếp nhận"
    r"|chỉ đạo|phối hợp|lập biên bản|xử phạt|trả lời|giải quyết|khắc phục)")
_FIRST_PERSON_WORDS = _Words(r"\b(?:tôi|chúng tôi|em|mình|tui)\b(?! (?:xin )?(?:trân trọng|cảm ơn|trả lời))")


def guess_kind(text: str) -> str:
    """"answer" when the text reads like an agency's reply (addresses the citizen, reports what the agency
    did, without speaking as "tôi"), else "report"."""
    doc_lower = unicodedata.normalize("NFC", _ZERO_WIDTH_RE.sub("", text)).lower()
    pattern = _ANSWER_MARKERS.folded if doc_lower.isascii() else _ANSWER_MARKERS.accented
    first = _FIRST_PERSON_WORDS.folded if doc_lower.isascii() else _FIRST_PERSON_WORDS.accented
    if pattern.search(doc_lower) and not first.search(doc_lower):
        return "answer"
    return "report"


def mask_personal_data(text: str, names: Iterable[str] = (), *, kind: str | None = None, address: str = "") -> str:
    """`names`: the people the case names (the reporter's name); `kind`: "report" for what a citizen wrote,
    "answer" for the agency's text (an answer keeps its landline numbers unless they are tied to the
    citizen), None to guess from the text; `address`: the reporter's own address, masked wherever it
    appears. Names are masked whole, never reduced to initials, so a hide-my-name case shows none."""
    if not text:
        return text
    kind = kind or guess_kind(text)
    parts = _name_parts(names)
    masked = text
    for _ in range(3):  # until nothing more is found, so that masking again changes nothing
        again = _mask_once(masked, parts, kind, address)
        if again == masked:
            break
        masked = again
    return masked
