// Staff case page: choosing an answer template fills the answer box (asking first if it holds text).
(function () {
  document.addEventListener("change", function (event) {
    var select = event.target;
    if (!select || select.id !== "answer-template" || !select.value) return;
    var data = document.getElementById("answer-templates");
    var box = document.getElementById(select.getAttribute("data-target"));
    if (!data || !box) return;
    var chosen = JSON.parse(data.textContent).filter(function (t) { return String(t.id) === select.value; })[0];
    if (!chosen) return;
    if (box.value.trim() && box.value !== chosen.body &&
        !window.confirm(select.getAttribute("data-confirm") || "Thay nội dung đang soạn bằng mẫu này?")) {
      return;
    }
    box.value = chosen.body;
    box.focus();
  });
})();
