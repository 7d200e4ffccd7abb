"""The legal grounds on which a case is refused, in the plain words the citizen reads, and where to
file a complaint or a denunciation instead.

A refusal (`operations.reject`) stores its ground (`Case.rejection_kind`) and a reason: the
officer's own words, or the explanation below. The tracking page and the refusal e-mail show
the ground's name, the reason and, for a complaint or denunciation, where and how to file it.
Facts from the Law on Complaints 2011 (02/2011/QH13) and the Law on Denunciation 2018
(25/2018/QH14); no advice beyond them."""

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.utils.functional import lazy
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from civicdesk.petitions.models import Case, LegalKind, RejectionKind

if TYPE_CHECKING:  # django_stubs_ext comes with django-stubs (a test dependency), not at run time
    from django_stubs_ext import StrOrPromise


@dataclass(frozen=True)
class Ground:
    explanation: "StrOrPromise"
    guidance: tuple["StrOrPromise", ...] = field(default=())


COMPLAINT_GUIDANCE = (
    _("Khiếu nại là đề nghị xem xét lại một quyết định hành chính, hành vi hành chính hoặc quyết định kỷ luật "
      "mà Quý ông/bà cho là trái pháp luật, xâm phạm quyền, lợi ích hợp pháp của mình. Việc này được giải quyết "
      "theo thủ tục của Luật Khiếu nại năm 2011, không qua kênh phản ánh, kiến nghị."),
    _("Nơi gửi (khiếu nại lần đầu): người đã ban hành quyết định hành chính, hoặc thủ trưởng cơ quan có cán bộ, "
      "công chức đã thực hiện hành vi hành chính đó."),
    _("Thời hạn: trong 90 ngày kể từ ngày nhận được quyết định hoặc biết được hành vi hành chính."),
    _("Cách gửi: gửi đơn hoặc trình bày trực tiếp tại nơi tiếp công dân của cơ quan đó. Đơn ghi ngày, tháng, "
      "năm; họ tên, địa chỉ người khiếu nại; tên, địa chỉ cơ quan hoặc người bị khiếu nại; nội dung, lý do, "
      "tài liệu liên quan và yêu cầu giải quyết; có chữ ký hoặc điểm chỉ."),
)

DENUNCIATION_GUIDANCE = (
    _("Tố cáo là báo cho cơ quan có thẩm quyền biết hành vi vi phạm pháp luật của cơ quan, tổ chức, cá nhân, "
      "kể cả của cán bộ, công chức khi thực hiện nhiệm vụ, công vụ. Việc này được giải quyết theo thủ tục của "
      "Luật Tố cáo năm 2018, không qua kênh phản ánh, kiến nghị."),
    _("Nơi gửi: vi phạm của cán bộ, công chức khi thực hiện nhiệm vụ, công vụ — người đứng đầu cơ quan, tổ chức "
      "quản lý người đó; vi phạm pháp luật về quản lý nhà nước trong một lĩnh vực — cơ quan quản lý nhà nước "
      "về lĩnh vực đó; hành vi có dấu hiệu tội phạm — cơ quan công an."),
    _("Cách gửi: gửi đơn hoặc trình bày trực tiếp tại nơi tiếp công dân. Đơn ghi ngày, tháng, năm; họ tên, địa "
      "chỉ, cách liên hệ của người tố cáo; hành vi vi phạm và người vi phạm; có chữ ký hoặc điểm chỉ. Tố cáo "
      "không rõ họ tên, địa chỉ người tố cáo không được giải quyết theo Luật Tố cáo."),
    _("Họ tên, địa chỉ, bút tích và thông tin cá nhân khác của người tố cáo được giữ bí mật (Điều 9, Điều 47 "
      "Luật Tố cáo). Nội dung Quý ông/bà đã gửi không được công khai; chỉ cán bộ được giao mới xem được danh "
      "tính, và mỗi lần xem đều được ghi lại."),
)

GROUNDS: dict[str, Ground] = {
    RejectionKind.OUT_OF_SCOPE: Ground(_("Nội dung này không thuộc phạm vi tiếp nhận phản ánh, kiến nghị.")),
    RejectionKind.NOT_COMPETENT: Ground(
        _("Nội dung này không thuộc thẩm quyền giải quyết của các cơ quan hành chính tiếp nhận qua hệ thống "
          "(ví dụ: tranh chấp dân sự thuộc thẩm quyền của Tòa án).")),
    RejectionKind.ANONYMOUS: Ground(
        _("Nội dung này chỉ được xem xét khi biết rõ họ tên và địa chỉ của người gửi, theo quy định của pháp "
          "luật. Quý ông/bà có thể gửi lại kèm họ tên và cách liên hệ; thông tin cá nhân không được công khai.")),
    RejectionKind.ALREADY_ANSWERED: Ground(
        _("Nội dung này đã được cơ quan có thẩm quyền trả lời trước đây và không có thông tin mới, nên không "
          "xem xét lại.")),
    RejectionKind.COMPLAINT: Ground(
        _("Nội dung Quý ông/bà gửi là khiếu nại, có thủ tục riêng theo Luật Khiếu nại năm 2011. Xin gửi theo "
          "hướng dẫn dưới đây."), COMPLAINT_GUIDANCE),
    RejectionKind.DENUNCIATION: Ground(
        _("Nội dung Quý ông/bà gửi là tố cáo, có thủ tục riêng theo Luật Tố cáo năm 2018. Xin gửi theo hướng "
          "dẫn dưới đây."), DENUNCIATION_GUIDANCE),
    RejectionKind.SPAM: Ground(_("Nội dung không phù hợp hoặc không phải một phản ánh, kiến nghị.")),
    RejectionKind.DUPLICATE: Ground(_("Nội dung trùng với một phản ánh đã được tiếp nhận.")),
}

# A refusal on these grounds marks the case as a complaint or a denunciation (`Case.legal_kind`).
LEGAL_KIND_OF: dict[str, str] = {
    RejectionKind.COMPLAINT: LegalKind.COMPLAINT,
    RejectionKind.DENUNCIATION: LegalKind.DENUNCIATION,
}


def _ground_names() -> str:
    return "; ".join(str(kind.label) for kind in RejectionKind)


# What a refusal is, for the workflow table (`states.TRANSITION_MEANINGS`): read from the grounds
# themselves, so a ground added or renamed here is described there too.
REFUSAL_MEANING = format_lazy("{}: {}", _("từ chối với một căn cứ"), lazy(_ground_names, str)())


def plain_reason(kind: str) -> str:
    """The explanation the citizen reads when the officer wrote none."""
    ground = GROUNDS.get(kind)
    return str(ground.explanation) if ground else str(RejectionKind(kind).label)


def guidance(kind: str) -> list[str]:
    ground = GROUNDS.get(kind)
    return [str(line) for line in ground.guidance] if ground else []


def for_citizen(case: Case, reason: str) -> dict | None:
    """What the tracking page shows of a refusal: the ground's name, the reason (already masked for
    the public view by the caller) and the guidance. None when the case is not refused."""
    if not case.rejection_kind and not reason:
        return None
    kind = case.rejection_kind
    return {
        "ground": RejectionKind(kind).label if kind in RejectionKind.values else "",
        "reason": reason,
        "guidance": guidance(kind),
    }
