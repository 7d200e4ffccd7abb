"""Warnings before an answer is sent: the complaints people make about vague official answers —
a template's blanks left unfilled, no concrete action, no time or date, and (for an answer that is
not concrete) no legal basis. Heuristics on the text; an empty list means nothing was found to
warn about, not that the answer is good."""

import re

from django.utils.translation import gettext as _

from civicdesk.assistant.text import fold

# Concrete actions an agency takes (folded): what was or will be done.
_ACTIONS = re.compile(r"(?<!\w)(" + "|".join([
    r"kiem tra", r"xu ly", r"xu phat", r"sua chua", r"khac phuc", r"thu gom", r"nao vet", r"lap bien ban",
    r"thao do", r"cuong che", r"dinh chi", r"thay the", r"lap dat", r"tham dinh", r"giai quyet", r"cap\b",
    r"cap lai", r"cap doi", r"huong dan", r"yeu cau", r"to chuc", r"trien khai", r"bo tri", r"phoi hop",
    r"chuyen", r"tra loi", r"khao sat", r"don dep", r"ve sinh", r"phun", r"cat tia", r"dieu chinh",
    r"hoan tra", r"boi thuong", r"ho tro", r"chi tra", r"thu hoi", r"niem phong", r"giai toa", r"lam viec",
    r"moi", r"xac minh", r"kien nghi", r"de nghi", r"bo sung", r"tiep nhan", r"thi cong", r"sua",
]) + r")(?!\w)")
_VAGUE = re.compile(r"(?<!\w)(" + "|".join([
    r"dang xem xet", r"se xem xet", r"ghi nhan", r"nghien cuu", r"tiep thu", r"se co bien phap",
    r"theo dung quy dinh", r"trong thoi gian toi", r"khi co dieu kien", r"se xu ly theo quy dinh",
    r"dang tong hop", r"se quan tam",
]) + r")(?!\w)")
_TIME = re.compile(
    r"(\b\d{1,2}/\d{1,2}(/\d{2,4})?\b|\b\d{1,2}-\d{1,2}-\d{2,4}\b|(?<!\w)ngay \d{1,2}|(?<!\w)thang \d{1,2}"
    r"|(?<!\w)nam 20\d\d|(?<!\w)(trong|truoc|chau nhat|toi da|sau) (vong )?\d+ ?(ngay|gio|tuan|thang)"
    r"|(?<!\w)\d+ ?(ngay lam viec|ngay|gio|tuan)(?!\w)|(?<!\w)(hom nay|ngay mai|tuan nay|tuan sau|truoc ngay"
    r"|den ngay|tu ngay|da hoan thanh|hoan thanh ngay))"
)
_LEGAL = re.compile(
    r"(?<!\w)(can cu|theo quy dinh tai|dieu \d+|khoan \d+|luat |bo luat|nghi dinh|thong tu|quyet dinh so"
    r"|nghi quyet|\d+/\d{4}/[a-z\-]+|\d+/(nd|tt|qd|nq)[a-z\-]*)"
)
# What a template leaves to fill: "[ghi rõ việc đã làm…]", "[ngày …/…/…]", "…/…/…", "<tên đơn vị>",
# "{…}", "xx/xx/20xx". A citation number "[1]" is not one.
_PLACEHOLDER = re.compile(
    r"\[\s*[^\]\d\s][^\]]{0,200}\]|\{[^}]{0,200}\}|<[^<>]{1,80}>|(?:…|\.{3})\s*/\s*(?:…|\.{2,3})"
    r"|\bxx/xx\b|\bxx/xx/(?:20)?xx\b", re.IGNORECASE)
MIN_WORDS = 25


def placeholders(text: str) -> list[str]:
    return [m.group(0) for m in _PLACEHOLDER.finditer(text or "")]


def check_answer(text: str) -> list[str]:
    left = placeholders(text)
    warnings = []
    if left:
        shown = "; ".join(dict.fromkeys(p.strip() for p in left[:3]))
        warnings.append(_("Còn chỗ trống của mẫu chưa điền: %(places)s. Điền hoặc xóa trước khi gửi.")
                        % {"places": shown})
    # What the template still says about itself ("[ghi rõ việc đã làm…]") is not the answer's content.
    folded = fold(_PLACEHOLDER.sub(" ", text or ""))
    words = len(folded.split())
    if words < MIN_WORDS:
        warnings.append(_("Câu trả lời quá ngắn (%(n)s từ): người dân cần biết việc gì đã được làm, khi nào "
                          "và theo quy định nào.") % {"n": words})
    has_action = bool(_ACTIONS.search(folded))
    if not has_action or (_VAGUE.search(folded) and len(_ACTIONS.findall(folded)) < 2):
        warnings.append(_("Chưa nêu việc làm cụ thể: ghi rõ đơn vị đã hoặc sẽ làm gì (kiểm tra, sửa chữa, "
                          "xử phạt…), không chỉ “ghi nhận”, “xem xét”."))
    has_time = bool(_TIME.search(folded))
    if not has_time:
        warnings.append(_("Chưa có thời gian: ghi ngày đã làm hoặc thời hạn sẽ hoàn thành."))
    # An answer that says what was done and when is concrete without a citation (a pothole filled
    # on 5/6 needs no article of law); a vague one at least owes the citizen its basis.
    concrete = has_action and has_time and not _VAGUE.search(folded) and not left
    if not concrete and not _LEGAL.search(folded):
        warnings.append(_("Chưa nêu căn cứ pháp lý: dẫn văn bản, điều khoản áp dụng (Luật, Nghị định, "
                          "Quyết định…)."))
    return warnings
