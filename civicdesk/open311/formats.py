"""Writing Open311 responses in both formats: JSON and XML (the standard's required format).

The same Python structure (dicts, lists, scalars) becomes either; lists become repeated child
elements named as the standard names them."""

import json
import xml.etree.ElementTree as ET
from datetime import datetime

from django.http import HttpResponse
from django.utils import timezone

FORMATS = {"json": "application/json; charset=utf-8", "xml": "text/xml; charset=utf-8"}

# A list under this key holds elements with this tag (GeoReport v2 element names).
CHILD_TAGS = {
    "attributes": "attribute",
    "values": "value",
    "endpoints": "endpoint",
    "formats": "format",
    "services": "service",
    "service_requests": "request",
    "errors": "error",
}


def iso(moment: datetime | None) -> str | None:
    """ISO 8601 with the city's offset, e.g. 2026-11-21T09:30:00+07:00."""
    if moment is None:
        return None
    return timezone.localtime(moment).isoformat(timespec="seconds")


def _scalar(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _fill(element: ET.Element, value: object) -> None:
    if isinstance(value, dict):
        for key, child in value.items():
            _fill(ET.SubElement(element, key), child)
    elif isinstance(value, list):
        tag = CHILD_TAGS.get(element.tag, "item")
        for item in value:
            _fill(ET.SubElement(element, tag), item)
    else:
        element.text = _scalar(value)


def to_xml(root: str, data: object) -> bytes:
    element = ET.Element(root)
    _fill(element, data)
    return ET.tostring(element, encoding="utf-8", xml_declaration=True)


def respond(fmt: str, root: str, data: object, status: int = 200) -> HttpResponse:
    """`root` is the XML root element (`services`, `service_requests`…); JSON has no root."""
    body = to_xml(root, data) if fmt == "xml" else json.dumps(data, ensure_ascii=False).encode("utf-8")
    return HttpResponse(body, status=status, content_type=FORMATS[fmt])


def error(fmt: str, status: int, description: str) -> HttpResponse:
    """Errors as the standard writes them: a list of {code, description}."""
    return respond(fmt, "errors", [{"code": status, "description": str(description)}], status=status)
