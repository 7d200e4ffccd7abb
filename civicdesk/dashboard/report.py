"""The printable monthly report (PDF, A4) of the city or of one unit, in Vietnamese, laid out as an
administrative report (Decree 30/2020/ND-CP): the issuing body and the national motto side by side,
number, place and date, the title, the figures with two charts drawn here (vector bars, no image
library), then the recipients and the signature block.

The PDF embeds DejaVu Sans (shipped in civicdesk/dashboard/fonts/, Bitstream Vera licence) so that
every diacritic prints; CIVICDESK_REPORT_FONT_DIR may point to another folder with the same two files."""

import calendar
import os
from datetime import date, timedelta
from pathlib import Path

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from fpdf import FPDF
from fpdf.fonts import FontFace

from civicdesk.dashboard import figures
from civicdesk.organisation.models import AdminUnit, Agency

ONE_DAY = timedelta(days=1)
FONT_FILES = {"": "DejaVuSans.ttf", "B": "DejaVuSans-Bold.ttf"}


class FontMissing(RuntimeError):
    pass


def font_dir() -> Path:
    configured = os.environ.get("CIVICDESK_REPORT_FONT_DIR")
    for folder in ([Path(configured)] if configured else []) + [
            Path(__file__).resolve().parent / "fonts", Path("/usr/share/fonts/truetype/dejavu")]:
        if all((folder / name).is_file() for name in FONT_FILES.values()):
            return folder
    raise FontMissing(
        "DejaVuSans.ttf and DejaVuSans-Bold.ttf were not found in civicdesk/dashboard/fonts/ nor in "
        "/usr/share/fonts/truetype/dejavu (apt-get install fonts-dejavu-core) nor CIVICDESK_REPORT_FONT_DIR")


class ReportPDF(FPDF):
    def __init__(self, title: str):
        super().__init__(orientation="P", unit="mm", format="A4")
        folder = font_dir()
        for style, name in FONT_FILES.items():
            self.add_font("DejaVu", style, str(folder / name))
        self.report_title = title
        self.set_auto_page_break(auto=True, margin=15)
        self.set_title(title)
        self.set_creator("civicdesk")

    def header(self):
        if self.page_no() == 1:  # the first page carries the official header instead
            return
        self.set_font("DejaVu", "", 8)
        self.set_text_color(110)
        self.cell(0, 5, self.report_title, align="L")
        self.ln(7)
        self.set_text_color(0)

    def footer(self):
        self.set_y(-12)
        self.set_font("DejaVu", "", 8)
        self.set_text_color(110)
        self.cell(0, 5, _("Trang %(page)s") % {"page": self.page_no()}, align="C")

    def heading(self, text: str):
        self.ln(3)
        self.set_font("DejaVu", "B", 12)
        self.cell(0, 7, text, new_x="LMARGIN", new_y="NEXT")
        self.set_font("DejaVu", "", 9)

    def table_of(self, headers: list[str], rows: list[list[str]], widths: tuple[int, ...]):
        self.set_font("DejaVu", "", 9)
        with self.table(col_widths=widths, text_align=["LEFT"] + ["RIGHT"] * (len(headers) - 1),
                        headings_style=FontFace(emphasis="BOLD", fill_color=(240, 243, 247)),
                        line_height=5.5) as table:
            table.row(headers)
            for values in rows:
                table.row([str(v) for v in values])

    def official_header(self, issuer: "Issuer", place: str, day: date):
        """Issuing body (left) and national motto (right), then the number and the place and date."""
        left_w, right_w = 75.0, self.epw - 75.0
        top = self.get_y()
        self.set_font("DejaVu", "", 10)
        self.set_xy(self.l_margin, top)
        self.multi_cell(left_w, 5, issuer.superior, align="C", new_x="LMARGIN", new_y="NEXT")
        self.set_font("DejaVu", "B", 10)
        self.multi_cell(left_w, 5, issuer.name, align="C", new_x="LMARGIN", new_y="NEXT")
        self._rule_under(self.l_margin + left_w / 2, 18)
        self.ln(2)
        self.set_font("DejaVu", "", 10)
        self.multi_cell(left_w, 5, _("Số:      /BC-%(code)s") % {"code": issuer.code}, align="C",
                        new_x="LMARGIN", new_y="NEXT")
        left_bottom = self.get_y()
        self.set_xy(self.l_margin + left_w, top)
        self.set_font("DejaVu", "B", 10)
        self.cell(right_w, 5, _("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"), align="C", new_x="LEFT", new_y="NEXT")
        self.set_font("DejaVu", "B", 11)
        self.cell(right_w, 6, _("Độc lập - Tự do - Hạnh phúc"), align="C", new_x="LEFT", new_y="NEXT")
        self._rule_under(self.l_margin + left_w + right_w / 2, 52)
        self.ln(2)
        self.set_font("DejaVu", "", 10)
        self.cell(right_w, 5, _("%(place)s, ngày %(d)s tháng %(m)s năm %(y)s") % {
            "place": place, "d": f"{day:%d}", "m": f"{day:%m}", "y": day.year}, align="C")
        self.set_xy(self.l_margin, max(left_bottom, self.get_y() + 5) + 4)

    def _rule_under(self, centre: float, width: float):
        y = self.get_y() + 0.5
        self.set_line_width(0.3)
        self.line(centre - width / 2, y, centre + width / 2, y)

    def bar_chart(self, caption: str, labels: list[str], series: list[tuple[str, list[int], tuple[int, int, int]]],
                  label_every: int = 1):
        """Vertical bars, one group per label, one bar per series, with a scale and a legend."""
        height, axis_w = 45.0, 12.0
        needed = height + 22
        if self.get_y() + needed > self.h - self.b_margin:
            self.add_page()
        self.set_font("DejaVu", "B", 9)
        self.cell(0, 6, caption, new_x="LMARGIN", new_y="NEXT")
        top = self.get_y() + 2
        left = self.l_margin + axis_w
        width = self.epw - axis_w
        peak = max([max(values, default=0) for _name, values, _colour in series] + [1])
        scale = _nice_ceiling(peak)
        self.set_font("DejaVu", "", 7)
        self.set_draw_color(200)
        self.set_line_width(0.1)
        for step in range(5):
            value = scale * step / 4
            y = top + height - height * step / 4
            self.line(left, y, left + width, y)
            self.set_xy(self.l_margin, y - 2)
            self.cell(axis_w - 1, 4, _fmt(value, "count"), align="R")
        slot = width / max(len(labels), 1)
        bar = max(min(slot * 0.8 / max(len(series), 1), 8.0), 0.3)
        for index, label in enumerate(labels):
            x = left + index * slot + (slot - bar * len(series)) / 2
            for number, (_name, values, colour) in enumerate(series):
                value = values[index] if index < len(values) else 0
                if value:
                    self.set_fill_color(*colour)
                    bar_h = height * value / scale
                    self.rect(x + number * bar, top + height - bar_h, bar, bar_h, style="F")
            if index % label_every == 0:
                self.set_xy(left + index * slot - 3, top + height + 0.5)
                self.cell(slot + 6, 4, label, align="C")
        self.set_draw_color(0)
        self.line(left, top + height, left + width, top + height)
        self.set_xy(left, top + height + 5)
        for name, _values, colour in series:
            self.set_fill_color(*colour)
            self.rect(self.get_x(), self.get_y() + 1, 3, 3, style="F")
            self.set_x(self.get_x() + 4)
            self.cell(self.get_string_width(name) + 6, 5, name)
        self.set_xy(self.l_margin, top + height + 12)

    def horizontal_bars(self, caption: str, rows: list[tuple[str, int]], colour: tuple[int, int, int]):
        """One bar per row, the label on the left and the value at the bar's end."""
        line_h, label_w = 5.5, 62.0
        if self.get_y() + 8 + line_h * max(len(rows), 1) > self.h - self.b_margin:
            self.add_page()
        self.set_font("DejaVu", "B", 9)
        self.cell(0, 6, caption, new_x="LMARGIN", new_y="NEXT")
        self.set_font("DejaVu", "", 8)
        peak = max([value for _label, value in rows] + [1])
        room = self.epw - label_w - 18
        for label, value in rows:
            y = self.get_y()
            self.set_x(self.l_margin)
            self.cell(label_w, line_h, _shorten(self, label, label_w - 1))
            self.set_fill_color(*colour)
            length = room * value / peak
            if value:
                self.rect(self.l_margin + label_w, y + 1, length, line_h - 2, style="F")
            self.set_xy(self.l_margin + label_w + length + 1, y)
            self.cell(16, line_h, _fmt(value, "count"), new_x="LMARGIN", new_y="NEXT")
        self.ln(2)

    def signature_block(self, issuer: "Issuer", prepared_by: str):
        """Recipients on the left; the signing title, the signing note and room to sign on the right."""
        if self.get_y() + 55 > self.h - self.b_margin:
            self.add_page()
        self.ln(4)
        top = self.get_y()
        left_w, right_w = 80.0, self.epw - 80.0
        self.set_font("DejaVu", "B", 9)
        self.cell(left_w, 5, _("Nơi nhận:"), new_x="LMARGIN", new_y="NEXT")
        self.set_font("DejaVu", "", 8)
        for line in issuer.recipients:
            self.cell(left_w, 4.5, line, new_x="LMARGIN", new_y="NEXT")
        self.set_xy(self.l_margin + left_w, top)
        self.set_font("DejaVu", "B", 10)
        for line in issuer.signer:
            self.cell(right_w, 5, line, align="C", new_x="LEFT", new_y="NEXT")
        self.set_font("DejaVu", "", 9)
        self.cell(right_w, 5, _("(Ký, ghi rõ họ tên, đóng dấu)"), align="C", new_x="LEFT", new_y="NEXT")
        self.ln(22)
        if prepared_by:
            self.set_font("DejaVu", "", 8)
            self.set_x(self.l_margin + left_w)
            self.cell(right_w, 5, _("Người lập báo cáo: %(name)s") % {"name": prepared_by}, align="C")


def _nice_ceiling(value: float) -> float:
    """The top of the scale: four equal steps of 1, 2 or 5 × 10^n that reach `value`."""
    magnitude = 1
    while True:
        for step in (1, 2, 5):
            if 4 * step * magnitude >= value:
                return float(4 * step * magnitude)
        magnitude *= 10


def _shorten(pdf: FPDF, text: str, width: float) -> str:
    if pdf.get_string_width(text) <= width:
        return text
    while text and pdf.get_string_width(text + "…") > width:
        text = text[:-1]
    return text + "…"


class Issuer:
    """Who issues the report: the city's People's Committee, or a unit under it."""

    def __init__(self, agency: Agency | None):
        province = AdminUnit.objects.filter(code=settings.ROUTING_PROVINCE_CODE).values_list("name", flat=True).first()
        self.province = province or ""
        committee = _("ỦY BAN NHÂN DÂN")
        if agency is None:
            self.superior = committee
            self.name = self.province.upper() or committee
            self.code = "UBND"
            self.signer = [_("TM. ỦY BAN NHÂN DÂN"), _("CHỦ TỊCH")]
            self.recipients = [_("- Thường trực Thành ủy, HĐND (để báo cáo);"), _("- Các sở, ban, ngành, UBND phường, xã;"),
                               _("- Lưu: VT.")]
        else:
            self.superior = f"UBND {self.province.upper()}".strip()  # the usual short form of the superior
            self.name = agency.name.upper()
            self.code = "".join(part[0] for part in agency.code.split("-") if part).upper() or agency.code.upper()
            self.signer = [_("THỦ TRƯỞNG ĐƠN VỊ")]
            self.recipients = [_("- UBND thành phố (để báo cáo);"), _("- Lãnh đạo đơn vị;"), _("- Lưu: VT.")]

    @property
    def place(self) -> str:
        return self.province or _("Việt Nam")


def _fmt(value, kind: str) -> str:
    if value is None:
        return "—"
    if kind == "percent":
        return f"{100 * value:.1f} %".replace(".", ",")
    if kind == "hours":
        return _("%(h)s giờ") % {"h": f"{value:.1f}".replace(".", ",")}
    if kind == "score":
        return f"{value:.2f}".replace(".", ",")
    return f"{value:,.0f}".replace(",", ".")


def _change(item) -> str:
    change = item["change"]
    if change is None:
        return "—"
    kind = item["kind"]
    sign = "+" if change > 0 else ("−" if change < 0 else "±")
    magnitude = abs(change)
    if kind == "percent":
        return _("%(sign)s%(value)s điểm %%") % {"sign": sign, "value": f"{100 * magnitude:.1f}".replace(".", ",")}
    return sign + _fmt(magnitude, kind)


def compared_periods(first: date, today: date) -> tuple[date, date, date, date, bool]:
    """(start, end, previous start, previous end, complete) of the month that begins on `first`.

    A month still running on `today` is reported up to today and compared with the same number of
    days at the start of the previous month (all of it when that month is shorter), not with the
    whole previous month."""
    last = first.replace(day=calendar.monthrange(first.year, first.month)[1])
    previous_first = (first - ONE_DAY).replace(day=1)
    previous_last = first - ONE_DAY
    if not first <= today < last:
        return first, last, previous_first, previous_last, True
    days = (today - first).days + 1
    return first, today, previous_first, min(previous_first + timedelta(days=days - 1), previous_last), False


RECEIVED_COLOUR = (47, 98, 163)
RESOLVED_COLOUR = (76, 160, 108)


def monthly_pdf(first: date, agency: Agency | None, now=None, prepared_by: str = "") -> bytes:
    moment = timezone.localtime(now or timezone.now())
    start, end, previous_start, previous_end, complete = compared_periods(first, moment.date())
    scope = figures.Scope(start=start, end=end, agency_id=agency.id if agency else None, granularity="day")
    area = agency.name if agency else _("Toàn thành phố")
    title = _("Báo cáo tình hình tiếp nhận, xử lý phản ánh, kiến nghị tháng %(month)s — %(area)s") % {
        "month": f"{first:%m/%Y}", "area": area}
    pdf = ReportPDF(title)
    pdf.add_page()
    issuer = Issuer(agency)
    pdf.official_header(issuer, issuer.place, moment.date())
    pdf.set_font("DejaVu", "B", 14)
    pdf.cell(0, 7, _("BÁO CÁO"), align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("DejaVu", "B", 11)
    pdf.multi_cell(0, 6, _("Tình hình tiếp nhận, xử lý phản ánh, kiến nghị tháng %(month)s — %(area)s") % {
        "month": f"{first:%m/%Y}", "area": area}, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)
    pdf.set_font("DejaVu", "", 9)
    pdf.set_text_color(90)
    pdf.cell(0, 6, _("Kỳ báo cáo: %(start)s – %(end)s · lập lúc %(now)s") % {
        "start": f"{start:%d/%m/%Y}", "end": f"{end:%d/%m/%Y}", "now": f"{moment:%H:%M %d/%m/%Y}"},
        new_x="LMARGIN", new_y="NEXT")
    pdf.set_text_color(0)
    if complete:
        comparison = _("So sánh với cả tháng trước (%(start)s – %(end)s).")
    else:
        pdf.set_font("DejaVu", "B", 9)
        pdf.multi_cell(0, 5, _("Tháng %(month)s chưa kết thúc: số liệu mới có %(days)s ngày, đến hết ngày %(end)s.")
                       % {"month": f"{first:%m/%Y}", "days": (end - start).days + 1, "end": f"{end:%d/%m/%Y}"},
                       new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("DejaVu", "", 9)
        comparison = _("Để so sánh tương đương, số liệu được so với cùng số ngày đầu tháng trước "
                       "(%(start)s – %(end)s), không phải với cả tháng trước.")
    pdf.multi_cell(0, 5, comparison % {"start": f"{previous_start:%d/%m/%Y}", "end": f"{previous_end:%d/%m/%Y}"},
                   new_x="LMARGIN", new_y="NEXT")

    head = figures.headline(scope, now=now)
    previous = figures.period_figures(figures.Scope(start=previous_start, end=previous_end,
                                                    agency_id=scope.agency_id))
    pdf.heading(_("1. Chỉ số chính"))
    rows = []
    for item in head["items"]:
        before = previous.get(item["key"])
        item = {**item, "previous": before,
                "change": None if (item["value"] is None or before is None) else item["value"] - before}
        rows.append([str(item["label"]), _fmt(item["value"], item["kind"]), _fmt(before, item["kind"]),
                     _change(item)])
    if complete:
        columns = [_("Tháng này"), _("Tháng trước")]
    else:
        columns = [f"{start:%d}–{end:%d/%m}", f"{previous_start:%d}–{previous_end:%d/%m}"]
    pdf.table_of([_("Chỉ số"), *columns, _("Thay đổi")], rows, (80, 35, 35, 40))
    pdf.ln(3)
    series = figures.trend(scope)
    pdf.bar_chart(_("Biểu đồ 1. Tiếp nhận và giải quyết theo ngày"), [f"{r['start']:%d}" for r in series],
                  [(_("Tiếp nhận"), [r["received"] for r in series], RECEIVED_COLOUR),
                   (_("Đã giải quyết"), [r["resolved"] for r in series], RESOLVED_COLOUR)],
                  label_every=1 if len(series) <= 16 else 2)

    pdf.heading(_("2. Theo lĩnh vực"))
    by_category = figures.breakdown(scope, "category")
    pdf.table_of([_("Lĩnh vực"), _("Tiếp nhận"), _("Tỉ trọng"), _("Đã giải quyết"), _("Đúng hạn")],
                 [[r["name"], _fmt(r["received"], "count"), _fmt(r["share"], "percent"),
                   _fmt(r["resolved"], "count"), _fmt(r["on_time_rate"], "percent")]
                  for r in by_category], (74, 26, 26, 30, 30))
    if by_category:
        pdf.ln(3)
        pdf.horizontal_bars(_("Biểu đồ 2. Tiếp nhận theo lĩnh vực (10 lĩnh vực nhiều nhất)"),
                            [(r["name"], r["received"]) for r in by_category[:10]], RECEIVED_COLOUR)

    pdf.heading(_("3. Theo kênh tiếp nhận"))
    pdf.table_of([_("Kênh"), _("Tiếp nhận"), _("Tỉ trọng")],
                 [[r["name"], _fmt(r["received"], "count"), _fmt(r["share"], "percent")]
                  for r in figures.breakdown(scope, "channel")], (90, 45, 45))

    pdf.heading(_("4. Xếp hạng đơn vị theo mức đúng hạn") if not agency else _("4. Kết quả của đơn vị"))
    pdf.table_of([_("Hạng"), _("Đơn vị"), _("Đến hạn"), _("Đúng hạn"), _("Quá hạn"), _("Tỉ lệ"), _("Điểm")],
                 [[str(r["rank"]) if r["ranked"] else "—", r["name"], _fmt(r["assessed"], "count"),
                   _fmt(r["on_time"], "count"), _fmt(r["overdue"], "count"), _fmt(r["on_time_share"], "percent"),
                   _fmt(r["score"], "percent")]
                  for r in figures.league(scope, now=now)], (14, 70, 20, 20, 20, 23, 23))
    pdf.set_font("DejaVu", "", 8)
    pdf.multi_cell(0, 4.5, _(
        "Tỉ lệ: hồ sơ giải quyết đúng hạn trong kỳ trên số hồ sơ đến hạn (giải quyết trong kỳ cộng đang quá hạn, "
        "tính như trễ hạn). Điểm: cận dưới khoảng tin cậy 95 %% (Wilson) của tỉ lệ. Đơn vị dưới %(n)s hồ sơ "
        "đến hạn không xếp hạng (—).") % {"n": figures.LEAGUE_MIN_CASES}, new_x="LMARGIN", new_y="NEXT")

    overdue = figures.overdue_by_unit(scope, now=now)
    pdf.heading(_("5. Hồ sơ đang quá hạn theo đơn vị"))
    if overdue:
        pdf.table_of([_("Đơn vị"), _("Số hồ sơ"), _("Trễ nhất (ngày)")],
                     [[r["name"], _fmt(r["overdue"], "count"), str(r["days_late"])] for r in overdue], (110, 35, 35))
    else:
        pdf.multi_cell(0, 6, _("Không có hồ sơ quá hạn."), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    pdf.set_font("DejaVu", "", 8)
    pdf.set_text_color(90)
    pdf.multi_cell(0, 4.5, _(
        "Cách tính: tiếp nhận và hài lòng, mở lại, thời gian phản hồi, thời gian trả lời tính trên các hồ sơ "
        "tiếp nhận trong kỳ, không kể hồ sơ đã gộp vào hồ sơ khác (trùng nội dung); đã giải quyết tính trên các "
        "hồ sơ trả lời hoặc đóng trong kỳ. Tỉ lệ đúng hạn: số hồ sơ trả lời không muộn hơn hạn xử lý trên số hồ sơ "
        "đến hạn (giải quyết trong kỳ cộng đang quá hạn, tính như trễ hạn). Phản hồi đầu tiên: sự kiện đầu tiên "
        "do cán bộ thực hiện sau khi tiếp nhận. Quá hạn và tồn đọng: số liệu tại thời điểm lập báo cáo."))
    pdf.set_text_color(0)
    pdf.signature_block(issuer, prepared_by)
    return bytes(pdf.output())
