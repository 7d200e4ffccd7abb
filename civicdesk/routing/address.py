"""Address text (as people write it) or a map point → today's ward code, offline.

The gazetteer is built once per process from the data files shipped inside the installed
`vietnamadminunits` package (`data/dataset.db`: today's units and the pre-2025 ones;
`data/converter_2025.json`: which old wards became which new ward). None of that package's
functions are called: some of them geocode over the network.

Resolution, most certain first: an old ward with its old district ("P.9, Q.3", "F16Q4", "P.Hiệp
Thành, TP.TDM") through the converter — the old district in the text wins over a new ward of the
same name elsewhere; a new ward name ("phường Bến Thành"); an old ward name unique in the province;
an old district all of whose wards became one ward ("huyện Côn Đảo"). An old ward that was split
goes to the converter's default new ward with a lower confidence. Two new wards whose names differ
only by diacritics ("Thanh An" / "Thạnh An") are told apart by the diacritics when the text has
any, else by the old district; otherwise the answer is "unsure"."""

import json
import math
import re
import sqlite3
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from django.conf import settings

from civicdesk.routing.normalise import SHORTHAND, canonical_tones, fold, nfc, normalise

CONFIDENCE_OLD_WARD = 0.95
CONFIDENCE_NEW_WARD = 0.95
CONFIDENCE_NEW_WARD_BARE = 0.8
CONFIDENCE_OLD_WARD_NO_DISTRICT = 0.8
CONFIDENCE_SPLIT = 0.6
CONFIDENCE_POINT = 0.7
CONFIDENCE_DISTRICT_ONLY = 0.8
SPLIT_PENALTY = CONFIDENCE_OLD_WARD - CONFIDENCE_SPLIT

WARD_TYPES = ("thi tran", "phuong", "xa", "dac khu")
DISTRICT_TYPES = ("quan", "huyen", "thi xa", "thanh pho")
STREET_WORDS = ("so", "duong", "hem", "ngo", "ngach", "kiet", "kiet", "to", "ap", "khu pho", "kp", "to dan pho",
                "nha", "chung cu", "lo", "cho", "truong", "benh vien", "cau", "ngay", "gan", "doi dien", "cuoi", "dau")
# Names of today's province (79 absorbed Bình Dương and Bà Rịa–Vũng Tàu) as a bare segment: not a
# ward even where a new ward has the same name ("Phường Bình Dương" is typed with its type).
PROVINCE_WORDS = {"hcm", "ho chi minh", "sai gon", "tphcm", "thanh pho ho chi minh", "viet nam", "vn", "vietnam",
                  "tp hcm", "thanh pho hcm", "binh duong", "tinh binh duong", "bd", "tinh bd",
                  "ba ria vung tau", "tinh ba ria vung tau", "brvt", "br vt"}
# Abbreviated unit types at the start of a segment ("tx thuan an", "tt cu chi", "ph 14").
TYPE_ABBREVIATIONS = {"tx": "thi xa", "tt": "thi tran", "tp": "thanh pho", "h": "huyen", "x": "xa",
                      "p": "phuong", "ph": "phuong", "f": "phuong", "q": "quan"}
# Initials that are also unit types or common words are never a district's ("Tân Phú" → tp).
_NOT_INITIALS = {"tt", "tx", "tp", "kp", "ph", "hc", "vn", "dc", "sg"}

# "P.9", "ph.14", "F16Q4", "P14-Q6", "Q 11": a numbered ward or district, which ends its segment.
_NUMBERED = re.compile(r"(?<![a-z0-9])(phuong|ph|quan|p|q|f)\s*\.?\s*0*(\d{1,2})(?![0-9])")
_SPLIT_BEFORE_TYPE = re.compile(
    r"(?<!\bxa)(?<!\bphuong)(?<!\btran)(?<!\bquan)(?<!\bhuyen)(?<!\bpho)(?<!\bthi)(?<!\bdac)"
    r"\s+(?=(?:phuong|xa|thi tran|quan|huyen|thi xa|thanh pho|dac khu)\s)"
)
_PROVINCE_PHRASE = re.compile(r"\b(?:tinh\s+)?(?:ba ria\s*[-–]?\s*vung tau|br\s*[-–]\s*vt)\b")
_SEGMENTS = re.compile(r"\s*(?:[,;/()]|\s-\s|\s–\s)\s*")


def squash(name: str) -> str:
    """Comparable form of a place name: folded, no spaces, numbers without leading zeros."""
    folded = fold(name)
    folded = re.sub(r"\b0+(\d)", r"\1", folded)
    return re.sub(r"[^a-z0-9]", "", folded)


def _strip_type(name: str, types: tuple[str, ...]) -> tuple[str, str]:
    folded = fold(name).strip()
    for unit_type in types:
        if folded.startswith(unit_type + " "):
            return unit_type, folded[len(unit_type) + 1:]
    return "", folded


@dataclass
class NewWard:
    code: str
    name: str
    lat: float | None
    lon: float | None


@dataclass
class Gazetteer:
    province_code: str
    wards: dict[str, NewWard] = field(default_factory=dict)
    new_by_name: dict[str, list[str]] = field(default_factory=dict)
    # new ward code → its short name in lower case with diacritics ("thạnh an")
    accented: dict[str, str] = field(default_factory=dict)
    # district id → the ways people name it ("quan3", "q3", "govap", "thuduc", "quan9")
    district_names: dict[str, set[str]] = field(default_factory=dict)
    districts_by_name: dict[str, set[str]] = field(default_factory=dict)
    # (district id, old ward name) → [(new ward code, is default)]
    legacy: dict[tuple[str, str], list[tuple[str, bool]]] = field(default_factory=dict)
    legacy_by_name: dict[str, set[str]] = field(default_factory=dict)
    # old district id → every new ward its old wards (or the district itself, "huyện Côn Đảo") went to
    new_of_district: dict[str, set[str]] = field(default_factory=dict)
    # district initials that the message shorthand would expand ("GV" is "giáo viên" in a message,
    # Gò Vấp in an address) → the district's name, written out before the shorthand runs
    initials_to_name: dict[str, str] = field(default_factory=dict)


def package_data_dir() -> Path:
    import importlib.util

    spec = importlib.util.find_spec("vietnamadminunits")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("the vietnamadminunits package is not installed")
    return Path(next(iter(spec.submodule_search_locations))) / "data"


@lru_cache(maxsize=8)
def gazetteer(province_code: str | None = None) -> Gazetteer:
    """The wards of a province (default: the city this installation serves, ROUTING_PROVINCE_CODE)."""
    province_code = province_code or settings.ROUTING_PROVINCE_CODE
    data = package_data_dir()
    db = sqlite3.connect(f"file:{data / 'dataset.db'}?mode=ro", uri=True)
    try:
        return _build(db, json.loads((data / "converter_2025.json").read_text(encoding="utf-8")), province_code)
    finally:
        db.close()


def _build(db: sqlite3.Connection, converter: dict, province_code: str) -> Gazetteer:
    gaz = Gazetteer(province_code=province_code)
    rows = db.execute(
        "SELECT wardCode, ward, wardShort, wardKey, wardLat, wardLon, provinceKey FROM admin_units "
        "WHERE provinceCode = ?", (province_code,),
    ).fetchall()
    if not rows:
        raise ValueError(f"no province with code {province_code!r}")
    province_key = rows[0][6]
    code_by_key = {}
    for code, name, short, key, lat, lon, _pk in rows:
        gaz.wards[code] = NewWard(code, name, lat, lon)
        code_by_key[key] = code
        gaz.new_by_name.setdefault(squash(short), []).append(code)
        gaz.accented[code] = _accented(short)

    old_provinces = converter["DICT_PROVINCE"].get(province_key, [province_key])
    merged = converter["DICT_PROVINCE_WARD_NO_DIVIDED"].get(province_key, {})
    new_of_old: dict[str, list[tuple[str, bool]]] = {}
    for new_key, old_keys in merged.items():
        for old_key in old_keys:
            if new_key in code_by_key:
                new_of_old[old_key] = [(code_by_key[new_key], True)]
    for old_key, targets in converter["DICT_PROVINCE_WARD_DIVIDED"].get(province_key, {}).items():
        new_of_old[old_key] = [
            (code_by_key[t["newWardKey"]], bool(t["isDefaultNewWard"])) for t in targets if t["newWardKey"] in code_by_key
        ]

    placeholders = ",".join("?" * len(old_provinces))
    legacy_rows = db.execute(
        f"SELECT provinceKey, districtKey, wardKey, district, districtShort, districtKeywords, ward, wardShort, "
        f"wardKeywords FROM admin_units_legacy WHERE provinceKey IN ({placeholders})", old_provinces,
    ).fetchall()
    for pkey, dkey, wkey, district, district_short, district_keywords, _ward, ward_short, ward_keywords in legacy_rows:
        district_id = f"{pkey}_{dkey}"
        names = gaz.district_names.setdefault(district_id, set())
        names |= {squash(district), squash(district_short)}
        # "TDM", "Q.BT", "TP.VT", "TX.TA": initials of the name's syllables, bare or after "tp"/"tx"
        initials = "".join(word[0] for word in fold(district_short).split() if word)
        if len(fold(district_short).split()) >= 2 and initials not in _NOT_INITIALS:
            names |= {initials, "tp" + initials, "tx" + initials}
            if initials in SHORTHAND:
                gaz.initials_to_name[initials] = district_short
        for keyword in json.loads(district_keywords or "[]"):
            if not keyword.startswith("district"):
                names.add(squash(keyword))
        targets = new_of_old.get(f"{pkey}_{dkey}_{wkey or ''}")
        if targets:
            gaz.new_of_district.setdefault(district_id, set()).update(code for code, _ in targets)
        if not targets or not ward_short:
            continue
        ward_names = {squash(ward_short)} | {_ward_keyword_name(k) for k in json.loads(ward_keywords or "[]")}
        ward_names.discard("")
        for ward_name in ward_names:
            gaz.legacy.setdefault((district_id, ward_name), targets)
            gaz.legacy_by_name.setdefault(ward_name, set()).add(district_id)
    for district_id, names in gaz.district_names.items():
        for name in names:
            gaz.districts_by_name.setdefault(name, set()).add(district_id)
    return gaz


def _accented(name: str) -> str:
    return " ".join(canonical_tones(nfc(name)).lower().split())


def _ward_keyword_name(keyword: str) -> str:
    """"phuong14"/"p14"/"f14" → "14", "phuongphucxa" → "phucxa", "phucsa" → "phucsa"."""
    keyword = squash(keyword)
    for prefix in ("phuong", "thitran", "ward", "xa", "p", "f"):
        rest = keyword[len(prefix):]
        if keyword.startswith(prefix) and rest.isdigit():
            return str(int(rest))
    for prefix in ("phuong", "thitran"):
        if keyword.startswith(prefix) and len(keyword) > len(prefix):
            return keyword[len(prefix):]
    if keyword.startswith(("ward", "xa")):
        return ""  # "xa…" may be a name ("xuan…" is not, but "xaan…" is): the short name covers it
    return keyword


@dataclass
class WardMatch:
    code: str | None
    confidence: float
    how: str = ""
    candidates: list[str] = field(default_factory=list)


@lru_cache(maxsize=8)
def _initials_pattern(initials: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(rf"(?<!\w)({'|'.join(initials)})(?!\w)", re.IGNORECASE)


def _normalised(gaz: Gazetteer, address: str) -> str:
    if gaz.initials_to_name:
        address = _initials_pattern(tuple(gaz.initials_to_name)).sub(
            lambda m: gaz.initials_to_name[m[1].lower()], address)
    return normalise(address)


def _segments(normalised: str) -> list[str]:
    text = fold(normalised)
    text = _PROVINCE_PHRASE.sub(",", text)
    text = _NUMBERED.sub(lambda m: f", {'quan' if m[1] in ('quan', 'q') else 'phuong'} {m[2]} ,", text)
    text = text.replace(".", " ")
    parts = []
    for chunk in _SEGMENTS.split(text):
        words = chunk.split()
        if len(words) > 1 and words[0] in TYPE_ABBREVIATIONS:
            chunk = " ".join([TYPE_ABBREVIATIONS[words[0]], *words[1:]])
        parts += [p.strip() for p in _SPLIT_BEFORE_TYPE.split(chunk) if p.strip()]
    return parts


def _pick(targets: list[tuple[str, bool]]) -> tuple[str, bool]:
    """The default new ward of an old ward, and whether the old ward was split."""
    default = next((code for code, is_default in targets if is_default), targets[0][0])
    return default, len({code for code, _ in targets}) > 1


def _is_ward_name(gaz: Gazetteer, name: str) -> bool:
    return name in gaz.new_by_name or name in gaz.legacy_by_name


def _split_name(gaz: Gazetteer, words: list[str]) -> tuple[str, str]:
    """"binh hung binh chanh" → ("binhhung", "binhchanh"): a ward name run into the district's
    (or the province's) without a comma. ("", "") when no such cut exists."""
    for cut in range(len(words) - 1, 0, -1):
        head, tail = squash(" ".join(words[:cut])), " ".join(words[cut:])
        if _is_ward_name(gaz, head) and (squash(tail) in gaz.districts_by_name or tail in PROVINCE_WORDS):
            return head, squash(tail) if tail not in PROVINCE_WORDS else ""
    return "", ""


@dataclass
class _Mention:
    name: str  # squashed
    typed: str = ""  # the unit type written before it ("phuong", "thi tran"), "" when bare
    landmark: bool = False  # "chợ Xóm Củi": a ward's name only if the old district has one so named


def _read(gaz: Gazetteer, normalised: str) -> tuple[list[_Mention], set[str], list[str]]:
    """The ward mentions, the old districts typed with their type, and the bare names, in order."""
    wards: list[_Mention] = []
    districts: set[str] = set()
    bare: list[str] = []
    for segment in _segments(normalised):
        if segment in PROVINCE_WORDS:
            continue
        unit_type, _sep, rest = segment.partition(" ")
        two_words = " ".join(segment.split()[:2])
        if two_words in ("thi tran", "thi xa", "thanh pho", "dac khu"):
            unit_type, rest = two_words, segment[len(two_words) + 1:]
        name = squash(rest)
        if unit_type in WARD_TYPES and name:
            if not _is_ward_name(gaz, name):
                head, tail = _split_name(gaz, rest.split())
                if head:
                    name = head
                    if tail:
                        districts |= gaz.districts_by_name[tail]
            wards.append(_Mention(name, unit_type))
        elif unit_type in DISTRICT_TYPES and name:
            if unit_type == "thanh pho" and rest in PROVINCE_WORDS:
                continue
            found = gaz.districts_by_name.get(squash(segment)) or gaz.districts_by_name.get(name)
            if found:
                districts |= found
        elif unit_type == "cho" and name:
            wards.append(_Mention(name, landmark=True))
        elif segment.split()[0] not in STREET_WORDS and not segment[0].isdigit():
            name = squash(segment)
            if name not in gaz.districts_by_name and not _is_ward_name(gaz, name):
                head, tail = _split_name(gaz, segment.split())
                if head:
                    bare.append(head)
                    name = tail
            if name:
                bare.append(name)
    return wards, districts, bare


def resolve(address: str, province_code: str | None = None) -> WardMatch:
    """Today's ward for an address, with a confidence; WardMatch(None, 0) when unsure."""
    if not address or not address.strip():
        return WardMatch(None, 0.0, "empty")
    gaz = gazetteer(province_code)
    normalised = _normalised(gaz, address)
    mentions, districts, bare = _read(gaz, normalised)
    typed = [m for m in mentions if not m.landmark]
    district_at = None
    if not districts:
        # "…, Hiệp Thành, Quận 12" has a typed district; "…, Phước Lộc, Nhà Bè" names it bare,
        # after the ward. A lone bare name that is also a new ward ("Gò Vấp") is taken as the ward.
        for at in range(len(bare) - 1, -1, -1):
            name = bare[at]
            if name in gaz.districts_by_name and (typed or len(bare) > 1 or not _is_ward_name(gaz, name)):
                districts |= gaz.districts_by_name[name]
                district_at = at
                break
    if not typed:
        mentions += [_Mention(name) for at, name in enumerate(bare) if at != district_at]
    text = " ".join(normalised.split())
    for mention in reversed(mentions):
        match = _resolve_ward(gaz, mention, districts, text)
        if match.code:
            return match
    if districts:
        targets = set().union(*(gaz.new_of_district.get(d, set()) for d in districts))
        if len(targets) == 1:
            code = next(iter(targets))
            return WardMatch(code, CONFIDENCE_DISTRICT_ONLY, "old district that became one ward", [code])
    return WardMatch(None, 0.0, "no ward found")


def _by_diacritics(gaz: Gazetteer, codes: list[str], text: str) -> list[str]:
    """Of new wards whose names differ only by diacritics, the one written, when the text has any."""
    if len(codes) < 2 or fold(text) == text:
        return codes
    written = [code for code in codes if re.search(rf"(?<!\w){re.escape(gaz.accented[code])}(?!\w)", text)]
    return written or codes


def _resolve_ward(gaz: Gazetteer, mention: _Mention, districts: set[str], text: str) -> WardMatch:
    name, typed = mention.name, bool(mention.typed)
    if districts:
        hits = [gaz.legacy[(d, name)] for d in districts if (d, name) in gaz.legacy]
        if len({_pick(hit)[0] for hit in hits}) == 1:
            code, split = _pick(hits[0])
            confidence = CONFIDENCE_SPLIT if split else CONFIDENCE_OLD_WARD
            return WardMatch(code, confidence, "old ward, old district", [c for c, _ in hits[0]])
    if mention.landmark:
        return WardMatch(None, 0.0, "landmark")
    old_districts = gaz.legacy_by_name.get(name, set())
    new_codes = gaz.new_by_name.get(name, [])
    if districts and len(new_codes) > 1:
        # "xa Thanh An, Can Gio": the new ward the old district's wards went to
        reachable = set().union(*(gaz.new_of_district.get(d, set()) for d in districts))
        new_codes = [code for code in new_codes if code in reachable] or new_codes
    new_codes = _by_diacritics(gaz, new_codes, text)
    if mention.typed == "thi tran" and len(old_districts) == 1:
        # No "thị trấn" exists since July 2025: "TT Củ Chi" is the old town, not today's Xã Củ Chi.
        new_codes = []
    if len(new_codes) == 1:
        confidence = CONFIDENCE_NEW_WARD if typed else CONFIDENCE_NEW_WARD_BARE
        return WardMatch(new_codes[0], confidence, "new ward name", new_codes)
    if len(old_districts) == 1 and not name.isdigit():
        targets = gaz.legacy[(next(iter(old_districts)), name)]
        code, split = _pick(targets)
        confidence = CONFIDENCE_OLD_WARD_NO_DISTRICT - (SPLIT_PENALTY if split else 0.0)
        return WardMatch(code, confidence, "old ward name", [c for c, _ in targets])
    return WardMatch(None, 0.0, "ambiguous ward", new_codes)


def nearest_ward(lat: float, lon: float, province_code: str | None = None) -> WardMatch:
    """The ward whose centre is nearest to a map point (the package has centres, not outlines)."""
    gaz = gazetteer(province_code)
    best, best_km = None, math.inf
    for ward in gaz.wards.values():
        if ward.lat is None or ward.lon is None:
            continue
        km = distance_km(lat, lon, ward.lat, ward.lon)
        if km < best_km:
            best, best_km = ward.code, km
    if best is None or best_km > 30:
        return WardMatch(None, 0.0, "point outside the province")
    return WardMatch(best, CONFIDENCE_POINT, f"nearest ward centre, {best_km:.1f} km")


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(h))
