"""Build the legal-article benchmark from ../shared/data/public/alqac2024/law.json at run time
(nothing of the law text is copied into the repository):

    python bench/assistant/make_legal_bench.py --out /tmp/legal-bench

KB = the 2,249 articles of the 17 laws, id "law|article", title "law, Điều n. heading" (the heading
is the article's first line when it reads as one), text = the article. Questions come from
legal_questions_src.txt ("law|article ; law|article | question"); every fourth is folded to ASCII."""

import argparse
import json
import unicodedata
from pathlib import Path

HERE = Path(__file__).resolve().parent
LAW = HERE.parents[1].parent / "shared/data/public/alqac2024/law.json"


def fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def heading(text: str) -> str:
    first = text.strip().split("\n", 1)[0].strip()
    return first if len(first) <= 160 and not first[:2].rstrip(".").isdigit() else ""


def build_kb(law_file: Path) -> list[dict]:
    kb = []
    for law in json.loads(law_file.read_text(encoding="utf-8")):
        for article in law["articles"]:
            head = heading(article["text"])
            title = f"{law['id']}, Điều {article['id']}" + (f". {head}" if head else "")
            kb.append({"id": f"{law['id']}|{article['id']}", "title": title, "text": article["text"]})
    return kb


def build_questions(known: set[str]) -> list[dict]:
    out = []
    for line in (HERE / "legal_questions_src.txt").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        targets, question = (part.strip() for part in line.rsplit(" | ", 1))
        relevant = [t.strip() for t in targets.split(";")]
        unknown = [t for t in relevant if t not in known]
        if unknown:
            raise SystemExit(f"unknown article(s) {unknown} for {question!r}")
        if len(out) % 4 == 3:
            question = fold(question)
        out.append({"question": question, "relevant_ids": relevant})
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", type=Path, default=Path("/tmp/legal-bench"))
    parser.add_argument("--law", type=Path, default=LAW)
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    kb = build_kb(args.law)
    questions = build_questions({row["id"] for row in kb})
    for name, rows in (("kb.jsonl", kb), ("questions.jsonl", questions)):
        with (args.out / name).open("w", encoding="utf-8") as fh:
            fh.writelines(json.dumps(row, ensure_ascii=False) + "\n" for row in rows)
    print(f"{len(kb)} articles, {len(questions)} questions → {args.out}")


if __name__ == "__main__":
    main()
