"""What the demo's citizens write and what the agencies answer: templates per category in the
words people use (short, sometimes without punctuation), filled with real street names.

Placeholders: {addr} address as written, {street} street name, {place} a landmark, {dur} how long,
{time} a time of day, {n} a small number."""

R, P, Q = "report", "proposal", "question"

# category code → [(kind, title, content, agency override or None)]
CASE_TEMPLATES: dict[str, list[tuple]] = {
    "giao-thong": [
        (R, "Ổ gà lớn trên đường {street}", "Trên đường {street} đoạn gần {place} có ổ gà rất lớn, sâu khoảng 20cm, {dur} đã có {n} người đi xe máy bị té. Ban đêm không có đèn nên rất nguy hiểm. Địa chỉ: {addr}.", None),
        (R, "Đèn giao thông bị hư tại giao lộ {street}", "Đèn tín hiệu giao thông ở giao lộ {street} gần {place} bị hư {dur}, chỉ chớp vàng. Giờ cao điểm xe cộ chen nhau rất dễ va chạm. Đề nghị sửa gấp.", None),
        (R, "Kẹt xe kéo dài trên đường {street}", "Giờ tan tầm {time} đường {street} kẹt xe kéo dài, xe nhích từng chút. Nguyên nhân một phần do rào chắn công trình chiếm gần nửa mặt đường. Mong được phân luồng hợp lý.", None),
        (R, "Mặt đường {street} lún nứt sau khi đào lấp", "Sau khi đơn vị thi công đào đường lắp ống xong, mặt đường {street} trước {addr} tái lập không phẳng, bị lún thành rãnh dài, xe máy đi qua rất dễ trượt bánh.", None),
        (R, "Biển báo bị che khuất, vạch kẻ đường mờ", "Biển báo cấm rẽ trái ở đầu đường {street} bị cây che khuất hoàn toàn, vạch sơn dành cho người đi bộ gần {place} đã mờ hết. Nhiều xe bị phạt oan.", None),
        (P, "Đề nghị lắp gờ giảm tốc trước {place} đường {street}", "Đoạn đường {street} trước {place} xe chạy rất nhanh, giờ đưa đón học sinh rất nguy hiểm. Kiến nghị lắp gờ giảm tốc và biển báo khu vực trường học.", None),
        (P, "Kiến nghị tăng chuyến xe buýt giờ cao điểm", "Tuyến xe buýt đi qua đường {street} giờ cao điểm sáng chờ gần 30 phút mới có xe, xe luôn chật kín. Đề nghị tăng tần suất chuyến từ 6 giờ đến 8 giờ.", None),
        (Q, "Hỏi về phân luồng giao thông khi làm cầu", "Cho tôi hỏi khi nào công trình trên đường {street} hoàn thành, và trong thời gian thi công thì xe tải nhỏ đi đường nào để vào khu vực {addr}?", None),
        (R, "Nhà chờ xe buýt hư hỏng", "Nhà chờ xe buýt trên đường {street} gần {place} bị gãy mái, ghế ngồi hư, mưa xuống người chờ xe bị ướt hết. Đề nghị sửa chữa.", None),
    ],
    "ha-tang-do-thi": [
        (R, "Ngập nặng sau mưa trên đường {street}", "Mỗi lần mưa lớn đoạn đường {street} trước {addr} ngập tới nửa bánh xe, nước rút rất chậm, xe máy chết máy giữa đường. Tình trạng kéo dài {dur} rồi.", None),
        (R, "Hố ga mất nắp trước nhà số {n}", "Hố ga trên vỉa hè {addr} bị mất nắp {dur}, người dân phải lấy cây chắn tạm. Buổi tối trẻ con chạy chơi rất dễ sụp xuống. Đề nghị thay nắp gấp.", None),
        (R, "Đèn đường không sáng cả đoạn {street}", "Cả đoạn đường {street} từ {place} trở vào khoảng {n} trụ đèn chiếu sáng không sáng {dur}, buổi tối tối om, dễ xảy ra trộm cướp.", None),
        (R, "Cây xanh nghiêng có nguy cơ ngã", "Cây xanh trên vỉa hè trước {addr} bị nghiêng nhiều, rễ làm bể vỉa hè. Mùa mưa gió có nguy cơ ngã đè người đi đường. Mong được kiểm tra, cắt tỉa.", None),
        (R, "Cống thoát nước bị nghẹt bốc mùi hôi", "Cống thoát nước trong hẻm {addr} bị nghẹt, nước đọng lại bốc mùi hôi thối, muỗi rất nhiều. Đề nghị nạo vét cống.", None),
        (R, "Vỉa hè bị bể, gạch bong tróc", "Vỉa hè đường {street} đoạn gần {place} gạch bong tróc, nhiều chỗ lồi lõm, người già đi bộ vấp té. Nhờ phường xem xét lát lại.", None),
        (P, "Đề nghị lắp thêm đèn chiếu sáng trong hẻm", "Hẻm {addr} dài gần 200m nhưng chỉ có 1 bóng đèn ở đầu hẻm. Bà con kiến nghị lắp thêm đèn chiếu sáng để đi lại an toàn buổi tối.", None),
        (Q, "Hỏi lịch nạo vét kênh thoát nước", "Xin hỏi bao giờ thành phố nạo vét tuyến cống trên đường {street}? Năm nào mùa mưa khu {addr} cũng ngập.", None),
        (R, "Ngap nuoc hem {street}", "hem {addr} cu mua la ngap, nuoc tran vao nha dan {dur} roi, de nghi kiem tra he thong thoat nuoc", None),
    ],
    "moi-truong": [
        (R, "Rác tồn đọng nhiều ngày không thu gom", "Điểm tập kết rác ở đầu hẻm {addr} {dur} không có xe tới thu gom, rác tràn ra lòng đường, bốc mùi hôi thối, chó mèo bới tung.", "cong-ty-moi-truong-do-thi"),
        (R, "Đổ xà bần trái phép ven đường {street}", "Ban đêm có xe ba gác chở xà bần đổ lén ven đường {street} gần {place}. Bãi xà bần ngày càng lớn, lấn ra lòng đường.", None),
        (R, "Xưởng sản xuất gây ồn và khói bụi", "Xưởng gỗ ở {addr} hoạt động tới {time}, tiếng máy cưa ồn ào, bụi gỗ bay vào nhà dân. Người già, trẻ nhỏ không ngủ được.", None),
        (R, "Kênh rạch ô nhiễm, nước đen bốc mùi", "Đoạn kênh gần {place} khu vực {addr} nước đen kịt, rác nổi đầy, mùi hôi thối nồng nặc, nhất là lúc nước ròng.", None),
        (R, "Đốt rác gây khói mù mịt", "Có người thường xuyên đốt rác, đốt lá cây trên bãi đất trống gần {addr} vào buổi chiều, khói bay vào khu dân cư rất ngột ngạt.", None),
        (P, "Đề nghị bố trí thêm thùng rác công cộng", "Khu vực {place} trên đường {street} đông người qua lại nhưng không có thùng rác, người ta vứt rác bừa bãi. Đề nghị đặt thêm thùng rác.", "cong-ty-moi-truong-do-thi"),
        (Q, "Hỏi giờ thu gom rác và phí rác", "Cho hỏi khu {addr} xe rác đến thu gom vào giờ nào và mức phí thu gom rác sinh hoạt mỗi tháng hiện nay là bao nhiêu?", None),
        (R, "Quán ăn xả nước thải ra đường", "Quán ăn ở {addr} xả nước thải, dầu mỡ thẳng ra lòng đường {street}, mặt đường trơn trượt và hôi.", None),
    ],
    "trat-tu-do-thi": [
        (R, "Lấn chiếm vỉa hè buôn bán trên đường {street}", "Các hộ kinh doanh trên đường {street} đoạn gần {place} bày hàng kín vỉa hè, người đi bộ phải đi xuống lòng đường rất nguy hiểm.", None),
        (R, "Quán nhậu chiếm vỉa hè, lòng đường", "Quán nhậu ở {addr} kê bàn ghế tràn ra vỉa hè và cả lòng đường từ chiều tới {time}, xe cộ không lưu thông được.", None),
        (R, "Giữ xe trái phép trên vỉa hè", "Trước {place} đường {street} có người giữ xe trái phép trên vỉa hè, thu tiền cao, xe đậu tràn ra lòng đường gây kẹt xe.", None),
        (R, "Dán quảng cáo, tờ rơi trái phép", "Trụ điện, tường nhà ở {addr} bị dán chi chít quảng cáo khoan cắt bê tông, cho vay tiền. Đề nghị xử lý số điện thoại trên quảng cáo.", None),
        (R, "Chợ tự phát họp dưới lòng đường", "Sáng nào cũng có chợ tự phát họp dưới lòng đường {street} gần {place}, từ 5 giờ đến 9 giờ, ùn tắc, rác thải bừa bãi.", None),
        (R, "Dựng rạp đám cưới chiếm hết đường hẻm", "Nhà ở {addr} dựng rạp đám tiệc chiếm hết hẻm {dur}, xe cứu thương, xe chữa cháy không vào được.", None),
        (P, "Kiến nghị lập lại trật tự vỉa hè trước trường học", "Giờ tan học, phụ huynh đậu xe và hàng rong bán trước {place} đường {street} chiếm hết lối đi. Kiến nghị phường bố trí lực lượng giữ trật tự giờ cao điểm.", None),
        (Q, "Hỏi quy định sử dụng tạm thời vỉa hè", "Tôi kinh doanh tại {addr}, cho hỏi muốn sử dụng một phần vỉa hè để xe khách thì cần đăng ký ở đâu và đóng phí thế nào?", None),
    ],
    "xay-dung": [
        (R, "Công trình xây dựng làm nứt nhà bên cạnh", "Công trình xây dựng nhà ở kế bên nhà tôi tại {addr} ép cọc, đào móng làm tường nhà tôi nứt nhiều đường dài, nền nhà bị lún. Chủ đầu tư không hợp tác giải quyết.", None),
        (R, "Xây dựng không phép, cơi nới lên tầng", "Căn nhà ở {addr} đang cơi nới thêm tầng, xây lấn ra phía hẻm, không thấy treo giấy phép xây dựng.", None),
        (R, "Thi công ban đêm gây ồn", "Công trình trên đường {street} gần {place} đổ bê tông, chạy máy liên tục tới {time}, người dân xung quanh không ngủ được.", None),
        (R, "Công trình không che chắn, rơi vật liệu", "Công trình cao tầng trên đường {street} không che chắn, gạch vụn và xi măng rơi xuống vỉa hè, rất nguy hiểm cho người đi đường.", None),
        (Q, "Hỏi thủ tục xin phép sửa chữa nhà", "Nhà tôi ở {addr} muốn sửa lại mái và nâng nền khoảng 50cm thì có cần xin giấy phép xây dựng không? Nếu cần thì nộp hồ sơ ở đâu?", None),
        (Q, "Hỏi về hoàn công nhà ở", "Tôi đã xây xong nhà theo giấy phép, giờ làm hoàn công thì cần giấy tờ gì, nộp ở phường hay ở sở?", None),
        (P, "Kiến nghị kiểm tra nhà nguy hiểm", "Dãy nhà cũ ở {addr} đã xuống cấp nặng, tường nứt, mái dột, có nguy cơ sập khi mưa bão. Kiến nghị kiểm định và có phương án hỗ trợ người dân.", None),
    ],
    "dat-dai": [
        (R, "Hồ sơ cấp giấy chứng nhận trễ hẹn", "Tôi nộp hồ sơ cấp giấy chứng nhận quyền sử dụng đất cho thửa đất tại {addr} đã hơn {n} tháng, quá hẹn nhưng chưa có kết quả, hỏi thì chỉ bảo chờ.", None),
        (R, "Lấn chiếm đất công làm nhà", "Có người rào khu đất công cạnh {place} ở {addr} để cất nhà tạm, cho thuê. Đề nghị kiểm tra xử lý.", None),
        (Q, "Hỏi thủ tục tách thửa đất", "Gia đình tôi có mảnh đất khoảng 120m2 ở {addr}, muốn tách thửa chia cho các con thì cần điều kiện và thủ tục gì?", None),
        (Q, "Hỏi thông tin quy hoạch", "Cho tôi hỏi khu vực đường {street} có nằm trong quy hoạch mở rộng đường không, tôi định mua đất ở {addr}.", None),
        (R, "Chưa được bồi thường khi giải phóng mặt bằng", "Nhà tôi ở {addr} bị thu hồi một phần để mở rộng đường {street}, đã bàn giao mặt bằng {dur} nhưng chưa nhận đủ tiền bồi thường.", None),
        (P, "Kiến nghị công khai phương án tái định cư", "Người dân trong dự án mở rộng đường {street} kiến nghị công khai phương án bố trí tái định cư và giá đất bồi thường để bà con yên tâm.", None),
        (Q, "Hoi ve sang ten so hong", "cho hoi sang ten so hong nha o {addr} can nhung giay to gi, nop o dau, bao lau thi co ket qua", None),
    ],
    "an-ninh-trat-tu": [
        (R, "Thanh niên tụ tập đua xe ban đêm", "Khoảng {time} đêm nào cũng có nhóm thanh niên tụ tập đua xe, bốc đầu trên đường {street}, nẹt pô inh ỏi, người dân rất bức xúc.", None),
        (R, "Hát karaoke gây ồn sau 22 giờ", "Nhà ở {addr} mở karaoke loa kẹo kéo công suất lớn tới {time}, nhắc nhiều lần không nghe. Đề nghị công an xử lý.", None),
        (R, "Trộm cắp xe máy xảy ra nhiều lần", "Khu vực {addr} {dur} liên tục bị mất trộm xe máy, bẻ khóa ngay trước nhà. Mong công an tăng cường tuần tra.", None),
        (R, "Nghi có tụ điểm ma túy", "Trong căn nhà ở hẻm {addr} thường có nhiều người lạ ra vào ban đêm, nghi có tụ tập sử dụng ma túy. Xin giữ bí mật thông tin người báo.", None),
        (R, "Cướp giật điện thoại trên đường {street}", "Tôi bị hai thanh niên đi xe máy giật điện thoại khi đang dừng đèn đỏ trên đường {street} gần {place} khoảng {time}.", None),
        (R, "Bị lừa đảo qua điện thoại", "Tôi nhận cuộc gọi xưng là công an yêu cầu chuyển tiền để xác minh, đã chuyển {n}0 triệu đồng. Xin hướng dẫn trình báo.", None),
        (Q, "Hỏi về đăng ký camera an ninh khu phố", "Khu phố chúng tôi ở {addr} muốn góp tiền lắp camera an ninh đầu hẻm thì có cần xin phép và kết nối với công an phường không?", None),
        (P, "Kiến nghị tăng cường tuần tra ban đêm", "Khu vực {place} trên đường {street} vắng vẻ về đêm, thường xảy ra giật đồ. Kiến nghị tăng cường tuần tra.", None),
    ],
    "y-te": [
        (R, "Chờ khám bệnh quá lâu tại bệnh viện", "Tôi đưa mẹ đi khám bảo hiểm y tế ở bệnh viện, lấy số từ 6 giờ sáng đến {time} vẫn chưa được khám, không ai hướng dẫn.", None),
        (R, "Thái độ nhân viên y tế không đúng mực", "Nhân viên tiếp nhận tại trạm y tế gần {addr} nói năng cộc cằn, quát tháo người bệnh lớn tuổi.", None),
        (R, "Nhiều ca sốt xuất huyết trong khu phố", "Khu {addr} {dur} có {n} người bị sốt xuất huyết, muỗi rất nhiều. Đề nghị phun thuốc diệt muỗi và kiểm tra các ổ lăng quăng.", None),
        (Q, "Hỏi về thẻ bảo hiểm y tế khi chuyển nơi ở", "Tôi mới chuyển đến ở {addr}, thẻ bảo hiểm y tế đăng ký khám ban đầu ở nơi cũ, giờ muốn đổi nơi khám thì làm sao?", None),
        (Q, "Hỏi lịch tiêm chủng cho trẻ", "Con tôi 9 tháng tuổi, cho hỏi lịch tiêm chủng mở rộng ở trạm y tế phường tháng này vào ngày nào, cần mang theo gì?", None),
        (R, "Nhà thuốc bán thuốc kê đơn không cần toa", "Nhà thuốc ở {addr} bán kháng sinh cho người mua không có toa bác sĩ, còn tư vấn dùng thuốc không đúng.", None),
        (P, "Đề nghị trạm y tế làm việc thêm giờ", "Trạm y tế phường chỉ làm giờ hành chính, người đi làm không có thời gian đưa con đi khám. Kiến nghị mở thêm buổi sáng thứ bảy.", None),
    ],
    "an-toan-thuc-pham": [
        (R, "Nghi ngộ độc sau khi ăn tại quán", "Gia đình tôi {n} người ăn cơm tấm ở quán trên đường {street} tối qua, sáng nay cả nhà đau bụng, tiêu chảy. Đề nghị kiểm tra quán.", None),
        (R, "Quán ăn mất vệ sinh", "Quán ăn ở {addr} sơ chế thực phẩm ngay dưới đất, cạnh cống nước, có gián và chuột. Đề nghị kiểm tra vệ sinh an toàn thực phẩm.", None),
        (R, "Lò giết mổ gia cầm trái phép", "Trong hẻm {addr} có người giết mổ gà vịt lậu mỗi đêm, lông và nước thải đổ ra cống, không rõ kiểm dịch.", None),
        (R, "Bữa ăn bán trú không đảm bảo", "Phụ huynh phản ánh bữa ăn bán trú ở trường gần {place} khẩu phần ít, thức ăn có mùi lạ, nhiều cháu bị đau bụng.", None),
        (Q, "Hỏi thủ tục giấy chứng nhận an toàn thực phẩm", "Tôi mở quán ăn nhỏ ở {addr}, cho hỏi có bắt buộc giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm không, làm ở đâu?", None),
        (R, "Bán thực phẩm hết hạn sử dụng", "Cửa hàng tạp hóa ở {addr} bán sữa và bánh kẹo đã hết hạn sử dụng, tôi mua về mới phát hiện.", None),
    ],
    "giao-duc": [
        (Q, "Hỏi tuyển sinh lớp 1 trái tuyến", "Con tôi có hộ khẩu ở quận cũ nhưng gia đình đang tạm trú tại {addr}, cho hỏi có được đăng ký học lớp 1 ở trường gần nhà không?", None),
        (R, "Thu các khoản đầu năm quá cao", "Trường tiểu học gần {place} thu đầu năm nhiều khoản như quỹ lớp, máy lạnh, tài trợ, tổng hơn {n} triệu đồng, phụ huynh bức xúc.", None),
        (R, "Giáo viên ép học sinh học thêm", "Cô giáo chủ nhiệm lớp con tôi gợi ý học sinh học thêm tại nhà cô, em nào không học thì bị đối xử khác.", None),
        (R, "Nhóm trẻ tự phát không đảm bảo an toàn", "Nhóm trẻ ở {addr} giữ hơn 20 cháu trong căn phòng chật, không có giấy phép, không có người có chuyên môn.", None),
        (P, "Kiến nghị xây thêm trường học", "Khu dân cư mới ở đường {street} đông dân nhưng thiếu trường tiểu học, học sinh phải đi học xa. Kiến nghị thành phố sớm xây trường.", None),
        (Q, "Hỏi chính sách miễn giảm học phí", "Gia đình tôi thuộc hộ cận nghèo ở {addr}, con đang học lớp 8, cho hỏi có được miễn giảm học phí không, hồ sơ gồm gì?", None),
        (R, "Bạo lực học đường", "Con tôi học lớp 7 bị nhóm bạn cùng lớp đánh, quay clip đăng mạng. Nhà trường chưa xử lý thỏa đáng.", None),
    ],
    "an-sinh-xa-hoi": [
        (R, "Công ty nợ lương công nhân", "Công ty nơi tôi làm ở {addr} nợ lương công nhân {n} tháng, chủ công ty không liên lạc được, hơn 100 người bị ảnh hưởng.", None),
        (Q, "Hỏi về trợ cấp cho người cao tuổi", "Mẹ tôi 80 tuổi, sống ở {addr}, không có lương hưu, cho hỏi có được hưởng trợ cấp xã hội hàng tháng không, thủ tục thế nào?", None),
        (Q, "Hỏi thủ tục hưởng bảo hiểm thất nghiệp", "Tôi nghỉ việc được 1 tháng, đã chốt sổ bảo hiểm xã hội, cho hỏi nộp hồ sơ hưởng bảo hiểm thất nghiệp ở đâu?", None),
        (R, "Người lang thang xin ăn tại {place}", "Khu vực {place} trên đường {street} có nhiều người lang thang, trẻ em bán vé số đeo bám khách, ban đêm ngủ trên vỉa hè.", None),
        (R, "Công ty không đóng bảo hiểm xã hội", "Tôi làm việc ở công ty tại {addr} hơn 2 năm nhưng công ty không đóng bảo hiểm xã hội dù vẫn trừ lương hàng tháng.", None),
        (P, "Kiến nghị xét lại danh sách hộ cận nghèo", "Khu phố {addr} có hộ khó khăn thật sự nhưng không có tên trong danh sách hộ cận nghèo năm nay. Kiến nghị rà soát lại.", None),
    ],
    "dien-nuoc": [
        (R, "Cúp điện liên tục không báo trước", "Khu vực {addr} {dur} bị cúp điện nhiều lần, mỗi lần 3-4 tiếng, không có thông báo trước, đồ điện trong nhà bị hư.", None),
        (R, "Trụ điện nghiêng, dây điện võng thấp", "Trụ điện trước {addr} bị nghiêng, dây điện võng xuống thấp, xe tải đi qua có thể vướng. Rất nguy hiểm.", None),
        (R, "Mất nước sinh hoạt nhiều ngày", "Khu {addr} {dur} không có nước máy, chỉ có nước vào khoảng 1-2 giờ sáng, nước rất yếu. Bà con phải mua nước bình.", "sawaco"),
        (R, "Nước máy đục, có mùi lạ", "Nước máy ở nhà tôi {addr} {dur} có màu vàng đục, có cặn và mùi lạ, không dám dùng để nấu ăn.", "sawaco"),
        (R, "Bể ống nước trên đường {street}", "Ống nước trên vỉa hè đường {street} gần {place} bị bể, nước chảy lênh láng {dur}, gây lãng phí và làm sụt lún vỉa hè.", "sawaco"),
        (R, "Hóa đơn tiền điện tăng bất thường", "Hóa đơn tiền điện tháng này nhà tôi ở {addr} tăng gấp đôi dù sử dụng như bình thường. Đề nghị kiểm tra công tơ.", None),
        (Q, "Hỏi thủ tục gắn đồng hồ nước", "Tôi mới mua nhà ở {addr}, muốn gắn đồng hồ nước riêng thì liên hệ ở đâu, chi phí bao nhiêu?", "sawaco"),
        (Q, "Hỏi lịch cắt điện khu vực", "Cho hỏi lịch cắt điện bảo trì tuần này của khu vực đường {street} là ngày nào để tôi sắp xếp công việc?", None),
    ],
    "thu-tuc-hanh-chinh": [
        (R, "Hồ sơ đăng ký cư trú trễ hẹn", "Tôi nộp hồ sơ đăng ký thường trú tại bộ phận một cửa phường, giấy hẹn đã quá {n} ngày vẫn chưa có kết quả.", None),
        (Q, "Hỏi thủ tục làm giấy khai sinh", "Con tôi mới sinh, bố mẹ chưa đăng ký kết hôn, cho hỏi làm giấy khai sinh cho cháu ở đâu và cần giấy tờ gì?", None),
        (Q, "Hỏi chứng thực bản sao ở phường mới", "Sau khi sáp nhập phường, tôi ở {addr} thì đến trụ sở nào để chứng thực bản sao giấy tờ?", None),
        (R, "Cán bộ một cửa hướng dẫn không rõ ràng", "Tôi đến bộ phận một cửa phường nộp hồ sơ 3 lần, lần nào cũng bị yêu cầu bổ sung thêm giấy tờ khác nhau.", None),
        (Q, "Hỏi đăng ký hộ kinh doanh", "Tôi muốn mở tiệm tạp hóa nhỏ tại nhà ở {addr}, cho hỏi đăng ký hộ kinh doanh ở đâu, có nộp trực tuyến được không?", None),
        (R, "Dịch vụ công trực tuyến bị lỗi", "Tôi nộp hồ sơ trên cổng dịch vụ công trực tuyến nhưng đến bước thanh toán thì báo lỗi, đã thử nhiều lần.", None),
        (P, "Đề nghị niêm yết rõ địa điểm tiếp nhận sau sáp nhập", "Sau khi sắp xếp phường, người dân không biết nộp hồ sơ ở trụ sở nào. Đề nghị niêm yết rõ địa điểm và giờ làm việc.", None),
        (Q, "Hoi thu tuc dang ky ket hon", "cho hoi dang ky ket hon voi nguoi nuoc ngoai thi nop ho so o dau, can nhung giay to gi a", None),
    ],
    "kinh-te-thi-truong": [
        (R, "Bán hàng giả, hàng nhái", "Cửa hàng ở {addr} bán mỹ phẩm, quần áo hàng nhái thương hiệu nổi tiếng, không có hóa đơn nguồn gốc.", None),
        (R, "Không niêm yết giá, chặt chém khách", "Quán ở khu vực {place} đường {street} không niêm yết giá, tính tiền khách du lịch gấp mấy lần bình thường.", None),
        (R, "Tiểu thương trong chợ cân điêu", "Một số sạp ở chợ gần {addr} cân thiếu, 1kg thịt chỉ còn 8 lạng. Đề nghị ban quản lý chợ đặt cân đối chứng.", None),
        (Q, "Hỏi quyền lợi khi mua hàng online bị lỗi", "Tôi mua hàng online, nhận hàng bị lỗi nhưng người bán không đổi trả, cho hỏi tôi cần gửi khiếu nại đến đâu?", None),
        (P, "Kiến nghị sửa chữa chợ xuống cấp", "Chợ gần {addr} mái tôn bị dột, lối đi ngập nước khi mưa, tiểu thương kiến nghị cải tạo chợ.", None),
    ],
    "khac": [
        (P, "Góp ý về ứng dụng phản ánh", "Tôi góp ý ứng dụng nên cho xem trên bản đồ các phản ánh đã được xử lý gần nhà mình.", None),
        (R, "Khen ngợi cán bộ phường", "Tôi xin khen ngợi cán bộ bộ phận một cửa phường đã hỗ trợ tận tình, hướng dẫn tôi hoàn thành hồ sơ nhanh chóng.", None),
        (Q, "Hỏi lịch sinh hoạt nhà văn hóa", "Cho hỏi nhà văn hóa gần {addr} có mở lớp năng khiếu hè cho thiếu nhi không, đăng ký ở đâu?", None),
        (P, "Đề xuất tổ chức thêm sân chơi cho trẻ em", "Khu dân cư quanh đường {street} không có sân chơi cho trẻ em. Đề xuất tận dụng khu đất trống gần {place} làm sân chơi.", None),
        (R, "Loa phường phát quá sớm", "Loa phát thanh ở {addr} phát từ 5 giờ sáng, âm lượng lớn, ảnh hưởng người già và người làm ca đêm.", None),
    ],
}

HOTLINE_PREFIX = "Người dân gọi tổng đài 1022 phản ánh: "

DURATIONS = ["mấy ngày nay", "cả tuần nay", "hơn 2 tuần nay", "gần 1 tháng nay", "từ đầu tháng tới giờ", "3 ngày nay"]
TIMES = ["22 giờ", "23 giờ", "khoảng 17 giờ", "18 giờ 30", "nửa đêm", "1 giờ sáng", "10 giờ sáng"]
CLOSINGS = [
    "", "", " Mong cơ quan chức năng sớm xử lý.", " Xin cảm ơn!", " Đề nghị kiểm tra giúp bà con.",
    " Rất mong được phản hồi.", " Tôi đã báo khu phố nhưng chưa thấy xử lý.", " Liên hệ tôi số {phone} nếu cần.",
]

# What the agency did, per category (reports and proposals); {street} and {addr} are filled.
ACTIONS: dict[str, list[str]] = {
    "giao-thong": [
        "Đơn vị quản lý đường đã kiểm tra hiện trường và vá ổ gà, thảm lại mặt đường đoạn {street}.",
        "Đèn tín hiệu đã được thay bộ điều khiển và hoạt động bình thường trở lại.",
        "Sở đã yêu cầu nhà thầu thu hẹp rào chắn, bố trí người hướng dẫn giao thông giờ cao điểm trên đường {street}.",
        "Nội dung kiến nghị đã được ghi nhận để xem xét trong kế hoạch tổ chức giao thông năm tới.",
    ],
    "ha-tang-do-thi": [
        "UBND phường đã phối hợp đơn vị dịch vụ công ích nạo vét hố ga, thông cống và thay nắp hố ga bị mất.",
        "Các bóng đèn chiếu sáng hư hỏng trên đường {street} đã được thay mới.",
        "Cây xanh đã được cắt tỉa, chằng chống; vỉa hè bị bể đã được lát lại.",
        "Tuyến cống khu vực {street} đã được đưa vào danh mục cải tạo; trước mắt phường bố trí máy bơm khi mưa lớn.",
    ],
    "moi-truong": [
        "Đơn vị thu gom đã dọn sạch điểm rác tồn đọng và bố trí lại giờ thu gom hằng ngày.",
        "Phường đã kiểm tra, lập biên bản cơ sở gây ô nhiễm và yêu cầu khắc phục trong 15 ngày.",
        "Lực lượng phường đã dọn bãi xà bần, lắp biển cấm đổ rác và tăng cường tuần tra ban đêm.",
    ],
    "trat-tu-do-thi": [
        "Đội trật tự đô thị phường đã ra quân, lập biên bản các trường hợp lấn chiếm vỉa hè và yêu cầu thu dọn.",
        "Phường đã xử phạt vi phạm hành chính và sẽ kiểm tra định kỳ tuyến đường {street}.",
        "Các quảng cáo trái phép đã được bóc xóa; số điện thoại trên quảng cáo đã được đề nghị khóa.",
    ],
    "xay-dung": [
        "Phường đã kiểm tra công trình, lập biên bản và yêu cầu chủ đầu tư tạm dừng thi công, phối hợp giải quyết thiệt hại cho nhà lân cận.",
        "Công trình có giấy phép; phường đã yêu cầu che chắn an toàn và không thi công sau 22 giờ.",
        "Đã lập biên bản vi phạm trật tự xây dựng và ban hành quyết định xử phạt, buộc khắc phục hậu quả.",
    ],
    "dat-dai": [
        "Hồ sơ đã được giải quyết; đề nghị ông/bà liên hệ bộ phận một cửa để nhận kết quả.",
        "Sở đã chuyển hội đồng bồi thường rà soát và chi trả phần còn lại trong tháng này.",
        "Đã kiểm tra và yêu cầu tháo dỡ công trình lấn chiếm trên đất công.",
    ],
    "an-ninh-trat-tu": [
        "Công an phường đã tăng cường tuần tra khu vực, lập biên bản các trường hợp vi phạm.",
        "Công an đã xác minh, xử phạt hành chính hộ gây ồn và yêu cầu cam kết không tái phạm.",
        "Vụ việc đã được tiếp nhận theo quy định về tố giác tội phạm và đang được điều tra.",
    ],
    "y-te": [
        "Sở đã yêu cầu bệnh viện rà soát quy trình tiếp nhận, bổ sung bàn hướng dẫn và nhắc nhở nhân viên.",
        "Trung tâm y tế đã phun hóa chất diệt muỗi và xử lý ổ lăng quăng trong khu vực.",
        "Đoàn kiểm tra đã làm việc với nhà thuốc và xử phạt theo quy định.",
    ],
    "an-toan-thuc-pham": [
        "Đoàn kiểm tra liên ngành đã kiểm tra cơ sở, lấy mẫu xét nghiệm và tạm đình chỉ hoạt động chờ kết quả.",
        "Cơ sở đã bị xử phạt và buộc tiêu hủy thực phẩm không rõ nguồn gốc.",
    ],
    "giao-duc": [
        "Sở đã chỉ đạo nhà trường rà soát và chỉ thu các khoản theo đúng quy định, hoàn trả khoản thu sai.",
        "Nhà trường đã làm việc với giáo viên và phụ huynh, xử lý theo quy định về dạy thêm, học thêm.",
        "Kiến nghị đã được đưa vào kế hoạch phát triển mạng lưới trường lớp.",
    ],
    "an-sinh-xa-hoi": [
        "Sở đã làm việc với doanh nghiệp, yêu cầu trả lương và đóng bảo hiểm cho người lao động theo lộ trình.",
        "Phường đã phối hợp đưa người lang thang vào cơ sở bảo trợ xã hội.",
        "Phường đã rà soát lại danh sách và bổ sung hộ đủ điều kiện.",
    ],
    "dien-nuoc": [
        "Đơn vị đã kiểm tra, thay thiết bị hư hỏng; nguồn điện khu vực đã ổn định.",
        "Công ty cấp nước đã sửa ống bể, súc xả đường ống; chất lượng nước đã được kiểm tra đạt chuẩn.",
        "Công tơ đã được kiểm định, kết quả đo đúng; chỉ số tăng do nhu cầu sử dụng mùa nóng.",
    ],
    "thu-tuc-hanh-chinh": [
        "Hồ sơ của ông/bà đã được giải quyết xong; phường xin lỗi vì sự chậm trễ.",
        "Phường đã chấn chỉnh bộ phận một cửa, hướng dẫn đầy đủ thành phần hồ sơ một lần.",
    ],
    "kinh-te-thi-truong": [
        "Lực lượng quản lý thị trường đã kiểm tra, tạm giữ hàng hóa vi phạm và xử phạt theo quy định.",
        "Ban quản lý chợ đã bố trí cân đối chứng và nhắc nhở các tiểu thương.",
    ],
    "khac": [
        "Ý kiến của ông/bà đã được ghi nhận và chuyển đến đơn vị liên quan để nghiên cứu.",
        "Xin cảm ơn ông/bà đã góp ý.",
    ],
}

# How a question is answered, per category.
GUIDANCE: dict[str, str] = {
    "giao-thong": "Theo kế hoạch, công trình hoàn thành trong quý tới; trong thời gian thi công, xe được lưu thông theo hướng dẫn tại các bảng phân luồng.",
    "ha-tang-do-thi": "Tuyến cống này nằm trong kế hoạch nạo vét trước mùa mưa; lịch cụ thể được niêm yết tại trụ sở phường.",
    "moi-truong": "Xe thu gom đến khu vực vào khoảng 17–19 giờ hằng ngày; mức phí thu gom rác sinh hoạt theo quyết định hiện hành của UBND Thành phố.",
    "trat-tu-do-thi": "Việc sử dụng tạm thời một phần vỉa hè phải được phép của UBND phường và nộp phí theo quy định của Thành phố.",
    "xay-dung": "Sửa chữa không làm thay đổi kết cấu chịu lực thì được miễn giấy phép; nâng nền, thay đổi kết cấu thì nộp hồ sơ xin phép tại bộ phận một cửa phường.",
    "dat-dai": "Hồ sơ nộp tại Chi nhánh Văn phòng đăng ký đất đai hoặc qua cổng dịch vụ công; thành phần hồ sơ và điều kiện theo quy định của Luật Đất đai 2024.",
    "an-ninh-trat-tu": "Việc lắp camera tại khu vực công cộng nên phối hợp với Công an phường để thống nhất vị trí và kết nối khi cần.",
    "y-te": "Ông/bà có thể đổi nơi đăng ký khám chữa bệnh ban đầu vào đầu mỗi quý qua ứng dụng VssID hoặc tại cơ quan bảo hiểm xã hội.",
    "an-toan-thuc-pham": "Cơ sở kinh doanh dịch vụ ăn uống quy mô nhỏ thực hiện cam kết bảo đảm an toàn thực phẩm tại UBND phường.",
    "giao-duc": "Học sinh tạm trú được xét tuyển theo địa bàn cư trú thực tế; hồ sơ đăng ký trực tuyến trong thời gian tuyển sinh.",
    "an-sinh-xa-hoi": "Hồ sơ gồm tờ khai theo mẫu và giấy tờ tùy thân, nộp tại bộ phận một cửa phường nơi cư trú hoặc qua cổng dịch vụ công.",
    "dien-nuoc": "Ông/bà liên hệ tổng đài chăm sóc khách hàng của công ty hoặc đăng ký trực tuyến; lịch tạm ngừng cung cấp được đăng trên trang của công ty.",
    "thu-tuc-hanh-chinh": "Thủ tục được thực hiện tại bộ phận một cửa của UBND phường nơi cư trú hoặc trực tuyến trên Cổng dịch vụ công quốc gia.",
    "kinh-te-thi-truong": "Ông/bà có thể gửi khiếu nại đến Sở Công Thương kèm chứng từ mua hàng; cơ quan sẽ hướng dẫn hòa giải hoặc xử lý theo Luật Bảo vệ quyền lợi người tiêu dùng.",
    "khac": "Thông tin chi tiết được niêm yết tại trụ sở và trang thông tin điện tử của phường.",
}

REJECTION_REASONS = [
    "Nội dung không rõ ràng, không đủ thông tin để xác minh; đã liên hệ người gửi nhưng không được.",
    "Trùng với phản ánh đã tiếp nhận trước đó.",
    "Nội dung là quảng cáo, không phải phản ánh, kiến nghị.",
    "Vụ việc thuộc thẩm quyền của Tòa án; đề nghị người gửi liên hệ Tòa án nhân dân khu vực.",
    "Nội dung là tranh chấp dân sự giữa các cá nhân, không thuộc phạm vi tiếp nhận.",
]

RETURN_NOTES = ["Bổ sung kết quả kiểm tra hiện trường.", "Ghi rõ thời hạn khắc phục.", "Sửa lại lời văn cho rõ ràng."]
INTERNAL_NOTES = [
    "Đã gọi điện cho người gửi, hẹn khảo sát hiện trường.",
    "Đã phối hợp với đơn vị liên quan.",
    "Chờ kết quả kiểm tra của đội trật tự đô thị.",
]
RATING_COMMENTS = {
    1: ["Trả lời cho có, thực tế chưa khắc phục.", "Không hài lòng, vẫn như cũ."],
    2: ["Xử lý chậm quá.", "Mới làm được một phần."],
    3: ["Tạm được.", ""],
    4: ["Cảm ơn, đã xử lý.", "Khá nhanh."],
    5: ["Rất hài lòng, cảm ơn cán bộ!", "Xử lý nhanh, cảm ơn phường.", "Tuyệt vời."],
}

FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô",
          "Dương", "Lý", "Trương", "Đinh", "Lâm", "Mai"]
MALE_MIDDLE = ["Văn", "Hữu", "Minh", "Quốc", "Đức", "Thanh", "Hoàng", "Công"]
FEMALE_MIDDLE = ["Thị", "Ngọc", "Thanh", "Thu", "Kim", "Mỹ", "Thị Thu", "Hồng"]
MALE_GIVEN = ["An", "Bình", "Dũng", "Hải", "Hiếu", "Hùng", "Khoa", "Long", "Minh", "Nam", "Phong", "Phúc", "Quang",
              "Sơn", "Thành", "Trí", "Tuấn", "Tài", "Vinh", "Khang"]
FEMALE_GIVEN = ["Châu", "Hà", "Hạnh", "Hoa", "Hương", "Lan", "Linh", "Mai", "Nga", "Ngọc", "Nhung", "Phương",
                "Tâm", "Thảo", "Thu", "Trang", "Vy", "Yến", "Hằng", "Loan"]
BUSINESSES = ["Công ty TNHH Thương mại Minh Phát", "Công ty CP Dịch vụ Sài Gòn Xanh", "Hộ kinh doanh Tạp hóa Cô Ba",
              "Công ty TNHH Cơ khí Tân Tiến", "Nhà hàng Bếp Nhà"]
ORGANISATIONS = ["Ban điều hành khu phố 3", "Chi hội Người cao tuổi khu phố 5", "Hội Phụ nữ khu phố 2",
                 "Ban quản trị chung cư"]
