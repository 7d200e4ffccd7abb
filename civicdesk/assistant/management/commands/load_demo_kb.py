"""civicdesk load-demo-kb — the demo knowledge base shipped with civicdesk (HCMC citizen questions)."""

from pathlib import Path

from django.core.management.base import BaseCommand

from civicdesk.assistant.knowledge import import_file

DEMO_KB = Path(__file__).resolve().parents[2] / "data" / "demo_kb.jsonl"


class Command(BaseCommand):
    help = "Load the demo knowledge base (idempotent)."

    def handle(self, *args, **options):
        counts = import_file(DEMO_KB)
        self.stdout.write(f"demo knowledge base: {counts['created']} created, {counts['updated']} updated, "
                          f"{counts['unchanged']} unchanged")
