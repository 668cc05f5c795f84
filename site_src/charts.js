/* Render every chart on the page from its embedded payload with Vega (no network, no Vega-Lite).
   Vega (assets/vega.js, about 175 KB gzipped) is fetched after the page has loaded and only when a
   chart comes near the screen (start), so the text and tables appear, and respond, first on a
   slow phone; each chart's box keeps its height meanwhile.
   A chart is embedded compactly: the name of its template (assets/chart-templates.js, loaded with
   Vega: the Vega-Lite templates of jixiao/site/charts.py compiled to Vega at development time), its
   colours and its data (a row chart's as one list per drawn line); expand() fills them into the
   template exactly as charts.py's vega_spec() does (tests/test_chart_specs.py checks that this is what
   Vega-Lite compiles). */
(function () {
  "use strict";
  var script = document.currentScript;
  var vegaSrc = script ? script.getAttribute("data-vega") : null;
  var templatesSrc = script ? script.getAttribute("data-templates") : null;
  /* Label lines are wrapped by the build for a phone (charts.py wrap, 24 characters); a wider chart
     joins each label's lines again and wraps them to the width it has, the same way: never inside a
     number or another ASCII run, never before closing punctuation. */
  var WRAP = 24;
  var CHARACTER_PX = 12.6;  /* one CJK character of the 12 px label font, with a little room */
  var TOKEN = /[\x21-\x7e\u00a0]+ ?| |[\s\S]/g;
  var NO_LINE_START = "，。、；：）》」』】％%,.;:)";
  var OPENERS = "（《「『【(";
  function cost(text) {
    var n = 0;
    for (var i = 0; i < text.length; i++) { n += text.charCodeAt(i) > 0x2E7F ? 1 : 0.55; }
    return n;
  }
  function wrap(text, width) {
    var tokens = [];
    (text.match(TOKEN) || []).forEach(function (token) {
      var last = tokens.length ? tokens[tokens.length - 1] : null;
      if (last !== null && (NO_LINE_START.indexOf(token[0]) >= 0 || OPENERS.indexOf(last[last.length - 1]) >= 0)) {
        tokens[tokens.length - 1] = last + token;
      } else {
        tokens.push(token);
      }
    });
    var lines = [], line = "", used = 0;
    tokens.forEach(function (token) {
      if (used + cost(token) > width && line.trim()) { lines.push(line); line = ""; used = 0; }
      while (cost(token) > width && token.length > 1) {
        var cut = Math.max(1, Math.floor((width - used) / 0.55));
        lines.push(line + token.slice(0, cut));
        token = token.slice(cut); line = ""; used = 0;
      }
      line += token;
      used += cost(token);
    });
    if (line || !lines.length) { lines.push(line); }
    return lines;
  }
  function rewrap(lines, width) {
    if (width >= WRAP && width <= WRAP * 1.25) { return lines; }
    var out = [], i = 0;
    while (i < lines.length) {
      var kind = lines[i][0];
      if (kind !== "h" && kind !== "l") { out.push(lines[i]); i += 1; continue; }
      var text = "";
      while (i < lines.length && lines[i][0] === kind) { text += lines[i][1]; i += 1; }
      wrap(text, width).forEach(function (part) { out.push([kind, part]); });
    }
    return out;
  }
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
  var SOURCE = "source_0";  /* the data set Vega-Lite compiles a chart's own data to (charts.py SOURCE_DATA) */
  function expand(payload, width) {
    var template = (window.jixiaoChartTemplates || {})[payload.template];
    if (!template) { throw new Error("no chart template " + payload.template); }
    var spec = JSON.parse(JSON.stringify(template));
    spec.scales.forEach(function (scale) {
      if (scale.name === "color") { scale.domain = payload.color[0]; scale.range = payload.color[1]; }
    });
    if (payload.color.length > 2) {
      (spec.legends || []).forEach(function (legend) { legend.values = payload.color[2]; });
    }
    var values = payload.lines ? records(rewrap(payload.lines, width)) : payload.values;
    spec.data.forEach(function (data) { if (data.name === SOURCE) { data.values = values; } });
    return { spec: spec, values: values };
  }
  /* Tooltips (the scatter's): a box beside the pointer listing the fields Vega passes, as text. */
  var tip = null;
  function tooltip(handler, event, item, value) {
    if (!tip) {
      tip = document.createElement("div");
      tip.className = "chart-tooltip";
      tip.setAttribute("role", "tooltip");
      document.body.appendChild(tip);
    }
    if (value === null || value === undefined || value === "") { tip.hidden = true; return; }
    tip.textContent = "";
    var fields = typeof value === "object" ? Object.keys(value).map(function (key) { return [key, value[key]]; })
      : [[null, value]];
    fields.forEach(function (field) {
      var line = document.createElement("div");
      line.textContent = (field[0] === null ? "" : field[0] + "：") + String(field[1]);
      tip.appendChild(line);
    });
    tip.hidden = false;
    var x = event.clientX + 12, y = event.clientY + 12;
    var room = document.documentElement.clientWidth - tip.offsetWidth - 4;
    tip.style.left = Math.max(4, Math.min(x, room)) + "px";
    tip.style.top = y + "px";
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
  var views = {};
  function percentText(value) { return value.toFixed(2) + "%"; }
  /* A tap or click on a point (or on the count beside a spot) lists every evaluation drawn at that
     spot, with links, in the panel marked data-details-for the chart: touch screens have no hover. */
  function details(el, view, values) {
    var panel = document.querySelector('[data-details-for="' + el.id + '"]');
    if (!panel || !values) { return; }
    view.addEventListener("click", function (event, item) {
      var datum = item && item.datum;
      if (!datum || typeof datum.x !== "number" || typeof datum.y !== "number") { return; }
      var year = el.getAttribute("data-year") || "0";
      var here = values.filter(function (v) {
        return v.x === datum.x && v.y === datum.y && (year === "0" || String(v["年度"]) === year);
      });
      if (!here.length) { return; }
      panel.textContent = "";
      var head = document.createElement("p");
      head.textContent = "执行率 " + percentText(datum.x) + "、得分 " + datum.y + "：" + here.length + " 份评价";
      var list = document.createElement("ul");
      here.forEach(function (v) {
        var entry = document.createElement("li");
        var link = document.createElement("a");
        link.href = v.href;
        link.textContent = v["名称"];
        entry.appendChild(link);
        list.appendChild(entry);
      });
      panel.appendChild(head);
      panel.appendChild(list);
    });
  }
  /* A year select (data-filter-rows: the table whose rows carry data-year; data-chart and
     data-param: the chart parameter it sets) shows one year in the table and the chart. */
  function filters() {
    document.querySelectorAll("select[data-filter-rows]").forEach(function (select) {
      var table = document.getElementById(select.getAttribute("data-filter-rows"));
      var status = select.parentNode.querySelector("[role=status]");
      select.parentNode.hidden = false;
      select.addEventListener("change", function () {
        var year = select.value;
        var shown = 0;
        if (table) {
          Array.prototype.forEach.call(table.querySelectorAll("tbody tr[data-year]"), function (row) {
            row.hidden = year !== "0" && row.getAttribute("data-year") !== year;
            if (!row.hidden) { shown += 1; }
          });
        }
        if (status) { status.textContent = year === "0" ? "" : "表中显示 " + year + " 年度的 " + shown + " 份评价"; }
        var chartId = select.getAttribute("data-chart");
        var el = chartId && document.getElementById(chartId);
        if (el) {
          el.setAttribute("data-year", year);
          el.setAttribute("data-year-param", select.getAttribute("data-param"));
          var drawn = views[chartId];
          if (drawn) { drawn.view.signal(select.getAttribute("data-param"), Number(year)).runAsync(); }
        }
      });
    });
  }
  /* One chart per task, so a phone stays responsive while several charts are drawn. */
  var queue = [];
  var drawing = false;
  function draw(el) {
    if (el.hasAttribute("data-queued")) { return; }
    el.setAttribute("data-queued", "");
    queue.push(el);
    if (!drawing) { drawing = true; window.setTimeout(next, 0); }
  }
  /* Each chart is drawn in steps, each in a task of its own (a phone's processor is four times slower than a
     laptop's, and every task over 50 ms blocks a tap): the spec is parsed; the view is made; its dataflow
     runs (scales, layout, text measured) with no renderer; then it is drawn as SVG.  A step may return a
     promise; one that throws or rejects marks the chart (data-error) and the queue moves on. */
  function steps(el, work) {
    var index = 0, state = {};
    function fail(error) {
      el.setAttribute("data-error", String(error));
      window.setTimeout(next, 0);
    }
    function step() {
      var result;
      try {
        result = work[index](state);
      } catch (error) {
        fail(error);
        return;
      }
      index += 1;
      Promise.resolve(result).then(function () {
        window.setTimeout(index < work.length ? step : next, 0);
      }, fail);
    }
    step();
  }
  function next() {
    var el = queue.shift();
    if (!el) { drawing = false; return; }
    var source = document.getElementById(el.getAttribute("data-spec"));
    if (!source) { next(); return; }
    steps(el, [
      function (state) {
        state.expanded = expand(JSON.parse(source.textContent), Math.max(8, Math.floor((el.clientWidth - 8) / CHARACTER_PX)));
        state.runtime = window.vega.parse(state.expanded.spec);
      },
      function (state) {
        state.view = new window.vega.View(state.runtime, { renderer: "none" });
        state.view.tooltip(tooltip);
        /* Vega labels the element it draws into ("Vega visualization"): give it a child, keep our role="img". */
        state.target = document.createElement("div");
        el.appendChild(state.target);
        state.view.initialize(state.target);  /* the container, whose width the chart takes */
      },
      function (state) {
        return state.view.runAsync();
      },
      function (state) {
        var view = state.view;
        view.renderer("svg").initialize(state.target, state.target.querySelector("form.vega-bindings"));
        return view.runAsync().then(function () {
          exportButtons(el, view);
          views[el.id] = { view: view };
          if (el.getAttribute("data-year-param")) {  /* a year chosen before the chart was drawn */
            view.signal(el.getAttribute("data-year-param"), Number(el.getAttribute("data-year"))).runAsync();
          }
          details(el, view, state.expanded.values);
          el.style.minHeight = "";
          el.setAttribute("data-rendered", "true");
        });
      }
    ]);
  }
  /* The bundle and the templates load side by side, once, when the first chart is wanted. */
  var loading = null;
  function load() {
    if (!loading) {
      loading = new Promise(function (resolve, reject) {
        var wanted = [];
        if (!window.vega && vegaSrc) { wanted.push(vegaSrc); }
        if (!window.jixiaoChartTemplates && templatesSrc) { wanted.push(templatesSrc); }
        var waiting = wanted.length;
        if (!waiting) { resolve(); return; }
        wanted.forEach(function (src) {
          var tag = document.createElement("script");
          tag.src = src;
          tag.onload = function () { waiting -= 1; if (!waiting) { resolve(); } };
          tag.onerror = function () { reject(new Error("could not load " + src)); };
          document.head.appendChild(tag);
        });
      }).then(function () {
        if (!window.vega || typeof window.vega.View !== "function") { throw new Error("vega.js did not load"); }
      });
      loading.catch(function (error) { failAll(String(error.message || error)); });
    }
    return loading;
  }
  function want(el) {
    load().then(function () { draw(el); }, function () {});
  }
  /* Every chart now, whatever is on screen: before printing, and for tools that check every chart. */
  function drawAll() {
    var all = Array.prototype.slice.call(document.querySelectorAll(".chart-view[data-spec]"));
    all.forEach(want);
    return load().then(function () { return all.length; });
  }
  window.jixiaoDrawAllCharts = drawAll;
  window.addEventListener("beforeprint", drawAll);
  /* A chart is drawn when it comes within a screen's third of the window: Vega (about 175 KB
     gzipped, and a second of a phone's processor to start) is fetched only when a reader scrolls to a
     chart, so a page whose charts are below the fold is read, and used, at once. */
  function start() {
    var charts = Array.prototype.slice.call(document.querySelectorAll(".chart-view[data-spec]"));
    if (!charts.length) { return; }
    if (typeof window.IntersectionObserver !== "function") { charts.forEach(want); return; }
    var observer = new window.IntersectionObserver(function (entries) {
      entries.forEach(function (entry) {
        if (entry.isIntersecting) { observer.unobserve(entry.target); want(entry.target); }
      });
    }, { rootMargin: "300px 0px" });
    charts.forEach(function (el) { observer.observe(el); });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", filters);
  } else {
    filters();
  }
  if (document.readyState === "complete") {
    start();
  } else {
    window.addEventListener("load", start);
  }
})();
