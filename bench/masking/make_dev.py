"""Development masking set (bench/masking/dev.jsonl): citizens' messages (web form, hotline, Zalo) and
agency answers, mostly Hồ Chí Minh City streets; used while writing lib/masking.py.

    python bench/masking/make_dev.py --out bench/masking/dev.jsonl
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

SURNAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Huỳnh", "Hoàng", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ",
            "Ngô", "Dương", "Lý"]
MIDDLES = ["Văn", "Thị", "Minh", "Ngọc", "Hoàng", "Thanh", "Đức", "Hữu", "Anh", "Bích", "Trung", "Thùy"]
GIVEN = ["An", "Tuấn", "Lan", "Hùng", "Mai", "Dũng", "Hương", "Nam", "Linh", "Hải", "Phúc", "Trang", "Bình",
         "Cường", "Hạnh", "Sơn", "Thủy", "Long", "Hoa", "Vinh", "Tâm", "Quyên", "Đạt", "Hằng"]
STREETS = ["Nguyễn Huệ", "Lê Lợi", "Trần Hưng Đạo", "Nguyễn Thị Minh Khai", "Lê Duẩn", "Hai Bà Trưng",
           "Nguyễn Trãi", "Lý Thường Kiệt", "Võ Văn Tần", "Nguyễn Đình Chiểu", "Phạm Ngũ Lão", "Lê Văn Sỹ",
           "Phan Xích Long", "Hoàng Văn Thụ", "Nguyễn Văn Cừ", "Trường Chinh", "Cách Mạng Tháng Tám",
           "Điện Biên Phủ", "Nguyễn Oanh", "Lê Quang Định", "Phan Văn Trị", "Quang Trung"]
SCHOOLS = ["trường Nguyễn Thị Minh Khai", "trường THPT Lê Quý Đôn", "trường Tiểu học Lê Văn Tám",
           "trường THCS Nguyễn Văn Tố", "trường Mầm non Sơn Ca", "trường THCS Võ Trường Toản"]
WARDS = ["phường Bến Nghé", "phường Võ Thị Sáu", "phường 7, quận 3", "phường Tân Định", "phường 15, quận Tân Bình",
         "phường 5, quận Gò Vấp", "phường Bình Trưng Tây", "xã Bà Điểm"]
BUSINESS = ["quán nhậu Bảy Hiền", "Công ty CP Xây dựng Hòa Bình", "karaoke Tuấn Tú", "tiệm tạp hóa Thanh Hương",
            "nhà hàng Ngọc Sương", "Công ty TNHH Vận tải Phương Nam", "cơ sở may Hoàng Long", "quán cà phê Mộc"]
AGENCY_MAIL = ["qldt@tphcm.gov.vn", "ubnd.q3@tphcm.gov.vn", "tiepcongdan@hochiminhcity.gov.vn",
               "phongtnmt.govap@tphcm.gov.vn"]
HOTLINES = ["028 3829 1234", "028.3930.5555", "(028) 38 123 456", "1022", "1900 1022", "028 3520 1234"]
LAWS = ["Nghị định 100/2019/NĐ-CP", "Điều 5", "Nghị định 123/2021/NĐ-CP", "khoản 1 Điều 7",
        "Thông tư 24/2021/TT-BGTVT", "Quyết định số 1234/QĐ-UBND", "Luật Xây dựng 2014"]
AMOUNTS = ["1.500.000 đồng", "3 triệu đồng", "500.000đ", "7.500.000 VNĐ", "200 nghìn", "12 triệu"]
ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ"


def code(rng):
    s = "".join(rng.choice(ALPHABET) for _ in range(8))
    return f"{s[:4]}-{s[4:]}"


def person(rng):
    sur, mid, given = rng.choice(SURNAMES), rng.choice(MIDDLES), rng.choice(GIVEN)
    return {"sur": sur, "mid": mid, "given": given, "full": f"{sur} {mid} {given}"}


def house(rng):
    return rng.choice([str(rng.randint(2, 400)), f"{rng.randint(2, 300)}/{rng.randint(1, 60)}",
                       f"{rng.randint(2, 300)}/{rng.randint(1, 30)}/{rng.randint(1, 9)}", f"số {rng.randint(2, 200)}"])


def d_webform(rng, me, other):
    return "report", me["full"], [
        "Họ tên: ", P(me["full"]), "\nSĐT: ", P(fmt_mobile(rng, mobile_digits(rng))), "\nEmail: ",
        P(email(rng, fold(me["given"]).lower() + fold(me["sur"]).lower(), "plain")),
        "\nNội dung: Ổ gà lớn trên ", K(f"đường {rng.choice(STREETS)}"), " đoạn trước ", K(rng.choice(SCHOOLS)), "."]


def d_intro_phone(rng, me, other):
    return "report", me["full"], [
        "Tôi là ", P(me["full"]), ", số điện thoại ", P(fmt_mobile(rng, mobile_digits(rng))), ". Khu vực ",
        K(f"{rng.randint(2, 300)} {rng.choice(STREETS)}"), " bị ngập mỗi khi mưa."]


def d_honorific_given(rng, me, other):
    hon = rng.choice(["anh", "chị", "ông", "bà", "cô", "chú"])
    return "report", None, [
        "Nhà ", P(f"{hon} {other['given']}"), " ở cuối hẻm ", K(f"{rng.randint(10, 300)} {rng.choice(STREETS)}"),
        " đốt rác mỗi tối, khói bay vào nhà tôi."]


def d_hotline_note(rng, me, other):
    return "report", me["full"], [
        "Cuộc gọi đến 1022 lúc 9h15. Người dân ", P(me["full"]), " (", P(fmt_mobile(rng, mobile_digits(rng))),
        ") báo cây đổ tại ", K(f"góc {rng.choice(STREETS)} - {rng.choice(STREETS)}"), ", ", K(rng.choice(WARDS)), "."]


def d_zalo_ascii(rng, me, other):
    return "report", me["full"], [
        "e ", P(fold(me["given"])), " day a, zalo e ", P(fmt_mobile(rng, mobile_digits(rng))), ". hem ",
        K(f"{rng.randint(10, 300)} {fold(rng.choice(STREETS))}"), " bi mat dien tu sang toi gio"]


def d_email_at(rng, me, other):
    local = fold(me["sur"]).lower() + "." + fold(me["given"]).lower()
    return "report", me["full"], [
        "Gửi kết quả về ", P(email(rng, local)), ". Vỉa hè ", K(f"đường {rng.choice(STREETS)}"),
        " bị chiếm làm bãi giữ xe."]


def d_cccd(rng, me, other):
    return "report", me["full"], [
        "Tôi ", P(me["full"]), ", CCCD ", P(cccd(rng)), ", đề nghị cấp lại giấy chứng nhận. Lệ phí ",
        K(rng.choice(AMOUNTS)), " tôi đã nộp."]


def d_cmnd(rng, me, other):
    return "report", me["full"], [
        "CMND số ", P(cmnd(rng)), " cấp năm 2010. Tôi muốn đổi sang căn cước tại ", K(rng.choice(WARDS)), "."]


def d_plate(rng, me, other):
    return "report", None, [
        "Xe ô tô biển số ", P(plate(rng)), " đậu trên vỉa hè ", K(f"đường {rng.choice(STREETS)}"),
        " cả tuần, đề nghị xử lý theo ", K(rng.choice(LAWS)), "."]


def d_bank(rng, me, other):
    return "report", me["full"], [
        "STK ", P(bank_account(rng)), " ", K(rng.choice(["Vietcombank", "ACB", "Sacombank", "VPBank"])),
        " - ", P(me["full"].upper()), ". Xin hoàn lại ", K(rng.choice(AMOUNTS)), " thu sai."]


def d_dob(rng, me, other):
    return "report", me["full"], [
        "Tôi tên ", P(me["full"]), ", sinh ngày ", P(dob(rng)), ", đề nghị xác nhận hộ nghèo. Mã hồ sơ ", K(code(rng)), "."]


def d_home_address(rng, me, other):
    return "report", me["full"], [
        "Nhà tôi ở ", P(f"{house(rng)} {rng.choice(STREETS)}"), ", ", K(rng.choice(WARDS)),
        ". Trạm trung chuyển rác trên ", K(f"đường {rng.choice(STREETS)}"), " gây ô nhiễm."]


def d_private_person(rng, me, other):
    return "report", me["full"], [
        P(other["full"]), " hàng xóm tôi xây nhà sai phép ở ", K(f"{rng.randint(2, 300)} {rng.choice(STREETS)}"),
        ". ", K(rng.choice(LAWS)), " quy định phạt ", K(rng.choice(AMOUNTS)), "."]


def d_official(rng, me, other):
    return "report", me["full"], [
        "Cán bộ ", P(other["full"]), " ở ", K(rng.choice(WARDS)), " hẹn tôi 3 lần mà không giải quyết. Tôi là ",
        P(me["full"]), "."]


def d_answer_hotline(rng, me, other):
    return "answer", me["full"], [
        "Kính gửi ông ", P(me["full"]), ". UBND ", K(rng.choice(WARDS)), " đã xử lý xong. Liên hệ ", K(rng.choice(HOTLINES)),
        " hoặc ", K(rng.choice(AGENCY_MAIL)), "."]


def d_answer_citizen_mail(rng, me, other):
    return "answer", me["full"], [
        "Trả lời bà ", P(me["full"]), " (email ", P(email(rng, fold(me["given"]).lower() + str(rng.randint(80, 99)), "plain")),
        "): theo ", K(rng.choice(LAWS)), ", hồ sơ ", K(code(rng)), " được giải quyết trong 5 ngày."]


def d_answer_given(rng, me, other):
    return "answer", me["full"], [
        "Cảm ơn ", P(f"chị {me['given']}"), " đã phản ánh. Đường ", K(rng.choice(STREETS)), " sẽ được thảm lại nhựa. Tổng đài ",
        K("1022"), " hỗ trợ 24/7."]


def d_nfd(rng, me, other):
    return "report", me["full"], [
        "Tôi là ", P(me["full"]), ". Cống trước ", K(rng.choice(SCHOOLS)), " bị tắc."]


def d_zero_width(rng, me, other):
    return "report", me["full"], [
        "Liên hệ ", P(zero_width(rng, me["full"])), " - ", P(zero_width(rng, fmt_mobile(rng, mobile_digits(rng)))),
        ". Đèn tín hiệu ở ", K(f"ngã tư {rng.choice(STREETS)}"), " hỏng."]


def d_ascii_name(rng, me, other):
    return "report", me["full"], [
        fold("Tôi tên "), P(fold(me["full"])), fold(", nhà ở "), P(fold(f"{house(rng)} {rng.choice(STREETS)}")),
        fold(". Đường "), K(fold(rng.choice(STREETS))), fold(" bị sụt lún.")]


def d_given_after(rng, me, other):
    return "report", me["full"], [
        "Tôi là ", P(me["full"]), ". Tuần trước ", P(me["given"]), " đã gửi ảnh con đường ", K(rng.choice(STREETS)),
        " ngập nước nhưng chưa ai trả lời."]


def d_landline_report(rng, me, other):
    return "report", me["full"], [
        "Điện thoại nhà: ", P(landline(rng, "028")), ". Hẻm ", K(f"{rng.randint(10, 300)} {rng.choice(STREETS)}"),
        " bị lấn chiếm."]


def d_business(rng, me, other):
    return "report", me["full"], [
        K(rng.choice(BUSINESS)), " ở ", K(f"{rng.randint(2, 300)} {rng.choice(STREETS)}"), " hát karaoke đến 1h sáng. ",
        P(f"anh {me['given']}"), ", ", P(fmt_mobile(rng, mobile_digits(rng))), "."]


def d_tracking(rng, me, other):
    return "report", me["full"], [
        "Mã phản ánh ", K(code(rng)), " đã quá hạn. Tôi, ", P(me["full"]), ", đề nghị trả lời."]


def d_many(rng, me, other):
    return "report", me["full"], [
        "Ông ", P(other["full"]), " và bà ", P(f"{me['sur']} Thị {other['given']}"), " lấn chiếm lối đi chung ở ",
        K(f"hẻm {rng.randint(10, 300)} {rng.choice(STREETS)}"), "."]


def d_answer_officer(rng, me, other):
    return "answer", me["full"], [
        "Đồng chí ", P(other["full"]), ", cán bộ địa chính, đã làm việc với ", P(f"ông {me['given']}"),
        " ngày 12/5/2025 tại ", K(f"{rng.randint(2, 300)} {rng.choice(STREETS)}"), "."]


def d_sdt_context(rng, me, other):
    return "report", me["full"], [
        "sđt ", P(fmt_mobile(rng, mobile_digits(rng))), " - ", P(me["full"]), ". Rác tồn đọng ở ", K(f"chợ {rng.choice(['Bến Thành', 'Tân Định', 'Bà Chiểu', 'Hòa Hưng'])}"), "."]


def d_dob_year(rng, me, other):
    return "report", me["full"], [
        "Mẹ tôi ", P(f"bà {other['full']}"), " (", P(f"sinh năm {rng.randint(1940, 1960)}"), ") chưa nhận trợ cấp ",
        K(rng.choice(AMOUNTS)), " tháng này."]


def d_answer_address(rng, me, other):
    return "answer", me["full"], [
        "Trả lời ông ", P(me["full"]), ", địa chỉ ", P(f"{house(rng)} {rng.choice(STREETS)}"), ": ", K("Phòng Quản lý đô thị"),
        " đã kiểm tra ", K(f"đường {rng.choice(STREETS)}"), " theo ", K(rng.choice(LAWS)), "."]


def d_upper(rng, me, other):
    return "report", me["full"], [
        "NGƯỜI GỬI: ", P(me["full"].upper()), ", ĐT ", P(fmt_mobile(rng, mobile_digits(rng))), ". Nắp cống mất ở ",
        K(f"{rng.randint(2, 300)} {rng.choice(STREETS).upper()}"), "."]


TEMPLATES = [v for k, v in sorted(globals().items()) if k.startswith("d_")]


def build(seed: int = 7, per_template: int = 7) -> list[dict]:
    rng = random.Random(seed)
    items = []
    for template in TEMPLATES:
        for i in range(per_template):
            me, other = person(rng), person(rng)
            while other["given"] == me["given"]:
                other = person(rng)
            kind, reporter, segments = template(rng, me, other)
            roll = rng.random()
            variant = "nfd" if template is d_nfd else "ascii" if roll < 0.2 else "nfd" if roll < 0.28 else ""
            item = render(f"d-{template.__name__[2:]}-{i}", kind, reporter, segments, variant)
            if any(p in k or k in p for p in item["pii"] for k in item["keep"]):
                continue
            items.append(item)
    return items


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", default="bench/masking/dev.jsonl")
    args = parser.parse_args()
    items = build()
    write(args.out, items)
    print(len(items), "items")
