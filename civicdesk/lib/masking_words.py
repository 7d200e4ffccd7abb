"""Word lists for lib/masking.py: Vietnamese surnames, name syllables, honorifics, titles, and the
names of places, streets and schools that look like people's names. Written in Vietnamese; the
masking compares them folded (lower case, no diacritics), so old and new tone placement
("Hoà"/"Hòa") and text typed without diacritics match alike."""

def _words(text: str) -> list[str]:
    return text.split()


# Surnames of roughly 99 % of Vietnamese people, and a few rarer ones.
SURNAMES = _words("""
Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý Đinh Lương Tạ Quách Trịnh Mai
Cao Lâm Hà Kiều Triệu Vương Châu Đoàn La Tô Nghiêm Hứa Thái Trương Lưu Lục Mạc Tôn Thân Từ Phùng Chu
Khúc Diệp Đàm Giang Kim Mẫn Nông Ninh Quan Tăng Tiêu Viên Lư Âu Hầu Văn Cù Khổng Trình Đào Doãn
Lã Lại Đồng Hàn Cấn Hoàng Thạch Tống Vi Trác Khương Lò Ma Hoa Bạch Ứng Kha Chế Yên Phí Bế
""")

# The surnames people put last when they write "Given Surname" (chat, social networks).
COMMON_SURNAMES = _words("""
Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Ngô Dương Lý Trịnh Đinh Trương
""")

# Middle and given-name syllables (both are drawn from the same stock in Vietnamese).
NAME_SYLLABLES = _words("""
An Anh Ánh Ái Bách Bảo Bằng Bích Bình Bắc Bá Cảnh Cẩm Chánh Chi Chiến Chinh Chính Châu Chương Cúc Cường
Công Dân Diễm Diệp Diệu Dung Dũng Duy Duyên Dương Đan Đào Đạt Đăng Điệp Định Đình Đông Đức Được Giang
Giao Gia Hà Hạ Hải Hân Hạnh Hào Hảo Hằng Hậu Hiên Hiền Hiển Hiếu Hiệp Hòa Hoa Hoài Hoan Hoàng Hồng
Huân Huy Huyền Huệ Hùng Hưng Hương Hường Hữu Kha Khải Khang Khanh Khánh Khắc Khoa Khôi Khuê Kiên Kiệt
Kiều Kim Kỳ Lam Lan Lâm Lành Lệ Liêm Liên Liễu Linh Loan Lộc Lợi Long Luân Lực Lương Ly Lý Mai Mạnh
Mẫn Miên Minh Mơ Mừng My Mỹ Nam Nga Ngân Nghĩa Ngọc Nguyên Nhàn Nhân Nhật Nhi Nhung Như Ninh Nương
Oanh Phát Phấn Phi Phong Phú Phúc Phụng Phương Phượng Quân Quang Quế Quốc Quyên Quyền Quyết Quỳnh Sang
Sáng Sinh Sơn Sương Sỹ Sĩ Tài Tâm Tân Tấn Thạch Thái Thanh Thành Thảo Thắng Thế Thị Thiện Thịnh Thoa
Thoại Thông Thơ Thu Thục Thủy Thúy Thùy Thư Thương Thuận Thường Tiên Tiến Tín Tịnh Tình Toàn Trà
Trâm Trang Trí Triết Trinh Trọng Trung Trúc Trường Tuấn Tú Tùng Tuyết Tuyền Tường Tư Út Uyên Vân
Văn Vi Việt Vinh Vĩnh Vũ Vui Vy Vỹ Xuân Xuyến Yên Yến Hiếu Lộc Khiêm Tuệ Đảm Đông Hoà Thuỷ Thuý
Tuyên Nhã Khuyên Hợp Lũy Lụa Mận Đào Tình Nhựt Hên Bé Cúc Lài Lý Na Ngà Ni Nụ Phước Lợi Quí Quý
Sâm Tám Tốt Trọng Vàng Vượng Hạnh Hoạt Kháng Khiết Lễ Lĩnh Luyến Mạnh Ngạn Nghị Ngữ Nhạn Nhiên
Phán Sử Tạo Thạnh Thể Thiều Thìn Thọ Thuần Thức Tiệp Toản Tráng Triều Trực Tuân Túc Tuyển Vịnh Vọng
Xương Ý Yên Ân Ẩn Chúc Điền Hoan Hy Kiện Lai Mến Nhiệm Phận Sa Sen Thân Thẩm Thoan Tiền Truyền Vương
A B C D E G H K L M N O P Q S T U V X Y
""")

# Name syllables that are also everyday words: after "anh"/"chị" in lower case they are not a name
# ("ông/bà vui lòng", "anh sang nhà").
EVERYDAY_SYLLABLES = _words("""
vui sang được tài lợi an bình hòa tâm thành tiến phát sinh toàn thường tín thông nhân minh quang hợp phú nghĩa
thế bá gia công văn thị hữu đình xuân hạ thu đông bắc nam nghị ý kiện lành nhiên như mến ân sa thân tiền
truyền hy tạo thể sử lễ phận nhiệm chúc điền đào quý tốt trọng vàng hoạt lai mừng mơ ly na ni trà tư đức duy
thức thọ thuần tuân túc trực vọng vượng xương yên ẩn tình lũy khuyên nhã hiền hạnh trung kim chi dân định
được cảnh chính chiến dung dũng giang giao hào hảo hiển hiếu hiệp hoài hoan hoàng huy hưng khải khang khánh
khắc khôi kiên kiệt kỳ lam lâm liên linh lộc long luân lực mạnh mẫn miên mỹ ngân ngọc nguyên nhàn nhật phong
phúc quân quốc quyền quyết sáng sơn sương tân tấn thái thanh thảo thắng thiện thịnh thơ thục thủy thương thuận
tiên tịnh trí triết trường tú tùng tường uyên việt vinh vĩnh vũ
""")

# Words after which a capitalised word is a person (kinship terms Vietnamese use for anyone).
HONORIFICS = _words("""
ông bà anh chị em cô chú bác cậu mợ dì thím cụ cháu bé thầy ngài ông/bà anh/chị cô/chú ông/bà/anh/chị
thằng con nhỏ vợ chồng mẹ má bố ba tía cha a c e mr mrs ms miss
""")
# Of those, the ones after which even a lower-case given name is a name ("chị lan", "ông tuan").
STRONG_HONORIFICS = {"ông", "bà", "anh", "chị", "cô", "chú", "bác", "cậu", "dì", "thím", "ông/bà", "anh/chị"}
# honorific + word pairs that are ordinary words, not a person ("anh hùng" = hero, "chú ý" = attention).
HONORIFIC_COMPOUNDS = {
    "anh hung", "chu tam", "chu y", "ba con", "anh em", "chi em", "ong ba", "co chu", "anh chi", "ba ngoai",
    "ong ngoai", "ba noi", "ong noi", "co giao", "thay giao", "bac si", "ong troi", "anh trai", "chi gai",
    "em gai", "em trai", "co ay", "chi ay", "anh ay", "ong ay", "ba ay", "ba gia", "ong gia", "anh ta",
    "chu nha", "bac ho", "chi hai", "co hon", "em be", "be trai", "be gai", "ba me", "vo chong", "con trai",
    "con gai", "con duong", "con hem", "con chau", "me con", "bo me", "anh minh", "cu the", "cu ba",
    "thang nam", "thang ba", "ba muoi", "ba tram", "ba nam", "nam nay", "con an", "an toan", "co the",
    "ba lan", "ba thang", "ba ngay", "ba tuan", "ba gio", "ba hoa", "cau ca", "anh sang", "chi tiet",
    "chi phi", "chi tra", "em an", "bac tai", "ba nga", "ong vang", "cu chi", "cu tri", "chi phuong",
    "cha con", "vo con", "me chong", "con lai", "con nhieu", "con vinh", "chau au", "chau a", "co dong",
    "co quan", "co so", "co tam", "chu tich", "chu hong", "anh nhan", "anh huong", "cau thanh",
}

# Titles and roles after which a person's name follows ("cán bộ Trần Văn Bình", "CSKV Lê Nam").
TITLES = [
    "đồng chí", "đ/c", "chủ tịch", "phó chủ tịch", "bí thư", "phó bí thư", "trưởng phòng", "phó trưởng phòng",
    "phó phòng", "trưởng ban", "trưởng công an", "phó trưởng công an", "công an viên", "cảnh sát khu vực",
    "cskv", "tổ trưởng", "tổ phó", "trưởng khu phố", "trưởng ấp", "trưởng thôn", "cán bộ", "cb", "nhân viên",
    "nv", "giám đốc", "phó giám đốc", "gđ", "bác sĩ", "bs", "điều dưỡng", "y tá", "hiệu trưởng", "hiệu phó",
    "giáo viên", "gv", "luật sư", "ls", "kỹ sư", "thượng úy", "trung úy", "đại úy", "thiếu tá", "trung tá",
    "đại tá", "thiếu úy", "chủ nhà", "chủ quán", "chủ xe", "chủ hộ", "tài xế", "chủ thầu", "chủ đầu tư",
    "người tên", "hộ", "gia đình", "chủ tài khoản", "ctk", "người nhận", "thầy giáo", "cô giáo", "địa chính",
    "kế toán", "thủ quỹ", "bảo vệ", "chủ tiệm", "chủ cơ sở", "người thuê", "chủ trọ", "chủ nhiệm", "lái xe",
]

# Phrases after which the reporter names themself.
INTRO = [
    "tôi là", "tôi tên", "tôi tên là", "tên tôi là", "tên tôi", "tên là", "tên", "họ tên", "họ và tên",
    "người gửi", "người phản ánh", "người gọi", "người liên hệ", "người báo", "người kiến nghị",
    "người khiếu nại", "người tố cáo", "người đề nghị", "mình là", "mình tên", "em là", "em tên", "tui là",
    "tui tên", "con là", "cháu là", "e là", "e tên", "mk là", "mk tên", "tớ là", "tớ tên", "ký tên", "người làm đơn", "tôi", "ký", "trân trọng", "người dân",
    "cử tri", "công dân", "gửi từ", "from", "liên hệ", "gặp", "nhờ", "cảm ơn", "kính gửi", "trả lời",
    "thân gửi", "gửi", "của",
]

# Words after which capitalised words are a place, a school, a business or a thing, not a person
# ("đường Nguyễn Huệ", "trường THCS Nguyễn Du", "quán nhậu Bảy Hiền"); up to three words may come between.
PLACE_HEADS = _words("""
đường phố hẻm hxh ngõ ngách kiệt trường thcs thpt th mn chợ cầu phường p quận q xã huyện tp tỉnh kp ấp
thôn cc góc tuyến ql tl bến kênh rạch sông chùa miếu đền cty tnhh cp dntn tiệm karaoke garage gara
salon spa shop store mart cafe café coffee htx bv bvđk ubnd khu kdc lô block tòa cụm cảng ga bãi làng
xưởng sở quán đình clb thcs thpt hồ đầm núi đảo
""")
# Two- and three-word heads (the words above that are also name syllables come only in these).
PLACE_HEAD_PHRASES = [
    "trung tâm", "nhà văn hóa", "công viên", "chung cư", "công ty", "cửa hàng", "nhà hàng", "khách sạn",
    "siêu thị", "nhà thuốc", "hiệu thuốc", "tạp hóa", "hợp tác xã", "tiểu học", "trung học", "mầm non",
    "đại học", "cao đẳng", "học viện", "ngã ba", "ngã tư", "ngã năm", "ngã sáu", "ngã bảy", "giao lộ",
    "nút giao", "vòng xoay", "đại lộ", "quốc lộ", "tỉnh lộ", "khu phố", "tổ dân phố", "khu dân cư", "nhà thờ",
    "quảng trường", "tượng đài", "sân vận động", "bến xe", "nhà thiếu nhi", "cung văn hóa", "phòng khám",
    "cơ sở", "đại lý", "chi nhánh", "tòa nhà", "cao ốc", "thành phố", "thị xã", "thị trấn", "tập đoàn",
    "doanh nghiệp", "văn phòng", "ngân hàng", "câu lạc bộ", "di tích", "bảo tàng", "thư viện", "nhà sách",
    "bệnh viện", "trạm y tế", "nhà máy", "nhà nghỉ", "nhà trọ", "khu trọ", "homestay", "resort", "nhà hàng",
    "tiệm cầm đồ", "lò bánh", "hãng taxi", "hãng xe", "nhà xe", "bến đò", "nhà thi đấu", "nhà văn hoá", "khu công nghiệp", "kcn", "lò mổ", "trạm xăng", "cây xăng",
]

# Prepositions of place: right before capitalised words, those are a place ("ở Tô Ngọc Vân", "dọc Lê Lợi").
PLACE_PREPOSITIONS = _words("""
ở tại trên dọc đoạn ngang qua hướng đến từ thuộc quanh gần cạnh sát
""")

# A given name followed by these words is an ordinary word ("An ninh", "Bình thường"), not the reporter.
GIVEN_NAME_COMPOUNDS = {
    "an ninh", "an toan", "an tam", "an sinh", "binh thuong", "binh yen", "binh an", "binh dan", "hoa giai",
    "hoa thuan", "hoa nhap", "thanh pho", "thanh vien", "thanh lap", "thanh toan", "thanh tra", "thanh nien",
    "phuc dap", "phuc vu", "phuc hoi", "phuc tra", "dung la", "nam nay", "nam qua", "nam ngoai", "hai long",
    "quang cao", "quang truong", "tam thoi", "tam tru", "tam ngung", "trung tam", "trung thu", "thuan loi",
    "vinh vien", "minh bach", "hung thinh", "khanh thanh", "linh hoat", "loc nuoc", "tien do", "tien hanh",
    "tin nhan", "tin tuong", "toan bo", "toan the", "trinh bay", "trong tam", "tuan tra", "tuan le", "vinh danh",
    "xuan he", "yen tam", "hoa hong", "mai sau", "lan dau", "lan sau", "lan nay", "long trong", "ngan hang",
    "ngan sach", "nhan dan", "nhan vien", "nhan luc", "phong chay", "phong toa", "quan ly", "quan tam", "sang nay",
    "sang mai", "son mau", "thai do", "thu hoi", "thu tuc", "thu phi", "thuy loi", "tan noi", "duc loi",
}
# Words that make the capitalised word after them a direction or a region ("miền Nam", "phía Đông").
DIRECTION_WORDS = _words("""
miền phía hướng phương cửa bờ nước vùng khu ngã
""")

# Words an address is written with (besides numbers and capitalised names).
ADDRESS_WORDS = _words("""
số nhà hẻm hxh kiệt ngõ ngách đường phố tổ dân khu ấp thôn xóm lô căn hộ tầng phòng chung cư cc block kp
phường xã quận huyện thị trấn thành tỉnh p q tp đ
""")
# Words that end a name or a place name's reach ("nhà hàng X do Kiều Hải Sang làm chủ").
FUNCTION_WORDS = _words("""
do của là và với cho bị được đã thì mà nhưng nên để vì từ đến khi này kia ấy có không rằng
""")

# Places, streets, wards, schools and companies whose names look like people's names.
PLACE_NAMES = [name for name in """
Hồ Chí Minh|Bác Hồ|Hà Nội|Hà Giang|Hà Nam|Hà Tĩnh|Hà Đông|Hà Tiên|Hải Dương|Bình Dương|Lâm Đồng|Cao Bằng|Ninh Bình|Ninh Thuận|
Thái Bình|Thái Nguyên|Lai Châu|Hoàng Mai|Gia Lâm|Lý Sơn|Phan Thiết|Phan Rang|Đỗ Lương|Mai Châu|Hòa Bình|Long An|
Kiên Giang|An Giang|Tiền Giang|Hậu Giang|Bắc Giang|Cần Giờ|Lê Chân|Dương Kinh|Châu Đốc|Tân Phú|Phú Nhuận|Tân Bình|
Bình Thạnh|Bình Tân|Thủ Đức|Gò Vấp|Bình Chánh|Nhà Bè|Hóc Môn|Củ Chi|Sài Gòn|Đà Nẵng|Hải Phòng|Cần Thơ|
Hải Châu|Thanh Khê|Sơn Trà|Ngũ Hành Sơn|Liên Chiểu|Cẩm Lệ|Hòa Vang|Ba Đình|Hoàn Kiếm|Đống Đa|Tây Hồ|Cầu Giấy|
Thanh Xuân|Long Biên|Từ Liêm|Vĩnh Long|
Bà Rịa|Bà Chiểu|Bà Điểm|Bà Quẹo|Bà Hom|Bà Lài|Bà Triệu|Bà Huyện Thanh Quan|Bà Lê Chân|Bà Kiệu|Bà Đen|Bà Nà|
Ông Lãnh|Ông Ích Khiêm|Ông Ích Đường|Ông Tạ|Ông Văn|Cô Giang|Cô Bắc|Cô Tô|Chú Ía|Cậu Ông Lãnh|Ông Cao Thắng|
Hai Bà Trưng|Trưng Trắc|Trưng Nhị|Lý Thường Kiệt|Lý Thái Tổ|Lý Chính Thắng|Lý Chiêu Hoàng|Lý Nam Đế|
Lê Lợi|Lê Duẩn|Lê Thánh Tôn|Lê Văn Sỹ|Lê Quang Định|Lê Hồng Phong|Lê Đại Hành|Lê Quý Đôn|Lê Văn Việt|
Lê Văn Lương|Lê Trọng Tấn|Lê Thị Riêng|Lê Văn Tám|Lê Anh Xuân|Lê Văn Thịnh|Lê Văn Khương|Lê Thanh Nghị|
Lê Thái Tổ|Lê Lai|Lê Ngô Cát|Lê Hoàn|Lê Thị Hồng Gấm|Lê Duy Nhuận|Lê Văn Duyệt|Lê Văn Quới|
Nguyễn Huệ|Nguyễn Trãi|Nguyễn Du|Nguyễn Thị Minh Khai|Nguyễn Đình Chiểu|Nguyễn Văn Linh|Nguyễn Văn Cừ|
Nguyễn Oanh|Nguyễn Kiệm|Nguyễn Chí Thanh|Nguyễn Văn Trỗi|Nguyễn Hữu Thọ|Nguyễn Tất Thành|Nguyễn Thái Học|
Nguyễn Bỉnh Khiêm|Nguyễn Khuyến|Nguyễn Công Trứ|Nguyễn An Ninh|Nguyễn Duy Trinh|Nguyễn Xiển|Nguyễn Văn Quá|
Nguyễn Ảnh Thủ|Nguyễn Thị Thập|Nguyễn Hữu Cảnh|Nguyễn Sơn|Nguyễn Văn Luông|Nguyễn Gia Trí|Nguyễn Xí|
Nguyễn Văn Đậu|Nguyễn Văn Thủ|Nguyễn Cư Trinh|Nguyễn Trung Trực|Nguyễn Thông|Nguyễn Văn Huyên|
Nguyễn Phong Sắc|Nguyễn Khang|Nguyễn Tuân|Nguyễn Lương Bằng|Nguyễn Văn Tố|Nguyễn Thái Bình|
Nguyễn Thị Định|Nguyễn Tri Phương|Nguyễn Chánh|Nguyễn Hoàng|Nguyễn Cơ Thạch|Nguyễn Văn Bảo|Nguyễn Thượng Hiền|
Nguyễn Hồng Đào|Nguyễn Văn Nghi|Nguyễn Đức Cảnh|Nguyễn Văn Tăng|Nguyễn Duy|Nguyễn Kim|Nguyễn Biểu|
Trần Hưng Đạo|Trần Phú|Trần Quốc Toản|Trần Quang Khải|Trần Nhật Duật|Trần Khánh Dư|Trần Bình Trọng|
Trần Đình Xu|Trần Quốc Thảo|Trần Cao Vân|Trần Văn Giàu|Trần Đại Nghĩa|Trần Duy Hưng|Trần Khát Chân|
Trần Thái Tông|Trần Não|Trần Xuân Soạn|Trần Hữu Trang|Trần Văn Đang|Trần Kế Xương|Trần Huy Liệu|
Trần Quốc Hoàn|Trần Nhân Tông|Trần Quang Diệu|Trần Văn Ơn|Trần Quốc Tuấn|Trần Phú|Trần Bạch Đằng|
Phạm Ngũ Lão|Phạm Văn Đồng|Phạm Hùng|Phạm Ngọc Thạch|Phạm Văn Hai|Phạm Thế Hiển|Phạm Văn Chiêu|Phạm Văn Bạch|
Phan Xích Long|Phan Đăng Lưu|Phan Văn Trị|Phan Đình Phùng|Phan Chu Trinh|Phan Châu Trinh|Phan Bội Châu|
Phan Huy Ích|Phan Văn Hớn|Phan Anh|Phan Huy Chú|Phan Văn Khỏe|Phan Tây Hồ|
Hoàng Văn Thụ|Hoàng Diệu|Hoàng Hoa Thám|Hoàng Quốc Việt|Hoàng Sa|Hoàng Minh Giám|Hoàng Văn Hợp|Hoàng Cầu|
Huỳnh Tấn Phát|Huỳnh Văn Bánh|Huỳnh Thúc Kháng|Huỳnh Khương An|Huỳnh Văn Nghệ|
Võ Văn Tần|Võ Thị Sáu|Võ Văn Kiệt|Võ Nguyên Giáp|Võ Văn Ngân|Võ Trường Toản|Võ Chí Công|Võ Duy Ninh|
Võ Thị Nhờ|Võ Oanh|Vũ Tông Phan|Vũ Trọng Phụng|Vũ Phạm Hàm|
Đinh Tiên Hoàng|Đinh Bộ Lĩnh|Đinh Công Tráng|Đặng Văn Bi|Đặng Thùy Trâm|Đặng Tiến Đông|
Đặng Văn Ngữ|Đặng Dung|Đặng Tất|Bùi Viện|Bùi Đình Túy|Bùi Thị Xuân|Bùi Hữu Nghĩa|Bùi Văn Ba|Bùi Quang Là|
Đỗ Xuân Hợp|Đỗ Quang|Đỗ Đức Dục|Hồ Tùng Mậu|Hồ Văn Huê|Hồ Xuân Hương|Hồ Học Lãm|Hồ Biểu Chánh|
Hồ Hảo Hớn|Hồ Bá Kiện|Ngô Quyền|Ngô Gia Tự|Ngô Thời Nhiệm|Ngô Tất Tố|Ngô Đức Kế|Ngô Sĩ Liên|Ngô Mây|
Dương Đình Hội|Dương Quảng Hàm|Dương Bá Trạc|Dương Văn Dương|Lạc Long Quân|An Dương Vương|Kinh Dương Vương|
Hùng Vương|Quang Trung|Trường Chinh|Cộng Hòa|Điện Biên Phủ|Cách Mạng Tháng Tám|Nam Kỳ Khởi Nghĩa|
Xô Viết Nghệ Tĩnh|Tôn Đức Thắng|Tôn Thất Thuyết|Tôn Thất Thiệp|Tôn Thất Tùng|Tôn Đản|Tô Hiến Thành|Tô Ký|
Tô Vĩnh Diện|Mạc Đĩnh Chi|Mạc Thị Bưởi|Chu Văn An|Thoại Ngọc Hầu|Kha Vạn Cân|Hà Huy Giáp|
Hà Huy Tập|Hàm Nghi|Huyền Trân Công Chúa|Trương Định|Trương Công Định|Trương Vĩnh Ký|Trương Quốc Dung|
Trương Hán Siêu|Lương Định Của|Lương Văn Can|Lương Hữu Khánh|Cao Thắng|Cao Bá Quát|
Cao Lỗ|Đoàn Văn Bơ|Đoàn Trần Nghiệp|Mai Thị Lựu|Mai Hắc Đế|Mai Chí Thọ|Lâm Văn Bền|
Văn Cao|Xuân Thủy|Lê Văn Thiêm|Thái Hà|Thái Thịnh|Tạ Quang Bửu|Tạ Uyên|
Triệu Việt Vương|Triệu Quang Phục|Nơ Trang Long|Nguyễn Đình Thi|Lương Ngọc Quyến|Đội Cấn|Kim Mã|Giải Phóng|
Hoàng Hoa Thám|Nguyễn Văn Tiết|Trịnh Hoài Đức|Trịnh Văn Cấn|Trịnh Đình Thảo|Lý Văn Phức|Đề Thám|Cống Quỳnh|
Ký Con|Calmette|Pasteur|Yersin|Alexandre de Rhodes|Thủ Khoa Huân|Đồng Khởi|Hàn Thuyên|Tú Xương|Sương Nguyệt Anh|
Nguyễn Thị Nghĩa|Nguyễn Văn Chiêm|Nguyễn Siêu|Trần Văn Kiểu|Trần Văn Quang|Phan Đình Giót|Đinh Tiên Hoàng|
Hòa Hảo|Hòa Hưng|Bảy Hiền|Đa Kao|Bến Thành|Bến Nghé|Tân Định|Thảo Điền|Chợ Lớn|Chợ Rẫy|Hòa Bình|Thống Nhất|
Mỹ Khê|
Việt Nam|Họa Mi|Vành Khuyên|Hướng Dương|

Sông Đà|Phú Mỹ Hưng|Vạn Phúc|Văn Thánh|Gia Định
""".replace("\n", "").split("|") if name]

BUSINESS_NAMES = [
    "Vietcombank", "Vietinbank", "Agribank", "Techcombank", "Sacombank", "BIDV", "VPBank", "ACB", "MB Bank",
    "Long Châu", "Pharmacity", "Bách Hóa Xanh", "Điện Máy Xanh", "Thế Giới Di Động", "Nguyễn Kim", "Phúc Long",
    "Highlands", "Mai Linh", "Phương Trang", "Thành Bưởi", "Hoàng Anh Gia Lai", "Trung Nguyên", "Bảo Việt",
    "Hòa Phát", "Vinhomes", "Đất Xanh", "Nam Long", "Sawaco", "EVN", "Viettel", "VNPT", "FPT", "Grab", "Be",
]

# Words that never start a person's name even when capitalised after a title ("Chủ tịch UBND").
NOT_NAMES = _words("""
ubnd hdnd ub so phong ban doi to phuong quan xa huyen thanh tp tinh nha truong benh cho cau duong hem
cong trung viet khu ap thon kp ca csgt ttdt qldt tnmt gtvt vp vien toa van bo chi cuc uy hoi nhan dan
mat trat tu dang doan nganh tong lien
""")

# Personal e-mail providers: an address there is a person's, whatever the text around it.
FREE_MAIL = {"gmail", "yahoo", "ymail", "outlook", "hotmail", "live", "icloud", "me", "msn", "aol", "proton",
             "protonmail", "zoho", "mail", "gmx", "yandex", "vnn", "fpt", "viettel", "vnpt"}
# Local parts of an organisation's shared mailbox (kept outside the free providers).
ROLE_MAILBOXES = {"info", "lienhe", "contact", "cskh", "hotro", "support", "tiepdan", "tiepcongdan", "vanphong",
                  "admin", "office", "hanhchinh", "mottuacua", "motcua", "banbientap", "toasoan", "ubnd",
                  "phongqldt", "qldt", "sales", "kinhdoanh", "hotline", "feedback", "gopy", "phananh"}
