/* Compile the chart templates from Vega-Lite to Vega at development time, so pages load Vega alone.

   node tools/compile_charts.js VEGA_MIN_JS VEGA_LITE_MIN_JS < templates.json > compiled.json

   Reads {name: Vega-Lite spec} on stdin and writes {name: Vega spec} on stdout (keys sorted, one-space
   indent), compiled by the vendored Vega-Lite (tools/vega-lite/, pinned; it needs the vendored Vega)
   exactly as vega-embed compiled them in the browser before.  Run through jixiao/site/charts.py
   (write_stored_specs), which checks both files' SHA-256 first; tests/test_chart_specs.py runs it again
   and fails when the stored Vega differs. */
"use strict";
const fs = require("fs");
const vm = require("vm");

/* A UMD build as a CommonJS module, with the one module it may require. */
function load(file, modules) {
  const module = { exports: {} };
  const source = "(function (exports, require, module) {" + fs.readFileSync(file, "utf8") + "\n})";
  const wrapper = vm.runInThisContext(source, { filename: file });
  wrapper(module.exports, function (name) {
    if (!(name in modules)) { throw new Error(file + " requires " + name); }
    return modules[name];
  }, module);
  return module.exports;
}

function sorted(value) {
  if (Array.isArray(value)) { return value.map(sorted); }
  if (value && typeof value === "object") {
    const out = {};
    Object.keys(value).sort().forEach(function (key) { out[key] = sorted(value[key]); });
    return out;
  }
  return value;
}

const vega = load(process.argv[2], {});
const vegaLite = load(process.argv[3], { vega: vega });
const templates = JSON.parse(fs.readFileSync(0, "utf8"));
const warnings = [];
const logger = {
  level: function () { return logger; },
  error: function (...args) { throw new Error(args.join(" ")); },
  warn: function (...args) { warnings.push(args.join(" ")); return logger; },
  info: function () { return logger; },
  debug: function () { return logger; },
};
const compiled = {};
Object.keys(templates).forEach(function (name) {
  compiled[name] = vegaLite.compile(templates[name], { logger: logger }).spec;
});
process.stdout.write(JSON.stringify(sorted(compiled), null, 1) + "\n");
