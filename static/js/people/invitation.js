// The sign-in link page: copy and print buttons. Without this script the link can still be
// selected by hand, texted (a plain link) or printed from the browser menu.
(function () {
  "use strict";
  var card = document.querySelector(".invitation");
  if (!card) { return; }
  var status = document.querySelector(".copy-status");
  var say = function (text) { if (status) { status.textContent = text; } };
  card.querySelectorAll("[data-copy], [data-print]").forEach(function (button) {
    button.hidden = false;
  });
  card.addEventListener("click", function (event) {
    var copy = event.target.closest("[data-copy]");
    if (copy) {
      var input = document.querySelector(copy.getAttribute("data-copy"));
      var done = function () { say(copy.getAttribute("data-copied")); };
      var fallback = function () {
        input.focus();
        input.select();
        input.setSelectionRange(0, input.value.length);
        if (document.execCommand("copy")) { done(); }
      };
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(input.value).then(done, fallback);
      } else {
        fallback();
      }
    }
    if (event.target.closest("[data-print]")) { window.print(); }
  });
})();
