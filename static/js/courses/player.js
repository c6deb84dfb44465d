// Runs inside the sandboxed H5P frame (opaque origin): plays the package and hands its xAPI
// statements to the module page, which alone may talk to the server.
(function () {
  "use strict";
  var el = document.getElementById("h5p-container");
  var parentOrigin = el.dataset.parentOrigin;

  function send(message) {
    window.parent.postMessage(message, parentOrigin);
  }

  function reportHeight() {
    send({ type: "sector-h5p-height", height: document.documentElement.scrollHeight });
  }

  new H5PStandalone.H5P(el, {
    h5pJsonPath: el.dataset.h5pJsonPath,
    frameJs: el.dataset.frameJs,
    frameCss: el.dataset.frameCss,
    embedType: "div",
    frame: false,
    copyright: false,
    export: false,
    embed: false,
    icon: false,
    fullScreen: false,
    saveFreq: false,
  }).then(function () {
    send({ type: "sector-h5p-ready" });
    H5P.externalDispatcher.on("xAPI", function (event) {
      send({ type: "sector-h5p-xapi", statement: JSON.parse(JSON.stringify(event.data.statement)) });
    });
    reportHeight();
    if (window.ResizeObserver) new ResizeObserver(reportHeight).observe(document.body);
  }).catch(function (error) {
    send({ type: "sector-h5p-error", message: String(error && error.message || error) });
  });
})();
