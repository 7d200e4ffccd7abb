"""Loading Vietnam's administrative units from the installed `vietnamadminunits` package.

Two structures are kept: today's two levels (34 provinces → 3,321 wards, communes and special
zones since 1 July 2025) and the three levels before the reform (63 provinces → districts →
wards) with the mapping from each old ward to the new ward(s) it became part of. Only the
package's data files are read (its sqlite dataset and converter table): its converter functions
may geocode over the network and are never called.

Loading is an upsert keyed by the official codes, so running it again updates names and
coordinates without creating duplicates or changing primary keys that cases point to."""

import json
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction

from civicdesk.organisation.models import AdminUnit, LegacyAdminUnit, LegacyWardMapping

BATCH = 500


def dataset_dir() -> Path:
    import vietnamadminunits

    return Path(vietnamadminunits.__file__).resolve().parent / "data"


@dataclass
class LoadResult:
    provinces: int = 0
    wards: int = 0
    legacy_provinces: int = 0
    legacy_districts: int = 0
    legacy_wards: int = 0
    mappings: int = 0


def _rows(sql: str, params: Iterable = ()) -> list[sqlite3.Row]:
    connection = sqlite3.connect(f"file:{dataset_dir() / 'dataset.db'}?mode=ro", uri=True)
    connection.row_factory = sqlite3.Row
    try:
        return connection.execute(sql, tuple(params)).fetchall()
    finally:
        connection.close()


def _placeholders(values: list) -> str:
    return ",".join("?" for _ in values)


def _unit_type(name: str, short_name: str) -> str:
    return name[: -len(short_name)].strip() if short_name and name.endswith(short_name) else ""


def available_provinces() -> list[tuple[str, str]]:
    return [(r["provinceCode"], r["province"]) for r in _rows(
        "SELECT DISTINCT provinceCode, province FROM admin_units ORDER BY provinceCode")]


def load(province_codes: list[str] | None = None) -> LoadResult:
    """Upsert the units of the given provinces (today's 2-digit codes; all when empty), the old
    units of the provinces that merged into them, and the old→new ward mapping."""
    result = LoadResult()
    current = _current_rows(province_codes)
    if not current:
        return result
    converter = json.loads((dataset_dir() / "converter_2025.json").read_text(encoding="utf-8"))
    new_province_keys = sorted({row["provinceKey"] for row in current})
    old_province_keys = sorted({old for key in new_province_keys for old in converter["DICT_PROVINCE"].get(key, [])})
    legacy = _rows(
        f"SELECT * FROM admin_units_legacy WHERE provinceKey IN ({_placeholders(old_province_keys)})",
        old_province_keys,
    ) if old_province_keys else []
    with transaction.atomic():
        wards_by_key = _load_current(current, result)
        legacy_by_key = _load_legacy(legacy, result)
        _load_mapping(converter, new_province_keys, wards_by_key, legacy_by_key, result)
    return result


def _current_rows(province_codes: list[str] | None) -> list[sqlite3.Row]:
    if province_codes:
        codes = [code.zfill(2) for code in province_codes]
        return _rows(f"SELECT * FROM admin_units WHERE provinceCode IN ({_placeholders(codes)})", codes)
    return _rows("SELECT * FROM admin_units")


def _upsert(model, objects: list, unique_fields: list[str], update_fields: list[str]) -> None:
    for start in range(0, len(objects), BATCH):
        model.objects.bulk_create(
            objects[start : start + BATCH], update_conflicts=True,
            unique_fields=unique_fields, update_fields=update_fields,
        )


def _load_current(rows: list[sqlite3.Row], result: LoadResult) -> dict[tuple[str, str], int]:
    fields = ["name", "short_name", "unit_type", "level", "parent", "key", "short_key", "lat", "lon", "area_km2"]
    provinces: dict[str, AdminUnit] = {}
    for row in rows:
        code = row["provinceCode"]
        if code not in provinces:
            provinces[code] = AdminUnit(
                code=code, name=row["province"], short_name=row["provinceShort"],
                unit_type=_unit_type(row["province"], row["provinceShort"]), level=AdminUnit.Level.PROVINCE,
                parent=None, key=row["provinceKey"], short_key=row["provinceShortKey"],
                lat=row["provinceLat"], lon=row["provinceLon"], area_km2=None,
            )
    _upsert(AdminUnit, list(provinces.values()), ["code"], fields)
    province_ids = dict(AdminUnit.objects.filter(code__in=provinces).values_list("code", "id"))
    wards = [
        AdminUnit(
            code=row["wardCode"], name=row["ward"], short_name=row["wardShort"], unit_type=row["wardType"] or "",
            level=AdminUnit.Level.WARD, parent_id=province_ids[row["provinceCode"]], key=row["wardKey"],
            short_key=row["wardShortKey"], lat=row["wardLat"], lon=row["wardLon"], area_km2=row["wardAreaKm2"],
        )
        for row in rows
    ]
    _upsert(AdminUnit, wards, ["code"], fields)
    result.provinces, result.wards = len(provinces), len(wards)
    ids = dict(AdminUnit.objects.filter(level=AdminUnit.Level.WARD, parent__code__in=provinces)
               .values_list("code", "id"))
    return {(row["provinceKey"], row["wardKey"]): ids[row["wardCode"]] for row in rows}


def _load_legacy(rows: list[sqlite3.Row], result: LoadResult) -> dict[str, int]:
    """Upsert old provinces, districts and wards; returns ids keyed like the converter table:
    'province_district_ward' (old island districts without wards end in '_')."""
    fields = ["name", "short_name", "unit_type", "parent", "key", "short_key", "lat", "lon"]
    level = LegacyAdminUnit.Level
    provinces: dict[str, LegacyAdminUnit] = {}
    districts: dict[str, tuple[str, LegacyAdminUnit]] = {}
    for row in rows:
        if row["provinceCode"] not in provinces:
            provinces[row["provinceCode"]] = LegacyAdminUnit(
                code=row["provinceCode"], level=level.PROVINCE, name=row["province"],
                short_name=row["provinceShort"], unit_type=_unit_type(row["province"], row["provinceShort"]),
                key=row["provinceKey"], short_key=row["provinceShortKey"],
                lat=row["provinceLat"], lon=row["provinceLon"],
            )
        if row["districtCode"] not in districts:
            districts[row["districtCode"]] = (row["provinceCode"], LegacyAdminUnit(
                code=row["districtCode"], level=level.DISTRICT, name=row["district"],
                short_name=row["districtShort"], unit_type=row["districtType"] or "",
                key=row["districtKey"], short_key=row["districtShortKey"],
                lat=row["districtLat"], lon=row["districtLon"],
            ))
    _upsert(LegacyAdminUnit, list(provinces.values()), ["level", "code"], fields)
    province_ids = dict(LegacyAdminUnit.objects.filter(level=level.PROVINCE, code__in=provinces)
                        .values_list("code", "id"))
    for province_code, district in districts.values():
        district.parent_id = province_ids[province_code]
    _upsert(LegacyAdminUnit, [d for _, d in districts.values()], ["level", "code"], fields)
    district_ids = dict(LegacyAdminUnit.objects.filter(level=level.DISTRICT, parent__code__in=provinces)
                        .values_list("code", "id"))
    ward_rows = [row for row in rows if row["wardCode"]]
    wards = [
        LegacyAdminUnit(
            code=row["wardCode"], level=level.WARD, name=row["ward"], short_name=row["wardShort"],
            unit_type=row["wardType"] or "", parent_id=district_ids[row["districtCode"]],
            key=row["wardKey"], short_key=row["wardShortKey"], lat=row["wardLat"], lon=row["wardLon"],
        )
        for row in ward_rows
    ]
    _upsert(LegacyAdminUnit, wards, ["level", "code"], fields)
    ward_ids = dict(LegacyAdminUnit.objects.filter(level=level.WARD, parent__parent__code__in=provinces)
                    .values_list("code", "id"))
    result.legacy_provinces, result.legacy_districts, result.legacy_wards = len(provinces), len(districts), len(wards)
    by_key = {f"{r['provinceKey']}_{r['districtKey']}_{r['wardKey']}": ward_ids[r["wardCode"]] for r in ward_rows}
    for row in rows:
        if not row["wardCode"]:  # an island district without wards (Côn Đảo, Lý Sơn…) became a special zone
            by_key[f"{row['provinceKey']}_{row['districtKey']}_"] = district_ids[row["districtCode"]]
    return by_key


def _load_mapping(converter: dict, new_province_keys: list[str], wards_by_key: dict, legacy_by_key: dict,
                  result: LoadResult) -> None:
    pairs: dict[tuple[int, int], bool] = {}
    for province_key in new_province_keys:
        for new_ward_key, old_keys in converter["DICT_PROVINCE_WARD_NO_DIVIDED"].get(province_key, {}).items():
            ward_id = wards_by_key.get((province_key, new_ward_key))
            for old_key in old_keys:
                if ward_id and old_key in legacy_by_key:
                    pairs[(legacy_by_key[old_key], ward_id)] = True
        for old_key, targets in converter["DICT_PROVINCE_WARD_DIVIDED"].get(province_key, {}).items():
            for target in targets:
                ward_id = wards_by_key.get((province_key, target["newWardKey"]))
                if ward_id and old_key in legacy_by_key:
                    pairs[(legacy_by_key[old_key], ward_id)] = bool(target["isDefaultNewWard"])
    # Replace the mapping of these provinces as a whole: a row the data no longer has must go.
    LegacyWardMapping.objects.filter(ward__parent__key__in=new_province_keys).delete()
    LegacyWardMapping.objects.bulk_create(
        [LegacyWardMapping(legacy_ward_id=lid, ward_id=wid, is_default=default) for (lid, wid), default in pairs.items()],
        batch_size=BATCH,
    )
    result.mappings = len(pairs)
