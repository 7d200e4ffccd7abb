"""The `civicdesk` console command: Django's management commands with our settings."""

import os
import secrets
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "civicdesk.settings")
    if len(sys.argv) > 1:
        # Commands are spelled with hyphens (`civicdesk eval-routing`); Django modules use underscores.
        sys.argv[1] = sys.argv[1].replace("-", "_")
        if sys.argv[1] == "demo":
            os.environ.setdefault("CIVICDESK_DEMO", "1")
        if sys.argv[1].startswith("eval_") and not os.environ.get("CIVICDESK_SECRET_KEY"):
            # Evaluations sign nothing that outlives the process: a random key of their own lets them run
            # on a machine that has no production secret, without the demo key.
            os.environ["CIVICDESK_SECRET_KEY"] = secrets.token_urlsafe(50)
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
