"""Checking and storing uploaded files: the type is decided by the bytes, never by the name;
public copies of images are re-encoded so that EXIF (GPS position, camera, owner) is gone, and PDFs
get no public copy at all (a PDF keeps its author, its JavaScript and whatever else it carries).

Three steps, so that the slow part never holds a database transaction (on SQLite a long
transaction makes every other writer fail with "database is locked"):
1. `check_upload` (in the form): type from the bytes, size, and the image's pixel count read from
   its header — an image over ATTACHMENT_MAX_PIXELS is refused before anything decodes it;
2. `prepare` + `write` (before the transaction): the public copy is made and both files written;
3. the rows are saved in the caller's transaction; if it fails, `discard` removes the files."""

import hashlib
import io
import logging
import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TypeVar

import filetype
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

from civicdesk.petitions.models import Attachment, Case, StoredFile

log = logging.getLogger(__name__)

# Pillow's own guard, set deliberately rather than left at its default (89 megapixels, and an error
# only at twice that): anything this process decodes above the cap warns, above twice the cap
# raises. `check_upload` refuses above the cap itself, from the header, before any decoding.
Image.MAX_IMAGE_PIXELS = settings.ATTACHMENT_MAX_PIXELS
# Public copies are for looking at: at most this many pixels on the long side.
PUBLIC_MAX_SIDE = 2560

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
        _check_image(content, name)
    return CheckedFile(name=name, content=content, content_type=kind.mime, extension=ALLOWED_TYPES[kind.mime])


def _check_image(content: bytes, name: str) -> None:
    """Refuse an image with too many pixels from its header (Image.open decodes nothing), then let
    Pillow check the structure."""
    too_large = AttachmentError(
        _("Ảnh “%(name)s” có kích thước quá lớn; mỗi ảnh tối đa %(max)s triệu điểm ảnh "
          "(ví dụ 8000 × 6000). Hãy chụp lại hoặc thu nhỏ ảnh rồi gửi lại.")
        % {"name": name, "max": settings.ATTACHMENT_MAX_PIXELS // 1_000_000})
    try:
        with Image.open(io.BytesIO(content)) as image:
            width, height = image.size
            if width * height <= settings.ATTACHMENT_MAX_PIXELS:
                image.verify()
    except Image.DecompressionBombError:  # over twice Pillow's limit: refused by Pillow at open
        raise too_large from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise AttachmentError(_("Ảnh “%(name)s” bị hỏng hoặc không đọc được.") % {"name": name}) from None
    if width * height > settings.ATTACHMENT_MAX_PIXELS:
        raise too_large


def public_copy(content: bytes, extension: str) -> bytes:
    """Re-encode an image from its pixels only, turned upright and at most PUBLIC_MAX_SIDE on its
    long side, so no metadata survives. Slow on big photos: call it outside any transaction."""
    with Image.open(io.BytesIO(content)) as image:
        if image.format == "JPEG":
            # decode at 1/2, 1/4 or 1/8 scale when the photo is much larger than the copy needs
            image.draft("RGB", (PUBLIC_MAX_SIDE, PUBLIC_MAX_SIDE))
        upright = ImageOps.exif_transpose(image)
        upright.thumbnail((PUBLIC_MAX_SIDE, PUBLIC_MAX_SIDE))
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


# The name earlier callers (and the retention tests) know it by.
strip_metadata = public_copy


@dataclass
class PreparedFile:
    """A checked upload with its public copy made: everything but the writing."""

    checked: CheckedFile
    stored_name: str
    sha256: str
    public: bytes | None  # None: no public copy (PDFs are never public)


def prepare(checked: CheckedFile) -> PreparedFile:
    public = public_copy(checked.content, checked.extension) if checked.content_type.startswith("image/") else None
    return PreparedFile(checked=checked, stored_name=f"{secrets.token_hex(8)}.{checked.extension}",
                        sha256=hashlib.sha256(checked.content).hexdigest(), public=public)


_FileRow = TypeVar("_FileRow", bound=StoredFile)


def write(item: _FileRow, prepared: PreparedFile) -> _FileRow:
    """Fill a new, unsaved file row (a case's or an answer's) and write its files to storage: the
    original, and the public copy when there is one. The row's owner needs only the fields its
    upload path uses (a case's creation time and tracking code), not a primary key."""
    checked = prepared.checked
    item.stored_name = prepared.stored_name
    item.original_name = checked.name
    item.content_type = checked.content_type
    item.size = len(checked.content)
    item.sha256 = prepared.sha256
    try:
        item.file.save(item.stored_name, ContentFile(checked.content), save=False)
        if prepared.public is not None:
            item.public_file.save(item.stored_name, ContentFile(prepared.public), save=False)
    except BaseException:
        discard([item])
        raise
    return item


def discard(items: Iterable[StoredFile]) -> None:
    """Remove the files of rows that will not be saved (their transaction failed or rolled back):
    an original left behind would keep a photo's GPS position with no row for retention to find."""
    for item in items:
        for field in (item.file, item.public_file):
            if not field:
                continue
            try:
                field.storage.delete(field.name)
            except OSError:
                log.exception("could not delete the unsaved upload %s", field.name)


def save_checked(item: _FileRow, checked: CheckedFile) -> _FileRow:
    """Prepare, write and save one file row at once (uploads outside intake; tests)."""
    write(item, prepare(checked))
    try:
        item.save()
    except BaseException:
        discard([item])
        raise
    return item


def store(case: Case, checked: CheckedFile) -> Attachment:
    return save_checked(Attachment(case=case), checked)
