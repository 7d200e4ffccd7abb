/* Behaviour every page may use. The Content-Security-Policy allows no inline script (no <script>
   blocks, no onclick=, no hx-on), so templates ask for it with data- attributes instead:
   - data-menu-toggle: the phone menu button (aria-controls names the menu);
   - data-copy-draft="ID": copy the text of #ID into the answer box (#id_body), or to the clipboard;
   - data-reset-after-success: a form htmx sent is emptied once the server accepted it;
   - data-scroll-to-last="ID": after a successful htmx request, scroll to the newest child of #ID;
   - data-swap-429: a 429 answer (too many requests) is shown like any other, not dropped as an error. */
(function () {
  "use strict";

  document.addEventListener("click", function (event) {
    var target = event.target instanceof Element ? event.target : null;
    if (!target) return;
    var toggle = target.closest("[data-menu-toggle]");
    if (toggle) {
      var menu = document.getElementById(toggle.getAttribute("aria-controls"));
      if (menu) toggle.setAttribute("aria-expanded", String(menu.classList.toggle("open")));
      return;
    }
    var copy = target.closest("[data-copy-draft]");
    if (copy) {
      var draft = document.getElementById(copy.getAttribute("data-copy-draft"));
      var body = document.getElementById("id_body");
      if (!draft) return;
      if (body) {
        body.value = draft.value;
        body.focus();
      } else if (navigator.clipboard) {
        navigator.clipboard.writeText(draft.value);
      }
    }
  });

  document.addEventListener("htmx:beforeSwap", function (event) {
    var element = event.detail.elt;
    if (element && element.closest && element.closest("[data-swap-429]") && event.detail.xhr.status === 429) {
      event.detail.shouldSwap = true;
      event.detail.isError = false;
    }
  });

  document.addEventListener("htmx:afterRequest", function (event) {
    var element = event.detail.elt;
    if (!event.detail.successful || !element || !element.closest) return;
    var form = element.closest("form[data-reset-after-success]");
    if (form) form.reset();
    var scroller = element.closest("[data-scroll-to-last]");
    if (scroller) {
      var list = document.getElementById(scroller.getAttribute("data-scroll-to-last"));
      var last = list && list.lastElementChild;
      if (last) last.scrollIntoView({ block: "start" });
    }
  });
})();
