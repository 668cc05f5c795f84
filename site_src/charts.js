/* Render every chart on the page from its embedded Vega-Lite spec (no network).
   The Vega bundle (about 300 KB gzipped) is fetched only after the page has loaded, so the
   text and tables appear first on a slow phone; each chart's box keeps its height meanwhile. */
(function () {
  "use strict";
  var script = document.currentScript;
  var vegaSrc = script ? script.getAttribute("data-vega") : null;
  /* Download buttons beside (not inside) the role="img" chart, so the image has no focusable parts;
     they join the line that links to the data table, whose height is reserved, so nothing moves. */
  function exportButtons(el, view) {
    var bar = document.createElement("span");
    bar.className = "chart-export";
    [["png", "下载 PNG"], ["svg", "下载 SVG"]].forEach(function (item) {
      var button = document.createElement("button");
      button.type = "button";
      button.textContent = item[1];
      button.setAttribute("aria-describedby", el.id + "-title");
      button.addEventListener("click", function () {
        view.toImageURL(item[0], 2).then(function (url) {
          var link = document.createElement("a");
          link.href = url;
          link.download = el.id + "." + item[0];
          document.body.appendChild(link);
          link.click();
          link.remove();
        });
      });
      bar.appendChild(button);
    });
    var line = el.parentNode.querySelector(".chart-fallback");
    if (line) { line.appendChild(bar); } else { el.insertAdjacentElement("afterend", bar); }
  }
  function failAll(message) {
    document.querySelectorAll(".chart-view[data-spec]").forEach(function (el) {
      el.setAttribute("data-error", message);
    });
  }
  /* One chart per task, so a phone stays responsive while several charts are drawn. */
  function render() {
    if (typeof window.vegaEmbed !== "function") { failAll("vega.js did not load"); return; }
    var views = Array.prototype.slice.call(document.querySelectorAll(".chart-view[data-spec]"));
    function next() {
      var el = views.shift();
      if (!el) { return; }
      var source = document.getElementById(el.getAttribute("data-spec"));
      if (!source) { next(); return; }
      var spec = JSON.parse(source.textContent);
      /* Vega labels the element it draws into ("Vega visualization"): give it a child, keep our role="img". */
      var target = document.createElement("div");
      el.appendChild(target);
      window.vegaEmbed(target, spec, {
        renderer: "svg",
        actions: false
      }).then(function (result) {
        exportButtons(el, result.view);
        el.setAttribute("data-rendered", "true");
      }).catch(function (error) {
        el.setAttribute("data-error", String(error));
      }).then(function () { window.setTimeout(next, 0); });
    }
    next();
  }
  function start() {
    if (typeof window.vegaEmbed === "function" || !vegaSrc) { render(); return; }
    var tag = document.createElement("script");
    tag.src = vegaSrc;
    tag.onload = function () { window.setTimeout(render, 0); };
    tag.onerror = function () { failAll("could not load " + vegaSrc); };
    document.head.appendChild(tag);
  }
  if (document.readyState === "complete") {
    start();
  } else {
    window.addEventListener("load", start);
  }
})();
