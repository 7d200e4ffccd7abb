// Hotline console: Ctrl+Enter (or Cmd+Enter) in any field records the call.
document.addEventListener("keydown", function (event) {
  if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
    var form = document.getElementById("call-form");
    if (form && form.contains(event.target)) { event.preventDefault(); form.requestSubmit(); }
  }
});
