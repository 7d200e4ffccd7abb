from typing import cast

from django import forms
from django.utils.translation import gettext_lazy as _

from civicdesk.answers.inbox import TAB_KEYS
from civicdesk.organisation.models import AdminUnit
from civicdesk.petitions.models import Category, Priority

PERIOD_CHOICES = [
    ("", _("Mọi thời gian")),
    ("7", _("7 ngày qua")),
    ("30", _("30 ngày qua")),
    ("90", _("90 ngày qua")),
    ("365", _("12 tháng qua")),
]


class InboxFilterForm(forms.Form):
    tab = forms.ChoiceField(choices=[(key, key) for key in TAB_KEYS], required=False, widget=forms.HiddenInput)
    q = forms.CharField(label=_("Tìm kiếm"), required=False, max_length=100, widget=forms.TextInput(
        attrs={"type": "search", "placeholder": _("Mã tra cứu, tiêu đề, địa chỉ, người gửi…")}))
    category = forms.ModelChoiceField(label=_("Lĩnh vực"), queryset=Category.objects.none(), required=False,
                                      empty_label=_("Tất cả lĩnh vực"))
    ward = forms.ModelChoiceField(label=_("Phường/xã"), queryset=AdminUnit.objects.none(), required=False,
                                  empty_label=_("Tất cả phường/xã"))
    priority = forms.ChoiceField(label=_("Mức độ"), required=False,
                                 choices=[("", _("Mọi mức độ")), *Priority.choices])
    period = forms.ChoiceField(label=_("Tiếp nhận trong"), required=False, choices=PERIOD_CHOICES)
    mine = forms.BooleanField(label=_("Chỉ hồ sơ giao cho tôi"), required=False)

    def __init__(self, *args, cases=None, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["category"]).queryset = Category.objects.filter(is_active=True)
        if cases is not None:
            cast(forms.ModelChoiceField, self.fields["ward"]).queryset = AdminUnit.objects.filter(
                level=AdminUnit.Level.WARD, pk__in=cases.exclude(ward=None).values("ward")
            ).order_by("name")


class NoteForm(forms.Form):
    text = forms.CharField(label=_("Ghi chú nội bộ"), max_length=4000, widget=forms.Textarea(attrs={"rows": 3}),
                           help_text=_("Chỉ cán bộ nhìn thấy; người dân không bao giờ thấy ghi chú này."))


class DraftForm(forms.Form):
    body = forms.CharField(label=_("Nội dung trả lời"), max_length=20000,
                           widget=forms.Textarea(attrs={"rows": 12}))
    work_done = forms.BooleanField(label=_("Trả lời này cho biết đã xử lý xong tại hiện trường"), required=False)
    no_evidence_reason = forms.CharField(
        label=_("Nếu không có ảnh minh chứng, vì sao?"), required=False, max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Trả lời cho biết đã xử lý xong cần ảnh kết quả (công khai bản đã xóa thông tin vị trí, "
                    "thiết bị) hoặc lý do không có ảnh."))


class ReviewForm(forms.Form):
    note = forms.CharField(label=_("Ý kiến"), required=False, max_length=4000,
                           widget=forms.Textarea(attrs={"rows": 3}))
