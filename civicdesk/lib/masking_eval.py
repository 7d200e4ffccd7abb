"""Scoring a masking function on labelled texts (`civicdesk eval-masking`). Pure Python, no database.

Input lines (JSONL): {"id", "kind": "report"|"answer", "reporter_name": str|null, "text", "pii": [..], "keep": [..]}.
A `pii` string counts as removed when it is no longer in the masked text — neither as written nor once both
are read in NFC without zero-width characters (so that hiding a character inside a name does not count as
masking it). A `keep` string counts as kept only when it is still there exactly as written."""

import json
import re
import time
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import Any

Masker = Callable[[str, list[str], str | None], str]

_ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad\u180e]")
KINDS = ("report", "answer")


def read_items(path: str | Path) -> list[dict]:
    items = []
    with open(path, encoding="utf-8-sig") as fh:
        for number, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                item = json.loads(line)
            except json.JSONDecodeError as exc:
                raise ValueError(f"{path}:{number}: not JSON ({exc.msg})") from exc
            if not isinstance(item, dict) or not isinstance(item.get("text"), str):
                raise ValueError(f"{path}:{number}: an object with a \"text\" string is required")
            if item.get("kind", "report") not in KINDS:
                raise ValueError(f"{path}:{number}: kind must be \"report\" or \"answer\"")
            for key in ("pii", "keep"):
                if not isinstance(item.get(key, []), list) or not all(isinstance(v, str) for v in item.get(key, [])):
                    raise ValueError(f"{path}:{number}: \"{key}\" must be a list of strings")
            items.append(item)
    return items


def _plain(text: str) -> str:
    return unicodedata.normalize("NFC", _ZERO_WIDTH.sub("", text))


def percentile(values: list[float], share: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return round(ordered[min(len(ordered) - 1, max(0, round(share * (len(ordered) - 1))))], 3)


def score(items: list[dict], mask: Masker, details: bool = False, repeat: int = 3) -> dict:
    """`ms_p95`: the 95th percentile over texts of the milliseconds one text takes, each text timed `repeat`
    times and its fastest run kept, so that other processes on a shared machine do not count."""
    pii_total = pii_gone = keep_total = keep_kept = 0
    timings = []
    misses: list[dict] = []
    for item in items:
        name = item.get("reporter_name")
        best = float("inf")
        for _ in range(max(1, repeat)):
            started = time.perf_counter()
            masked = mask(item["text"], [name] if name else [], item.get("kind"))
            best = min(best, (time.perf_counter() - started) * 1000)
        timings.append(best)
        plain = _plain(masked)
        leaked = [p for p in item.get("pii", []) if p.strip() and (p in masked or _plain(p) in plain)]
        lost = [k for k in item.get("keep", []) if k.strip() and k not in masked]
        pii_total += sum(1 for p in item.get("pii", []) if p.strip())
        pii_gone += sum(1 for p in item.get("pii", []) if p.strip()) - len(leaked)
        keep_total += sum(1 for k in item.get("keep", []) if k.strip())
        keep_kept += sum(1 for k in item.get("keep", []) if k.strip()) - len(lost)
        if details and (leaked or lost):
            misses.append({"id": item.get("id"), "leaked": leaked, "lost": lost, "masked": masked})
    report: dict[str, Any] = {
        "texts": len(items),
        "pii_total": pii_total,
        "pii_recall": round(pii_gone / pii_total, 4) if pii_total else 1.0,
        "keep_total": keep_total,
        "keep_rate": round(keep_kept / keep_total, 4) if keep_total else 1.0,
        "ms_p95": percentile(timings, 0.95),
    }
    if details:
        report["misses"] = misses
    return report
