"""The answers' part of erasing a reporter's personal data (`petitions.retention`, which sends
`erasing_personal_data` and `counting_personal_data`): answer texts, review notes and rating
comments are stored masked; the files of answers go like the case's own files."""

from typing import Any

from django.dispatch import receiver

from civicdesk.answers.models import Answer, AnswerAttachment, Rating
from civicdesk.lib.masking import mask_personal_data
from civicdesk.petitions import retention, signals


def _files(case_ids: list[int]) -> list[tuple[AnswerAttachment, bool, int]]:
    """Every file of the cases' answers, with whether its public copy is published."""
    rows = AnswerAttachment.objects.filter(answer__case_id__in=case_ids).select_related("answer__case")
    return [(row, row.answer.case.is_public and row.answer.state == Answer.State.APPROVED, row.answer.case_id)
            for row in rows]


@receiver(signals.erasing_personal_data, dispatch_uid="answers_erase_personal_data")
def erase(sender: Any, case_ids: list[int], names: dict[int, list[str]], doomed_files: list,
          **kwargs: Any) -> dict[str, dict[int, int]]:
    retention.rewrite(Answer.objects.filter(case_id__in=case_ids).only("id", "case_id", "body", "review_note"),
                      ("body", "review_note"), lambda row, value: mask_personal_data(value, names[row.case_id]))
    retention.rewrite(Rating.objects.filter(case_id__in=case_ids).only("id", "case_id", "comment"), ("comment",),
                      lambda row, value: mask_personal_data(value, names[row.case_id]))
    return {"files": retention.erase_file_rows(_files(case_ids), doomed_files)}


@receiver(signals.counting_personal_data, dispatch_uid="answers_count_personal_data")
def count(sender: Any, case_ids: list[int], **kwargs: Any) -> dict[str, int]:
    return {"files": sum(retention.doomed(row, published) for row, published, _case_id in _files(case_ids))}
