"""civicdesk rebuild-assistant-index — rebuild the assistant's search index file now (it is also
rebuilt by itself when the knowledge base changes)."""

import time

from django.core.management.base import BaseCommand

from civicdesk.assistant.retrieval import get_index, index_path


class Command(BaseCommand):
    help = "Rebuild the assistant's search index."

    def handle(self, *args, **options):
        started = time.perf_counter()
        index = get_index(force_rebuild=True)
        self.stdout.write(f"{index.size} entries indexed in {time.perf_counter() - started:.2f}s → {index_path()}")
