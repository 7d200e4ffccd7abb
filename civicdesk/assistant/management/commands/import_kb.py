"""civicdesk import-kb FILE — import knowledge entries from JSONL or CSV (see docs/assistant.md).
Idempotent: rows are matched by their id, so importing the same file twice changes nothing."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from civicdesk.assistant.knowledge import KnowledgeImportError, import_file


class Command(BaseCommand):
    help = "Import knowledge-base entries (JSONL or CSV), matched by id."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)

    def handle(self, *args, **options):
        path: Path = options["file"]
        if not path.exists():
            raise CommandError(f"{path}: no such file")
        try:
            counts = import_file(path)
        except KnowledgeImportError as exc:
            raise CommandError(f"{path}: {exc}") from exc
        self.stdout.write(f"{path}: {counts['created']} created, {counts['updated']} updated, "
                          f"{counts['unchanged']} unchanged")
