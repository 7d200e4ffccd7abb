"""The restore drill: backup → wipe → restore gives back the same cases, the same events (hashed
field by field) and readable uploads — on SQLite, and on PostgreSQL when the suite runs there."""

import hashlib
import io
import json
import shutil
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from PIL import Image

from civicdesk.ops import backup
from civicdesk.petitions import attachments
from civicdesk.petitions.models import Attachment, Case, CaseEvent, Status
from civicdesk.workflow import transitions
from tests.factories import CaseFactory

pytestmark = pytest.mark.django_db(transaction=True)


def _png(colour: str) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), colour).save(buffer, "PNG")
    return buffer.getvalue()


def _event_hashes() -> list[str]:
    rows = CaseEvent.objects.order_by("id").values_list(
        "id", "case__tracking_code", "action", "actor_id", "created_at", "from_status", "to_status", "note",
        "is_public", "data")
    return [hashlib.sha256(json.dumps([*row[:4], row[4].isoformat(), *row[5:]], sort_keys=True,
                                      ensure_ascii=False).encode()).hexdigest() for row in rows]


@pytest.fixture
def city(category, agency, lead):
    """A few cases with events through the real state machine, and photos stored the real way."""
    cases = CaseFactory.create_batch(4, category=category, agency=agency)
    for index, case in enumerate(cases):
        transitions.move(case, Status.IN_PROGRESS, lead, note=f"Đã cử tổ kiểm tra lần {index}")
        upload = SimpleUploadedFile(f"anh-{index}.png", _png(("red", "green", "blue", "white")[index]))
        attachments.store(case, attachments.check_upload(upload))
    return cases


def test_restore_drill_backup_wipe_restore_gives_back_the_same_city(city, tmp_path, settings):
    cases_before = Case.objects.count()
    hashes_before = _event_hashes()
    files_before = {a.file.name: a.sha256 for a in Attachment.objects.all()}
    assert cases_before == 4 and len(hashes_before) >= 4 and len(files_before) == 4

    out = io.StringIO()
    call_command("backup", output=tmp_path / "backups", stdout=out)
    [made] = backup.complete_backups(tmp_path / "backups")
    assert str(made) in out.getvalue()
    manifest = json.loads((made / "manifest.json").read_text())
    assert manifest["counts"] == {"cases": 4, "case_events": len(hashes_before), "attachments": 4}
    assert set(manifest["files"]) == {manifest["database_file"], "uploads.tar"}
    assert (made / "SHA256SUMS").read_text().count("\n") == 2

    # The disaster: every case gone from the database and every upload from the disk.
    Case.objects.all().delete()
    shutil.rmtree(settings.MEDIA_ROOT)
    assert Case.objects.count() == 0 and CaseEvent.objects.count() == 0

    out = io.StringIO()
    call_command("restore", str(made), stdout=out)
    assert "cases 4" in out.getvalue()
    assert Case.objects.count() == cases_before
    assert _event_hashes() == hashes_before
    for item in Attachment.objects.all():
        with item.file.open("rb") as handle:
            assert hashlib.sha256(handle.read()).hexdigest() == files_before[item.file.name]
        with item.public_file.open("rb") as handle:
            assert Image.open(handle).size == (40, 30)


def test_restore_refuses_a_damaged_backup_and_changes_nothing(city, tmp_path):
    made = backup.create(tmp_path)
    archive = made / "uploads.tar"
    data = bytearray(archive.read_bytes())
    data[600] ^= 0xFF
    archive.write_bytes(bytes(data))
    Case.objects.filter(pk=city[0].pk).delete()
    with pytest.raises(CommandError, match=r"uploads\.tar does not match its checksum"):
        call_command("restore", str(made), "--replace")
    assert Case.objects.count() == 3
    with pytest.raises(CommandError, match="checksum"):
        call_command("restore", str(made), "--check")


def test_restore_will_not_overwrite_cases_unless_told_to_replace(city, tmp_path, settings):
    made = backup.create(tmp_path)
    CaseFactory(category=city[0].category, agency=city[0].agency)
    with pytest.raises(CommandError, match="--replace"):
        call_command("restore", str(made))
    assert Case.objects.count() == 5
    call_command("restore", str(made), "--replace", stdout=io.StringIO())
    assert Case.objects.count() == 4
    # the uploads that were there are kept aside, not deleted
    assert list(Path(settings.MEDIA_ROOT).parent.glob("media.before-restore-*"))


def test_backup_keeps_the_newest_ones_and_restore_check_verifies(db, tmp_path, monkeypatch):
    made = []
    for second in range(4):
        monkeypatch.setattr(backup, "datetime", _Clock(second))
        made.append(backup.create(tmp_path, keep=2))
    assert backup.complete_backups(tmp_path) == made[2:]
    out = io.StringIO()
    call_command("restore", str(made[3]), "--check", stdout=out)
    assert "every checksum matches" in out.getvalue()
    with pytest.raises(CommandError, match="not a civicdesk backup"):
        call_command("restore", str(tmp_path))


class _Clock:
    """datetime whose now() is a fixed second, so four backups get four names within one test."""

    def __init__(self, second: int) -> None:
        from datetime import UTC, datetime

        self._now = datetime(2027, 4, 30, 1, 30, second, tzinfo=UTC)

    def now(self, tz=None):
        return self._now
