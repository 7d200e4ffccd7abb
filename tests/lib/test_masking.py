from civicdesk.lib.masking import mask_personal_data


def test_it_masks_phone_numbers_emails_and_id_numbers():
    text = "Liên hệ ông Nguyễn Văn An, SĐT 0903 123 456 hoặc an.nguyen@gmail.com, CCCD 079123456789."
    masked = mask_personal_data(text, names=["Nguyễn Văn An"])
    assert "0903" not in masked
    assert "gmail" not in masked
    assert "079123456789" not in masked
    assert "Nguyễn Văn An" not in masked
    assert "N.V.A." in masked


def test_it_keeps_ordinary_numbers_and_dates():
    text = "Hố sâu 30cm xuất hiện từ ngày 12/10/2025 trên đoạn dài 200 m."
    assert mask_personal_data(text) == text


def test_it_masks_international_phone_format():
    assert "***" in mask_personal_data("gọi +84 912 345 678 giúp tôi")
