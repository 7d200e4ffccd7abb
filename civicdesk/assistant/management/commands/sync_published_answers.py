"""civicdesk sync-published-answers — add every approved answer to the knowledge base (answers
approved through the portal are added as they are approved; this catches bulk-loaded data)."""

from django.core.management.base import BaseCommand

from civicdesk.assistant.knowledge import sync_all_published_answers


class Command(BaseCommand):
    help = "Mirror all approved answers into the assistant's knowledge base."

    def handle(self, *args, **options):
        self.stdout.write(f"{sync_all_published_answers()} published answers in the knowledge base")
