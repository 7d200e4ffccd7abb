"""`civicdesk demo --port 8000 [--cases 3000] [--no-serve]`: a complete demo of Ho Chi Minh City in
the embedded SQLite database under CIVICDESK_DATA_DIR, then served by gunicorn on 127.0.0.1."""

import os
import sys
import time
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import connections

from civicdesk.demo import setup
from civicdesk.demo.users import DEMO_PASSWORD, DEMO_USERS


class Command(BaseCommand):
    help = "Prepare the demo data (HCMC wards, agencies, users, cases) and serve it with gunicorn."

    def add_arguments(self, parser):
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--cases", type=int, default=3000, help="number of demo cases (default 3000)")
        parser.add_argument("--no-serve", action="store_true", help="only prepare the data")
        parser.add_argument("--skip-kb", action="store_true", help="do not load the assistant's knowledge base")
        parser.add_argument("--workers", type=int, default=2)
        parser.add_argument("--threads", type=int, default=4)

    def handle(self, *args, port: int, cases: int, no_serve: bool, skip_kb: bool, workers: int, threads: int,
               **options):
        os.environ["CIVICDESK_DEMO"] = "1"
        started = time.monotonic()
        call_command("migrate", interactive=False, verbosity=0)
        if setup.is_ready(cases):
            self.stdout.write(f"Demo data already loaded in {settings.DATA_DIR} ({time.monotonic() - started:.1f} s)")
        else:
            self.stdout.write(f"Preparing the demo in {settings.DATA_DIR} …")
            done = setup.prepare(cases, self.stdout, knowledge_base=not skip_kb)
            self.stdout.write(
                f"  {done['agencies']} agencies, {done['rules']} new routing rules, {done['users']} new users, "
                f"{done['cases']} new cases; knowledge base {'loaded' if done['knowledge_base'] else 'skipped'} "
                f"({time.monotonic() - started:.1f} s)"
            )
        self.print_users(port)
        if no_serve:
            return
        self.serve(port, workers, threads)

    def print_users(self, port: int) -> None:
        self.stdout.write("")
        self.stdout.write(self.style.SUCCESS(f"civicdesk demo: http://127.0.0.1:{port}/"))
        self.stdout.write(f"Demo users (password: {DEMO_PASSWORD}):")
        for user in DEMO_USERS:
            self.stdout.write(f"  {user['username']:<18} {user['role']:<11} {user['description']}")
        self.stdout.write("")

    def serve(self, port: int, workers: int, threads: int) -> None:
        for connection in connections.all():
            connection.close()
        os.environ["CIVICDESK_DATA_DIR"] = str(settings.DATA_DIR)
        Path(settings.STATIC_ROOT).mkdir(parents=True, exist_ok=True)  # whitenoise serves from finders too
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "civicdesk.settings")
        self.stdout.flush()
        sys.stdout.flush()
        argv = [sys.executable, "-m", "gunicorn", "civicdesk.wsgi:application",
                "--bind", f"127.0.0.1:{port}", "--worker-class", "gthread",
                "--workers", str(workers), "--threads", str(threads), "--timeout", "120"]
        if _gunicorn_has_control_socket():
            argv.append("--no-control-socket")  # one shared socket in ~/.gunicorn would clash between demos
        os.execv(sys.executable, argv)  # gunicorn takes over this process and its signals


def _gunicorn_has_control_socket() -> bool:
    from gunicorn.config import KNOWN_SETTINGS

    return any("--no-control-socket" in (setting.cli or []) for setting in KNOWN_SETTINGS)
