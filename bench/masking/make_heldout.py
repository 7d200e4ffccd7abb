"""Held-out masking set (bench/masking/heldout.jsonl): written before the masking was tuned, with other
templates, names, streets and styles than make_dev.py (SMS and switchboard notes, formal letters,
Hà Nội / Đà Nẵng streets). Evaluated once at the end; never used to tune.

    python bench/masking/make_heldout.py --out bench/masking/heldout.jsonl
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

SURNAMES = ["Đinh", "Lương", "Tạ", "Quách", "Trịnh", "Mai", "Cao", "Lâm", "Hà", "Kiều", "Triệu", "Vương",
            "Châu", "Đoàn", "La", "Tô", "Nghiêm", "Hứa", "Nguyễn", "Trần", "Lê", "Phạm"]
MIDDLES = ["Công", "Quang", "Thu", "Hải", "Bảo", "Kim", "Đình", "Hoài", "Xuân", "Thanh", "Mỹ", "Khánh", "Gia",
           "Phương", "Thị", "Văn", "Hữu"]
GIVEN = ["Khoa", "Hiếu", "Nhung", "Thảo", "Quân", "Phát", "Luân", "Trâm", "Duyên", "Tài", "Khôi", "Yến",
         "Nhi", "Sang", "Thuận", "Hậu", "Toàn", "Lộc", "Tường", "Diệp", "Kiên", "Ngân", "Oanh", "Vỹ"]
STREETS = ["Lê Văn Lương", "Nguyễn Chí Thanh", "Phạm Văn Đồng", "Trần Duy Hưng", "Hoàng Quốc Việt",
           "Tôn Đức Thắng", "Đặng Thai Mai", "Tô Ngọc Vân", "Nguyễn Khánh Toàn", "Trần Quý Cáp", "Lê Văn Hưu",
           "Hồ Đắc Di", "Phan Kế Bính", "Ngô Quyền", "Hoàng Diệu", "Bạch Đằng", "Võ Văn Kiệt", "Lý Tự Trọng",
           "Huỳnh Tấn Phát", "Nguyễn Thị Thập", "Đinh Tiên Hoàng", "Bà Triệu"]
SCHOOLS = ["trường Tiểu học Đoàn Thị Điểm", "trường THCS Trưng Vương", "trường THPT Phan Đình Phùng",
           "trường Lương Thế Vinh", "Trường Mầm non Hoa Sen", "trường THCS Nguyễn Du", "trường Tiểu học Kim Đồng"]
WARDS = ["phường Láng Hạ", "phường Hòa Cường", "phường Thạch Thang", "phường Tân Định", "phường Dịch Vọng",
         "phường Nghĩa Đô", "phường An Hải", "xã Hòa Phước"]
BUSINESS = ["Công ty TNHH Thương mại Minh Phát", "quán bia Hùng Cường", "karaoke Nice Star", "tiệm vàng Kim Hoàn",
            "nhà hàng Hương Sen", "xưởng gỗ Đức Thịnh", "cửa hàng điện máy Quang Vinh", "garage ô tô Tiến Đạt"]
AGENCY_MAIL = ["tiepdan@danang.gov.vn", "vanphong.ubnd@hanoi.gov.vn", "phongqldt.q1@tphcm.gov.vn",
               "hanhchinhcong@caugiay.hanoi.gov.vn", "mottuacua@haichau.danang.gov.vn"]
LAWS = ["Nghị định 168/2024/NĐ-CP", "khoản 3 Điều 12", "Quyết định 09/2023/QĐ-UBND", "Thông tư 39/2016/TT-BGTVT",
        "Luật Đất đai năm 2024", "điểm b khoản 2 Điều 6", "Nghị định số 45/2022/NĐ-CP"]
AMOUNTS = ["4.000.000 đồng", "800.000đ", "2,5 triệu", "15 triệu đồng", "350.000 VNĐ", "1.200.000 đồng/tháng"]
ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ"


def code(rng):
    s = "".join(rng.choice(ALPHABET) for _ in range(8))
    return f"{s[:4]}-{s[4:]}"


def person(rng):
    sur, mid, given = rng.choice(SURNAMES), rng.choice(MIDDLES), rng.choice(GIVEN)
    return {"sur": sur, "mid": mid, "given": given, "full": f"{sur} {mid} {given}"}


def house(rng):
    return rng.choice([str(rng.randint(2, 300)), f"{rng.randint(2, 90)}/{rng.randint(1, 40)}",
                       f"{rng.randint(2, 150)}A", f"số {rng.randint(2, 200)}"])


# Each template returns (kind, reporter_name or None, segments).

def t_sms_short(rng, me, other):
    return "report", me["full"], [
        "Dạ em là ", P(me["given"]), " ở ", K(rng.choice(WARDS)), ". Đèn đường trước nhà ", K(f"số {rng.randint(5, 99)} {rng.choice(STREETS)}"),
        " tắt 2 tuần rồi ạ. Cần gì gọi em ", P(fmt_mobile(rng, mobile_digits(rng))), "."]


def t_switchboard(rng, me, other):
    return "report", me["full"], [
        "[Tổng đài ghi nhận] Người gọi: ", P(me["full"]), ", ĐT: ", P(fmt_mobile(rng, mobile_digits(rng))),
        ". Phản ánh nước thải tràn ra ", K(f"phố {rng.choice(STREETS)}"), " đoạn gần ", K(rng.choice(SCHOOLS)),
        ", mùi hôi nặng vào giờ tan học."]


def t_formal_letter(rng, me, other):
    return "report", me["full"], [
        "Kính gửi: ", K("UBND " + rng.choice(WARDS)), ".\nTôi tên là ", P(me["full"]), ", sinh ngày ", P(dob(rng)),
        ", CCCD số ", P(cccd(rng)), ", thường trú tại ", P(f"{house(rng)} {rng.choice(STREETS)}"), ", ",
        K(rng.choice(WARDS)), ". Tôi làm đơn này đề nghị kiểm tra việc lấn chiếm vỉa hè của ",
        K(rng.choice(BUSINESS)), " tại ", K(f"{rng.randint(10, 400)} {rng.choice(STREETS)}"), "."]


def t_neighbour_name(rng, me, other):
    hon = rng.choice(["ông", "bà", "anh", "chị"])
    return "report", None, [
        "Hộ ", P(f"{hon} {other['full']}"), " ở ", K(f"ngõ {rng.randint(3, 200)} {rng.choice(STREETS)}"),
        " xây lấn sang phần đất chung, tổ dân phố đã nhắc nhiều lần nhưng ", hon, " ", P(other["given"]),
        " không chấp hành."]


def t_official_named(rng, me, other):
    title = rng.choice(["cán bộ địa chính", "tổ trưởng tổ dân phố", "cảnh sát khu vực", "phó chủ tịch phường"])
    return "report", me["full"], [
        "Tôi đã báo ", title, " là ", P(other["full"]), " từ tháng trước nhưng chưa thấy xử lý. Việc đổ trộm phế thải "
        "ở bãi đất trống cạnh ", K(rng.choice(SCHOOLS)), " vẫn tiếp diễn. Người gửi: ", P(me["full"]), "."]


def t_email_obfuscated(rng, me, other):
    local = fold(me["given"]).lower() + rng.choice(["", ".", "_"]) + fold(me["sur"]).lower() + str(rng.randint(70, 99))
    return "report", me["full"], [
        "Xin phản hồi kết quả qua mail ", P(email(rng, local)), " giúp tôi. Cống thoát nước ở ",
        K(f"đường {rng.choice(STREETS)}"), " bị vỡ nắp, rất nguy hiểm cho xe máy."]


def t_plate_complaint(rng, me, other):
    return "report", me["full"], [
        "Xe tải biển kiểm soát ", P(plate(rng)), " thường xuyên đỗ chắn lối vào ", K(rng.choice(SCHOOLS)),
        " từ 6h30 sáng. Theo ", K(rng.choice(LAWS)), " hành vi này bị phạt tới ", K(rng.choice(AMOUNTS)), "."]


def t_bank_refund(rng, me, other):
    return "report", me["full"], [
        "Tôi nộp nhầm phí ", K(rng.choice(AMOUNTS)), " hồ sơ mã ", K(code(rng)), ". Đề nghị hoàn về tài khoản ",
        P(bank_account(rng)), " tại ", K(rng.choice(["Vietcombank", "BIDV", "Agribank", "Techcombank", "MB Bank"])),
        ", chủ tài khoản ", P(me["full"].upper()), "."]


def t_cmnd_old(rng, me, other):
    return "report", me["full"], [
        "Tôi dùng CMND cũ số ", P(cmnd(rng)), " khi làm thủ tục nhưng bộ phận một cửa ", K(rng.choice(WARDS)),
        " không nhận. Xin hỏi có đúng quy định tại ", K(rng.choice(LAWS)), " không?"]


def t_answer_basic(rng, me, other):
    hot = landline(rng)
    mail = rng.choice(AGENCY_MAIL)
    return "answer", me["full"], [
        "Kính gửi ", P(f"bà {me['full']}" if rng.random() < 0.5 else f"ông {me['full']}"), ".\n", K("UBND " + rng.choice(WARDS)),
        " đã kiểm tra phản ánh (mã ", K(code(rng)), ") và lập biên bản xử phạt theo ", K(rng.choice(LAWS)),
        ". Mọi thắc mắc xin liên hệ đường dây nóng ", K(hot), " hoặc thư điện tử ", K(mail), "."]


def t_answer_with_citizen_phone(rng, me, other):
    return "answer", me["full"], [
        "Trả lời ông/bà ", P(me["full"]), " (điện thoại ", P(fmt_mobile(rng, mobile_digits(rng))), "): đoạn ",
        K(f"đường {rng.choice(STREETS)}"), " đã được đưa vào kế hoạch sửa chữa quý II với kinh phí ",
        K(rng.choice(AMOUNTS)), ". Thông tin thêm: tổng đài ", K("1022"), "."]


def t_answer_officer(rng, me, other):
    return "answer", me["full"], [
        "Phòng Quản lý đô thị đã cử ", P(f"đồng chí {other['full']}"), " xuống hiện trường tại ",
        K(f"{rng.randint(10, 300)} {rng.choice(STREETS)}"), " ngày 14/3/2025. Kết quả gửi ",
        P(f"anh {me['given']}"), " qua tin nhắn. Liên hệ Bộ phận một cửa: ", K(landline(rng)), "."]


def t_ascii_chat(rng, me, other):
    return "report", me["full"], [
        "chao anh chi, minh ten ", P(fold(me["full"]).lower()), " nha, sdt ", P(fmt_mobile(rng, mobile_digits(rng), "plain")),
        ". khu vuc ", K(fold(f"duong {rng.choice(STREETS)}")), " dang dao duong ma ko rao chan, toi qua troi toi."]


def t_zalo(rng, me, other):
    return "report", me["full"], [
        "Zalo ", P(fmt_mobile(rng, mobile_digits(rng))), " (", P(me["given"] + " " + me["sur"]),
        "). Gửi ảnh hố ga mất nắp tại ", K(f"ngã tư {rng.choice(STREETS)} – {rng.choice(STREETS)}"), " ạ."]


def t_family(rng, me, other):
    child = person(rng)
    return "report", me["full"], [
        "Con tôi là cháu ", P(child["full"]), ", học lớp 3 ", K(rng.choice(SCHOOLS)), ", bị xe máy va vào khi qua đường ",
        K(rng.choice(STREETS)), " vì không có vạch sang đường. Liên hệ mẹ cháu: ", P(fmt_mobile(rng, mobile_digits(rng))), "."]


def t_address_field(rng, me, other):
    addr = f"{house(rng)} {rng.choice(STREETS)}"
    return "report", me["full"], [
        "Người phản ánh: ", P(me["full"]), "\nĐiện thoại liên lạc: ", P(fmt_mobile(rng, mobile_digits(rng))),
        "\nĐịa chỉ liên hệ: ", P(addr), ", ", K(rng.choice(WARDS)), "\nNội dung: cây xanh nghiêng sắp đổ trước ",
        K(rng.choice(SCHOOLS)), "."]


def t_landline_citizen(rng, me, other):
    return "report", me["full"], [
        "Nhà tôi không có di động, xin gọi số bàn ", P(landline(rng)), " gặp ", P(f"bà {me['given']}"),
        ". Chợ tạm trên ", K(f"phố {rng.choice(STREETS)}"), " họp cả ngày gây ách tắc."]


def t_hotline_mentioned_in_report(rng, me, other):
    return "report", me["full"], [
        "Tôi đã gọi đường dây nóng ", K("1022"), " và số ", K("1900 1234"), " nhưng không ai nghe. Rác ở ",
        K(f"chân cầu {rng.choice(['Rồng', 'Sông Hàn', 'Thuận Phước'])}"), " bốc mùi. ", P(me["full"]), ", ", P(fmt_mobile(rng, mobile_digits(rng))), "."]


def t_dob_year(rng, me, other):
    year = str(rng.randint(1940, 1975))
    return "report", me["full"], [
        "Bố tôi là ", P(other["full"]), ", sinh năm ", P(year), ", được hưởng trợ cấp theo ",
        K(rng.choice(LAWS)), " nhưng 3 tháng nay chưa nhận được ", K(rng.choice(AMOUNTS)), "."]


def t_upper_name(rng, me, other):
    return "report", me["full"], [
        "HỌ TÊN: ", P(me["full"].upper()), " - SĐT: ", P(fmt_mobile(rng, mobile_digits(rng))),
        "\nPHẢN ÁNH: lò mổ gia súc trái phép trong hẻm sau ", K(rng.choice(BUSINESS)), ", xả thải ra kênh."]


def t_signature(rng, me, other):
    return "report", me["full"], [
        "Kính mong ", K("UBND " + rng.choice(WARDS)), " sớm giải quyết việc mất điện kéo dài ở ",
        K(f"khu tập thể {rng.choice(['Thành Công', 'Kim Liên', 'Nghĩa Tân', 'Giảng Võ'])}"), ".\nTrân trọng,\n",
        P(me["full"]), "\n", P(fmt_mobile(rng, mobile_digits(rng))), " | ", P(email(rng, fold(me["given"]).lower() + str(rng.randint(1, 99)), "plain"))]


def t_given_repeat(rng, me, other):
    return "report", me["full"], [
        "Tôi là ", P(me["full"]), ". Nhà hàng xóm nuôi chó thả rông, hôm qua chó cắn con gái tôi. ", P(me["given"]),
        " tôi đã báo công an ", K(rng.choice(WARDS)), " nhưng chưa ai đến."]


def t_nfd_answer(rng, me, other):
    return "answer", me["full"], [
        "Ban quản lý dự án trả lời ", P(f"chị {me['given']}"), ": tuyến ", K(f"đường {rng.choice(STREETS)}"),
        " sẽ hoàn trả mặt bằng trước 30/6. Hotline công trình: ", K(landline(rng, "024")), "."]


def t_passport(rng, me, other):
    pp = rng.choice("BCN") + str(rng.randint(1000000, 9999999))
    return "report", me["full"], [
        "Tôi là Việt kiều, hộ chiếu số ", P(pp), ", muốn hỏi thủ tục đăng ký tạm trú tại ", K(rng.choice(WARDS)),
        ". Email: ", P(email(rng, fold(me['given']).lower() + "." + fold(me['sur']).lower(), "plain")), "."]


def t_third_party_phone(rng, me, other):
    return "report", None, [
        "Chủ quán ", K(rng.choice(BUSINESS)), " là ", P(f"ông {other['sur']} {other['given']}"), " (", P(fmt_mobile(rng, mobile_digits(rng))),
        ") mở nhạc to sau 23h. Quán ở ", K(f"{rng.randint(20, 500)} {rng.choice(STREETS)}"), "."]


def t_answer_legal(rng, me, other):
    return "answer", me["full"], [
        "Căn cứ ", K(rng.choice(LAWS)), " và ", K(rng.choice(LAWS)), ", ", K("Đội Quản lý trật tự đô thị"),
        " đã xử phạt ", K(rng.choice(BUSINESS)), " số tiền ", K(rng.choice(AMOUNTS)),
        ". Kết quả đã thông báo tới ông ", P(me["full"]), ", địa chỉ ", P(f"{house(rng)} {rng.choice(STREETS)}"), "."]


def t_dob_form(rng, me, other):
    return "report", me["full"], [
        "Ngày sinh: ", P(dob(rng)), "; Số định danh cá nhân: ", P(cccd(rng)), ". Đề nghị cấp lại giấy xác nhận cư trú, ",
        "tôi đã nộp lệ phí ", K(rng.choice(AMOUNTS)), " tại ", K(rng.choice(WARDS)), "."]


def t_ascii_answer(rng, me, other):
    return "answer", me["full"], [
        fold("Kính gửi anh "), P(fold(me["full"])), fold(". UBND phường đã chỉ đạo dọn dẹp bãi rác tại "),
        K(fold(f"đường {rng.choice(STREETS)}")), fold(". Mọi ý kiến gửi về "), K(rng.choice(AGENCY_MAIL)), "."]


def t_many_people(rng, me, other):
    third = person(rng)
    return "report", me["full"], [
        "Các hộ ", P(f"ông {other['full']}"), ", ", P(f"bà {third['full']}"), " cùng đổ đất lấp mương ở ",
        K(f"tổ 7, {rng.choice(WARDS)}"), ". Tôi, ", P(me["full"]), ", đề nghị kiểm tra."]


def t_home_and_problem(rng, me, other):
    home, spot = rng.sample(STREETS, 2)
    return "report", me["full"], [
        "Gia đình tôi ở ", P(f"{house(rng)} {home}"), " nhưng phản ánh việc ngập úng ở ", K(f"{rng.randint(2, 300)} {spot}"),
        ", gần ", K(rng.choice(BUSINESS)), ". Mỗi lần mưa nước ngập 40cm."]


def t_zero_width_name(rng, me, other):
    return "report", me["full"], [
        "Người gửi: ", P(zero_width(rng, me["full"])), ". Số ĐT: ", P(zero_width(rng, fmt_mobile(rng, mobile_digits(rng), "plain"))),
        ". Biển quảng cáo ", K(rng.choice(BUSINESS)), " che khuất đèn tín hiệu."]


def t_officer_phone_answer(rng, me, other):
    return "answer", me["full"], [
        "Để phối hợp, đề nghị bà liên hệ cán bộ phụ trách ", P(f"chị {other['mid']} {other['given']}"), ", số điện thoại ",
        P(fmt_mobile(rng, mobile_digits(rng))), ". Trụ sở: ", K(f"{rng.randint(1, 99)} {rng.choice(STREETS)}"), "."]


def t_business_owner(rng, me, other):
    return "report", me["full"], [
        K(rng.choice(BUSINESS)), " do ", P(other["full"]), " làm chủ đã xả khói bụi ra ", K(f"phố {rng.choice(STREETS)}"),
        ". Tôi đề nghị xử lý theo ", K(rng.choice(LAWS)), "."]


def t_child_dob(rng, me, other):
    return "report", me["full"], [
        "Đăng ký khai sinh cho cháu ", P(other["given"]), " sinh ngày ", P(dob(rng)), " bị trả hồ sơ. Mã hồ sơ ", K(code(rng)),
        ". Xin liên hệ ", P(me["full"]), "."]


def t_tracking_only(rng, me, other):
    return "report", me["full"], [
        "Hồ sơ ", K(code(rng)), " của tôi quá hạn 5 ngày. Phí đã nộp ", K(rng.choice(AMOUNTS)), ". Gọi ",
        P(fmt_mobile(rng, mobile_digits(rng))), " nếu cần bổ sung."]


def t_hotline_answer_mobile(rng, me, other):
    return "answer", me["full"], [
        "Ngoài giờ hành chính, người dân có thể gọi đường dây nóng của Công an phường: ",
        K(fmt_mobile(rng, mobile_digits(rng), "4.3.3")), ". Trường hợp của ", P(f"ông {me['sur']} {me['given']}"),
        " đã được chuyển ", K("Phòng Tài nguyên và Môi trường"), "."]


def t_plate_motorbike(rng, me, other):
    return "report", None, [
        "Thanh niên đi xe máy BKS ", P(plate(rng)), " chạy lạng lách ở ", K(f"đường {rng.choice(STREETS)}"),
        " mỗi tối, nhà số ", K(str(rng.randint(2, 99))), " đã quay được clip."]


TEMPLATES = [v for k, v in sorted(globals().items()) if k.startswith("t_")]


def build(seed: int = 20261207, per_template: int = 4) -> list[dict]:
    rng = random.Random(seed)
    items = []
    for template in TEMPLATES:
        for i in range(per_template):
            me, other = person(rng), person(rng)
            while other["given"] == me["given"]:
                other = person(rng)
            kind, reporter, segments = template(rng, me, other)
            roll = rng.random()
            variant = "ascii" if roll < 0.2 else "nfd" if roll < 0.3 else ""
            item = render(f"h-{template.__name__[2:]}-{i}", kind, reporter, segments, variant)
            if any(p in k or k in p for p in item["pii"] for k in item["keep"]):
                continue  # a name that happens to be part of a kept street: ambiguous, skip
            items.append(item)
    return items


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", default="bench/masking/heldout.jsonl")
    args = parser.parse_args()
    items = build()
    write(args.out, items)
    print(len(items), "items")
