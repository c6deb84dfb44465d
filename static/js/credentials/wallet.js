// Copy share links and print certificates; the page works without this script.
(function () {
  "use strict";
  document.addEventListener("click", function (event) {
    var copy = event.target.closest("[data-copy]");
    if (copy) {
      var input = document.querySelector(copy.getAttribute("data-copy"));
      var status = copy.closest(".share").querySelector(".copy-status");
      var done = function () { if (status) { status.textContent = copy.getAttribute("data-copied"); } };
      input.select();
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(input.value).then(done, function () {
          document.execCommand("copy"); done();
        });
      } else {
        document.execCommand("copy"); done();
      }
    }
    if (event.target.closest("[data-print]")) { window.print(); }
  });
})();
