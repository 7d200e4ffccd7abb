"""Filling the knowledge base: importing JSONL/CSV files (idempotent by id) and mirroring the
portal's published answers."""

import csv
import json
from collections.abc import Iterable, Iterator
from pathlib import Path

from django.db import transaction

from civicdesk.assistant.models import KnowledgeEntry
from civicdesk.lib.masking import mask_personal_data

TEXT_FIELDS = ("title", "question", "body", "field", "agency", "steps", "documents", "fees", "time_limit",
               "legal_basis", "source_url")
ALIASES = {"text": "body", "answer": "body", "name": "title", "source": "legal_basis", "url": "source_url",
           "topic": "field"}
KINDS = {choice.value for choice in KnowledgeEntry.Kind}


class KnowledgeImportError(ValueError):
    pass


def read_rows(path: Path) -> Iterator[dict]:
    if path.suffix.lower() == ".csv":
        with path.open(encoding="utf-8-sig", newline="") as fh:
            yield from csv.DictReader(fh)
        return
    with path.open(encoding="utf-8") as fh:
        for number, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                yield json.loads(line)
            except json.JSONDecodeError as exc:
                raise KnowledgeImportError(f"line {number}: {exc}") from exc


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return "\n".join(str(v).strip() for v in value if str(v).strip())
    return str(value).strip()


def row_to_fields(row: dict) -> tuple[str, dict[str, object]]:
    data = {ALIASES.get(k, k): v for k, v in row.items() if k}
    external_id = _text(data.pop("id", ""))
    if not external_id:
        raise KnowledgeImportError("every row needs an id")
    kind = _text(data.get("kind")) or (KnowledgeEntry.Kind.PROCEDURE if data.get("steps") else KnowledgeEntry.Kind.QA)
    if kind not in KINDS:
        raise KnowledgeImportError(f"{external_id}: unknown kind {kind!r} (one of {', '.join(sorted(KINDS))})")
    texts = {name: _text(data.get(name)) for name in TEXT_FIELDS}
    if not texts["title"]:
        raise KnowledgeImportError(f"{external_id}: title is empty")
    texts["title"] = texts["title"][:500]
    fields: dict[str, object] = dict(texts)
    fields["kind"] = kind
    if "is_active" in data:
        fields["is_active"] = str(data["is_active"]).strip().lower() not in ("0", "false", "no", "")
    return external_id, fields


def import_rows(rows: Iterable[dict]) -> dict[str, int]:
    counts = {"created": 0, "updated": 0, "unchanged": 0}
    with transaction.atomic():
        for row in rows:
            external_id, fields = row_to_fields(row)
            entry = KnowledgeEntry.objects.filter(external_id=external_id).first()
            if entry is None:
                KnowledgeEntry.objects.create(external_id=external_id, **fields)
                counts["created"] += 1
            elif any(getattr(entry, k) != v for k, v in fields.items()):
                for k, v in fields.items():
                    setattr(entry, k, v)
                entry.save()
                counts["updated"] += 1
            else:
                counts["unchanged"] += 1
    return counts


def import_file(path: Path) -> dict[str, int]:
    return import_rows(read_rows(path))


def sync_published_answer(case) -> KnowledgeEntry | None:
    """Mirror the case's latest approved answer (masked public text) into the knowledge base;
    it is searchable only while the case is public."""

    answer = case.answers.exclude(public_body="").latest_approved()
    if answer is None:
        KnowledgeEntry.objects.filter(case=case).update(is_active=False)
        return None
    names = [case.reporter_name] if case.reporter_name else []
    fields = {
        "kind": KnowledgeEntry.Kind.ANSWER,
        "title": mask_personal_data(case.title, names)[:500],
        "question": mask_personal_data(case.content, names),
        "body": answer.public_body,
        "field": case.category.name if case.category_id else "",
        "agency": case.agency.name if case.agency_id else "",
        "is_active": bool(case.is_public),
        "case": case,
    }
    entry, _ = KnowledgeEntry.objects.update_or_create(external_id=f"answer-{case.tracking_code}",
                                                       defaults=fields)
    return entry


def sync_all_published_answers() -> int:
    """Mirror every approved answer (for data written without signals, e.g. bulk imports or the
    demo generator). Safe to run again."""
    from civicdesk.answers.models import Answer
    from civicdesk.petitions.models import Case

    cases = (Case.objects.filter(answers__state=Answer.State.APPROVED).exclude(answers__public_body="")
             .select_related("category", "agency").distinct())
    count = 0
    with transaction.atomic():
        for case in cases.iterator(chunk_size=500):
            if sync_published_answer(case) is not None:
                count += 1
    return count
