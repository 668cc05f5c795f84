/* The search page: Pagefind UI over the indexes the build wrote into this site (no network
   beyond the site).  Result links are rooted at the site's own address, so search works
   under any subpath; the query comes from ?q= (the search box in every page's header). */
(function () {
  "use strict";
  function start() {
    var el = document.getElementById("search");
    if (!el || typeof window.PagefindUI !== "function") { return; }
    var here = window.location.href;
    var base = new URL(el.getAttribute("data-root"), here).pathname;
    /* One index per slice of the units, merged into the main one (shared pages, UI, WebAssembly). */
    var merge = (el.getAttribute("data-merge") || "").split(" ").filter(Boolean).map(function (href) {
      return { bundlePath: new URL(href, here).pathname, baseUrl: base };
    });
    var ui = new window.PagefindUI({
      element: "#search",
      bundlePath: new URL(el.getAttribute("data-bundle"), here).pathname,
      baseUrl: base,
      mergeIndex: merge,
      showImages: false,
      showSubResults: true,
      pageSize: 20,
      resetStyles: false
    });
    /* Pagefind labels its box with a title only (axe: label-title-only); give it a real name. */
    var box = el.querySelector("input");
    if (box) { box.setAttribute("aria-label", "搜索全站"); }
    var query = new URLSearchParams(window.location.search).get("q");
    var header = document.getElementById("site-search-q");
    if (query) {
      ui.triggerSearch(query);
      if (header) { header.value = query; }
    }
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
