"""Shared pieces for the masking sets: a text is a list of segments — plain strings, P(...) for a
personal-data string that must disappear, K(...) for a string that must stay verbatim — and a few
ways of writing each kind of personal data the way Vietnamese citizens write it.

The sets are written by the templates in make_dev.py and make_heldout.py (different templates,
names, streets and styles); this module only formats and serialises."""

import json
import random
import unicodedata
from dataclasses import dataclass

ZW = ("\u200b", "\u200c", "\u200d", "\u2060", "\ufeff")


@dataclass(frozen=True)
class P:
    value: str


@dataclass(frozen=True)
class K:
    value: str


def fold(text: str) -> str:
    """Vietnamese without diacritics, as typed on a phone without a Vietnamese keyboard."""
    out = []
    for ch in unicodedata.normalize("NFD", text):
        if unicodedata.combining(ch):
            continue
        out.append({"đ": "d", "Đ": "D"}.get(ch, ch))
    return "".join(out)


def digits(rng: random.Random, n: int) -> str:
    return "".join(rng.choice("0123456789") for _ in range(n))


def mobile_digits(rng: random.Random) -> str:
    prefix = rng.choice(["090", "091", "093", "094", "096", "097", "098", "086", "088", "089", "070",
                         "076", "077", "078", "079", "081", "082", "083", "084", "085", "032", "033",
                         "034", "035", "036", "037", "038", "039", "056", "058", "092", "099"])
    return prefix + digits(rng, 7)


def fmt_mobile(rng: random.Random, d: str, style: str | None = None) -> str:
    style = style or rng.choice(["plain", "4-3-3", "4.3.3", "4-3-3d", "3-3-4", "3.3.4", "+84 3-3-3",
                                 "84plain", "+84plain", "(+84) 3.3.3", "2-2-2-2-2", "+84-3-3-3"])
    n = d[1:]
    return {
        "plain": d,
        "4-3-3": f"{d[:4]} {d[4:7]} {d[7:]}",
        "4.3.3": f"{d[:4]}.{d[4:7]}.{d[7:]}",
        "4-3-3d": f"{d[:4]}-{d[4:7]}-{d[7:]}",
        "3-3-4": f"{d[:3]} {d[3:6]} {d[6:]}",
        "3.3.4": f"{d[:3]}.{d[3:6]}.{d[6:]}",
        "+84 3-3-3": f"+84 {n[:3]} {n[3:6]} {n[6:]}",
        "84plain": "84" + n,
        "+84plain": "+84" + n,
        "(+84) 3.3.3": f"(+84) {n[:3]}.{n[3:6]}.{n[6:]}",
        "2-2-2-2-2": " ".join(d[i:i + 2] for i in range(0, 10, 2)),
        "+84-3-3-3": f"+84-{n[:3]}-{n[3:6]}-{n[6:]}",
    }[style]


def landline(rng: random.Random, area: str | None = None) -> str:
    area = area or rng.choice(["028", "024", "0236", "0274", "0251", "0292"])
    rest = digits(rng, 11 - len(area))
    rest = "3" + rest[1:]
    if len(area) == 3:
        return rng.choice([f"{area} {rest[:4]} {rest[4:]}", f"({area}) {rest}", f"{area}.{rest[:4]}.{rest[4:]}",
                           f"{area}{rest}", f"+84 {area[1:]} {rest[:4]} {rest[4:]}"])
    return rng.choice([f"{area} {rest[:3]} {rest[3:]}", f"({area}) {rest}", f"{area}.{rest[:3]}.{rest[3:]}"])


def cccd(rng: random.Random) -> str:
    d = "0" + rng.choice(["01", "79", "48", "75", "92", "31", "38", "46", "74", "89"]) + rng.choice("0123") + \
        rng.choice("6789") + digits(rng, 7)
    return rng.choice([d, f"{d[:3]} {d[3:6]} {d[6:9]} {d[9:]}", f"{d[:4]} {d[4:8]} {d[8:]}",
                       f"{d[:3]}.{d[3:6]}.{d[6:9]}.{d[9:]}", f"{d[:6]} {d[6:]}"])


def cmnd(rng: random.Random) -> str:
    d = rng.choice(["02", "27", "19", "36", "18", "23", "14", "30"]) + digits(rng, 7)
    return rng.choice([d, f"{d[:3]} {d[3:6]} {d[6:]}", f"{d[:3]}.{d[3:6]}.{d[6:]}"])


def plate(rng: random.Random) -> str:
    prov = rng.choice(["51", "59", "29", "30", "43", "61", "72", "50", "36", "92"])
    five = digits(rng, 5)
    letter = rng.choice("ABCDEFGHKLMNPSTVX")
    return rng.choice([
        f"{prov}{letter}-{five[:3]}.{five[3:]}", f"{prov}{letter}{five}", f"{prov}-{letter}1 {five[:3]}.{five[3:]}",
        f"{prov}{letter}1-{five[:3]}.{five[3:]}", f"{prov}{letter} {five[:3]}.{five[3:]}", f"{prov}{letter}-{five}",
    ])


def bank_account(rng: random.Random) -> str:
    d = rng.choice([digits(rng, 13), "0" + digits(rng, 12), digits(rng, 14), "1" + digits(rng, 11),
                    digits(rng, 10)])
    if len(d) >= 12 and rng.random() < 0.4:
        return " ".join(d[i:i + 4] for i in range(0, len(d), 4))
    return d


def dob(rng: random.Random) -> str:
    day, month, year = rng.randint(1, 28), rng.randint(1, 12), rng.randint(1948, 2006)
    return rng.choice([f"{day:02d}/{month:02d}/{year}", f"{day}/{month}/{year}", f"{day:02d}-{month:02d}-{year}",
                       f"{day:02d}.{month:02d}.{year}", f"{day} tháng {month} năm {year}"])


def email(rng: random.Random, local: str, style: str | None = None) -> str:
    domain = rng.choice(["gmail.com", "yahoo.com", "gmail.com", "outlook.com", "yahoo.com.vn", "hotmail.com"])
    name, tld = domain.split(".", 1)
    style = style or rng.choice(["plain", "(at)", "[at]", "a còng", "at-dot", "spaced", "chấm"])
    return {
        "plain": f"{local}@{domain}",
        "(at)": f"{local}(at){domain}",
        "[at]": f"{local} [at] {domain}",
        "a còng": f"{local} a còng {domain}",
        "at-dot": f"{local} at {name} dot {tld.replace('.', ' dot ')}",
        "spaced": f"{local} @ {domain}",
        "chấm": f"{local} a còng {name} chấm {tld.replace('.', ' chấm ')}",
    }[style]


def zero_width(rng: random.Random, value: str) -> str:
    """Hide a zero-width character inside a word, as copy-paste from chat apps sometimes does."""
    positions = [i for i in range(1, len(value)) if value[i - 1].isalnum() and value[i].isalnum()]
    if not positions:
        return value
    i = rng.choice(positions)
    return value[:i] + rng.choice(ZW) + value[i:]


def render(item_id: str, kind: str, reporter: str | None, segments: list, variant: str = "") -> dict:
    text, pii, keep = [], [], []
    for seg in segments:
        if isinstance(seg, P):
            text.append(seg.value)
            pii.append(seg.value)
        elif isinstance(seg, K):
            text.append(seg.value)
            keep.append(seg.value)
        else:
            text.append(seg)
    item = {"id": item_id, "kind": kind, "reporter_name": reporter, "text": "".join(text),
            "pii": _unique(pii), "keep": _unique(keep)}
    if variant == "ascii":
        item = _apply(item, fold)
    elif variant == "nfd":
        item = _apply(item, lambda s: unicodedata.normalize("NFD", s))
    return item


def _apply(item: dict, fn) -> dict:
    return item | {"text": fn(item["text"]), "pii": [fn(v) for v in item["pii"]],
                   "keep": [fn(v) for v in item["keep"]],
                   "reporter_name": fn(item["reporter_name"]) if item["reporter_name"] else None}


def _unique(values: list[str]) -> list[str]:
    return list(dict.fromkeys(v for v in values if v.strip()))


def write(path: str, items: list[dict]) -> None:
    with open(path, "w", encoding="utf-8") as fh:
        for item in items:
            fh.write(json.dumps(item, ensure_ascii=False) + "\n")
