/* The 查询 page's worker (jixiao/site/query.py): opens the database with sql.js (vendored beside this
   file, with its licence) and runs read-only queries, off the page's thread.  The page ends this
   worker to stop a query (its time limit or the 停止 button) and starts a new one for the next.

   Read-only twice over: a statement must begin with SELECT, WITH or VALUES (comments skipped),
   checked on the text *before* SQLite prepares it (some PRAGMAs act while being prepared, so
   checking a prepared statement is too late), and PRAGMA query_only = 1, set again before every
   query, makes SQLite refuse any write a WITH … INSERT would try.
   The database is a copy in this worker's memory; nothing reaches the downloaded file.  sql.js
   has no network access of its own; this worker fetches only sql-wasm.wasm, from the site. */
"use strict";
importScripts("sql-wasm.js");

var READS = /^(select|with|values)\b/i;
var db = null;
var opening = null;

/* The statement's text without leading blanks and comments, to read its first keyword. */
function firstWords(sql) {
  var text = sql;
  for (;;) {
    text = text.replace(/^[\s;]+/, "");
    if (text.startsWith("--")) {
      var end = text.indexOf("\n");
      text = end < 0 ? "" : text.slice(end + 1);
    } else if (text.startsWith("/*")) {
      var close = text.indexOf("*/");
      text = close < 0 ? "" : text.slice(close + 2);
    } else {
      return text;
    }
  }
}

function open(bytes) {
  opening = initSqlJs({ locateFile: function (name) { return name; } }).then(function (SQL) {
    db = new SQL.Database(new Uint8Array(bytes));
    db.exec("PRAGMA query_only = 1");
    var version = db.exec("SELECT sqlite_version()")[0].values[0][0];
    postMessage({ type: "ready", sqlite: version });
  });
  opening.catch(function (error) { postMessage({ type: "error", message: "无法打开数据库：" + String(error && error.message || error) }); });
}

function cell(value) {
  if (value instanceof Uint8Array) { return "（二进制，" + value.length + " 字节）"; }
  return value;
}

function run(id, sql, maxRows) {
  var started = performance.now();
  db.exec("PRAGMA query_only = 1");
  var iterator = db.iterateStatements(sql);
  var result = null;
  var statements = 0;
  try {
    for (;;) {
      var next = firstWords(iterator.getRemainingSQL());
      if (!next) { break; }
      if (!READS.test(next)) {
        throw new Error("只能运行查询语句（SELECT、WITH、VALUES），不能运行：" + next.slice(0, 60));
      }
      var item = iterator.next();
      if (item.done) { break; }
      var statement = item.value;
      statements += 1;
      var columns = statement.getColumnNames();
      var rows = [];
      var more = false;
      while (statement.step()) {
        if (rows.length >= maxRows) { more = true; break; }
        rows.push(statement.get().map(cell));
      }
      if (columns.length || result === null) { result = { columns: columns, rows: rows, more: more }; }
    }
  } catch (error) {
    postMessage({ type: "error", id: id, message: String(error && error.message || error) });
    return;
  } finally {
    iterator["return"]();
  }
  if (result === null) {
    postMessage({ type: "error", id: id, message: "没有可运行的语句。" });
    return;
  }
  postMessage({
    type: "result", id: id, columns: result.columns, rows: result.rows, more: result.more,
    statements: statements, milliseconds: performance.now() - started
  });
}

onmessage = function (event) {
  var message = event.data;
  if (message.type === "open") {
    open(message.bytes);
  } else if (message.type === "run") {
    opening.then(function () { run(message.id, message.sql, message.maxRows); }, function () {});
  }
};
