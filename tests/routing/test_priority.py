import pytest

from civicdesk.routing.priority import is_urgent, urgent_reasons


@pytest.mark.parametrize("text", [
    "Cây xanh bật gốc ngã chắn ngang đường Phan Văn Trị",
    "cay do de len xe may o duong Nguyen Trai",
    "Dây điện đứt rơi xuống lòng đường, tóe lửa",
    "nuoc ngap toi nguc, nha co ba cu mac ket can cuu",
    "Nhà trong hẻm 51 đang cháy lớn",
    "ro ri gas nong nac ca hem",
    "Tường nhà kế bên có nguy cơ sập",
    "Có người bất tỉnh nằm giữa đường",
])
def test_it_flags_danger(text):
    assert is_urgent(text)


@pytest.mark.parametrize("text", [
    "xe chay nhanh qua hem",  # "chạy" (running), not "cháy" (fire)
    "Đường có ổ gà lớn",
    "mat nuoc 3 ngay roi",
    "Quán karaoke hát tới khuya",
])
def test_it_does_not_flag_ordinary_reports(text):
    assert not is_urgent(text)


def test_it_names_each_signal_once():
    reasons = urgent_reasons("Cây đổ đè đứt dây điện, dây điện rơi xuống đường")
    assert reasons == ["Dây điện, trụ điện nguy hiểm", "Cây đổ, cây sắp ngã"]
