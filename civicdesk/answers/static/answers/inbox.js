// Agency inbox: keep the filter form's tab in step with the tab shown; select all rows.
(function () {
  function syncTab() {
    var active = document.querySelector("#inbox-results .tabs a.active");
    var field = document.getElementById("filter-tab");
    if (active && field) field.value = active.getAttribute("data-tab");
  }
  document.addEventListener("change", function (event) {
    if (event.target && event.target.id === "select-all") {
      document.querySelectorAll('#bulk-form input[name="cases"]').forEach(function (box) {
        box.checked = event.target.checked;
      });
    }
  });
  document.addEventListener("htmx:afterSwap", syncTab);
  document.addEventListener("DOMContentLoaded", syncTab);
})();
