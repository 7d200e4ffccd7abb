"""Forms of the citizen's account pages: sign in with a code, prove another address, preferences."""

from django import forms
from django.utils.translation import gettext_lazy as _

from civicdesk.accounts.models import AddressKind


class AddressForm(forms.Form):
    """An e-mail address (or, once a channel can text it a code, a phone number) to send a code to."""

    address = forms.CharField(label=_("Thư điện tử"), max_length=254)

    def __init__(self, *args, phone_allowed: bool = False, **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.phone_allowed = phone_allowed
        if phone_allowed:
            self.fields["address"].label = _("Thư điện tử hoặc số điện thoại")

    def clean_address(self) -> tuple[str, str]:
        value = self.cleaned_data["address"].strip()
        if "@" in value:
            forms.EmailField().clean(value)
            return AddressKind.EMAIL, value.lower()
        digits = "".join(c for c in value if c.isdigit())
        if self.phone_allowed and 9 <= len(digits) <= 12 and not value.strip("+0123456789 .-"):
            return AddressKind.PHONE, value
        if self.phone_allowed:
            raise forms.ValidationError(_("Nhập thư điện tử (ví dụ ten@example.com) hoặc số điện thoại."))
        raise forms.ValidationError(_("Nhập địa chỉ thư điện tử, ví dụ ten@example.com."))


class CodeForm(forms.Form):
    code = forms.CharField(label=_("Mã xác nhận (6 chữ số)"), max_length=12,
                           widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "one-time-code",
                                                         "autofocus": True}))

    def clean_code(self) -> str:
        digits = "".join(c for c in self.cleaned_data["code"] if c.isdigit())
        if len(digits) != 6:
            raise forms.ValidationError(_("Mã xác nhận gồm 6 chữ số."))
        return digits


class PreferencesForm(forms.Form):
    case_steps = forms.BooleanField(label=_("Báo tôi các bước xử lý phản ánh của tôi (câu trả lời luôn được gửi)"),
                                    required=False)
    followed_steps = forms.BooleanField(label=_("Báo tôi các bước xử lý phản ánh tôi theo dõi"), required=False)


class EraseForm(forms.Form):
    confirm = forms.BooleanField(label=_("Tôi hiểu: tài khoản và dữ liệu cá nhân của tôi sẽ bị xóa, không khôi phục được."))
