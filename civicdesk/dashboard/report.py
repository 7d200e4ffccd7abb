"""The printable monthly report (PDF, A4) of the city or of one unit, in Vietnamese.

The PDF embeds DejaVu Sans (shipped in civicdesk/dashboard/fonts/, Bitstream Vera licence) so that
every diacritic prints; CIVICDESK_REPORT_FONT_DIR may point to another folder with the same two files."""

import calendar
import os
from datetime import date, timedelta
from pathlib import Path

from django.utils import timezone
from django.utils.translation import gettext as _
from fpdf import FPDF
from fpdf.fonts import FontFace

from civicdesk.dashboard import figures
from civicdesk.organisation.models import Agency

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


def monthly_pdf(first: date, agency: Agency | None, now=None) -> bytes:
    moment = timezone.localtime(now or timezone.now())
    start, end, previous_start, previous_end, complete = compared_periods(first, moment.date())
    scope = figures.Scope(start=start, end=end, agency_id=agency.id if agency else None, granularity="day")
    area = agency.name if agency else _("Toàn thành phố")
    title = _("Báo cáo tình hình tiếp nhận, xử lý phản ánh, kiến nghị tháng %(month)s — %(area)s") % {
        "month": f"{first:%m/%Y}", "area": area}
    pdf = ReportPDF(title)
    pdf.add_page()
    pdf.set_font("DejaVu", "B", 15)
    pdf.multi_cell(0, 8, title, new_x="LMARGIN", new_y="NEXT")
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

    pdf.heading(_("2. Theo lĩnh vực"))
    pdf.table_of([_("Lĩnh vực"), _("Tiếp nhận"), _("Tỉ trọng"), _("Đã giải quyết"), _("Đúng hạn")],
                 [[r["name"], _fmt(r["received"], "count"), _fmt(r["share"], "percent"),
                   _fmt(r["resolved"], "count"), _fmt(r["on_time_rate"], "percent")]
                  for r in figures.breakdown(scope, "category")], (74, 26, 26, 30, 30))

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
        "tiếp nhận trong kỳ; đã giải quyết và tỉ lệ đúng hạn tính trên các hồ sơ trả lời hoặc đóng trong kỳ "
        "(đúng hạn: trả lời không muộn hơn hạn xử lý). Phản hồi đầu tiên: sự kiện đầu tiên do cán bộ thực hiện "
        "sau khi tiếp nhận. Quá hạn và tồn đọng: số liệu tại thời điểm lập báo cáo."))
    return bytes(pdf.output())
