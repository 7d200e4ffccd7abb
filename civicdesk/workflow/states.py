"""The states of a case and the transitions allowed between them: enforced here and nowhere else.

`TRANSITIONS` lists where a status may move; `OPERATIONS` lists in which statuses the actions that
do not change the status (extension, note, rating) are allowed. `transitions.move` and
`operations` call `check_transition` / `check_operation`, so an illegal step is refused with the
same Vietnamese message in code (IllegalTransition) and in the interface."""

from typing import TYPE_CHECKING

from django.db import models
from django.utils.translation import gettext_lazy as _

from civicdesk.petitions.models import HANDLING_STATUSES, OPEN_STATUSES, Status
from civicdesk.workflow.refusals import REFUSAL_MEANING

if TYPE_CHECKING:  # django_stubs_ext comes with django-stubs (a test dependency), not at run time
    from django_stubs_ext import StrOrPromise


# from-state -> states it may move to
TRANSITIONS: dict[str, set[str]] = {
    Status.RECEIVED: {Status.TRIAGE, Status.ASSIGNED, Status.REJECTED},
    Status.TRIAGE: {Status.ASSIGNED, Status.REJECTED},
    # assigned -> assigned is a transfer or a reassignment to another agency
    Status.ASSIGNED: {Status.IN_PROGRESS, Status.TRIAGE, Status.ASSIGNED, Status.REJECTED,
                      Status.AWAITING_APPROVAL},
    Status.IN_PROGRESS: {Status.AWAITING_APPROVAL, Status.ASSIGNED, Status.TRIAGE, Status.REJECTED},
    Status.AWAITING_APPROVAL: {Status.ANSWERED, Status.IN_PROGRESS},
    # answered/closed -> in progress is the citizen reopening the case
    Status.ANSWERED: {Status.CLOSED, Status.IN_PROGRESS},
    Status.CLOSED: {Status.IN_PROGRESS},
    # a rejection can be withdrawn by staff: back to triage
    Status.REJECTED: {Status.TRIAGE},
}

# What each transition means: printed by `civicdesk workflow-table` for the documentation. The grounds
# of a refusal are listed in one place, `workflow.refusals` (RejectionKind and GROUNDS).
TRANSITION_MEANINGS: dict[tuple[str, str], "StrOrPromise"] = {
    (Status.RECEIVED, Status.TRIAGE): _("chưa chắc lĩnh vực hoặc đơn vị: chờ người phân loại"),
    (Status.RECEIVED, Status.ASSIGNED): _("đã rõ lĩnh vực và địa bàn: chuyển đơn vị theo bảng phân công"),
    (Status.RECEIVED, Status.REJECTED): REFUSAL_MEANING,
    (Status.TRIAGE, Status.ASSIGNED): _("người phân loại chọn lĩnh vực, đơn vị, mức độ"),
    (Status.TRIAGE, Status.REJECTED): REFUSAL_MEANING,
    (Status.ASSIGNED, Status.IN_PROGRESS): _("đơn vị nhận xử lý (kể cả nhận hồ sơ chuyển đến)"),
    (Status.ASSIGNED, Status.ASSIGNED): _("chuyển đơn vị khác có lý do; giám sát giao lại"),
    (Status.ASSIGNED, Status.TRIAGE): _("đơn vị nhận trả lại để phân loại lại"),
    (Status.ASSIGNED, Status.REJECTED): REFUSAL_MEANING,
    (Status.ASSIGNED, Status.AWAITING_APPROVAL): _("soạn trả lời, trình lãnh đạo duyệt"),
    (Status.IN_PROGRESS, Status.AWAITING_APPROVAL): _("soạn trả lời, trình lãnh đạo duyệt"),
    (Status.IN_PROGRESS, Status.ASSIGNED): _("chuyển đơn vị khác có lý do; giám sát giao lại"),
    (Status.IN_PROGRESS, Status.TRIAGE): _("không thuộc thẩm quyền: trả lại để phân loại lại"),
    (Status.IN_PROGRESS, Status.REJECTED): REFUSAL_MEANING,
    (Status.AWAITING_APPROVAL, Status.ANSWERED): _("lãnh đạo duyệt trả lời; báo người gửi"),
    (Status.AWAITING_APPROVAL, Status.IN_PROGRESS): _("lãnh đạo trả lại bản trả lời"),
    (Status.ANSWERED, Status.CLOSED): _("đóng hồ sơ (hoặc tự đóng khi hết hạn mở lại)"),
    (Status.ANSWERED, Status.IN_PROGRESS): _("người dân chưa hài lòng, mở lại trong thời hạn"),
    (Status.CLOSED, Status.IN_PROGRESS): _("người dân chưa hài lòng, mở lại trong thời hạn"),
    (Status.REJECTED, Status.TRIAGE): _("hủy quyết định từ chối, phân loại lại"),
}


class Operation(models.TextChoices):
    """Actions on a case that do not change its status, and where they are allowed."""

    REQUEST_EXTENSION = "request_extension", _("đề nghị gia hạn")
    DECIDE_EXTENSION = "decide_extension", _("duyệt gia hạn")
    NOTE = "note", _("ghi chú")
    RATE = "rate", _("đánh giá")
    MERGE_INTO = "merge_into", _("gộp hồ sơ trùng vào")
    START = "start", _("bắt đầu xử lý")
    ASSIGN = "assign", _("giao cán bộ xử lý")
    REOPEN = "reopen", _("mở lại")
    COORDINATE = "coordinate", _("giao đơn vị chủ trì, phối hợp")
    CONTRIBUTE = "contribute", _("gửi ý kiến phối hợp")
    DISAGREE = "disagree", _("báo cáo ý kiến chưa thống nhất")
    SETTLE_DISAGREEMENT = "settle_disagreement", _("quyết định ý kiến chưa thống nhất")
    DIRECT = "direct", _("ghi ý kiến chỉ đạo")
    REPORT_ON_DIRECTIVE = "report_on_directive", _("báo cáo thực hiện chỉ đạo")


OPERATIONS: dict[str, set[str]] = {
    Operation.REQUEST_EXTENSION: set(HANDLING_STATUSES),
    Operation.DECIDE_EXTENSION: set(HANDLING_STATUSES),
    Operation.NOTE: set(Status.values),
    Operation.RATE: {Status.ANSWERED, Status.CLOSED},
    Operation.MERGE_INTO: set(OPEN_STATUSES) | {Status.ANSWERED, Status.CLOSED},
    # assigned -> in progress by the agency; it accepts a pending transfer at the same time
    Operation.START: {Status.ASSIGNED},
    Operation.ASSIGN: set(HANDLING_STATUSES),
    # reopening moves answered/closed -> in progress; assigned -> in progress is not a reopening
    Operation.REOPEN: {Status.ANSWERED, Status.CLOSED},
    # Lead and supporting agencies (chủ trì / phối hợp): no status of their own. The case goes to all
    # of them at once while it is still being routed or handled; contributions and disagreements
    # arrive until the lead's one answer is approved; the People's Committee (supervisors) decides a
    # disagreement while the case is handled (the lead's answer waits for that decision).
    Operation.COORDINATE: {Status.RECEIVED, Status.TRIAGE, Status.ASSIGNED, Status.IN_PROGRESS},
    Operation.CONTRIBUTE: set(HANDLING_STATUSES),
    Operation.DISAGREE: set(HANDLING_STATUSES),
    Operation.SETTLE_DISAGREEMENT: set(HANDLING_STATUSES),
    # Leaders' directives (ý kiến chỉ đạo): no status either. A leader directs cases still open; the
    # bound units report in any status (the case may be answered by then); a late unit is re-forwarded.
    Operation.DIRECT: set(OPEN_STATUSES),
    Operation.REPORT_ON_DIRECTIVE: set(Status.values),
}


class IllegalTransition(ValueError):
    """Raised when a case is asked to move to a state its current state does not allow."""

    def __init__(self, current: str, target: str):
        self.current = current
        self.target = target
        super().__init__(
            _("Không thể chuyển hồ sơ từ trạng thái “%(current)s” sang “%(target)s”.")
            % {"current": Status(current).label, "target": Status(target).label}
        )


class IllegalOperation(IllegalTransition):
    """Raised when an action is asked of a case whose status does not allow it."""

    def __init__(self, current: str, operation: str):
        self.current = current
        self.target = current
        self.operation = operation
        ValueError.__init__(
            self,
            _("Không thể %(operation)s khi hồ sơ đang ở trạng thái “%(current)s”.")
            % {"operation": Operation(operation).label, "current": Status(current).label},
        )


def can_transition(current: str, target: str) -> bool:
    return target in TRANSITIONS.get(current, set())


def check_transition(current: str, target: str) -> None:
    if not can_transition(current, target):
        raise IllegalTransition(current, target)


def can_operate(current: str, operation: str) -> bool:
    return current in OPERATIONS.get(operation, set())


def check_operation(current: str, operation: str) -> None:
    if not can_operate(current, operation):
        raise IllegalOperation(current, operation)
