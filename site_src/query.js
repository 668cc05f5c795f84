/* The 查询 page (jixiao/site/query.py): SQL over datasets/jixiao.db, run in a Web Worker
   (query-worker.js with sql.js).  The page downloads the whole database once, on the first query
   (a file above data-large bytes only on a second click, its size shown first), keeps the bytes
   and gives each worker a copy, so a query that is stopped (停止, or data-time-limit seconds) ends
   with its worker while the page stays responsive and the next query starts a fresh one.
   Results are written as text (textContent), never as markup; a CSV of them is made in the page.
   The query is in the address (?sql=…), so every result has a link.  Without JavaScript a
   <noscript> style hides the section and the page offers the database as a download.
   Nothing here moves the page as it loads (Lighthouse's layout shift; tests/test_query.py
   measures it): the section is in the page's first layout, not revealed by this script, and
   the size from the HEAD request fills a line of its own (#query-size-value) that the page
   already holds, one line whatever the figure, instead of rewriting the paragraph above the form. */
(function () {
  "use strict";
  var root = document.getElementById("query");
  if (!root) { return; }
  if (!window.Worker || !window.fetch || !window.WebAssembly) { root.hidden = true; return; }
  var form = document.getElementById("query-form");
  var editor = document.getElementById("query-sql");
  var runButton = document.getElementById("query-run");
  var cancelButton = document.getElementById("query-cancel");
  var permalink = document.getElementById("query-permalink");
  var statusLine = document.getElementById("query-status");
  var sizeValue = document.getElementById("query-size-value");
  var results = document.getElementById("query-results");
  var databaseUrl = new URL(root.dataset.database, document.baseURI).href;
  var workerUrl = new URL(root.dataset.worker, document.baseURI).href;
  var timeLimit = Number(root.dataset.timeLimit) * 1000;
  var large = Number(root.dataset.large);
  var displayRows = Number(root.dataset.displayRows);
  var maxRows = Number(root.dataset.maxRows);
  var FORMULA = /^'*[=+\-@\t\r]/;  /* as the site's CSV files: jixiao/opendata/spreadsheet.py */

  var size = null;          /* bytes, from a HEAD request; null when the server does not say */
  var confirmedLarge = false;
  var bytes = null;         /* the database, once downloaded */
  var loading = null;       /* AbortController of the download under way */
  var worker = null;
  var workerReady = null;
  var running = null;       /* {id, timer} */
  var nextId = 1;

  function megabytes(n) { return (n / 1048576).toFixed(1) + " MB"; }

  function setStatus(text, kind) {
    statusLine.textContent = text;
    statusLine.className = "query-status" + (kind ? " " + kind : "");
  }

  function busy(on) {
    runButton.disabled = on;
    cancelButton.disabled = !on;
    root.setAttribute("aria-busy", on ? "true" : "false");
  }

  function linkFor(sql) {
    var url = new URL(window.location.href);
    url.hash = "";
    url.search = "?sql=" + encodeURIComponent(sql);
    return url.pathname + url.search;
  }

  function sqlFromAddress() {
    var params = new URLSearchParams(window.location.search);
    if (params.has("sql")) { return params.get("sql"); }
    var hash = window.location.hash;
    if (hash.indexOf("#sql=") === 0) {
      try { return decodeURIComponent(hash.slice(5)); } catch (error) { return null; }
    }
    return null;
  }

  function updatePermalink() {
    var sql = editor.value.trim();
    permalink.href = sql ? linkFor(sql) : "./";
  }

  /* ------------------------------------------------------------------ the database file */

  function askSize() {
    return fetch(databaseUrl, { method: "HEAD" }).then(function (response) {
      if (!response.ok) { throw new Error("HTTP " + response.status); }
      var length = response.headers.get("Content-Length");
      size = length === null ? null : Number(length);
      sizeValue.textContent = size === null
        ? "数据库大小：服务器未告知。"
        : "数据库大小：" + megabytes(size) + "（" + size.toLocaleString("zh-CN") + " 字节）" +
          (size > large ? "，超过 " + megabytes(large) + "，运行前先请你确认。" : "");
      if (size !== null && size > large) { sizeValue.classList.add("warning"); }
    }, function () {
      sizeValue.textContent = "数据库大小：未能得知。";
    });
  }

  function download() {
    if (bytes) { return Promise.resolve(bytes); }
    loading = new AbortController();
    setStatus("正在下载数据库" + (size ? "（" + megabytes(size) + "）" : "") + "……");
    return fetch(databaseUrl, { signal: loading.signal }).then(function (response) {
      if (!response.ok) { throw new Error("下载数据库失败：HTTP " + response.status); }
      if (!response.body || !size) { return response.arrayBuffer(); }
      var reader = response.body.getReader();
      var parts = [], received = 0;
      function pump() {
        return reader.read().then(function (chunk) {
          if (chunk.done) { return new Blob(parts).arrayBuffer(); }
          parts.push(chunk.value);
          received += chunk.value.length;
          setStatus("正在下载数据库：" + megabytes(received) + " / " + megabytes(size));
          return pump();
        });
      }
      return pump();
    }).then(function (buffer) {
      loading = null;
      bytes = buffer;
      return bytes;
    }, function (error) {
      loading = null;
      throw error;
    });
  }

  /* ------------------------------------------------------------------ the worker */

  function startWorker() {
    if (workerReady) { return workerReady; }
    worker = new Worker(workerUrl);
    var current = worker;
    workerReady = new Promise(function (resolve, reject) {
      current.onmessage = function (event) {
        var message = event.data;
        if (message.type === "ready") { root.dataset.sqlite = message.sqlite; resolve(current); }
        else if (message.type === "error" && message.id === undefined) { reject(new Error(message.message)); }
        else { received(message); }
      };
      current.onerror = function (event) { event.preventDefault(); reject(new Error(event.message || "查询程序出错")); };
    });
    var copy = bytes.slice(0);  /* the page keeps its own copy for the next worker */
    worker.postMessage({ type: "open", bytes: copy }, [copy]);
    return workerReady;
  }

  function stopWorker() {
    if (worker) { worker.terminate(); }
    worker = null;
    workerReady = null;
  }

  function finish() {
    if (running) { clearTimeout(running.timer); }
    running = null;
    busy(false);
  }

  function received(message) {
    if (!running || message.id !== running.id) { return; }
    finish();
    if (message.type === "error") {
      setStatus("查询出错：" + message.message, "error");
      return;
    }
    showResult(message);
  }

  /* ------------------------------------------------------------------ running a query */

  function run(sql) {
    sql = sql.trim();
    if (!sql || running) { return; }
    updatePermalink();
    if (!bytes && size !== null && size > large && !confirmedLarge) {
      confirmedLarge = true;
      setStatus("数据库有 " + megabytes(size) + "，超过 " + megabytes(large) + "。再点一次“运行”即下载整个文件并运行查询。", "warning");
      runButton.textContent = "下载 " + megabytes(size) + " 并运行";
      return;
    }
    runButton.textContent = "运行";
    var id = nextId++;
    running = { id: id, timer: null, sql: sql };
    busy(true);
    download().then(function () {
      if (!running || running.id !== id) { return null; }
      setStatus("正在运行查询……");
      running.timer = setTimeout(function () { stop("查询超过 " + timeLimit / 1000 + " 秒，已停止。请缩小范围（如加 WHERE、LIMIT）后再试。"); }, timeLimit);
      return startWorker().then(function (current) {
        if (running && running.id === id) { current.postMessage({ type: "run", id: id, sql: sql, maxRows: maxRows }); }
      });
    }).catch(function (error) {
      if (!running || running.id !== id) { return; }
      finish();
      stopWorker();
      setStatus(error.name === "AbortError" ? "已停止下载。" : String(error.message || error), "error");
    });
  }

  function stop(text) {
    if (!running) { return; }
    if (loading) { loading.abort(); }
    stopWorker();
    finish();
    setStatus(text, "warning");
  }

  /* ------------------------------------------------------------------ results */

  function display(value) {
    if (value === null) { return ""; }
    return String(value);
  }

  function showResult(message) {
    results.textContent = "";
    var count = message.rows.length;
    var summary = message.more
      ? "结果超过 " + maxRows.toLocaleString("zh-CN") + " 行，只取前 " + maxRows.toLocaleString("zh-CN") + " 行"
      : "共 " + count.toLocaleString("zh-CN") + " 行";
    setStatus(summary + "，用时 " + (message.milliseconds / 1000).toFixed(2) + " 秒。", "done");
    if (!message.columns.length) { return; }

    var actions = document.createElement("p");
    actions.className = "query-actions";
    var csv = document.createElement("a");
    csv.href = URL.createObjectURL(new Blob(["\ufeff" + toCsv(message.columns, message.rows)], { type: "text/csv;charset=utf-8" }));
    csv.download = "query.csv";
    csv.textContent = "下载结果 CSV（" + count.toLocaleString("zh-CN") + " 行）";
    actions.append(csv);
    results.append(actions);

    var scroll = document.createElement("div");
    scroll.className = "table-scroll query-scroll";
    scroll.setAttribute("role", "region");
    scroll.setAttribute("aria-labelledby", "query-result-caption");
    scroll.tabIndex = 0;
    var table = document.createElement("table");
    table.className = "data";
    table.id = "query-result";
    var caption = table.createCaption();
    caption.id = "query-result-caption";
    caption.textContent = "查询结果（" + summary + (count > displayRows ? "，显示前 " + displayRows.toLocaleString("zh-CN") + " 行，全部见 CSV" : "") + "）";
    var head = table.createTHead().insertRow();
    message.columns.forEach(function (name) {
      var th = document.createElement("th");
      th.scope = "col";
      th.textContent = name;
      head.append(th);
    });
    var body = table.createTBody();
    message.rows.slice(0, displayRows).forEach(function (row) {
      var tr = body.insertRow();
      row.forEach(function (value) {
        var td = tr.insertCell();
        td.textContent = display(value);
        if (typeof value === "number") { td.className = "num"; }
        if (value === null) { td.dataset.null = ""; }
      });
    });
    scroll.append(table);
    results.append(scroll);
  }

  function csvField(value) {
    if (value === null) { return ""; }
    var text = String(value);
    if (typeof value === "string" && FORMULA.test(text)) { text = "'" + text; }
    return /[",\r\n]/.test(text) ? '"' + text.replace(/"/g, '""') + '"' : text;
  }

  function toCsv(columns, rows) {
    var lines = [columns.map(csvField).join(",")];
    rows.forEach(function (row) { lines.push(row.map(csvField).join(",")); });
    return lines.join("\n") + "\n";
  }

  /* ------------------------------------------------------------------ wiring */

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var sql = editor.value.trim();
    if (sql) { history.replaceState(null, "", linkFor(sql)); }
    run(editor.value);
  });
  editor.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      form.requestSubmit();
    }
  });
  editor.addEventListener("input", updatePermalink);
  cancelButton.addEventListener("click", function () { stop("已停止。"); });
  document.querySelectorAll("a.query-run-example").forEach(function (link) {
    link.addEventListener("click", function (event) {
      if (event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) { return; }
      var sql = new URL(link.href).searchParams.get("sql");
      if (sql === null) { return; }
      event.preventDefault();
      if (running) { stop("已停止上一个查询。"); }
      editor.value = sql;
      history.pushState(null, "", linkFor(sql));
      root.scrollIntoView({ block: "start" });
      run(sql);
    });
  });
  window.addEventListener("popstate", function () {
    var sql = sqlFromAddress();
    if (sql !== null && sql !== editor.value) {
      if (running) { stop("已停止上一个查询。"); }
      editor.value = sql;
      run(sql);
    }
  });

  var initial = sqlFromAddress();
  askSize().then(function () {
    if (initial !== null) {
      editor.value = initial;
      run(initial);
    }
  });
  if (initial !== null) { editor.value = initial; }
  updatePermalink();
})();
