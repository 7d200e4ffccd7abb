"""Answers with proof: an answer that says work was done carries a photo of the result, or the
officer says why there is none. Checked by `publishing.submit_for_approval` and `publishing.approve`
(under the case's row lock); the public page shows the photo's EXIF-free copy.

"Says work was done" is the officer's tick (`Answer.work_done`) or the answer's own words — "đã
khắc phục", "đã thay mới", "đã thu gom"… — read by `claims_work_done`, so a vague tick left
empty does not let a claim through without proof."""

import re

from django.utils.translation import gettext as _

from civicdesk.answers.models import Answer, AnswerAttachment
from civicdesk.routing.normalise import normalise

# verbs of finished field work after "đã" / "đã được" / "đã tiến hành"
_DONE_VERBS = (
    "khắc phục", "sửa chữa", "sửa", "thay mới", "thay thế", "thay", "lắp đặt", "lắp", "dọn dẹp", "dọn",
    "thu gom", "nạo vét", "thông tắc", "thông", "trám", "vá", "san lấp", "cắt tỉa", "chặt hạ", "tháo dỡ",
    "di dời", "giải tỏa", "giải toả", "khơi thông", "làm sạch", "xử lý xong", "hoàn thành", "hoàn tất",
    "phun", "cưỡng chế", "tu sửa", "sơn", "gia cố", "đấu nối", "bố trí",
)
_DONE = re.compile(r"\bđã (?:được |tiến hành |cho )?(?:" + "|".join(re.escape(v) for v in _DONE_VERBS) + r")\b")


def claims_work_done(text: str) -> bool:
    return bool(_DONE.search(normalise(text or "")))


def needs_evidence(answer: Answer) -> bool:
    return bool(answer.work_done) or claims_work_done(answer.body)


def evidence_photos(answer: Answer) -> list[AnswerAttachment]:
    """The answer's photos that have a public copy (images re-encoded without metadata)."""
    return [item for item in answer.attachments.all() if item.is_image and item.public_file]


def missing_evidence(answer: Answer) -> str:
    """Why the answer may not go on ("" when it may): it claims work done, has no photo and no reason."""
    if not needs_evidence(answer) or evidence_photos(answer) or answer.no_evidence_reason.strip():
        return ""
    return _("Câu trả lời cho biết đã xử lý xong: hãy đính kèm ảnh minh chứng kết quả, hoặc ghi rõ vì sao "
             "không có ảnh.")
