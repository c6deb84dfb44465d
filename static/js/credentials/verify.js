// Drag a credential file onto the form: it is put into the file input and submitted.
(function () {
  "use strict";
  var zone = document.querySelector("[data-drop-zone]");
  if (!zone) { return; }
  var input = zone.querySelector("input[type=file]");
  ["dragenter", "dragover"].forEach(function (name) {
    zone.addEventListener(name, function (event) { event.preventDefault(); zone.classList.add("is-dragging"); });
  });
  ["dragleave", "drop"].forEach(function (name) {
    zone.addEventListener(name, function () { zone.classList.remove("is-dragging"); });
  });
  zone.addEventListener("drop", function (event) {
    event.preventDefault();
    if (event.dataTransfer && event.dataTransfer.files.length) {
      input.files = event.dataTransfer.files;
      zone.submit();
    }
  });
  var result = document.getElementById("result");
  if (result) { result.focus(); }
})();
