"""Build the assistant benchmark from ../shared/data at run time (nothing of it is copied into
the repository): a KB file in eval-assistant's format and the question set of questions_src.txt.

    python bench/assistant/make_bench.py --out /tmp/assistant-bench [--size 100000]

KB = the 201 Q&A of kb_procedures.jsonl (id KBnnn, title = question, text = answer + source)
   + the 87 national procedures of tthc-dvc-87 (id DVC-n, title, text = steps, documents, agency)
   + the Lạng Sơn catalogue of 1,842 procedures (id LS-stt, title only, test rows left out).
With --size, synthetic entries (id SYN-n) are added up to that many, each combining a catalogue
title with a law article of alqac2024, so the index has realistic vocabulary and lengths.
Every fourth question is folded to plain ASCII (people often type without diacritics)."""

import argparse
import csv
import json
import random
import re
import unicodedata
from pathlib import Path

HERE = Path(__file__).resolve().parent
DATA = HERE.parents[1].parent / "shared" / "data"  # ../shared/data from the project root


def fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def load_kb() -> tuple[list[dict], dict[str, list[str]], list[tuple[str, str]]]:
    kb = []
    for line in (DATA / "kb_procedures.jsonl").open(encoding="utf-8"):
        row = json.loads(line)
        kb.append({"id": row["id"], "title": row["question"], "text": f"{row['answer']}\n{row['source']}"})
    dvc_by_title: dict[str, list[str]] = {}
    procedures = json.loads((DATA / "public/tthc-dvc-87/procedures.json").read_text(encoding="utf-8"))
    dvc_ids = []
    for n, proc in enumerate(procedures):
        text = "\n".join(str(proc.get(k, "")) for k in ("Trình tự thực hiện", "Thành phần hồ sơ",
                                                        "Cơ quan thực hiện", "Cách thức thực hiện"))
        kb.append({"id": f"DVC-{n}", "title": proc["title"], "text": text})
        dvc_by_title.setdefault(proc["title"], []).append(f"DVC-{n}")
        dvc_ids.append(proc["title"])
    aliases = {f"DVC:{n}": dvc_by_title[title] for n, title in enumerate(dvc_ids)}
    catalogue = []
    with (DATA / "public/tthc-langson-catalog/tthc_langson.csv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            if int(row["stt"]) <= 12:  # placeholder rows of the source system
                continue
            kb.append({"id": f"LS-{row['stt']}", "title": row["ten_tthc"], "text": ""})
            catalogue.append((f"LS-{row['stt']}", row["ten_tthc"]))
    return kb, aliases, catalogue


def resolve(target: str, aliases: dict[str, list[str]], catalogue: list[tuple[str, str]]) -> list[str]:
    if target.startswith("DVC:"):
        return aliases[target]
    if target.startswith("LS:"):
        prefix = target[3:].strip().lower()
        found = [i for i, title in catalogue if title.lower().startswith(prefix)]
        if not found:
            raise SystemExit(f"no catalogue title starts with {prefix!r}")
        return found
    return [target]


def questions(aliases, catalogue) -> list[dict]:
    out = []
    for line in (HERE / "questions_src.txt").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        targets, question = (part.strip() for part in line.split("|", 1))
        # "LS:" prefixes may contain spaces: split on the next target marker instead of blanks.
        parts = re.findall(r"(?:KB\d+|DVC:\d+|LS:.+?)(?=\s+(?:KB\d+|DVC:\d+|LS:)|$)", targets)
        relevant = [rid for part in parts for rid in resolve(part, aliases, catalogue)]
        if len(out) % 4 == 3:
            question = fold(question)
        out.append({"question": question, "relevant_ids": relevant})
    return out


def synthesise(kb: list[dict], catalogue: list[tuple[str, str]], size: int) -> list[dict]:
    laws = json.loads((DATA / "public/alqac2024/law.json").read_text(encoding="utf-8"))
    articles = [(law["id"], a["id"], a["text"]) for law in laws for a in law["articles"]]
    rng = random.Random(1022)
    extra = [{"id": f"LAW-{n}", "title": f"{law} — Điều {art}", "text": text}
             for n, (law, art, text) in enumerate(articles)]
    n = 0
    while len(kb) + len(extra) < size:
        law, art, text = rng.choice(articles)
        _, title = rng.choice(catalogue)
        words = text.split()
        start = rng.randrange(max(len(words) - 120, 1))
        extra.append({"id": f"SYN-{n}", "title": f"{title} ({law}, Điều {art})",
                      "text": " ".join(words[start:start + 120])})
        n += 1
    return kb + extra[: max(size - len(kb), 0)]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", type=Path, default=Path("/tmp/assistant-bench"))
    parser.add_argument("--size", type=int, default=0, help="pad the KB to this many entries")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    kb, aliases, catalogue = load_kb()
    if args.size:
        kb = synthesise(kb, catalogue, args.size)
    qs = questions(aliases, catalogue)
    kb_name = f"kb_{args.size}.jsonl" if args.size else "kb.jsonl"
    with (args.out / kb_name).open("w", encoding="utf-8") as fh:
        for row in kb:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    with (args.out / "questions.jsonl").open("w", encoding="utf-8") as fh:
        for row in qs:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(f"{len(kb)} entries → {args.out / kb_name}; {len(qs)} questions → {args.out / 'questions.jsonl'}")


if __name__ == "__main__":
    main()
