"""civicdesk load-demo-kb — the demo knowledge base shipped with civicdesk (HCMC citizen questions),
plus the answers already published on the portal (the demo generator writes without signals)."""

from pathlib import Path

from django.core.management.base import BaseCommand

from civicdesk.assistant.knowledge import import_file, sync_all_published_answers

DEMO_KB = Path(__file__).resolve().parents[2] / "data" / "demo_kb.jsonl"


class Command(BaseCommand):
    help = "Load the demo knowledge base (idempotent)."

    def handle(self, *args, **options):
        counts = import_file(DEMO_KB)
        self.stdout.write(f"demo knowledge base: {counts['created']} created, {counts['updated']} updated, "
                          f"{counts['unchanged']} unchanged; "
                          f"{sync_all_published_answers()} published answers")
