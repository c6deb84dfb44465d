// The H5P frame has an opaque origin (sandbox without allow-same-origin), where reading
// localStorage throws. H5P only keeps small conveniences there, so give it a memory store.
(function () {
  "use strict";
  try {
    window.localStorage.getItem("x");
    return;
  } catch (error) {
    // fall through: replace it
  }
  var data = {};
  var memory = {
    getItem: function (key) { return Object.prototype.hasOwnProperty.call(data, key) ? data[key] : null; },
    setItem: function (key, value) { data[key] = String(value); },
    removeItem: function (key) { delete data[key]; },
    clear: function () { data = {}; },
    key: function (i) { return Object.keys(data)[i] || null; },
    get length() { return Object.keys(data).length; },
  };
  ["localStorage", "sessionStorage"].forEach(function (name) {
    try {
      Object.defineProperty(window, name, { value: memory, configurable: true });
    } catch (error) {
      // leave it: H5P guards most uses
    }
  });
})();
