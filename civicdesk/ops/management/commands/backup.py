from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from civicdesk.ops import backup


class Command(BaseCommand):
    help = ("Back up the database (pg_dump or SQLite's online backup) and the uploads into one directory "
            "with a manifest and SHA-256 checksums; safe while civicdesk runs.")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--output", type=Path, help="where to write (default CIVICDESK_BACKUP_DIR, "
                            "else DATA_DIR/backups); each backup is a new directory inside it")
        parser.add_argument("--keep", type=int, default=0,
                            help="then delete all but the newest KEEP backups in that place (0: keep all)")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["keep"] < 0:
            raise CommandError("--keep must be 0 (keep all) or more")
        try:
            directory = backup.create(options["output"], keep=options["keep"] or None)
        except backup.BackupError as exc:
            raise CommandError(str(exc)) from exc
        manifest = backup.verify(directory)
        figures = ", ".join(f"{name} {value}" for name, value in manifest["counts"].items())
        self.stdout.write(f"{directory}\n{figures}; {sum(f['bytes'] for f in manifest['files'].values())} bytes")
