"""The official answer as a PDF letter in the layout of Decree 30/2020/NĐ-CP (Appendix I, công văn):
the governing and issuing agency top left with the number and the subject line, the national motto
top right with place and date, "Kính gửi", the body, "Nơi nhận" bottom left and the signature block
bottom right — always in Vietnamese, whatever the interface language. The letter is public, so it carries the answer's public (masked) text and addresses the
sender by the tracking code, never by name.

The decree asks for Times New Roman; a serif face with all Vietnamese letters stands in for it
(`FONT_CHOICES`: Noto Serif from `fonts-noto-core` when installed)."""

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from django.utils import timezone
from fpdf import FPDF

# Serif faces with every Vietnamese letter, first found wins (Liberation Serif, Times' metric twin,
# lacks the Vietnamese letters): Noto Serif (fonts-noto-core), DejaVu Serif (fonts-dejavu-extra), then
# the DejaVu Sans shipped in the package (civicdesk/dashboard/fonts/, read as files).
FONT_CHOICES: list[tuple[Path, dict[str, str]]] = [
    (Path("/usr/share/fonts/truetype/noto"), {"": "NotoSerif-Regular.ttf", "B": "NotoSerif-Bold.ttf",
                                              "I": "NotoSerif-Italic.ttf", "BI": "NotoSerif-BoldItalic.ttf"}),
    (Path("/usr/share/fonts/truetype/dejavu"), {"": "DejaVuSerif.ttf", "B": "DejaVuSerif-Bold.ttf",
                                                "I": "DejaVuSerif-Italic.ttf", "BI": "DejaVuSerif-BoldItalic.ttf"}),
    (Path(__file__).resolve().parent.parent / "dashboard" / "fonts",
     {"": "DejaVuSans.ttf", "B": "DejaVuSans-Bold.ttf", "I": "DejaVuSans.ttf", "BI": "DejaVuSans-Bold.ttf"}),
]


@dataclass(frozen=True)
class LetterText:
    parent_name: str  # cơ quan chủ quản, e.g. "ỦY BAN NHÂN DÂN THÀNH PHỐ HỒ CHÍ MINH"
    agency_name: str  # cơ quan ban hành
    number: str  # "15/SXD-VP"
    place: str  # "Thành phố Hồ Chí Minh"
    issued_at: datetime
    tracking_code: str
    subject: str  # trích yếu
    body: str
    signer_authority: str  # "KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC"
    signer_name: str


def _fonts() -> tuple[Path, dict[str, str]]:
    for folder, files in FONT_CHOICES:
        if all((folder / name).is_file() for name in files.values()):
            return folder, files
    raise FileNotFoundError("no font for the answer letter: apt-get install fonts-noto-core")


class _Letter(FPDF):
    def __init__(self) -> None:
        super().__init__(orientation="P", unit="mm", format="A4")
        folder, files = _fonts()
        for style, name in files.items():
            self.add_font("Letter", style, str(folder / name))
        # Decree 30: top 20–25 mm, bottom 20–25 mm, left 30–35 mm, right 15–20 mm
        self.set_margins(left=30, top=20, right=15)
        self.set_auto_page_break(auto=True, margin=20)
        self.set_creator("civicdesk")


def _date_line(place: str, at: datetime) -> str:
    local = timezone.localtime(at)
    return f"{place}, ngày {local.day:02d} tháng {local.month:02d} năm {local.year}"


def _fit(pdf: FPDF, style: str, size: float, line: str, width: float) -> None:
    """Set the largest font size, from `size` down to 10, at which `line` fits on one line."""
    while size > 10:
        pdf.set_font("Letter", style, size)
        if pdf.get_string_width(line) <= width - 2:
            return
        size -= 0.5
    pdf.set_font("Letter", style, size)


def render(text: LetterText) -> bytes:
    """The unsigned PDF (one or more A4 pages)."""
    pdf = _Letter()
    pdf.set_title(text.subject)
    pdf.set_author(text.agency_name)
    pdf.add_page()
    left_w, right_w = 66.0, pdf.epw - 66.0
    top = pdf.get_y()
    # Left: governing agency, issuing agency (bold), a short rule, number, subject line.
    pdf.set_font("Letter", "", 12)
    pdf.multi_cell(left_w, 5.5, text.parent_name.upper(), align="C")
    pdf.set_font("Letter", "B", 12)
    pdf.multi_cell(left_w, 5.5, text.agency_name.upper(), align="C")
    rule_y = pdf.get_y() + 0.5
    pdf.line(pdf.l_margin + left_w / 2 - 12, rule_y, pdf.l_margin + left_w / 2 + 12, rule_y)
    pdf.set_y(rule_y + 2.5)
    pdf.set_font("Letter", "", 13)
    pdf.multi_cell(left_w, 6, f"Số: {text.number}", align="C")
    pdf.set_font("Letter", "", 12)
    pdf.multi_cell(left_w, 5.5, f"V/v {text.subject}", align="C")
    left_bottom = pdf.get_y()
    # Right: national name and motto (bold), a rule, place and date (italic).
    pdf.set_xy(pdf.l_margin + left_w, top)
    pdf.set_font("Letter", "B", 12)
    pdf.multi_cell(right_w, 5.5, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", align="C")
    pdf.set_x(pdf.l_margin + left_w)
    pdf.set_font("Letter", "B", 13)
    pdf.multi_cell(right_w, 6, "Độc lập - Tự do - Hạnh phúc", align="C")
    rule_y = pdf.get_y() + 0.5
    centre = pdf.l_margin + left_w + right_w / 2
    pdf.line(centre - 29, rule_y, centre + 29, rule_y)
    pdf.set_xy(pdf.l_margin + left_w, rule_y + 5)
    _fit(pdf, "I", 13, _date_line(text.place, text.issued_at), right_w)
    pdf.multi_cell(right_w, 6, _date_line(text.place, text.issued_at), align="C")
    pdf.set_y(max(left_bottom, pdf.get_y()) + 8)
    # Addressee and body.
    pdf.set_font("Letter", "", 14)
    pdf.multi_cell(0, 7, f"Kính gửi: Người gửi phản ánh, kiến nghị mã {text.tracking_code}.", align="C")
    pdf.ln(3)
    for paragraph in [p.strip() for p in text.body.splitlines() if p.strip()]:
        pdf.set_x(pdf.l_margin)
        pdf.multi_cell(0, 7, "      " + paragraph, align="J")
        pdf.ln(1.5)
    pdf.ln(6)
    if pdf.get_y() > pdf.h - 70:
        pdf.add_page()
    # Bottom: recipients (left), signature block (right).
    block_top = pdf.get_y()
    pdf.set_font("Letter", "BI", 12)
    pdf.cell(left_w, 6, "Nơi nhận:", new_x="LEFT", new_y="NEXT")
    pdf.set_font("Letter", "", 11)
    pdf.multi_cell(left_w, 5, "- Như trên;\n- Lưu: VT.")
    pdf.set_xy(pdf.l_margin + left_w, block_top)
    pdf.set_font("Letter", "B", 13)
    pdf.multi_cell(right_w, 6, text.signer_authority.upper(), align="C")
    pdf.set_x(pdf.l_margin + left_w)
    pdf.set_font("Letter", "I", 11)
    pdf.multi_cell(right_w, 6, "(Đã ký số)", align="C")
    pdf.ln(14)
    pdf.set_x(pdf.l_margin + left_w)
    pdf.set_font("Letter", "B", 13)
    pdf.multi_cell(right_w, 6, text.signer_name, align="C")
    return bytes(pdf.output())
