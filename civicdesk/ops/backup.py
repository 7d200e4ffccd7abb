"""Backups a city can restore: the database (pg_dump's custom format on PostgreSQL, SQLite's online
backup API otherwise — both consistent while civicdesk keeps running) and the uploads, in one
directory with a manifest and SHA-256 checksums. A restore checks every checksum before it touches
anything. docs/deploy.md "Backups" gives the schedule and retention."""

import hashlib
import json
import logging
import os
import shutil
import sqlite3
import subprocess
import tarfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from django.apps import apps
from django.conf import settings
from django.core.files import File
from django.core.files.storage import FileSystemStorage, storages
from django.db import connection, connections, models
from django.db.migrations.recorder import MigrationRecorder

from civicdesk.petitions.models import Attachment, Case, CaseEvent

log = logging.getLogger(__name__)

FORMAT = 1
PREFIX = "civicdesk-"
MANIFEST = "manifest.json"
SUMS = "SHA256SUMS"
MEDIA_ARCHIVE = "uploads.tar"
DUMP_FILES = {"postgresql": "database.pgdump", "sqlite": "database.sqlite3"}


class BackupError(RuntimeError):
    pass


@dataclass
class Restored:
    directory: Path
    counts: dict[str, int]
    media_replaced: Path | None


def engine() -> str:
    vendor = connection.vendor
    if vendor not in DUMP_FILES:
        raise BackupError(f"backups cover PostgreSQL and SQLite, not {vendor}")
    return vendor


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def counts() -> dict[str, int]:
    return {"cases": Case.objects.count(), "case_events": CaseEvent.objects.count(),
            "attachments": Attachment.objects.count()}


def _pg_environment() -> tuple[list[str], dict[str, str]]:
    db = connection.settings_dict
    args = ["--dbname", db["NAME"]]
    if db.get("HOST"):
        args += ["--host", db["HOST"]]
    if db.get("PORT"):
        args += ["--port", str(db["PORT"])]
    if db.get("USER"):
        args += ["--username", db["USER"]]
    env = {**os.environ, "PGCONNECT_TIMEOUT": "10"}
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = db["PASSWORD"]
    return args, env


def _run(command: list[str], env: dict[str, str]) -> None:
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise BackupError(f"{command[0]} failed ({done.returncode}): {done.stderr.strip()[-2000:]}")


def _dump_database(target: Path) -> None:
    if engine() == "postgresql":
        args, env = _pg_environment()
        _run(["pg_dump", "--format=custom", "--no-owner", "--no-privileges", "--file", str(target), *args], env)
        return
    connection.ensure_connection()
    with sqlite3.connect(target) as copy:
        connection.connection.backup(copy)  # consistent page-by-page copy while others write
    copy.close()


def _uploads_are_local() -> bool:
    return isinstance(storages["default"], FileSystemStorage)


def stored_file_names() -> list[str]:
    """Every file a row of any model points at (cases' and answers' uploads, their public copies…)."""
    names: set[str] = set()
    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            if isinstance(field, models.FileField):
                names.update(model._default_manager.exclude(**{field.name: ""})
                             .values_list(field.name, flat=True).iterator())
    return sorted(name for name in names if name)


def _archive_uploads(target: Path) -> None:
    with tarfile.open(target, "w") as archive:
        if _uploads_are_local():
            media = Path(settings.MEDIA_ROOT)
            if media.exists():
                for child in sorted(media.iterdir()):
                    archive.add(child, arcname=child.name)
            return
        # Object storage (S3): the files the database points at, read through the storage.
        storage = storages["default"]
        for name in stored_file_names():
            try:
                size = storage.size(name)
                handle = storage.open(name, "rb")
            except (OSError, ValueError) as missing:
                log.warning("backup: %s is missing from the storage (%s)", name, missing)
                continue
            with handle:
                member = tarfile.TarInfo(name)
                member.size = size
                archive.addfile(member, handle)


def create(root: Path | None = None, *, keep: int | None = None) -> Path:
    """Write a complete backup under `root` (BACKUP_DIR) and return its directory. It is written
    under a temporary name and renamed when complete, so a half-written backup is never taken
    for one. With `keep`, only the newest `keep` complete backups are kept."""
    root = Path(root or settings.BACKUP_DIR)
    root.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC)
    final = root / f"{PREFIX}{stamp:%Y%m%dT%H%M%S}Z"
    partial = root / f".partial-{final.name}-{os.getpid()}"
    partial.mkdir(mode=0o700)
    try:
        vendor = engine()
        before = counts()
        _dump_database(partial / DUMP_FILES[vendor])
        _archive_uploads(partial / MEDIA_ARCHIVE)
        files = {path.name: {"bytes": path.stat().st_size, "sha256": sha256_of(path)}
                 for path in sorted(partial.iterdir())}
        manifest: dict[str, Any] = {
            "format": FORMAT, "created_at": stamp.isoformat(), "engine": vendor,
            "database_file": DUMP_FILES[vendor], "uploads_file": MEDIA_ARCHIVE,
            "migrations": _latest_migrations(), "counts": before, "files": files,
        }
        (partial / MANIFEST).write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n")
        (partial / SUMS).write_text("".join(f"{meta['sha256']}  {name}\n" for name, meta in files.items()))
        if final.exists():
            raise BackupError(f"{final} already exists")
        partial.rename(final)
    except BaseException:
        shutil.rmtree(partial, ignore_errors=True)
        raise
    if keep:
        prune(root, keep)
    return final


def _latest_migrations() -> dict[str, str]:
    latest: dict[str, str] = {}
    for app, name in MigrationRecorder.Migration.objects.order_by("app", "name").values_list("app", "name"):
        latest[app] = name
    return latest


def complete_backups(root: Path) -> list[Path]:
    """Complete backups under `root`, oldest first (names sort by time)."""
    if not root.exists():
        return []
    return sorted(path for path in root.iterdir()
                  if path.is_dir() and path.name.startswith(PREFIX) and (path / MANIFEST).exists())


def prune(root: Path, keep: int) -> list[Path]:
    removed = complete_backups(root)[:-keep] if keep > 0 else []
    for path in removed:
        shutil.rmtree(path)
    return removed


def verify(directory: Path) -> dict[str, Any]:
    """The manifest, after every file it lists was found with its size and checksum."""
    manifest_path = directory / MANIFEST
    if not manifest_path.exists():
        raise BackupError(f"{directory} is not a civicdesk backup (no {MANIFEST})")
    manifest = json.loads(manifest_path.read_text())
    if manifest.get("format") != FORMAT:
        raise BackupError(f"backup format {manifest.get('format')} is not {FORMAT}")
    for name, meta in manifest["files"].items():
        path = directory / name
        if not path.exists():
            raise BackupError(f"{name} is missing")
        if path.stat().st_size != meta["bytes"] or sha256_of(path) != meta["sha256"]:
            raise BackupError(f"{name} does not match its checksum: the backup is damaged")
    return manifest


def restore(directory: Path, *, replace: bool = False) -> Restored:
    """Put the database and the uploads back as they were in the backup at `directory`."""
    directory = Path(directory)
    manifest = verify(directory)
    vendor = engine()
    if manifest["engine"] != vendor:
        raise BackupError(f"the backup is of {manifest['engine']}, this civicdesk runs on {vendor}")
    if not replace and _has_cases():
        raise BackupError("this database already holds cases; restoring replaces them (--replace)")
    _restore_database(directory / manifest["database_file"], vendor)
    media_replaced = _restore_uploads(directory / manifest["uploads_file"])
    return Restored(directory, counts(), media_replaced)


def _has_cases() -> bool:
    try:
        return Case.objects.exists()
    except Exception:  # no tables yet (a new server): nothing to lose
        connection.close()
        return False


def _restore_database(dump: Path, vendor: str) -> None:
    if vendor == "postgresql":
        for conn in connections.all():
            conn.close()  # pg_restore --clean drops tables: no session of ours may hold them
        args, env = _pg_environment()
        _run(["pg_restore", "--clean", "--if-exists", "--no-owner", "--no-privileges", "--single-transaction",
              "--exit-on-error", *args, str(dump)], env)
        return
    connection.ensure_connection()
    with sqlite3.connect(dump) as source:
        source.backup(connection.connection)  # replaces every page of the live database
    source.close()


def _restore_uploads(archive: Path) -> Path | None:
    """Unpack next to MEDIA_ROOT, then swap: the uploads found there are kept aside, not deleted.
    On object storage, each file is written back under its name (keep the bucket versioned to be able
    to go back)."""
    if not _uploads_are_local():
        _restore_uploads_to_storage(archive)
        return None
    media = Path(settings.MEDIA_ROOT)
    media.parent.mkdir(parents=True, exist_ok=True)
    incoming = media.parent / f".{media.name}.restoring-{os.getpid()}"
    shutil.rmtree(incoming, ignore_errors=True)
    incoming.mkdir()
    with tarfile.open(archive) as tar:
        tar.extractall(incoming, filter="data")  # refuses absolute paths, .. and device files
    aside = None
    if media.exists():
        aside = media.parent / f"{media.name}.before-restore-{datetime.now(UTC):%Y%m%dT%H%M%S}"
        media.rename(aside)
    incoming.rename(media)
    return aside


def _restore_uploads_to_storage(archive: Path) -> None:
    storage = storages["default"]
    with tarfile.open(archive) as tar:
        for member in tar:
            if not member.isfile():
                continue
            tarfile.data_filter(member, "/restore")  # refuses absolute paths and ..
            handle = tar.extractfile(member)
            assert handle is not None
            if storage.exists(member.name):
                storage.delete(member.name)
            saved = storage.save(member.name, File(handle, name=member.name))
            if saved != member.name:
                raise BackupError(f"the storage stored {member.name} as {saved}")
