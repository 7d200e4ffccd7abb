"""Factories and file builders for the citizen-facing tests (unit and browser)."""

import io

import factory
from django.utils import timezone
from PIL import Image, ImageDraw

from civicdesk.answers.models import Answer
from civicdesk.petitions.models import Status
from civicdesk.petitions.tracking import new_tracking_code
from tests.factories import CaseFactory, UserFactory

GPS_IFD = 0x8825


def jpeg_with_gps(size: tuple[int, int] = (64, 48), colour: tuple[int, int, int] = (52, 44, 38)) -> bytes:
    """A small JPEG whose EXIF holds a camera maker and a GPS position, like a phone photo."""
    image = Image.new("RGB", size, (128, 128, 124))
    w, h = size
    ImageDraw.Draw(image).ellipse((w // 4, h // 3, 3 * w // 4, 2 * h // 3), fill=colour)
    exif = Image.Exif()
    exif[0x010F] = "CivicdeskTestCam"  # Make
    gps = exif.get_ifd(GPS_IFD)
    gps.update({1: "N", 2: (10.0, 46.0, 30.0), 3: "E", 4: (106.0, 42.0, 5.0)})
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif)
    return out.getvalue()


def has_exif(content: bytes) -> bool:
    with Image.open(io.BytesIO(content)) as image:
        exif = image.getexif()
        return bool(exif) or bool(exif.get_ifd(GPS_IFD)) or "exif" in image.info


SVG_WITH_SCRIPT = (b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
                   b'<script>alert(document.cookie)</script><rect width="10" height="10"/></svg>')

PDF_BYTES = (b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>"
             b"endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n")


class CitizenCaseFactory(CaseFactory):
    """A case with a tracking code of the real format."""

    tracking_code = factory.LazyFunction(new_tracking_code)


class PublishedCaseFactory(CitizenCaseFactory):
    status = Status.ANSWERED
    is_public = True
    answered_at = factory.LazyFunction(timezone.now)


def approve_answer(case, body: str, public_body: str = "", author=None) -> Answer:  # type: ignore[no-untyped-def]
    author = author or UserFactory(username="canbo.traloi", role="officer")
    return Answer.objects.create(case=case, author=author, body=body, public_body=public_body,
                                 state=Answer.State.APPROVED, approved_by=author, approved_at=timezone.now())
