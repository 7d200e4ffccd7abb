"""Forms of the citizen-facing pages: sending a case, looking up a tracking code, filtering the
public list. Validation happens here; storing is `intake.submit`."""

import re
import secrets
import unicodedata
from typing import cast

from django import forms
from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from civicdesk.lib.dates import FilterDateField
from civicdesk.organisation.models import AdminUnit
from civicdesk.petitions.attachments import AttachmentError, CheckedFile, check_upload
from civicdesk.petitions.models import Case, Category, Kind, ReplyChannel, ReporterType, Status
from civicdesk.petitions.new_case import NewCase

# Vietnamese numbers: mobile 0 + 9 digits, landline 0 + 10 digits, or the same with +84.
_PHONE_RE = re.compile(r"^(?:\+?84|0)\d{9,10}$")
# A point must fall inside Viet Nam's bounding box (islands included) to be a place in the city.
_VN_LAT = (8.0, 23.5)
_VN_LON = (102.0, 117.5)


def new_form_token() -> str:
    """The one-time token a submit form carries: a double click or a retry reuses it, so intake
    stores one case."""
    return secrets.token_urlsafe(18)


def clean_text(value: str) -> str:
    """NFC so that search and masking see one spelling of each Vietnamese letter."""
    return unicodedata.normalize("NFC", value or "").strip()


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Up to ATTACHMENT_MAX_FILES files, each checked by its bytes (`check_upload`)."""

    widget = MultipleFileInput

    def __init__(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):  # type: ignore[no-untyped-def]
        uploads = [f for f in (data if isinstance(data, list | tuple) else [data]) if f]
        limit = settings.ATTACHMENT_MAX_FILES
        if len(uploads) > limit:
            raise ValidationError(
                gettext("Chỉ được gửi tối đa %(max)d tệp; bạn đã chọn %(count)d tệp.")
                % {"max": limit, "count": len(uploads)}
            )
        checked: list[CheckedFile] = []
        errors = []
        for upload in uploads:
            try:
                checked.append(check_upload(upload))
            except AttachmentError as error:
                errors.append(str(error))
        if errors:
            raise ValidationError(errors)
        return checked


class CaseForm(forms.Form):
    kind = forms.ChoiceField(label=_("Bạn muốn gửi"), choices=Kind.choices, initial=Kind.REPORT,
                             widget=forms.RadioSelect)
    title = forms.CharField(
        label=_("Tiêu đề"), max_length=200,
        help_text=_("Một câu ngắn: việc gì, ở đâu. Ví dụ: “Đèn đường hỏng trên đường Lê Lợi”."),
        error_messages={"required": _("Vui lòng nhập tiêu đề."),
                        "max_length": _("Tiêu đề dài tối đa %(limit_value)d ký tự (hiện có %(show_value)d).")},
    )
    content = forms.CharField(
        label=_("Nội dung"), max_length=5000, widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Mô tả sự việc: từ khi nào, ảnh hưởng thế nào, bạn đề nghị gì."),
        error_messages={"required": _("Vui lòng mô tả nội dung phản ánh."),
                        "max_length": _("Nội dung dài tối đa %(limit_value)d ký tự (hiện có %(show_value)d).")},
    )
    category = forms.ModelChoiceField(
        label=_("Lĩnh vực"), required=False, queryset=Category.objects.none(),
        empty_label=_("Để hệ thống tự xác định"),
        help_text=_("Không chắc? Cứ để hệ thống tự xác định, cán bộ sẽ kiểm tra lại."),
    )
    address_text = forms.CharField(
        label=_("Địa chỉ nơi xảy ra sự việc"), max_length=300, required=False,
        help_text=_("Số nhà, tên đường, phường/xã. Có thể ghi tên cũ (quận/huyện) nếu bạn quen."),
    )
    lat = forms.FloatField(required=False, widget=forms.HiddenInput)
    lon = forms.FloatField(required=False, widget=forms.HiddenInput)
    attachments = MultipleFileField(
        label=_("Ảnh, tài liệu kèm theo"),
        help_text=_("Tối đa 5 tệp: ảnh JPEG, PNG, WebP hoặc PDF, mỗi tệp không quá 10 MB."),
    )
    reporter_type = forms.ChoiceField(label=_("Người gửi là"), choices=ReporterType.choices,
                                      initial=ReporterType.PERSON, widget=forms.RadioSelect)
    # Required unless the reporter hides their name (`clean`); a way to reach them always is.
    reporter_name = forms.CharField(label=_("Họ và tên (hoặc tên doanh nghiệp, tổ chức)"), max_length=150,
                                    required=False)
    reporter_phone = forms.CharField(label=_("Số điện thoại"), max_length=20, required=False,
                                     widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel",
                                                                   "inputmode": "tel"}))
    reporter_email = forms.EmailField(
        label=_("Thư điện tử"), required=False,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={"invalid": _("Địa chỉ thư điện tử chưa đúng, ví dụ đúng: ten@gmail.com.")},
    )
    reply_channel = forms.ChoiceField(label=_("Nhận thông báo và câu trả lời qua"), required=False,
                                      widget=forms.RadioSelect)
    hide_identity = forms.BooleanField(label=_("Ẩn tên tôi khi công khai"), required=False)
    consent = forms.BooleanField(
        label=_("Tôi đồng ý để cơ quan nhà nước xử lý dữ liệu cá nhân nêu trên nhằm giải quyết phản ánh này."),
        error_messages={"required": _("Cần có sự đồng ý của bạn để cơ quan được xử lý phản ánh.")},
    )
    token = forms.CharField(widget=forms.HiddenInput, max_length=40)

    def __init__(self, *args, reply_channels: tuple[str, ...] = (), **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        # The channels the city has connected that this form collects an address for (the view asks
        # notifications.dispatch); with one or none there is nothing to choose.
        if len(reply_channels) > 1:
            labels = dict(ReplyChannel.choices)
            cast(forms.ChoiceField, self.fields["reply_channel"]).choices = [
                ("", _("Kênh nào cũng được"))] + [(c, labels[c]) for c in reply_channels]
        else:
            del self.fields["reply_channel"]
        cast(forms.ModelChoiceField, self.fields["category"]).queryset = Category.objects.filter(is_active=True)
        self.fields["title"].widget.attrs.update({"autocomplete": "off", "maxlength": 200})
        self.fields["reporter_name"].widget.attrs["autocomplete"] = "name"
        self.fields["attachments"].widget.attrs["accept"] = "image/jpeg,image/png,image/webp,application/pdf"

    def clean_title(self) -> str:
        return clean_text(self.cleaned_data["title"])

    def clean_content(self) -> str:
        return clean_text(self.cleaned_data["content"])

    def clean_reporter_name(self) -> str:
        return clean_text(self.cleaned_data["reporter_name"])

    def clean_address_text(self) -> str:
        return clean_text(self.cleaned_data["address_text"])

    def clean_reporter_phone(self) -> str:
        raw = self.cleaned_data["reporter_phone"]
        if not raw.strip():
            return ""
        digits = re.sub(r"[\s.\-()]", "", raw)
        if not _PHONE_RE.match(digits):
            raise ValidationError(_("Số điện thoại chưa đúng: 10 hoặc 11 chữ số, bắt đầu bằng 0 hoặc +84."))
        return digits

    def clean_token(self) -> str:
        token = self.cleaned_data["token"]
        if not re.fullmatch(r"[A-Za-z0-9_\-]{16,40}", token):
            raise ValidationError(_("Biểu mẫu đã cũ, vui lòng gửi lại."))
        return token

    def clean(self) -> dict:
        data = super().clean() or {}
        if "reporter_phone" in data and "reporter_email" in data and not (
            data["reporter_phone"] or data["reporter_email"]
        ):
            self.add_error("reporter_phone",
                           _("Vui lòng để lại số điện thoại hoặc thư điện tử để nhận kết quả."))
        reply = data.get("reply_channel")
        if reply == ReplyChannel.SMS and "reporter_phone" in data and not data["reporter_phone"]:
            self.add_error("reporter_phone", _("Bạn chọn nhận kết quả qua tin nhắn SMS: vui lòng nhập số điện thoại."))
        if reply == ReplyChannel.EMAIL and "reporter_email" in data and not data["reporter_email"]:
            self.add_error("reporter_email", _("Bạn chọn nhận kết quả qua thư điện tử: vui lòng nhập địa chỉ."))
        if "reporter_name" in data and not data["reporter_name"] and not data.get("hide_identity"):
            self.add_error("reporter_name", _("Vui lòng cho biết họ tên để cơ quan liên hệ khi cần, "
                                              "hoặc chọn “Ẩn tên tôi khi công khai”."))
        lat, lon = data.get("lat"), data.get("lon")
        if (lat is None) != (lon is None):
            data["lat"] = data["lon"] = None
        elif lat is not None and lon is not None and not (
            _VN_LAT[0] <= lat <= _VN_LAT[1] and _VN_LON[0] <= lon <= _VN_LON[1]
        ):
            self.add_error("address_text", _("Điểm chọn trên bản đồ nằm ngoài Việt Nam; vui lòng chọn lại."))
        return data

    def new_case(self, user) -> NewCase:  # type: ignore[no-untyped-def]
        data = self.cleaned_data
        return NewCase(
            title=data["title"],
            content=data["content"],
            kind=data["kind"],
            category=data["category"],
            address_text=data["address_text"],
            lat=data["lat"],
            lon=data["lon"],
            reporter_type=data["reporter_type"],
            reporter_name=data["reporter_name"],
            reporter_email=data["reporter_email"],
            reporter_phone=data["reporter_phone"],
            reply_channel=data.get("reply_channel") or "",
            hide_identity=data["hide_identity"],
            consent=True,
            user=user,
            files=data["attachments"],
            idempotency_key=f"web:{data['token']}",
        )


class TrackLookupForm(forms.Form):
    ma = forms.CharField(label=_("Mã tra cứu"), max_length=40,
                         widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters",
                                                       "spellcheck": "false", "placeholder": "ABCD-2345"}))


PUBLIC_FILTER_CHOICES_KEY = "petitions:public-filter-choices"


def _public_wards_and_statuses() -> tuple[list[int], set[str]]:
    """The wards and statuses the published cases have, for the public filters: one existence probe
    per ward and per status (each stops at its first published case), not a pass over every
    published case (850,000 at a million cases: 590 ms); kept in the cache for a minute, as
    `lib.refcache` does."""

    def read() -> tuple[list[int], set[str]]:
        public = Case.objects.filter(is_public=True)
        wards = list(AdminUnit.objects.filter(Exists(public.filter(ward=OuterRef("pk")))).values_list("pk", flat=True))
        return wards, {status.value for status in Status if public.filter(status=status.value).exists()}

    return cast("tuple[list[int], set[str]]", cache.get_or_set(PUBLIC_FILTER_CHOICES_KEY, read, 60))


class PublicFilterForm(forms.Form):
    q = forms.CharField(label=_("Tìm kiếm"), required=False, max_length=100,
                        widget=forms.TextInput(attrs={"type": "search",
                                                      "placeholder": _("Ví dụ: ngập nước, đèn đường")}))
    category = forms.ModelChoiceField(label=_("Lĩnh vực"), required=False, queryset=Category.objects.none(),
                                      empty_label=_("Tất cả lĩnh vực"))
    ward = forms.ModelChoiceField(label=_("Phường/xã"), required=False, queryset=AdminUnit.objects.none(),
                                  empty_label=_("Tất cả phường/xã"))
    status = forms.ChoiceField(label=_("Trạng thái"), required=False)
    date_from = FilterDateField(label=_("Từ ngày"), required=False)
    date_to = FilterDateField(label=_("Đến ngày"), required=False)

    def __init__(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["category"]).queryset = Category.objects.filter(is_active=True)
        wards, present = _public_wards_and_statuses()
        cast(forms.ModelChoiceField, self.fields["ward"]).queryset = AdminUnit.objects.filter(
            pk__in=wards).order_by("name")
        cast(forms.ChoiceField, self.fields["status"]).choices = [("", _("Tất cả trạng thái"))] + [
            (s.value, s.label) for s in Status if s in present
        ]

    def clean(self) -> dict:
        data = super().clean() or {}
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and start > end:
            data["date_from"], data["date_to"] = end, start
        return data
