"""Uploads on S3-compatible storage (`CIVICDESK_S3_*`, django-storages) against moto's S3 server on
loopback: a citizen's photo goes to the bucket (original and public copy, nothing on the local disk),
staff and the public get the right file back through civicdesk's own permission-checked views, and
the backup takes the bucket's files and puts them back after they are lost."""

import hashlib
import io
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.core.files.storage import storages
from django.test import override_settings
from django.urls import reverse
from PIL import Image

from civicdesk.ops import backup
from civicdesk.petitions.forms import new_form_token
from civicdesk.petitions.models import Attachment, Case
from tests.petitions.factories import has_exif, jpeg_with_gps

boto3 = pytest.importorskip("boto3", reason="install civicdesk[s3] for S3 storage")
pytest.importorskip("moto.server", reason="moto[server] runs the S3 server of these tests")

BUCKET = "civicdesk-uploads"
KEYS = {"aws_access_key_id": "testing", "aws_secret_access_key": "testing", "region_name": "ap-southeast-1"}


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def s3_endpoint():
    port = _free_port()
    server = subprocess.Popen([sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 30
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            break
        except OSError:
            if time.monotonic() > deadline or server.poll() is not None:
                server.kill()
                pytest.fail("moto's S3 server did not start")
            time.sleep(0.1)
    yield f"http://127.0.0.1:{port}"
    server.terminate()
    server.wait(timeout=10)


@pytest.fixture
def bucket(s3_endpoint, settings):
    client = boto3.client("s3", endpoint_url=s3_endpoint, **KEYS)
    client.create_bucket(Bucket=BUCKET, CreateBucketConfiguration={"LocationConstraint": KEYS["region_name"]})
    options = {"bucket_name": BUCKET, "endpoint_url": s3_endpoint, "region_name": KEYS["region_name"],
               "access_key": "testing", "secret_key": "testing", "addressing_style": "path",
               "default_acl": "private", "file_overwrite": False, "location": "city"}
    with override_settings(STORAGES={**settings.STORAGES,
                                     "default": {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": options}}):
        assert type(storages["default"]).__name__ == "S3Storage"
        yield client
    listed = client.list_objects_v2(Bucket=BUCKET).get("Contents", [])
    for item in listed:
        client.delete_object(Bucket=BUCKET, Key=item["Key"])
    client.delete_bucket(Bucket=BUCKET)


def _keys(client) -> set[str]:
    return {item["Key"] for item in client.list_objects_v2(Bucket=BUCKET).get("Contents", [])}


def _send_report_with_photo(client, category, photo: bytes) -> Case:
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = client.post(reverse("petitions:submit"), {
        "kind": "report", "title": "Nắp cống bị vỡ trước chợ",
        "content": "Nắp cống trước cổng chợ Bến Thành vỡ một nửa, xe máy đi qua rất dễ sụp bánh.",
        "category": str(category.pk), "address_text": "Chợ Bến Thành, phường Bến Thành",
        "lat": "10.7725", "lon": "106.6980", "reporter_type": "person", "reporter_name": "Lê Văn Cường",
        "reporter_phone": "0908 111 222", "reporter_email": "cuong.le@example.vn", "consent": "on",
        "token": new_form_token(),
        "attachments": [SimpleUploadedFile("nap-cong.jpg", photo, content_type="image/jpeg")],
    })
    assert response.status_code == 302, response.content.decode()[:2000]
    return Case.objects.get()


@pytest.mark.django_db(transaction=True)
def test_s3_a_citizens_photo_is_stored_in_the_bucket_and_served_by_permission(
        client, bucket, routing_rule, category, lead, settings):
    photo = jpeg_with_gps()
    case = _send_report_with_photo(client, category, photo)
    attachment = case.attachments.get()

    keys = _keys(bucket)
    assert f"city/{attachment.file.name}" in keys and f"city/{attachment.public_file.name}" in keys
    assert not Path(settings.MEDIA_ROOT).exists() or not any(Path(settings.MEDIA_ROOT).rglob("*.*")), \
        "nothing may land on the web machine's own disk"
    original = bucket.get_object(Bucket=BUCKET, Key=f"city/{attachment.file.name}")["Body"].read()
    assert hashlib.sha256(original).hexdigest() == attachment.sha256 == hashlib.sha256(photo).hexdigest()
    # Objects are private: the bucket gives nothing without credentials.
    acl = bucket.get_object_acl(Bucket=BUCKET, Key=f"city/{attachment.file.name}")
    assert not [g for g in acl["Grants"] if g["Grantee"].get("URI", "").endswith("AllUsers")]

    # The agency's lead gets the original (with its EXIF) through civicdesk's view.
    client.force_login(lead)
    staff = client.get(reverse("answers:attachment", args=[case.tracking_code, attachment.pk]))
    assert staff.status_code == 200
    assert b"".join(staff.streaming_content) == photo

    # The public gets the EXIF-free copy once the case is public, and nothing before.
    client.logout()
    public_url = reverse("answers:public_attachment", args=[attachment.pk])
    assert client.get(public_url).status_code == 404
    Case.objects.filter(pk=case.pk).update(is_public=True)
    public = client.get(public_url)
    assert public.status_code == 200
    body = b"".join(public.streaming_content)
    assert not has_exif(body)
    assert Image.open(io.BytesIO(body)).format == "JPEG"


@pytest.mark.django_db(transaction=True)
def test_s3_backup_takes_the_bucket_and_restore_puts_lost_files_back(
        client, bucket, routing_rule, category, tmp_path):
    case = _send_report_with_photo(client, category, jpeg_with_gps())
    attachment = case.attachments.get()
    names = backup.stored_file_names()
    assert names == sorted([attachment.file.name, attachment.public_file.name])

    made = backup.create(tmp_path / "backups")
    before = _keys(bucket)
    for key in before:  # the disaster: the bucket's objects are gone
        bucket.delete_object(Bucket=BUCKET, Key=key)
    assert _keys(bucket) == set()

    backup._restore_uploads(made / backup.MEDIA_ARCHIVE)
    assert _keys(bucket) == before
    restored = Attachment.objects.get(pk=attachment.pk)
    with restored.file.open("rb") as handle:
        assert hashlib.sha256(handle.read()).hexdigest() == attachment.sha256
