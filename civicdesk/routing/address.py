"""Address text (as people write it) or a map point → today's ward code, offline.

The gazetteer is built once per process from the data files shipped inside the installed
`vietnamadminunits` package (`data/dataset.db`: today's units and the pre-2025 ones;
`data/converter_2025.json`: which old wards became which new ward). None of that package's
functions are called: some of them geocode over the network.

Resolution, most certain first: an old ward with its old district ("P.9, Q.3") through the
converter; a new ward name ("phường Bến Thành"); an old ward name unique in the province. An old
ward that was split goes to the converter's default new ward with a lower confidence."""

import json
import math
import re
import sqlite3
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from civicdesk.routing.normalise import fold, normalise

CONFIDENCE_OLD_WARD = 0.95
CONFIDENCE_NEW_WARD = 0.95
CONFIDENCE_NEW_WARD_BARE = 0.8
CONFIDENCE_OLD_WARD_NO_DISTRICT = 0.8
CONFIDENCE_SPLIT = 0.6
CONFIDENCE_POINT = 0.7
SPLIT_PENALTY = CONFIDENCE_OLD_WARD - CONFIDENCE_SPLIT

WARD_TYPES = ("thi tran", "phuong", "xa", "dac khu")
DISTRICT_TYPES = ("quan", "huyen", "thi xa", "thanh pho")
STREET_WORDS = ("so", "duong", "hem", "ngo", "ngach", "kiet", "kiet", "to", "ap", "khu pho", "kp", "to dan pho",
                "nha", "chung cu", "lo", "cho", "truong", "benh vien", "cau", "ngay", "gan", "doi dien", "cuoi", "dau")
PROVINCE_WORDS = {"hcm", "ho chi minh", "sai gon", "tphcm", "thanh pho ho chi minh", "viet nam", "vn", "vietnam"}

_NUMBERED = re.compile(r"\b(phuong|quan|p|q|f)\s*\.?\s*0*(\d{1,2})\b")
_SPLIT_BEFORE_TYPE = re.compile(
    r"(?<!\bxa)(?<!\bphuong)(?<!\btran)(?<!\bquan)(?<!\bhuyen)(?<!\bpho)"
    r"\s+(?=(?:phuong|xa|thi tran|quan|huyen|thi xa|thanh pho|dac khu)\s)"
)
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
    # district id → the ways people name it ("quan3", "q3", "govap", "thuduc", "quan9")
    district_names: dict[str, set[str]] = field(default_factory=dict)
    districts_by_name: dict[str, set[str]] = field(default_factory=dict)
    # (district id, old ward name) → [(new ward code, is default)]
    legacy: dict[tuple[str, str], list[tuple[str, bool]]] = field(default_factory=dict)
    legacy_by_name: dict[str, set[str]] = field(default_factory=dict)


def package_data_dir() -> Path:
    import importlib.util

    spec = importlib.util.find_spec("vietnamadminunits")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("the vietnamadminunits package is not installed")
    return Path(next(iter(spec.submodule_search_locations))) / "data"


@lru_cache(maxsize=8)
def gazetteer(province_code: str = "79") -> Gazetteer:
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
        for keyword in json.loads(district_keywords or "[]"):
            if not keyword.startswith("district"):
                names.add(squash(keyword))
        targets = new_of_old.get(f"{pkey}_{dkey}_{wkey}")
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


def _segments(address: str) -> list[str]:
    text = fold(normalise(address))
    text = _NUMBERED.sub(lambda m: f"{'phuong' if m[1] in ('phuong', 'p', 'f') else 'quan'} {m[2]}", text)
    text = text.replace(".", " ")
    parts = []
    for chunk in _SEGMENTS.split(text):
        parts += [p.strip() for p in _SPLIT_BEFORE_TYPE.split(chunk) if p.strip()]
    return parts


def _pick(targets: list[tuple[str, bool]]) -> tuple[str, bool]:
    """The default new ward of an old ward, and whether the old ward was split."""
    default = next((code for code, is_default in targets if is_default), targets[0][0])
    return default, len({code for code, _ in targets}) > 1


def resolve(address: str, province_code: str = "79") -> WardMatch:
    """Today's ward for an address, with a confidence; WardMatch(None, 0) when unsure."""
    if not address or not address.strip():
        return WardMatch(None, 0.0, "empty")
    gaz = gazetteer(province_code)
    ward_mentions: list[tuple[str, bool]] = []  # (squashed name, typed as a ward)
    districts: set[str] = set()
    bare: list[str] = []
    for segment in _segments(address):
        if segment in PROVINCE_WORDS:
            continue
        unit_type, _sep, rest = segment.partition(" ")
        two_words = " ".join(segment.split()[:2])
        if two_words in ("thi tran", "thi xa", "thanh pho", "dac khu"):
            unit_type, rest = two_words, segment[len(two_words) + 1:]
        name = squash(rest)
        if unit_type in WARD_TYPES and name:
            ward_mentions.append((name, True))
        elif unit_type in DISTRICT_TYPES and name:
            if unit_type == "thanh pho" and rest in PROVINCE_WORDS:
                continue
            found = gaz.districts_by_name.get(squash(segment)) or gaz.districts_by_name.get(name)
            if found:
                districts |= found
        elif segment.split()[0] not in STREET_WORDS and not segment[0].isdigit():
            bare.append(squash(segment))
    district_at = None
    if not districts:
        # "…, Hiệp Thành, Quận 12" has a typed district; "…, Phước Lộc, Nhà Bè" names it bare,
        # after the ward. A lone bare name that is also a new ward ("Gò Vấp") is taken as the ward.
        for at in range(len(bare) - 1, -1, -1):
            name = bare[at]
            if name in gaz.districts_by_name and (ward_mentions or len(bare) > 1 or name not in gaz.new_by_name):
                districts |= gaz.districts_by_name[name]
                district_at = at
                break
    if not ward_mentions:
        ward_mentions = [(name, False) for at, name in enumerate(bare) if at != district_at]
    for name, typed in reversed(ward_mentions):
        match = _resolve_ward(gaz, name, typed, districts)
        if match.code:
            return match
    return WardMatch(None, 0.0, "no ward found")


def _resolve_ward(gaz: Gazetteer, name: str, typed: bool, districts: set[str]) -> WardMatch:
    if districts:
        hits = [gaz.legacy[(d, name)] for d in districts if (d, name) in gaz.legacy]
        if len(hits) == 1:
            code, split = _pick(hits[0])
            confidence = CONFIDENCE_SPLIT if split else CONFIDENCE_OLD_WARD
            return WardMatch(code, confidence, "old ward, old district", [c for c, _ in hits[0]])
    new_codes = gaz.new_by_name.get(name, [])
    if len(new_codes) == 1:
        confidence = CONFIDENCE_NEW_WARD if typed else CONFIDENCE_NEW_WARD_BARE
        return WardMatch(new_codes[0], confidence, "new ward name", new_codes)
    old_districts = gaz.legacy_by_name.get(name, set())
    if len(old_districts) == 1 and not name.isdigit():
        targets = gaz.legacy[(next(iter(old_districts)), name)]
        code, split = _pick(targets)
        confidence = CONFIDENCE_OLD_WARD_NO_DISTRICT - (SPLIT_PENALTY if split else 0.0)
        return WardMatch(code, confidence, "old ward name", [c for c, _ in targets])
    return WardMatch(None, 0.0, "ambiguous ward", new_codes)


def nearest_ward(lat: float, lon: float, province_code: str = "79") -> WardMatch:
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
