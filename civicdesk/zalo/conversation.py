"""A report collected over Zalo, one message at a time: what happened, where (a shared location inside
the province, or an address the router resolves to a ward), photos, an optional phone number (for ZNS
when the consultation window has closed), then confirmation — and only then a case, through
`workflow.intake.submit`. Until then everything lives in `Conversation` (one row per user), so a user
who stops halfway leaves no half-made case: they are reminded once, and the draft is dropped later.

"tra cứu XXXX-XXXX" / "status XXXX-XXXX" answers at any point; "hủy" drops the draft.

Locations and photos are taken whenever they come; a text is read as what the current step asks."""

import re
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from civicdesk.answers.public import approved_answer_text, reporter_answer_text
from civicdesk.lib import ratelimit
from civicdesk.lib.text import title_from_first_line
from civicdesk.notifications import zalo_api
from civicdesk.notifications.zalo_account import ZaloAccount, record_delivered, record_interaction
from civicdesk.organisation.lookup import ward_by_code
from civicdesk.petitions import attachments
from civicdesk.petitions.code_lookups import MISS_SCOPE
from civicdesk.petitions.models import Case, Channel
from civicdesk.petitions.new_case import NewCase
from civicdesk.petitions.tracking import normalise_tracking_code
from civicdesk.routing import address
from civicdesk.workflow import intake
from civicdesk.zalo.inbound import DELIVERY_REPORTS, InboundEvent
from civicdesk.zalo.models import Conversation, ConversationPhoto, Step
from civicdesk.zalo.replies import reply

MIN_CONTENT = 15
ANSWER_LIMIT = 1500
STATUS_QUERY = re.compile(r"^\s*(?:status|tra\s*c[ứu]u|tracuu|tra\s*cứu)\s*[:#]?\s*([a-z0-9][a-z0-9\s\-_.]{6,12})\s*$",
                          re.IGNORECASE)
CANCEL = {"hủy", "huỷ", "huy", "hủy bỏ", "huỷ bỏ", "cancel"}
DONE = {"xong", "không", "khong", "ko", "k", "không có", "khong co", "bỏ qua", "bo qua", "done", "skip"}
YES = {"đồng ý", "dong y", "ok", "gửi", "gui", "có", "co", "yes", "đúng", "dung"}
PHONE = re.compile(r"^(?:\+?84|0)(?:3|5|7|8|9)\d{8}$")


def handle(event: InboundEvent, photos: list[attachments.CheckedFile], photo_problem: str = "") -> None:
    """Act on one verified, first-seen event. `photos` were downloaded and checked beforehand (outside
    any transaction); `photo_problem` is the message for one that was refused."""
    account = ZaloAccount.load()
    if event.name in DELIVERY_REPORTS:
        record_delivered(event.message_ids)
        return
    with transaction.atomic():
        if event.name == "unfollow":
            record_interaction(event.user_id, following=False)
            Conversation.objects.filter(user_id=event.user_id).delete()
            return
        record_interaction(event.user_id, following=True if event.name == "follow" else None)
        if event.name == "follow":
            reply(event.user_id, _("Chào bạn, đây là kênh tiếp nhận phản ánh, kiến nghị của %(place)s. Nhắn nội "
                                   "dung cần phản ánh để bắt đầu, hoặc “tra cứu MÃ-SỐ” để xem tình trạng một phản "
                                   "ánh đã gửi.") % {"place": account.province_name})
            return
        text = " ".join(event.text.split())
        match = STATUS_QUERY.match(text) if text else None
        if match:
            reply(event.user_id, status_text(match.group(1), event.user_id))
            return
        conversation = Conversation.objects.select_for_update().filter(user_id=event.user_id).first()
        if text.lower() in CANCEL:
            if conversation is not None:
                conversation.delete()
            reply(event.user_id, _("Đã hủy phản ánh đang soạn. Nhắn nội dung mới bất cứ lúc nào để bắt đầu lại."))
            return
        if conversation is None:
            if event.name == "user_send_text" and len(text) < MIN_CONTENT:
                reply(event.user_id, ask(Step.WHAT, account))
                return
            now = timezone.now()
            conversation = Conversation.objects.create(user_id=event.user_id, started_at=now, updated_at=now)
        _take(conversation, event, text, photos, photo_problem, account)


def _take(conversation: Conversation, event: InboundEvent, text: str, photos: list[attachments.CheckedFile],
          photo_problem: str, account: ZaloAccount) -> None:
    conversation.updated_at = timezone.now()
    conversation.reminded_at = None
    said: list[str] = []
    if event.location is not None:
        refused = _take_location(conversation, *event.location, account=account)
        if refused:
            said.append(refused)
    if event.name == "user_send_image":
        said += _take_photos(conversation, photos, photo_problem)
    if event.name == "user_send_text" and text:
        problem = _take_text(conversation, text)
        if problem is None:  # confirmed: the case is made, the conversation is over
            return
        if problem:
            said.append(problem)
    conversation.step = _next_step(conversation)
    conversation.save()
    if conversation.step == Step.PHOTOS and event.name == "user_send_image" and not photo_problem:
        said.append(_("Gửi thêm ảnh hoặc nhắn “xong”."))
    else:
        said.append(ask(conversation.step, account, conversation))
    reply(conversation.user_id, "\n".join(said))


def _take_text(conversation: Conversation, text: str) -> str | None:
    """Read a text as the answer to the current step: '' taken, a message for the user when not,
    None once the report is sent."""
    step, lowered = conversation.step, text.lower()
    if step == Step.WHAT:
        if len(text) < MIN_CONTENT:
            return _("Nội dung quá ngắn.")
        conversation.content = text
    elif step == Step.WHERE:
        match = address.resolve(text)
        if not match.code:
            return _("Chưa xác định được phường/xã của địa chỉ “%(address)s”.") % {"address": Truncator(text).chars(80)}
        conversation.address_text, conversation.ward_code = text[:300], match.code
        conversation.lat = conversation.lon = None
    elif step == Step.PHOTOS:
        if lowered not in DONE:
            return _("Chưa hiểu tin nhắn.")
        conversation.step = Step.PHONE
    elif step == Step.PHONE:
        compact = re.sub(r"[\s.\-]", "", text)
        if lowered not in DONE and not PHONE.match(compact):
            return _("Số điện thoại chưa đúng (ví dụ 0901234567).")
        conversation.phone = "" if lowered in DONE else compact
        conversation.phone_asked = True
    elif step == Step.CONFIRM:
        if lowered not in YES:
            return _("Chưa gửi.")
        _submit(conversation)
        return None
    return ""


def _take_location(conversation: Conversation, lat: float, lon: float, account: ZaloAccount) -> str:
    match = address.nearest_ward(lat, lon)
    if not match.code:
        return _("Vị trí bạn chia sẻ nằm ngoài địa bàn %(place)s; kênh này chỉ tiếp nhận phản ánh trên địa bàn.") % {
            "place": account.province_name}
    conversation.lat, conversation.lon, conversation.ward_code = lat, lon, match.code
    conversation.address_text = ""
    return ""


def _take_photos(conversation: Conversation, photos: list[attachments.CheckedFile], problem: str) -> list[str]:
    said = [problem] if problem else []
    have = conversation.photos.count() if conversation.pk else 0
    for photo in photos:
        if have >= settings.ATTACHMENT_MAX_FILES:
            said.append(_("Đã đủ %(max)s ảnh; ảnh gửi thêm không được nhận.") % {"max": settings.ATTACHMENT_MAX_FILES})
            break
        ConversationPhoto.objects.create(conversation=conversation, content=photo.content,
                                         content_type=photo.content_type, extension=photo.extension,
                                         name=photo.name, received_at=timezone.now())
        have += 1
    if photos and not problem:
        said.append(_("Đã nhận %(count)s/%(max)s ảnh.") % {"count": have, "max": settings.ATTACHMENT_MAX_FILES})
    return said


def _next_step(conversation: Conversation) -> str:
    if not conversation.content:
        return Step.WHAT
    if not conversation.has_place:
        return Step.WHERE
    if conversation.step in (Step.WHAT, Step.WHERE, Step.PHOTOS):
        return Step.PHOTOS
    if not conversation.phone_asked:
        return Step.PHONE
    return Step.CONFIRM


def ask(step: str, account: ZaloAccount, conversation: Conversation | None = None) -> str:
    if step == Step.WHAT:
        return _("Bạn muốn phản ánh việc gì? Hãy mô tả sự việc trong một tin nhắn (ít nhất %(n)s ký tự).") % {
            "n": MIN_CONTENT}
    if step == Step.WHERE:
        return _("Sự việc ở đâu? Hãy chia sẻ vị trí (nút Vị trí của Zalo) hoặc nhắn địa chỉ có số nhà, đường, "
                 "phường/xã.")
    if step == Step.PHOTOS:
        return _("Bạn có thể gửi tối đa %(max)s ảnh (mỗi ảnh tối đa %(mb)s MB); gửi xong, hoặc nếu không có ảnh, "
                 "nhắn “xong”.") % {"max": settings.ATTACHMENT_MAX_FILES, "mb": megabytes(settings.ATTACHMENT_MAX_BYTES)}
    if step == Step.PHONE:
        return _("Để nhận kết quả qua Zalo cả khi đã quá %(days)s ngày, nhắn số điện thoại của bạn (không bắt buộc: "
                 "nhắn “bỏ qua”).") % {"days": account.consultation_window_hours // 24}
    assert conversation is not None
    privacy = settings.SITE_URL.rstrip("/") + reverse("petitions:privacy")
    return _("Kiểm tra lại phản ánh:\n• Nội dung: %(content)s\n• Địa điểm: %(place)s\n• Ảnh: %(photos)s\n"
             "• Điện thoại: %(phone)s\nNhắn “đồng ý” để gửi, “hủy” để bỏ. Khi gửi, bạn đồng ý để cơ quan nhà nước "
             "dùng các thông tin này để xử lý phản ánh (%(privacy)s).") % {
        "content": Truncator(conversation.content).chars(300), "place": place_text(conversation),
        "photos": conversation.photos.count(), "phone": conversation.phone or _("không"), "privacy": privacy}


def megabytes(size: int) -> str:
    return f"{round(size / 2**20, 1):g}".replace(".", ",")


def place_text(conversation: Conversation) -> str:
    ward = address.gazetteer().wards.get(conversation.ward_code)
    ward_name = ward.name if ward is not None else ""
    if conversation.address_text:
        return f"{conversation.address_text} ({ward_name})" if ward_name else conversation.address_text
    return _("vị trí đã chia sẻ, %(ward)s") % {"ward": ward_name}


def _submit(conversation: Conversation) -> Case:
    files = [attachments.CheckedFile(name=photo.name, content=bytes(photo.content),
                                     content_type=photo.content_type, extension=photo.extension)
             for photo in conversation.photos.all()]
    ward = address.gazetteer().wards.get(conversation.ward_code)
    new = NewCase(
        title=title_from_first_line(conversation.content), content=conversation.content, channel=Channel.ZALO,
        address_text=conversation.address_text or (ward.name if ward is not None else ""),
        ward=ward_by_code(conversation.ward_code), lat=conversation.lat, lon=conversation.lon,
        reporter_phone=conversation.phone, reporter_zalo_id=conversation.user_id, consent=True, files=files,
        idempotency_key=f"zalo:{conversation.user_id}:{conversation.pk}:{conversation.started_at.timestamp():.0f}",
    )
    case, _created = intake.submit(new)
    conversation.delete()
    if not case.notifications.filter(channel=Channel.ZALO).exists():
        # No receipt goes by Zalo (the channel is off for notifications): the code is told here.
        reply(case.reporter_zalo_id, _("Đã tiếp nhận phản ánh. Mã tra cứu: %(code)s.") % {"code": case.tracking_code})
    return case


def status_text(raw_code: str, user_id: str) -> str:
    code = normalise_tracking_code(raw_code)
    rate = ratelimit.rate_for(MISS_SCOPE)
    if rate is not None and not ratelimit.already_over(f"{MISS_SCOPE}:zalo:{user_id}", rate):
        return _("Bạn đã tra cứu sai mã quá nhiều lần; hãy thử lại sau.")
    case = Case.objects.select_related("agency").filter(tracking_code=code).first() if code else None
    if case is None:
        if rate is not None:
            ratelimit.count(f"{MISS_SCOPE}:zalo:{user_id}", rate)
        return _("Không tìm thấy phản ánh có mã “%(code)s”. Mã tra cứu gồm 8 ký tự, ví dụ ABCD-2345.") % {
            "code": Truncator(raw_code).chars(20)}
    lines = [_("Phản ánh %(code)s: %(status)s.") % {"code": case.tracking_code, "status": case.get_status_display()}]
    if case.agency is not None:
        lines.append(_("Đơn vị xử lý: %(agency)s.") % {"agency": case.agency.name})
    if case.due_at is not None and case.answered_at is None:
        lines.append(_("Hạn xử lý: %(due)s.") % {"due": timezone.localtime(case.due_at).strftime("%H:%M %d/%m/%Y")})
    # The reporter reads the answer as written to them; anyone else holding the code, the public text.
    own = bool(getattr(case, "reporter_zalo_id", "")) and case.reporter_zalo_id == user_id
    answer = reporter_answer_text(case) if own else approved_answer_text(case)
    if answer:
        lines.append(_("Trả lời: %(answer)s") % {"answer": Truncator(answer).chars(ANSWER_LIMIT)})
    return "\n".join(lines)


# --- abandoned drafts (Celery beat) --------------------------------------------------------------

def remind_and_expire(now: Any = None) -> dict[str, int]:
    """Remind once a user who stopped for ZALO_REMIND_AFTER_MINUTES; drop drafts untouched for
    ZALO_EXPIRE_AFTER_HOURS (telling the user). Safe to run twice: each row is claimed by an UPDATE."""
    now = now or timezone.now()
    account = ZaloAccount.load()
    reminded = expired = 0
    idle = now - timedelta(minutes=settings.ZALO_REMIND_AFTER_MINUTES)
    old = now - timedelta(hours=settings.ZALO_EXPIRE_AFTER_HOURS)
    for conversation in Conversation.objects.filter(updated_at__lt=old):
        with transaction.atomic():
            if Conversation.objects.filter(pk=conversation.pk, updated_at__lt=old).delete()[0]:
                expired += 1
                reply(conversation.user_id, _("Phản ánh đang soạn đã bị hủy vì lâu không có trả lời. Nhắn nội dung "
                                              "mới bất cứ lúc nào để bắt đầu lại."))
    for conversation in Conversation.objects.filter(updated_at__lt=idle, reminded_at__isnull=True):
        with transaction.atomic():
            if Conversation.objects.filter(pk=conversation.pk, reminded_at__isnull=True).update(reminded_at=now):
                reminded += 1
                reply(conversation.user_id, _("Phản ánh của bạn chưa gửi xong.") + " " + ask(
                    conversation.step, account, conversation) + " " + _(
                    "Nếu không tiếp tục, bản nháp sẽ bị hủy sau %(hours)s giờ.") % {
                    "hours": settings.ZALO_EXPIRE_AFTER_HOURS})
    return {"reminded": reminded, "expired": expired}


def fetch_photos(event: InboundEvent) -> tuple[list[attachments.CheckedFile], str]:
    """Download and check the photos of an image event (before any transaction): the accepted files,
    and the message for the user about one refused."""
    accepted: list[attachments.CheckedFile] = []
    limit = settings.ATTACHMENT_MAX_BYTES
    for number, url in enumerate(event.image_urls[:settings.ATTACHMENT_MAX_FILES], start=1):
        name = f"zalo-{event.timestamp_ms}-{number}"
        try:
            content = zalo_api.download(url, limit)
            accepted.append(attachments.check_upload(SimpleUploadedFile(name, content)))
        except zalo_api.TooLarge:
            return accepted, _("Ảnh quá lớn: mỗi ảnh tối đa %(mb)s MB. Hãy gửi ảnh nhỏ hơn.") % {"mb": megabytes(limit)}
        except attachments.AttachmentError as exc:
            return accepted, str(exc)
        except (zalo_api.ZaloError, OSError):
            return accepted, _("Không tải được ảnh từ Zalo; hãy gửi lại.")
    return accepted, ""
