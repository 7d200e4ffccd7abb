"""The submit form: a person sends a case from the web, and bad input is explained in Vietnamese
without losing what they typed."""

import re

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from civicdesk.petitions.models import Case, Channel, Status
from civicdesk.petitions.tracking import CODE_RE
from tests.petitions.factories import PDF_BYTES, SVG_WITH_SCRIPT, has_exif, jpeg_with_gps

URL = reverse("petitions:submit")


def _jpeg(name="anh.jpg"):
    return SimpleUploadedFile(name, jpeg_with_gps(), content_type="image/jpeg")


def test_the_form_carries_a_fresh_token_each_time(client, db):
    first = client.get(URL)
    second = client.get(URL)
    token = re.compile(r'name="token" value="([^"]+)"')
    assert first.status_code == 200
    assert token.search(first.content.decode()).group(1) != token.search(second.content.decode()).group(1)
    assert "91/2025/QH15" in first.content.decode()
    assert reverse("petitions:privacy") in first.content.decode()


def test_an_anonymous_person_sends_a_case_with_a_photo_and_gets_a_code(client, form_data, agency):
    response = client.post(URL, {**form_data, "attachments": [_jpeg()]})
    assert response.status_code == 302
    assert response["Location"] == reverse("petitions:submitted")
    case = Case.objects.get()
    assert CODE_RE.match(case.tracking_code)
    assert case.channel == Channel.WEB
    assert case.status == Status.ASSIGNED and case.agency == agency
    assert case.reporter_phone == "0912345678"
    assert (case.lat, case.lon) == (10.7731, 106.7004)
    assert case.consent_at is not None
    assert case.user is None
    attachment = case.attachments.get()
    assert attachment.content_type == "image/jpeg"
    assert not has_exif(attachment.public_file.read())

    confirmation = client.get(response["Location"])
    html = confirmation.content.decode()
    assert case.tracking_code in html
    assert reverse("petitions:track", args=[case.tracking_code]) in html


def test_a_double_click_or_retry_stores_one_case(client, form_data):
    first = client.post(URL, form_data)
    again = client.post(URL, form_data)
    assert first.status_code == again.status_code == 302
    assert Case.objects.count() == 1
    assert client.get(again["Location"]).context["case"] == Case.objects.get()


def test_two_forms_make_two_cases(client, form_data):
    client.post(URL, form_data)
    client.post(URL, {**form_data, "token": client.get(URL).context["form"].initial["token"]})
    assert Case.objects.count() == 2


def test_a_signed_in_citizen_gets_the_case_in_their_list_and_a_prefilled_form(client, citizen, form_data):
    citizen.full_name, citizen.phone = "Lê Văn Cường", "0987654321"
    citizen.save()
    client.force_login(citizen)
    form = client.get(URL).context["form"]
    assert form.initial["reporter_name"] == "Lê Văn Cường"
    assert form.initial["reporter_phone"] == "0987654321"
    client.post(URL, form_data)
    assert Case.objects.get().user == citizen


def test_the_category_may_be_left_to_the_system(client, form_data):
    client.post(URL, {**form_data, "category": ""})
    case = Case.objects.get()
    assert case.category is None or not case.category_confirmed


def test_missing_fields_are_named_in_vietnamese(client, db):
    response = client.post(URL, {"token": "a" * 24, "kind": "report", "reporter_type": "person"})
    assert response.status_code == 200
    html = response.content.decode()
    for message in ("Vui lòng nhập tiêu đề.", "Vui lòng mô tả nội dung phản ánh.",
                    "Vui lòng cho biết họ tên", "Cần có sự đồng ý của bạn",
                    "Vui lòng để lại số điện thoại hoặc thư điện tử"):
        assert message in html
    assert Case.objects.count() == 0


def test_consent_is_required(client, form_data):
    del form_data["consent"]
    response = client.post(URL, form_data)
    assert "Cần có sự đồng ý của bạn" in response.content.decode()
    assert Case.objects.count() == 0


def test_a_50_mb_file_is_refused_and_the_typed_text_kept(client, form_data):
    big = SimpleUploadedFile("video.jpg", b"\xff\xd8\xff\xe0" + bytes(50 * 1024 * 1024), content_type="image/jpeg")
    response = client.post(URL, {**form_data, "attachments": [big]})
    html = response.content.decode()
    assert response.status_code == 200
    assert "quá lớn" in html and "video.jpg" in html
    assert form_data["content"] in html
    assert 'value="Đèn đường hỏng trên đường Lê Lợi"' in html
    assert Case.objects.count() == 0


def test_an_svg_with_script_is_refused_by_its_content_even_named_jpg(client, form_data):
    svg = SimpleUploadedFile("anh-dep.jpg", SVG_WITH_SCRIPT, content_type="image/jpeg")
    response = client.post(URL, {**form_data, "attachments": [_jpeg(), svg]})
    html = response.content.decode()
    assert "anh-dep.jpg" in html and "không được chấp nhận" in html
    assert "alert(document.cookie)" not in html
    # Everything typed is still there, including the token, so a fixed resubmission is one case.
    assert form_data["token"] in html
    assert 'value="binh.tran@example.vn"' in html
    assert 'value="0912 345 678"' in html
    assert Case.objects.count() == 0


def test_more_than_five_files_are_refused(client, form_data):
    files = [_jpeg(f"anh{i}.jpg") for i in range(6)]
    response = client.post(URL, {**form_data, "attachments": files})
    assert "tối đa 5 tệp" in response.content.decode()
    assert Case.objects.count() == 0


def test_five_files_with_a_pdf_are_accepted(client, form_data):
    files = [_jpeg(f"anh{i}.jpg") for i in range(4)]
    files.append(SimpleUploadedFile("don.pdf", PDF_BYTES, content_type="application/pdf"))
    assert client.post(URL, {**form_data, "attachments": files}).status_code == 302
    assert Case.objects.get().attachments.count() == 5


def test_html_in_the_text_is_stored_as_text_and_shown_escaped(client, form_data):
    evil = '<script>alert("x")</script><b>đậm</b>'
    client.post(URL, {**form_data, "title": "Tiêu đề <i>nghiêng</i>", "content": evil})
    case = Case.objects.get()
    assert case.content == evil
    html = client.get(reverse("petitions:track", args=[case.tracking_code])).content.decode()
    assert "<script>alert" not in html and "<b>đậm</b>" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html
    assert "Tiêu đề &lt;i&gt;nghiêng&lt;/i&gt;" in html


def test_a_wrong_email_and_phone_are_explained(client, form_data):
    response = client.post(URL, {**form_data, "reporter_email": "binh@", "reporter_phone": "12345"})
    html = response.content.decode()
    assert "Địa chỉ thư điện tử chưa đúng" in html
    assert "Số điện thoại chưa đúng" in html
    assert Case.objects.count() == 0


def test_a_point_outside_viet_nam_is_refused(client, form_data):
    response = client.post(URL, {**form_data, "lat": "48.85", "lon": "2.35"})
    assert "nằm ngoài Việt Nam" in response.content.decode()


def test_a_phone_with_plus_84_is_accepted(client, form_data):
    client.post(URL, {**form_data, "reporter_phone": "+84 912 345 678", "reporter_email": ""})
    assert Case.objects.get().reporter_phone == "+84912345678"


def test_a_forged_token_is_refused(client, form_data):
    response = client.post(URL, {**form_data, "token": "<x>"})
    assert response.status_code == 200
    assert Case.objects.count() == 0


def test_the_confirmation_page_without_a_submission_goes_back_to_the_form(client, db):
    response = client.get(reverse("petitions:submitted"))
    assert response.status_code == 302 and response["Location"] == URL


def test_the_map_uses_the_configured_tile_server_or_none(client, db, settings):
    assert 'data-tiles=""' in client.get(URL).content.decode()
    settings.TILE_URL = "https://tiles.example.vn/{z}/{x}/{y}.png"
    assert 'data-tiles="https://tiles.example.vn/{z}/{x}/{y}.png"' in client.get(URL).content.decode()


def test_the_form_is_prefilled_from_the_assistants_link(client, db):
    response = client.get("/gui-phan-anh/", {"title": "Hỏi về cấp đổi CCCD", "content": "Tôi muốn biết <b>hồ sơ</b>",
                                             "kind": "question"})
    html = response.content.decode()
    assert 'value="Hỏi về cấp đổi CCCD"' in html
    assert "Tôi muốn biết &lt;b&gt;hồ sơ&lt;/b&gt;" in html
    import re

    checked = re.findall(r'<input type="radio" name="kind" value="(\w+)"[^>]*checked', html)
    assert checked == ["question"]


def test_name_optional_when_the_reporter_hides_it(client, form_data):
    del form_data["reporter_name"]
    response = client.post(URL, {**form_data, "hide_identity": "on"})
    assert response.status_code == 302
    case = Case.objects.get()
    assert case.reporter_name == "" and case.hide_identity
    assert case.reporter_phone == "0912345678"


def test_name_optional_still_needs_a_way_to_reach_the_reporter(client, form_data):
    form_data.update(reporter_name="", reporter_phone="", reporter_email="", hide_identity="on")
    html = client.post(URL, form_data).content.decode()
    assert "Vui lòng để lại số điện thoại hoặc thư điện tử" in html
    assert "Vui lòng cho biết họ tên" not in html
    assert Case.objects.count() == 0


def test_name_optional_only_with_hide_identity(client, form_data):
    form_data["reporter_name"] = "   "
    html = client.post(URL, form_data).content.decode()
    assert "Vui lòng cho biết họ tên để cơ quan liên hệ khi cần, hoặc chọn" in html
    assert Case.objects.count() == 0
