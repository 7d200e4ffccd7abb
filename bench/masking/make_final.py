"""Final masking set (bench/masking/final.jsonl): written after the held-out set had been looked at, before
the masking was run on it, with yet other templates, names and places (Cần Thơ, Huế, Hải Phòng, Nha Trang)
and styles (voice-call transcripts with fillers, e-mails, lists, messages mixing English). Evaluated once.

    cd bench/masking && python make_final.py --out final.jsonl
"""

import argparse
import random

from gen import (
    K,
    P,
    bank_account,
    cccd,
    cmnd,
    dob,
    email,
    fmt_mobile,
    fold,
    landline,
    mobile_digits,
    plate,
    render,
    write,
    zero_width,
)

SURNAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Võ", "Huỳnh", "Phan", "Trương", "Lưu", "Đào", "Thân", "Khổng", "Mạc",
            "Ông", "Tăng", "Lại", "Doãn", "Bạch"]
MIDDLES = ["Thị", "Văn", "Ngọc", "Như", "Quốc", "Tấn", "Bá", "Thế", "Diệu", "Cẩm", "Phước", "Nhật"]
GIVEN = ["Hào", "Nhàn", "Tín", "Thoa", "Lực", "Ngà", "Khiêm", "Quyết", "Hợp", "Sương", "Triều", "Tuyền", "Thức",
         "Xuyến", "Nghị", "Phụng", "Cẩn", "Mẫn", "Hoan", "Lài"]
STREETS = ["Trần Văn Khéo", "Nguyễn Văn Cừ", "Mậu Thân", "Lê Hồng Phong", "Hùng Vương", "Trần Hưng Đạo",
           "Lê Thánh Tông", "Điện Biên Phủ", "Nguyễn Sinh Cung", "Phạm Văn Đồng", "Trần Phú", "Nguyễn Thiện Thuật",
           "Lạch Tray", "Tô Hiệu", "Văn Cao", "Võ Thị Sáu", "Lý Tự Trọng", "Ngô Gia Tự", "Hai Bà Trưng",
           "Phan Bội Châu", "Nguyễn Huệ", "Đống Đa", "Lê Duẩn", "Trần Quang Khải"]
SCHOOLS = ["trường THPT Châu Văn Liêm", "trường Tiểu học Lê Quý Đôn", "trường THCS Đoàn Thị Điểm",
           "Trường Quốc Học", "trường Mầm non Tuổi Thơ", "trường THPT Trần Phú", "trường THCS Chu Văn An"]
PLACES = ["bến Ninh Kiều", "chợ Đông Ba", "cầu Trường Tiền", "chợ Xóm Mới", "công viên Lưu Hữu Phước",
          "bệnh viện Trung ương Huế", "Cảng Cát Lái", "vòng xoay Phù Đổng", "hồ Tam Bạc", "chợ Cái Khế"]
WARDS = ["phường An Hòa", "phường Xuân Khánh", "phường Vĩnh Ninh", "phường Lộc Thọ", "phường Cát Dài",
         "phường Phú Hội", "phường Tân An", "xã Vĩnh Thạnh"]
BUSINESS = ["quán bún bò Mệ Kéo", "nhà nghỉ Hoàng Yến", "cửa hàng vật liệu xây dựng Thành Đạt", "lò bánh mì Tài Lộc",
            "tiệm cầm đồ Phát Tài", "hãng taxi Mai Linh", "Công ty CP Môi trường Đô thị", "bar Skyline"]
AGENCY = [("tiếp công dân của UBND phường", "tiepdan.anhoa@cantho.gov.vn"),
          ("Bộ phận Một cửa", "motcua.phuhoi@thuathienhue.gov.vn"),
          ("Trung tâm Phục vụ hành chính công", "hanhchinhcong@haiphong.gov.vn"),
          ("Ban quản lý chợ", "bqlcho@nhatrang.khanhhoa.gov.vn")]
LAWS = ["Nghị định 144/2021/NĐ-CP", "Điều 9", "khoản 4 Điều 20", "Luật Giao thông đường bộ 2008",
        "Quyết định 22/2024/QĐ-UBND", "Thông tư 06/2022/TT-BXD", "Nghị quyết 15/NQ-HĐND"]
AMOUNTS = ["2.000.000 đồng", "650.000đ", "1,2 tỷ đồng", "45 triệu", "90.000 đồng/tháng", "18.500.000 VND"]
ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ"


def code(rng):
    s = "".join(rng.choice(ALPHABET) for _ in range(8))
    return f"{s[:4]}-{s[4:]}"


def person(rng):
    sur, mid, given = rng.choice(SURNAMES), rng.choice(MIDDLES), rng.choice(GIVEN)
    return {"sur": sur, "mid": mid, "given": given, "full": f"{sur} {mid} {given}"}


def house(rng):
    return rng.choice([str(rng.randint(3, 250)), f"{rng.randint(3, 120)}/{rng.randint(2, 30)}", f"{rng.randint(5, 99)}B",
                       f"số {rng.randint(3, 150)}", f"K{rng.randint(10, 90)}/{rng.randint(2, 30)}"])


def f_voice(rng, me, other):
    return "report", me["full"], [
        "[Ghi âm cuộc gọi] Dạ alo, ờ em tên là ", P(me["full"]), " ạ, em gọi phản ánh cái đèn giao thông ở ",
        K(rng.choice(PLACES)), " bị hỏng ạ. Số em là ", P(fmt_mobile(rng, mobile_digits(rng))), " ạ."]


def f_email_letter(rng, me, other):
    return "report", me["full"], [
        "Subject: Phan anh rac thai\nDear anh/chị,\nEm là ", P(me["full"]), ", email ",
        P(email(rng, fold(me["sur"]).lower() + fold(me["given"]).lower() + str(rng.randint(1, 30)))),
        ". Khu vực ", K(f"đường {rng.choice(STREETS)}"), " gần ", K(rng.choice(SCHOOLS)), " có bãi rác tự phát.\nThanks!"]


def f_list(rng, me, other):
    return "report", me["full"], [
        "- Họ và tên: ", P(me["full"]), "\n- Năm sinh: ", P(str(rng.randint(1950, 2000))), "\n- Số CCCD: ", P(cccd(rng)),
        "\n- Nơi thường trú: ", P(f"{house(rng)} {rng.choice(STREETS)}"), ", ", K(rng.choice(WARDS)),
        "\n- Nội dung: đề nghị sửa ", K(f"cống thoát nước đường {rng.choice(STREETS)}"), "."]


def f_neighbour_given(rng, me, other):
    hon = rng.choice(["cô", "chú", "bác", "dì"])
    return "report", me["full"], [
        "Nhà ", P(f"{hon} {other['given']}"), " bên cạnh nuôi gà vịt ngay trong ", K(f"kiệt {rng.randint(10, 200)} {rng.choice(STREETS)}"),
        ", mùi hôi lắm. Em đã nói với ", hon, " ", P(other["given"]), " mà không được."]


def f_official_answer(rng, me, other):
    unit, mail = rng.choice(AGENCY)
    return "answer", me["full"], [
        "UBND ", K(rng.choice(WARDS)), " trả lời ", P(f"ông {me['full']}"), " như sau: qua kiểm tra, ",
        K(rng.choice(BUSINESS)), " đã vi phạm ", K(rng.choice(LAWS)), " và bị phạt ", K(rng.choice(AMOUNTS)),
        ". Mọi ý kiến xin gửi ", unit, " qua số ", K(landline(rng, rng.choice(["0292", "0234", "0225", "0258"]))),
        " hoặc ", K(mail), "."]


def f_plate_taxi(rng, me, other):
    return "report", None, [
        "Tài xế xe ", K("hãng taxi Mai Linh"), " biển ", P(plate(rng)), " chạy ẩu trên ", K(f"đường {rng.choice(STREETS)}"),
        " lúc 22h ngày 3/9, suýt tông vào người đi bộ."]


def f_bank_hoc_phi(rng, me, other):
    return "report", me["full"], [
        "Tôi đã chuyển khoản học phí ", K(rng.choice(AMOUNTS)), " cho ", K(rng.choice(SCHOOLS)), " từ tài khoản ",
        P(bank_account(rng)), " nhưng trường báo chưa nhận. Người chuyển: ", P(me["full"]), "."]


def f_cmnd_elder(rng, me, other):
    return "report", me["full"], [
        "Bà nội tôi là ", P(f"cụ {other['full']}"), ", CMND ", P(cmnd(rng)), ", ", P(f"sinh ngày {dob(rng)}"),
        ", chưa được cấp thẻ BHYT theo ", K(rng.choice(LAWS)), "."]


def f_chat_lower(rng, me, other):
    return "report", me["full"], [
        "alo e la ", P(fold(me["given"]).lower()), " o ", K(fold(rng.choice(WARDS))), ", sdt ", P(fmt_mobile(rng, mobile_digits(rng), "plain")),
        ", ben ", K(fold(rng.choice(PLACES))), " co nguoi ban hang rong chiem ca loi di"]


def f_hotline_business(rng, me, other):
    return "report", me["full"], [
        K(rng.choice(BUSINESS)), " (hotline ", K("1900 2345"), ") mở loa quảng cáo cả ngày ở ", K(f"{rng.randint(5, 300)} {rng.choice(STREETS)}"),
        ". Tôi ở ", P(f"{house(rng)} {rng.choice(STREETS)}"), " ngay đối diện. ", P(me["full"]), "."]


def f_answer_given(rng, me, other):
    return "answer", me["full"], [
        "Cảm ơn ", P(f"anh {me['given']}"), " đã gửi phản ánh mã ", K(code(rng)), ". ", K("Đội Quản lý trật tự đô thị"),
        " đã lập biên bản tại ", K(rng.choice(PLACES)), " ngày 12/6/2025."]


def f_officer_complaint(rng, me, other):
    title = rng.choice(["Trưởng công an phường", "chủ tịch xã", "cán bộ tư pháp", "kế toán phường"])
    return "report", me["full"], [
        "Tôi tố cáo ", title, " ", P(other["full"]), " nhận ", K(rng.choice(AMOUNTS)), " của dân mà không cấp biên lai. Tôi là ",
        P(me["full"]), ", ", P(fmt_mobile(rng, mobile_digits(rng))), "."]


def f_zero_width_email(rng, me, other):
    local = fold(me["given"]).lower() + "." + fold(me["sur"]).lower()
    return "report", me["full"], [
        "Email liên hệ: ", P(zero_width(rng, f"{local}@gmail.com")), ". Vỉa hè ", K(f"đường {rng.choice(STREETS)}"), " xuống cấp."]


def f_western_name(rng, me, other):
    return "report", me["full"], [
        "Hi, mình là ", P(f"{me['given']} {me['sur']}"), " (FB: ", P(f"{fold(me['given'])} {fold(me['sur'])}"),
        "). Ở ", K(rng.choice(PLACES)), " đèn đường không sáng mấy hôm nay."]


def f_landline_answer_citizen(rng, me, other):
    return "answer", me["full"], [
        "Phòng Tài nguyên và Môi trường đã liên hệ ", P(f"bà {me['given']}"), " theo số ", P(landline(rng, "028")),
        " để hẹn kiểm tra ", K(f"{rng.randint(5, 300)} {rng.choice(STREETS)}"), "."]


def f_dob_dash(rng, me, other):
    return "report", me["full"], [
        P(me["full"]), " - ", P(f"SN: {dob(rng)}"), " - ", P(f"ĐC: {house(rng)} {rng.choice(STREETS)}"),
        ". Xin cấp phép sửa nhà, đã nộp ", K(rng.choice(AMOUNTS)), "."]


def f_two_people(rng, me, other):
    third = person(rng)
    return "report", None, [
        "Vợ chồng ", P(f"anh {other['given']}"), " - ", P(f"chị {third['given']}"), " ở ", K(f"tổ 12, {rng.choice(WARDS)}"),
        " thường xuyên cãi nhau, đánh đập con nhỏ. Đề nghị ", K("Công an phường"), " can thiệp."]


def f_ascii_full(rng, me, other):
    return "report", me["full"], [
        fold("Tên tôi là "), P(fold(me["full"])), fold(", CCCD "), P(cccd(rng)), fold(". Cây đổ chắn ngang "),
        K(fold(f"đường {rng.choice(STREETS)}")), fold(", gần "), K(fold(rng.choice(SCHOOLS))), "."]


def f_tracking_followup(rng, me, other):
    return "report", me["full"], [
        "Em hỏi tiến độ hồ sơ ", K(code(rng)), " ạ. Đã nộp ", K(rng.choice(AMOUNTS)), " theo ", K(rng.choice(LAWS)),
        ". Có gì nhắn Zalo ", P(fmt_mobile(rng, mobile_digits(rng))), " giúp em."]


def f_answer_hotline_mobile(rng, me, other):
    return "answer", me["full"], [
        "Kính gửi ", P(f"chị {me['full']}"), ". Ban quản lý chợ đã xử lý. Số trực của ", K("Ban quản lý chợ"), ": ",
        K(fmt_mobile(rng, mobile_digits(rng), "4.3.3")), ". Trân trọng."]


def f_passport_foreigner(rng, me, other):
    pp = rng.choice("BCEN") + str(rng.randint(1000000, 9999999))
    return "report", None, [
        "Khách nước ngoài hộ chiếu ", P(pp), " thuê phòng ở ", K(rng.choice(BUSINESS)), " nhưng chủ nhà ",
        P(f"ông {other['sur']} {other['mid']} {other['given']}"), " không khai báo tạm trú."]


TEMPLATES = [v for k, v in sorted(globals().items()) if k.startswith("f_")]


def build(seed: int = 1999, per_template: int = 6) -> list[dict]:
    rng = random.Random(seed)
    items = []
    for template in TEMPLATES:
        for i in range(per_template):
            me, other = person(rng), person(rng)
            while other["given"] == me["given"]:
                other = person(rng)
            kind, reporter, segments = template(rng, me, other)
            roll = rng.random()
            variant = "ascii" if roll < 0.18 else "nfd" if roll < 0.28 else ""
            item = render(f"f-{template.__name__[2:]}-{i}", kind, reporter, segments, variant)
            if any(p in k or k in p for p in item["pii"] for k in item["keep"]):
                continue
            items.append(item)
    return items


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", default="bench/masking/final.jsonl")
    args = parser.parse_args()
    items = build()
    write(args.out, items)
    print(len(items), "items")
