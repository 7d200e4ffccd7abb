from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from civicdesk.ops import backup


class Command(BaseCommand):
    help = ("Restore a backup made by `civicdesk backup`: every checksum is checked first, then the database "
            "and the uploads are replaced (the uploads found are kept aside). Stop the web and worker "
            "processes first.")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("directory", type=Path, help="a backup directory (holding manifest.json)")
        parser.add_argument("--replace", action="store_true",
                            help="allowed to replace a database that already holds cases")
        parser.add_argument("--check", action="store_true", help="only verify the checksums; change nothing")

    def handle(self, *args: Any, **options: Any) -> None:
        directory = options["directory"]
        try:
            if options["check"]:
                manifest = backup.verify(directory)
                self.stdout.write(f"{directory}: every checksum matches ({len(manifest['files'])} files)")
                return
            restored = backup.restore(directory, replace=options["replace"])
        except backup.BackupError as exc:
            raise CommandError(str(exc)) from exc
        figures = ", ".join(f"{name} {value}" for name, value in restored.counts.items())
        self.stdout.write(f"restored {directory}: {figures}")
        if restored.media_replaced:
            self.stdout.write(f"the uploads found before are kept in {restored.media_replaced}")
