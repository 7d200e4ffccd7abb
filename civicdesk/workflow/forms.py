from django import forms
from django.forms.utils import flatatt
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from civicdesk.organisation.models import AdminUnit, Agency
from civicdesk.petitions.models import Category, Kind, Priority, Status
from civicdesk.petitions.tracking import normalise_tracking_code
from civicdesk.workflow.models import StepLimit
from civicdesk.workflow.operations import MAX_EXTENSION_DAYS, RejectionKind


def _agencies():  # type: ignore[no-untyped-def]
    return Agency.objects.filter(is_active=True).order_by("name")


def _categories():  # type: ignore[no-untyped-def]
    return Category.objects.filter(is_active=True)


class TriageForm(forms.Form):
    category = forms.ModelChoiceField(label=_("Lĩnh vực"), queryset=_categories())
    agency = forms.ModelChoiceField(label=_("Đơn vị xử lý"), queryset=_agencies())
    priority = forms.ChoiceField(label=_("Mức độ"), choices=Priority.choices, initial=Priority.NORMAL)
    note = forms.CharField(label=_("Ghi chú"), required=False, max_length=500)

    def __init__(self, *args, choices: dict[str, list] | None = None, **kwargs):  # type: ignore[no-untyped-def]
        """`choices` (from `shared_choices()`): the options to show, read and escaped once for a page
        of forms. Only for showing: a posted form checks its values against the querysets, as always."""
        super().__init__(*args, **kwargs)
        for name, options in (choices or {}).items():
            self.fields[name].widget = SharedOptionsSelect(options)

    @staticmethod
    def shared_choices() -> dict[str, list]:
        return {name: [("", "---------"), *((str(item.pk), escape(str(item))) for item in queryset)]
                for name, queryset in (("category", _categories()), ("agency", _agencies()))}


class SharedOptionsSelect(forms.Select):
    """A <select> written from options escaped beforehand: the triage queue shows the same long
    lists in every row, and Django's widget templates (one render per option) took seconds a page."""

    def __init__(self, options: list[tuple[str, str]]):
        super().__init__()
        self.shared_options = options

    def render(self, name, value, attrs=None, renderer=None):  # type: ignore[no-untyped-def]
        chosen = "" if value is None else str(value)
        attributes = flatatt({**self.build_attrs(self.attrs, attrs), "name": name})
        options = "".join(f'<option value="{key}"{" selected" if key == chosen else ""}>{label}</option>'
                          for key, label in self.shared_options)
        return mark_safe(f"<select{attributes}>{options}</select>")  # the labels are escaped above


class TransferForm(forms.Form):
    to_agency = forms.ModelChoiceField(label=_("Chuyển đến đơn vị"), queryset=_agencies())
    reason = forms.CharField(label=_("Lý do chuyển"), widget=forms.Textarea(attrs={"rows": 2}), max_length=2000)


class ReassignForm(forms.Form):
    agency = forms.ModelChoiceField(label=_("Giao cho đơn vị"), queryset=_agencies())
    reason = forms.CharField(label=_("Lý do"), required=False, max_length=2000)


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Lý do"), widget=forms.Textarea(attrs={"rows": 2}), max_length=2000)


class ExtensionRequestForm(forms.Form):
    days = forms.IntegerField(label=_("Gia hạn thêm (ngày làm việc)"), min_value=1, max_value=MAX_EXTENSION_DAYS,
                              initial=5)
    reason = forms.CharField(label=_("Lý do gia hạn"), widget=forms.Textarea(attrs={"rows": 2}), max_length=2000)


class ExtensionDecisionForm(forms.Form):
    request_id = forms.IntegerField(widget=forms.HiddenInput)
    decision = forms.ChoiceField(choices=[("approve", _("Đồng ý")), ("deny", _("Không đồng ý"))])
    note = forms.CharField(label=_("Ý kiến"), required=False, max_length=2000)


class TrackingCodeField(forms.CharField):
    def clean(self, value):  # type: ignore[no-untyped-def]
        value = super().clean(value)
        if not value:
            return value
        # Codes issued before the current alphabet are looked up as typed.
        return normalise_tracking_code(value) or value.strip().upper()


class RejectForm(forms.Form):
    kind = forms.ChoiceField(label=_("Lý do từ chối"), choices=RejectionKind.choices)
    reason = forms.CharField(label=_("Giải thích cho người gửi"), required=False,
                             widget=forms.Textarea(attrs={"rows": 2}), max_length=2000)
    original = TrackingCodeField(label=_("Mã tra cứu phản ánh gốc (nếu trùng)"), required=False, max_length=20)

    def clean(self):  # type: ignore[no-untyped-def]
        super().clean()
        data = self.cleaned_data
        if data.get("kind") == RejectionKind.DUPLICATE and not data.get("original"):
            self.add_error("original", _("Hãy nhập mã tra cứu của phản ánh gốc."))
        return data


class MergeForm(forms.Form):
    codes = forms.CharField(label=_("Mã tra cứu các phản ánh trùng (cách nhau bởi dấu phẩy)"), max_length=500)

    def clean_codes(self) -> list[str]:
        codes = []
        for raw in self.cleaned_data["codes"].replace(";", ",").replace("\n", ",").split(","):
            if raw.strip():
                codes.append(normalise_tracking_code(raw) or raw.strip().upper())
        if not codes:
            raise forms.ValidationError(_("Hãy nhập ít nhất một mã tra cứu."))
        return codes


class DismissSuggestionForm(forms.Form):
    suggestion = forms.IntegerField(min_value=1, widget=forms.HiddenInput)


class NoteForm(forms.Form):
    text = forms.CharField(label=_("Ghi chú nội bộ"), widget=forms.Textarea(attrs={"rows": 2}), max_length=4000)


class RatingForm(forms.Form):
    score = forms.TypedChoiceField(label=_("Mức độ hài lòng"), coerce=int, widget=forms.RadioSelect,
                                   choices=[(i, str(i)) for i in range(1, 6)])
    comment = forms.CharField(label=_("Nhận xét"), required=False, widget=forms.Textarea(attrs={"rows": 3}),
                              max_length=2000)


class ReopenForm(forms.Form):
    reason = forms.CharField(label=_("Vì sao Quý ông/bà chưa hài lòng?"), widget=forms.Textarea(attrs={"rows": 3}),
                             max_length=2000)


class CallForm(forms.Form):
    """A hotline call recorded by the operator while the caller is on the line."""

    reporter_phone = forms.CharField(label=_("Số điện thoại người gọi"), max_length=20)
    reporter_name = forms.CharField(label=_("Họ tên"), max_length=150, required=False)
    reporter_email = forms.EmailField(label=_("Thư điện tử (để nhận thông báo)"), required=False)
    kind = forms.ChoiceField(label=_("Loại"), choices=Kind.choices, initial=Kind.REPORT)
    title = forms.CharField(label=_("Tiêu đề"), max_length=200)
    content = forms.CharField(label=_("Nội dung cuộc gọi"), widget=forms.Textarea(attrs={"rows": 5}))
    address_text = forms.CharField(label=_("Địa chỉ xảy ra sự việc"), max_length=300, required=False)
    ward = forms.ModelChoiceField(label=_("Phường/xã"), required=False,
                                  queryset=AdminUnit.objects.filter(level=AdminUnit.Level.WARD).order_by("name"))
    category = forms.ModelChoiceField(label=_("Lĩnh vực (nếu rõ)"), required=False, queryset=_categories())
    priority = forms.ChoiceField(label=_("Mức độ"), choices=Priority.choices, initial=Priority.NORMAL)
    hide_identity = forms.BooleanField(label=_("Người gọi đề nghị ẩn danh tính khi công khai"), required=False)


class CaseFilterForm(forms.Form):
    q = forms.CharField(label=_("Tìm"), required=False)
    status = forms.ChoiceField(label=_("Trạng thái"), required=False,
                               choices=[("", _("Tất cả")), ("open", _("Đang mở")), *Status.choices])
    agency = forms.ModelChoiceField(label=_("Đơn vị"), required=False, queryset=_agencies())
    category = forms.ModelChoiceField(label=_("Lĩnh vực"), required=False, queryset=_categories())
    sla = forms.ChoiceField(label=_("Hạn xử lý"), required=False, choices=[
        ("", _("Tất cả")), ("overdue", _("Quá hạn")), ("due_soon", _("Sắp đến hạn"))])


class CitizenEmailForm(forms.Form):
    """The address a citizen without an account gives to say "me too" or follow a case."""

    email = forms.EmailField(label=_("Thư điện tử của Quý ông/bà"), max_length=254)


class StepBreachFilterForm(forms.Form):
    step = forms.ChoiceField(label=_("Bước"), required=False,
                             choices=[("", _("Mọi bước")), *StepLimit.Step.choices])
    days = forms.TypedChoiceField(label=_("Hồ sơ tiếp nhận trong"), required=False, coerce=int, empty_value=None,
                                  choices=[(7, _("7 ngày")), (30, _("30 ngày")), (90, _("90 ngày"))])


class CoordinateForm(forms.Form):
    lead = forms.ModelChoiceField(label=_("Đơn vị chủ trì"), queryset=_agencies(), required=False,
                                  help_text=_("Chỉ chọn khi hồ sơ chưa có đơn vị xử lý."))
    supporting = forms.ModelMultipleChoiceField(label=_("Đơn vị phối hợp"), queryset=_agencies(),
                                                widget=forms.CheckboxSelectMultiple)
    note = forms.CharField(label=_("Ghi chú"), required=False, max_length=500)


class ContributionForm(forms.Form):
    text = forms.CharField(label=_("Ý kiến phối hợp"), widget=forms.Textarea(attrs={"rows": 4}), max_length=10000)


class DisagreementForm(forms.Form):
    reason = forms.CharField(label=_("Nội dung chưa thống nhất"), widget=forms.Textarea(attrs={"rows": 3}),
                             max_length=5000)


class SettleDisagreementForm(forms.Form):
    disagreement = forms.IntegerField(widget=forms.HiddenInput)
    decision = forms.CharField(label=_("Quyết định của UBND"), widget=forms.Textarea(attrs={"rows": 3}),
                               max_length=5000)
    lead = forms.ModelChoiceField(label=_("Giao đơn vị khác chủ trì"), queryset=_agencies(), required=False)


class DirectiveForm(forms.Form):
    subject = forms.CharField(label=_("Về việc"), required=False, max_length=200)
    text = forms.CharField(label=_("Nội dung chỉ đạo"), widget=forms.Textarea(attrs={"rows": 3}), max_length=5000)
    deadline = forms.DateTimeField(
        label=_("Hạn báo cáo"), input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%d/%m/%Y %H:%M"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"))
    agencies = forms.ModelMultipleChoiceField(
        label=_("Đơn vị thực hiện"), queryset=_agencies(), required=False, widget=forms.CheckboxSelectMultiple,
        help_text=_("Để trống: các đơn vị đang xử lý những hồ sơ này."))


class DirectiveCasesForm(DirectiveForm):
    """A directive on a group of cases (a hot spot): their tracking codes."""

    codes = forms.CharField(widget=forms.HiddenInput, max_length=20000)

    def clean_codes(self) -> list[str]:
        codes = [normalise_tracking_code(c) or c for c in self.cleaned_data["codes"].replace(",", " ").split()]
        if not codes or len(codes) > 200:
            raise forms.ValidationError(_("Hãy chọn từ 1 đến 200 hồ sơ."))
        return codes


class DirectiveReportForm(forms.Form):
    text = forms.CharField(label=_("Báo cáo thực hiện"), widget=forms.Textarea(attrs={"rows": 4}), max_length=10000)
