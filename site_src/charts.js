/* Render every chart on the page from its embedded Vega-Lite spec (no network).
   The Vega bundle (about 300 KB gzipped) is fetched only after the page has loaded, so the
   text and tables appear first on a slow phone; each chart's box keeps its height meanwhile.
   A row chart is embedded compactly: the name of its shared template (assets/chart-templates.js,
   loaded with the bundle), its colours and one list per drawn line; expand() makes the full
   spec exactly as jixiao/site/charts.py's expand() does. */
(function () {
  "use strict";
  var script = document.currentScript;
  var vegaSrc = script ? script.getAttribute("data-vega") : null;
  var templatesSrc = script ? script.getAttribute("data-templates") : null;
  /* One record per mark from one list per drawn line (charts.py _lines / _records). */
  function records(lines) {
    var out = [];
    lines.forEach(function (line, r) {
      if (line[0] === "h" || line[0] === "l") {
        out.push({ r: r, k: line[0] === "h" ? "head" : "label", s: "", v: 0, t: line[1] });
        return;
      }
      var series = line[1], length = line[2], text = line[3];
      var mark = line.length > 4 ? line[4] : null;
      if (length !== null) { out.push({ r: r, k: "bar", s: series, v: length }); }
      if (mark !== null) { out.push({ r: r, k: "ref", s: "", v: mark }); }
      out.push({ r: r, k: "value", s: series, v: Math.max(length || 0, mark || 0), t: text });
    });
    return out;
  }
  function expand(payload) {
    if (!payload.template) { return payload; }
    var template = (window.jixiaoChartTemplates || {})[payload.template];
    if (!template) { throw new Error("no chart template " + payload.template); }
    var spec = JSON.parse(JSON.stringify(template));
    spec.layer.forEach(function (layer) {
      var color = layer.encoding && layer.encoding.color;
      if (color) {
        color.scale.domain = payload.color[0];
        color.scale.range = payload.color[1];
        color.legend.values = payload.color[2];
      }
    });
    spec.data = { values: records(payload.lines) };
    return spec;
  }
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
      var spec;
      try {
        spec = expand(JSON.parse(source.textContent));
      } catch (error) {
        el.setAttribute("data-error", String(error));
        window.setTimeout(next, 0);
        return;
      }
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
  /* The bundle and the templates load side by side; the charts are drawn when both are there. */
  function start() {
    var wanted = [];
    if (typeof window.vegaEmbed !== "function" && vegaSrc) { wanted.push(vegaSrc); }
    if (!window.jixiaoChartTemplates && templatesSrc) { wanted.push(templatesSrc); }
    var waiting = wanted.length;
    if (!waiting) { render(); return; }
    wanted.forEach(function (src) {
      var tag = document.createElement("script");
      tag.src = src;
      tag.onload = function () {
        waiting -= 1;
        if (!waiting) { window.setTimeout(render, 0); }
      };
      tag.onerror = function () { failAll("could not load " + src); };
      document.head.appendChild(tag);
    });
  }
  if (document.readyState === "complete") {
    start();
  } else {
    window.addEventListener("load", start);
  }
})();
