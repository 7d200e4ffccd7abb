"""Generate address test sets for `civicdesk eval-address` from the legacy data shipped in the
installed `vietnamadminunits` package: every old ward of the province, written the ways people
write it (full names, "P.9, Q.3", no diacritics, bare names, with or without the city), labelled
with today's ward code from the package's converter; and every new ward by its new name.

    .venv/bin/python bench/routing/make_address_set.py --province 79 --out bench/routing

writes addresses_79_single.csv (old wards that became one new ward, and new names) and
addresses_79_split.csv (old wards split between new wards, labelled with the default one)."""

import argparse
import csv
import json
import random
import re
import sqlite3
import unicodedata
from importlib.util import find_spec
from pathlib import Path

STREETS = ["Lê Lợi", "Nguyễn Trãi", "Hai Bà Trưng", "Trần Hưng Đạo", "Lý Thường Kiệt", "Điện Biên Phủ",
           "Cách Mạng Tháng Tám", "Võ Văn Kiệt", "Nguyễn Văn Linh", "Phạm Văn Đồng", "Lê Văn Sỹ", "Quang Trung",
           "Lê Đức Thọ", "Tô Ký", "Huỳnh Tấn Phát", "Kinh Dương Vương", "Âu Cơ", "Nguyễn Oanh", "số 7", "số 12"]
WARD_ABBR = {"Phường": "P.", "Xã": "X.", "Thị trấn": "TT."}
DISTRICT_ABBR = {"Quận": "Q.", "Huyện": "H.", "Thành phố": "TP", "Thị xã": "TX"}
CITY_SUFFIX = ["", ", TP.HCM", ", TP Hồ Chí Minh", ", Sài Gòn"]


def fold(text: str) -> str:
    text = unicodedata.normalize("NFD", text)
    return "".join(c for c in text if not unicodedata.combining(c)).replace("đ", "d").replace("Đ", "D")


def house(rng: random.Random) -> str:
    return rng.choice([f"{rng.randint(1, 400)}", f"{rng.randint(1, 200)}/{rng.randint(1, 40)}",
                       f"hẻm {rng.randint(1, 300)}", f"số {rng.randint(1, 900)}"])


def old_forms(rng, ward_type, ward_short, district_type, district_short):
    street = f"{house(rng)} {rng.choice(STREETS)}"
    numbered = ward_short.isdigit()
    w_abbr = WARD_ABBR.get(ward_type, "")
    d_abbr = DISTRICT_ABBR.get(district_type, "")
    forms = [
        f"{street}, {ward_type} {ward_short}, {district_type} {district_short}{rng.choice(CITY_SUFFIX)}",
        f"{street}, {w_abbr}{ward_short}, {d_abbr}{'' if d_abbr.endswith('.') else ' '}{district_short}",
        fold(f"{street}, {ward_type} {ward_short}, {district_type} {district_short}").lower(),
    ]
    if numbered and district_short.isdigit():
        forms.append(fold(f"{street} p{ward_short} q{district_short}").lower())
    elif not numbered:
        forms.append(f"{street}, {ward_short}, {district_short}")
    else:
        forms.append(fold(f"{street}, phuong {ward_short}, {district_short}").lower())
    return forms


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--province", default="79")
    parser.add_argument("--out", default="bench/routing")
    args = parser.parse_args()
    data = Path(next(iter(find_spec("vietnamadminunits").submodule_search_locations))) / "data"
    db = sqlite3.connect(f"file:{data / 'dataset.db'}?mode=ro", uri=True)
    converter = json.loads((data / "converter_2025.json").read_text(encoding="utf-8"))
    new_rows = db.execute("SELECT wardCode, ward, wardShort, wardType, wardKey, provinceKey FROM admin_units "
                          "WHERE provinceCode = ?", (args.province,)).fetchall()
    province_key = new_rows[0][5]
    code_by_key = {r[4]: r[0] for r in new_rows}
    single = {old: code_by_key[new] for new, olds in converter["DICT_PROVINCE_WARD_NO_DIVIDED"][province_key].items()
              for old in olds if new in code_by_key}
    split = {old: next(code_by_key[t["newWardKey"]] for t in targets if t["isDefaultNewWard"])
             for old, targets in converter["DICT_PROVINCE_WARD_DIVIDED"].get(province_key, {}).items()}
    old_provinces = converter["DICT_PROVINCE"][province_key]
    rng = random.Random(79)
    out_single, out_split = [], []
    marks = ",".join("?" * len(old_provinces))
    for pkey, dkey, wkey, dtype, dshort, wtype, wshort in db.execute(
        f"SELECT provinceKey, districtKey, wardKey, districtType, districtShort, wardType, wardShort "
        f"FROM admin_units_legacy WHERE provinceKey IN ({marks})", old_provinces,
    ):
        key = f"{pkey}_{dkey}_{wkey}"
        if not wshort or not wtype:
            continue
        target, bucket = (single[key], out_single) if key in single else (split.get(key), out_split)
        if target is None:
            continue
        for form in old_forms(rng, wtype, re.sub(r"^0+(\d)", r"\1", wshort), dtype, dshort):
            bucket.append((form, target, "old ward"))
    for code, name, short, wtype, _key, _pk in new_rows:
        street = f"{house(rng)} {rng.choice(STREETS)}"
        out_single += [
            (f"{street}, {name}{rng.choice(CITY_SUFFIX)}", code, "new ward"),
            (fold(f"{street}, {name}").lower(), code, "new ward"),
            (f"{street}, {WARD_ABBR.get(wtype, '')} {short}", code, "new ward"),
        ]
    for suffix, rows in (("single", out_single), ("split", out_split)):
        path = Path(args.out) / f"addresses_{args.province}_{suffix}.csv"
        with open(path, "w", newline="", encoding="utf-8") as fh:
            writer = csv.writer(fh)
            writer.writerow(["address", "ward_code", "kind"])
            writer.writerows(rows)
        print(f"{path}: {len(rows)} addresses")


if __name__ == "__main__":
    main()
