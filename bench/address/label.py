"""Turn a hand-written address list into a CSV for `civicdesk eval-address`.

Each line of a source file is `address || where`, where `where` is what the writer meant:
`= Phường Vườn Lài` (today's ward, by its exact official name) or `Quận 10 / Phường 2` (an old
ward of an old district, written out in full). The old→new step goes through the official table
shipped in the `vietnamadminunits` package (its converter, the split wards' default new ward);
nothing of the address text itself is read here, so the parser under test never labels its own
test set.

    .venv/bin/python bench/address/label.py bench/address/dev_src.txt bench/address/dev.csv
"""

import csv
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from civicdesk.routing.address import gazetteer, squash


def label(where: str, province: str = "79") -> tuple[str, str]:
    gaz = gazetteer(province)
    if where.startswith("="):
        name = where[1:].strip()
        codes = [code for code, ward in gaz.wards.items() if ward.name == name]
        if len(codes) != 1:
            raise ValueError(f"today's ward {name!r}: {len(codes)} found")
        return codes[0], name
    district, ward = (part.strip() for part in where.split("/"))
    districts = [d for d, names in gaz.district_names.items() if squash(district) in names]
    if len(districts) != 1:
        raise ValueError(f"old district {district!r}: {districts}")
    ward_key = squash(ward)
    for prefix in ("phuong", "xa", "thitran"):
        if ward_key.startswith(prefix) and ward_key != prefix:
            ward_key = ward_key[len(prefix):]
            break
    targets = gaz.legacy.get((districts[0], ward_key))
    if not targets:
        raise ValueError(f"old ward {ward!r} of {district!r} not in the table")
    code = next((c for c, is_default in targets if is_default), targets[0][0])
    return code, gaz.wards[code].name


def main(source: str, out: str) -> None:
    rows = []
    for number, line in enumerate(Path(source).read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        text, _sep, where = line.partition("||")
        try:
            code, name = label(where.strip())
        except ValueError as exc:
            raise SystemExit(f"{source}:{number}: {exc}") from exc
        rows.append({"address": text.strip(), "ward_code": code, "expected": name, "meant": where.strip()})
    with open(out, "w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=["address", "ward_code", "expected", "meant"])
        writer.writeheader()
        writer.writerows(rows)
    print(f"{len(rows)} addresses → {out}")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
