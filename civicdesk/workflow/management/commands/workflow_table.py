"""`civicdesk workflow-table`: the states and allowed transitions as a Markdown table (for docs)."""

from django.core.management.base import BaseCommand
from django.utils import translation

from civicdesk.petitions.models import Status
from civicdesk.workflow.states import OPERATIONS, TRANSITION_MEANINGS, TRANSITIONS, Operation


class Command(BaseCommand):
    help = "Print the workflow's states and transitions as a Markdown table."

    def handle(self, *args, **options):
        with translation.override("vi"):
            self.stdout.write("| from | to | meaning |\n|---|---|---|")
            for source in Status:
                for target in Status:
                    if target in TRANSITIONS.get(source, set()):
                        meaning = TRANSITION_MEANINGS.get((source, target), "")
                        self.stdout.write(f"| `{source.value}` ({source.label}) | `{target.value}` ({target.label}) "
                                          f"| {meaning} |")
            self.stdout.write("\n| action checked against the status | allowed when the case is |\n|---|---|")
            for operation in Operation:
                states = ", ".join(f"`{s.value}`" for s in Status if s in OPERATIONS[operation])
                self.stdout.write(f"| {operation.label} (`{operation.value}`) | {states} |")
