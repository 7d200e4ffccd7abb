"""A one-sheet Excel workbook written while it is sent: rows go out as they are read, so memory stays
the same for a hundred rows or a million (openpyxl builds the whole workbook first).

An xlsx file is a zip of XML parts. Python's zipfile writes to a stream that cannot seek (each entry
followed by a data descriptor), so the sheet's XML is compressed row by row and handed out in chunks.
Cells: text as inline strings — a text that looks like a formula gets Excel's "quote prefix" style, as
`lib.spreadsheet` does for openpyxl, so it stays text when edited —, numbers as numbers, dates and
moments as date cells shown dd/mm/yyyy (hh:mm)."""

import re
import zipfile
from collections.abc import Iterable, Iterator
from datetime import date, datetime
from xml.sax.saxutils import escape

from civicdesk.lib.spreadsheet import looks_like_formula

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CHUNK_ROWS = 500
_EPOCH = datetime(1899, 12, 30)
# XML 1.0 refuses these characters even escaped
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
# cellXfs below: 0 plain, 1 moment, 2 date, 3 text with quote prefix, 4 bold header
_MOMENT, _DATE, _QUOTED, _BOLD = 1, 2, 3, 4

_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    '<Override PartName="/xl/styles.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
    '</Types>')
_ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'officeDocument" Target="xl/workbook.xml"/></Relationships>')
_WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet"'
    ' Target="worksheets/sheet1.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles"'
    ' Target="styles.xml"/></Relationships>')
_STYLES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    '<numFmts count="2"><numFmt numFmtId="164" formatCode="dd/mm/yyyy hh:mm"/>'
    '<numFmt numFmtId="165" formatCode="dd/mm/yyyy"/></numFmts>'
    '<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font>'
    '<font><b/><sz val="11"/><name val="Calibri"/></font></fonts>'
    '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>'
    '</fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
    '<cellXfs count="5"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
    '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
    '<xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
    '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" quotePrefix="1"/>'
    '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs>'
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
    '</styleSheet>')


def _workbook(sheet_name: str) -> str:
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
            'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
            f'<sheets><sheet name="{escape(sheet_name, {chr(34): "&quot;"})}" sheetId="1" r:id="rId1"/></sheets>'
            '</workbook>')


def _sheet_name(title: str) -> str:
    return "".join(ch for ch in title if ch not in "[]:*?/\\")[:31] or "Sheet"


def _serial(moment: datetime | date) -> float:
    if not isinstance(moment, datetime):
        moment = datetime(moment.year, moment.month, moment.day)
    delta = moment.replace(tzinfo=None) - _EPOCH
    return delta.days + delta.seconds / 86400


def _cell(value: object, style: int = 0) -> str:
    if value is None or value == "":
        return "<c/>"
    if isinstance(value, bool):
        return f'<c t="b"><v>{int(value)}</v></c>'
    if isinstance(value, int | float):
        return f"<c><v>{value}</v></c>"
    if isinstance(value, datetime):
        return f'<c s="{_MOMENT}"><v>{_serial(value):.8f}</v></c>'
    if isinstance(value, date):
        return f'<c s="{_DATE}"><v>{_serial(value):.0f}</v></c>'
    text = _NOT_XML.sub("", str(value))
    if looks_like_formula(text):
        style = _QUOTED
    styled = f' s="{style}"' if style else ""
    return f'<c t="inlineStr"{styled}><is><t xml:space="preserve">{escape(text)}</t></is></c>'


def _row(values: Iterable[object], style: int = 0) -> str:
    return "<row>" + "".join(_cell(v, style) for v in values) + "</row>"


class _Sink:
    """What zipfile writes into: it keeps the bytes until the generator hands them on. It has no
    tell() or seek(), so zipfile writes each entry's sizes after its data."""

    def __init__(self) -> None:
        self.parts: list[bytes] = []

    def write(self, data: bytes) -> int:
        self.parts.append(bytes(data))
        return len(data)

    def flush(self) -> None:
        pass

    def take(self) -> bytes:
        out = b"".join(self.parts)
        self.parts.clear()
        return out


def stream(title: str, caption: str, headers: list[str], rows: Iterable[Iterable[object]]) -> Iterator[bytes]:
    """The workbook's bytes, in chunks: one sheet named `title`, `caption` in A1, bold `headers` in
    row 3 (frozen above the data), then `rows`. Moments should be local time (naive or aware)."""
    sink = _Sink()
    with zipfile.ZipFile(sink, "w", zipfile.ZIP_DEFLATED) as book:  # type: ignore[call-overload]
        book.writestr("[Content_Types].xml", _CONTENT_TYPES)
        book.writestr("_rels/.rels", _ROOT_RELS)
        book.writestr("xl/workbook.xml", _workbook(_sheet_name(title)))
        book.writestr("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS)
        book.writestr("xl/styles.xml", _STYLES)
        yield sink.take()
        with book.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            sheet.write(('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                         '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
                         '<sheetViews><sheetView workbookViewId="0"><pane ySplit="3" topLeftCell="A4" '
                         'activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>'
                         '<cols>' + "".join(f'<col min="{i}" max="{i}" width="{18 if i > 1 else 14}" customWidth="1"/>'
                                            for i in range(1, len(headers) + 1)) + '</cols><sheetData>'
                         + _row([caption], _BOLD) + "<row/>" + _row(headers, _BOLD)).encode())
            for number, values in enumerate(rows, start=1):
                sheet.write(_row(values).encode())
                if number % CHUNK_ROWS == 0:
                    yield sink.take()
            sheet.write(b"</sheetData></worksheet>")
    yield sink.take()
