/* Render every chart on the page from its embedded Vega-Lite spec (no network). */
(function () {
  "use strict";
  function render() {
    if (typeof window.vegaEmbed !== "function") { return; }
    document.querySelectorAll(".chart-view[data-spec]").forEach(function (el) {
      var source = document.getElementById(el.getAttribute("data-spec"));
      if (!source) { return; }
      var spec = JSON.parse(source.textContent);
      window.vegaEmbed(el, spec, {
        renderer: "svg",
        actions: { export: true, source: false, compiled: false, editor: false },
        i18n: { PNG_ACTION: "下载 PNG", SVG_ACTION: "下载 SVG" }
      }).then(function () { el.setAttribute("data-rendered", "true"); })
        .catch(function (error) { el.setAttribute("data-error", String(error)); });
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", render);
  } else {
    render();
  }
})();
