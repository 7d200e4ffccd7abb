"""Shapes of what the API reads and writes (pydantic, through django-ninja)."""

from datetime import datetime
from typing import Literal

from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import validate_email
from django.utils import timezone
from ninja import Field, Schema
from pydantic import ConfigDict, field_validator


def local(moment: datetime | None) -> datetime | None:
    """Times leave the API in the city's offset (+07:00)."""
    return timezone.localtime(moment) if moment is not None else None


def _no_nul(value: str) -> str:
    # PostgreSQL cannot store NUL characters; refuse them instead of failing later.
    if "\x00" in value:
        raise ValueError("Không được chứa ký tự NUL.")
    return value


class Error(Schema):
    detail: str
    code: str


class Ref(Schema):
    code: str
    name: str


class CaseIn(Schema):
    # JSON bodies are typed: 0 is not false and 1 is not "1".
    model_config = ConfigDict(strict=True)

    title: str = Field("", max_length=200, description="Tiêu đề; để trống thì lấy dòng đầu của nội dung")
    content: str = Field(..., min_length=1, max_length=4000, description="Nội dung phản ánh, kiến nghị")
    kind: Literal["report", "proposal", "question"] = "report"
    category: str | None = Field(None, max_length=40, description="Mã lĩnh vực (xem /categories)")
    ward: str | None = Field(None, max_length=5, description="Mã phường/xã (xem /wards)")
    address: str = Field("", max_length=300)
    lat: float | None = Field(None, ge=-90, le=90)
    lon: float | None = Field(None, ge=-180, le=180)
    reporter_type: Literal["person", "business", "organisation"] = "person"
    reporter_name: str = Field("", max_length=150)
    reporter_email: str = Field("", max_length=254)
    reporter_phone: str = Field("", max_length=20, pattern=r"^[0-9+ ().\-]*$")
    hide_identity: bool = False

    @field_validator("title", "content", "category", "ward", "address", "reporter_name", "reporter_email",
                     "reporter_phone")
    @classmethod
    def _text(cls, value: str | None) -> str | None:
        return _no_nul(value) if value is not None else value

    @field_validator("content")
    @classmethod
    def _content(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("Nội dung không được để trống.")
        return value

    @field_validator("reporter_email")
    @classmethod
    def _email(cls, value: str) -> str:
        if value:
            try:
                validate_email(value)
            except DjangoValidationError:
                raise ValueError("Địa chỉ thư điện tử không hợp lệ.") from None
        return value


class CaseCreated(Schema):
    tracking_code: str
    status: str
    status_label: str
    category: str | None
    agency: str | None
    due_at: datetime | None
    created_at: datetime
    url: str
    reporter_token: str = Field(description="Mã bí mật của người gửi: gửi kèm X-Reporter-Token khi tra cứu để "
                                            "xem bản đầy đủ. Chỉ trao cho người gửi.")
    reporter_url: str = Field(description="Đường dẫn riêng của người gửi (chứa mã bí mật)")


class EventOut(Schema):
    action: str
    action_label: str
    at: datetime
    to_status: str
    note: str


class AnswerOut(Schema):
    tracking_code: str
    case_title: str
    body: str
    agency: str | None
    approved_at: datetime | None


class CaseOwn(Schema):
    tracking_code: str
    kind: str
    title: str
    content: str
    status: str
    status_label: str
    category: Ref | None
    agency: Ref | None
    ward: Ref | None
    created_at: datetime
    due_at: datetime | None
    answered_at: datetime | None
    timeline: list[EventOut]
    answer: str | None
    reporter_verified: bool = Field(False, description="true: bản đầy đủ cho người gửi; false: bản công khai")


class CasePublic(Schema):
    tracking_code: str
    kind: str
    title: str
    content: str
    status: str
    status_label: str
    category: str | None
    agency: str | None
    ward: str | None
    created_at: datetime
    answered_at: datetime | None
    lat: float | None
    lon: float | None


class CategoryOut(Schema):
    code: str
    name: str
    name_en: str
    scope: str


class WardOut(Schema):
    code: str
    name: str
    province: str | None


class AgencyOut(Schema):
    code: str
    name: str
    kind: str
    ward: str | None


class StaffCase(Schema):
    tracking_code: str
    kind: str
    title: str
    content: str
    status: str
    status_label: str
    priority: str
    category: str | None
    agency: str | None
    ward: str | None
    address: str
    reporter_name: str
    reporter_phone: str
    reporter_email: str
    created_at: datetime
    due_at: datetime | None
    assignee: str | None


class PossibleDuplicateOut(Schema):
    tracking_code: str
    score: float
    status: str


class StaffCaseDetail(StaffCase):
    possible_duplicates: list[PossibleDuplicateOut] = Field(
        default_factory=list, description="Hồ sơ đang mở trước đó có thể cùng sự việc (tìm khi tiếp nhận), "
                                          "giống nhất trước; trống khi hồ sơ đã kết thúc.")


class NoteIn(Schema):
    model_config = ConfigDict(strict=True)

    note: str = Field(..., min_length=1, max_length=4000)

    @field_validator("note")
    @classmethod
    def _note(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("Ghi chú không được để trống.")
        return _no_nul(value)


class AnswerIn(Schema):
    model_config = ConfigDict(strict=True)

    body: str = Field(..., min_length=1, max_length=20000)
    submit: bool = Field(True, description="Trình lãnh đạo duyệt ngay (mặc định) hay chỉ lưu nháp")
    work_done: bool | None = Field(None, description="Trả lời cho biết đã xử lý xong tại hiện trường")
    no_evidence_reason: str | None = Field(
        None, max_length=2000,
        description="Vì sao không có ảnh minh chứng: bắt buộc khi trả lời cho biết đã xử lý xong mà không có ảnh")

    @field_validator("body")
    @classmethod
    def _body(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("Nội dung trả lời không được để trống.")
        return _no_nul(value)


class Done(Schema):
    tracking_code: str
    status: str
    status_label: str
