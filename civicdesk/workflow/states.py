"""The states of a case and the transitions allowed between them: enforced here and nowhere else."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Status(models.TextChoices):
    RECEIVED = "received", _("Tiếp nhận")
    TRIAGE = "triage", _("Chờ phân loại")
    ASSIGNED = "assigned", _("Đã chuyển xử lý")
    IN_PROGRESS = "in_progress", _("Đang xử lý")
    AWAITING_APPROVAL = "awaiting_approval", _("Chờ duyệt trả lời")
    ANSWERED = "answered", _("Đã trả lời")
    CLOSED = "closed", _("Đã đóng")
    REJECTED = "rejected", _("Từ chối")


# Colours used by badges in templates (Bootstrap-like names mapped in CSS).
STATUS_COLOURS = {
    Status.RECEIVED: "grey",
    Status.TRIAGE: "orange",
    Status.ASSIGNED: "blue",
    Status.IN_PROGRESS: "indigo",
    Status.AWAITING_APPROVAL: "purple",
    Status.ANSWERED: "green",
    Status.CLOSED: "dark",
    Status.REJECTED: "red",
}

OPEN_STATUSES = (
    Status.RECEIVED,
    Status.TRIAGE,
    Status.ASSIGNED,
    Status.IN_PROGRESS,
    Status.AWAITING_APPROVAL,
)
FINISHED_STATUSES = (Status.ANSWERED, Status.CLOSED, Status.REJECTED)

# from-state -> states it may move to
TRANSITIONS: dict[str, set[str]] = {
    Status.RECEIVED: {Status.TRIAGE, Status.ASSIGNED, Status.REJECTED},
    Status.TRIAGE: {Status.ASSIGNED, Status.REJECTED},
    Status.ASSIGNED: {Status.IN_PROGRESS, Status.TRIAGE, Status.ASSIGNED, Status.REJECTED,
                      Status.AWAITING_APPROVAL},
    Status.IN_PROGRESS: {Status.AWAITING_APPROVAL, Status.ASSIGNED, Status.TRIAGE, Status.REJECTED},
    Status.AWAITING_APPROVAL: {Status.ANSWERED, Status.IN_PROGRESS},
    Status.ANSWERED: {Status.CLOSED, Status.IN_PROGRESS},
    Status.CLOSED: {Status.IN_PROGRESS},
    Status.REJECTED: {Status.TRIAGE},
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


def can_transition(current: str, target: str) -> bool:
    return target in TRANSITIONS.get(current, set())


def check_transition(current: str, target: str) -> None:
    if not can_transition(current, target):
        raise IllegalTransition(current, target)
