"""Complaints (khiếu nại) and denunciations (tố cáo) in a message: a hint for the operator, never a
decision. Such a message goes to triage, where a person decides (`workflow.operations.reject` with
the ground `complaint` or `denunciation`, or ordinary triage when it is a plain report).

Mirrors `priority.py`: patterns on the normalised text (with diacritics: "tố cáo" is a
denunciation, "tố cào" nothing) and phrases on the folded text. A complaint asks to review an
administrative decision or act; a denunciation reports someone's breach of the law — most often an
official's. Measured by `civicdesk eval-legal-hints` on `bench/routing/legal_hints.csv`
(docs/benchmarks.md "Complaint and denunciation hints")."""

import re

from civicdesk.petitions.models import LegalKind
from civicdesk.routing.normalise import fold, normalise

# (kind, patterns on the normalised text, phrases on the folded text); checked in this order
SIGNALS: list[tuple[str, list[str], list[str]]] = [
    (LegalKind.DENUNCIATION,
     [r"\btố cáo\b", r"\btố giác\b", r"hối lộ", r"tham nhũng", r"\bbảo kê\b", r"\bbao che\b", r"lạm quyền",
      r"lợi dụng chức vụ", r"(?:đòi|vòi|nhận|xin) (?:tiền|phong bì|bồi dưỡng|lót tay)",
      r"(?:tiền|phong bì) (?:lót tay|bồi dưỡng|chung chi)", r"\bchung chi\b", r"sách nhiễu", r"nhũng nhiễu",
      r"làm ngơ cho", r"tiếp tay cho", r"ăn chặn", r"biển thủ", r"tham ô", r"(?:làm|dùng) giả (?:giấy|hồ sơ)"],
     ["to cao", "to giac", "hoi lo", "tham nhung", "bao ke", "lam ngo cho", "tiep tay cho", "an chan",
      "nhung nhieu", "sach nhieu", "vong tien", "doi phong bi", "tien lot tay", "chung chi"]),
    (LegalKind.COMPLAINT,
     [r"khiếu nại", r"khiếu kiện", r"(?:xem xét|xét) lại quyết định", r"(?:hủy|huỷ|thu hồi) quyết định",
      r"không (?:đồng ý|đồng tình|chấp nhận|thống nhất) (?:với )?(?:quyết định|biên bản|mức phạt|việc xử phạt)",
      r"quyết định (?:xử phạt|thu hồi đất|cưỡng chế|kỷ luật|hành chính|bồi thường)",
      r"(?:xử phạt|cưỡng chế|thu hồi đất|kỷ luật) (?:tôi|gia đình tôi|chúng tôi) (?:là )?(?:sai|không đúng|trái)",
      r"(?:bồi thường|đền bù) (?:không thỏa đáng|không đúng|quá thấp|chưa thỏa đáng)"],
     ["khieu nai", "khieu kien", "xem xet lai quyet dinh", "huy quyet dinh", "khong dong y voi quyet dinh",
      "quyet dinh xu phat", "quyet dinh thu hoi dat", "quyet dinh cuong che", "quyet dinh ky luat",
      "den bu khong thoa dang", "boi thuong khong thoa dang"]),
]

_COMPILED = [
    (kind, [re.compile(p) for p in patterns], [re.compile(rf"(?<!\w){re.escape(p)}(?!\w)") for p in phrases])
    for kind, patterns, phrases in SIGNALS
]


def legal_hint(text: str) -> str:
    """`LegalKind.DENUNCIATION`, `LegalKind.COMPLAINT`, or "" when the text reads as ordinary PAKN.
    A message with both signals is hinted a denunciation: its sender's identity is then kept secret
    until a person decides."""
    normalised = normalise(text)
    folded = fold(normalised)
    for kind, patterns, phrases in _COMPILED:
        if any(p.search(normalised) for p in patterns) or any(p.search(folded) for p in phrases):
            return str(kind)
    return ""
