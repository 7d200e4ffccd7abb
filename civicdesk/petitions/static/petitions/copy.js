/* "Copy" buttons: copy the text of the element named by data-copy, then say so. */
(function () {
  "use strict";
  document.querySelectorAll("button[data-copy]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      var source = document.getElementById(button.dataset.copy);
      var value = source.textContent.trim();
      function done() { button.textContent = button.dataset.copied; }
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(value).then(done, function () { select(source); });
      } else { select(source); try { document.execCommand("copy"); done(); } catch (e) { /* selected */ } }
    });
  });
  function select(node) {
    var range = document.createRange(); range.selectNodeContents(node);
    var sel = window.getSelection(); sel.removeAllRanges(); sel.addRange(range);
  }
})();
