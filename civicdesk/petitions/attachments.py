"""Checking and storing uploaded files: the type is decided by the bytes, never by the name;
public copies of images are re-encoded so that EXIF (GPS position, camera, owner) is gone."""

import hashlib
import io
import secrets
from dataclasses import dataclass
from typing import TypeVar

import filetype
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

from civicdesk.petitions.models import Attachment, Case, StoredFile

ALLOWED_TYPES = {
    "image/jpeg": "jpg",
    "image/png": "png",
    "image/webp": "webp",
    "application/pdf": "pdf",
}


class AttachmentError(ValueError):
    pass


@dataclass
class CheckedFile:
    name: str
    content: bytes
    content_type: str
    extension: str


def check_upload(upload: UploadedFile) -> CheckedFile:
    """Return the file's bytes and real type, or raise AttachmentError with a message for the user."""
    name = (upload.name or "tep")[:200]
    if upload.size is not None and upload.size > settings.ATTACHMENT_MAX_BYTES:
        raise AttachmentError(
            _("Tệp “%(name)s” quá lớn (%(size)s MB); mỗi tệp tối đa %(max)s MB.")
            % {
                "name": name,
                "size": round(upload.size / 1024 / 1024, 1),
                "max": settings.ATTACHMENT_MAX_BYTES // 1024 // 1024,
            }
        )
    content = upload.read()
    if len(content) > settings.ATTACHMENT_MAX_BYTES:
        raise AttachmentError(_("Tệp “%(name)s” quá lớn.") % {"name": name})
    if not content:
        raise AttachmentError(_("Tệp “%(name)s” trống.") % {"name": name})
    kind = filetype.guess(content)
    if kind is None or kind.mime not in ALLOWED_TYPES:
        raise AttachmentError(
            _("Tệp “%(name)s” không được chấp nhận: chỉ nhận ảnh JPEG, PNG, WebP hoặc tệp PDF.")
            % {"name": name}
        )
    if kind.mime.startswith("image/"):
        try:
            with Image.open(io.BytesIO(content)) as image:
                image.verify()
        except (UnidentifiedImageError, OSError, SyntaxError):
            raise AttachmentError(_("Ảnh “%(name)s” bị hỏng hoặc không đọc được.") % {"name": name}) from None
    return CheckedFile(name=name, content=content, content_type=kind.mime, extension=ALLOWED_TYPES[kind.mime])


def strip_metadata(content: bytes, extension: str) -> bytes:
    """Re-encode an image from its pixels only, turned upright first, so no metadata survives."""
    with Image.open(io.BytesIO(content)) as image:
        upright = ImageOps.exif_transpose(image)
        if upright.mode not in ("RGB", "RGBA", "L"):
            upright = upright.convert("RGBA" if upright.mode in ("P", "LA", "PA") else "RGB")
        fmt = {"jpg": "JPEG", "png": "PNG", "webp": "WEBP"}[extension]
        if fmt == "JPEG" and upright.mode == "RGBA":
            upright = upright.convert("RGB")
        # A new image built from raw pixels carries no info dictionary, hence no EXIF/XMP/ICC text.
        clean = Image.frombytes(upright.mode, upright.size, upright.tobytes())
        out = io.BytesIO()
        clean.save(out, format=fmt, quality=85)
        return out.getvalue()


_FileRow = TypeVar("_FileRow", bound=StoredFile)


def save_checked(item: _FileRow, checked: CheckedFile) -> _FileRow:
    """Fill a new file row (a case's or an answer's) from a checked upload and store both copies:
    the original, and the public one (images without metadata, PDFs as they are)."""
    item.stored_name = f"{secrets.token_hex(8)}.{checked.extension}"
    item.original_name = checked.name
    item.content_type = checked.content_type
    item.size = len(checked.content)
    item.sha256 = hashlib.sha256(checked.content).hexdigest()
    public = (strip_metadata(checked.content, checked.extension) if checked.content_type.startswith("image/")
              else checked.content)
    item.file.save(item.stored_name, ContentFile(checked.content), save=False)
    item.public_file.save(item.stored_name, ContentFile(public), save=False)
    item.save()
    return item


def store(case: Case, checked: CheckedFile) -> Attachment:
    return save_checked(Attachment(case=case), checked)
