/* The search page: Pagefind's search API over the indexes the build wrote into this site (no
   network beyond the site).  Result links are rooted at the site's own address, so search works
   under any subpath; the query comes from ?q= (the search box in every page's header) or the box
   on this page.

   Every word of a query must be in a result.  Pagefind itself drops a query word it has no
   entry for and matches the rest, so "zzzz不存在" found every page with 不 in it; here the
   query is split at spaces and a page is kept only when its indexed text (or title) contains
   each word as typed, the substring a Chinese reader expects (a name is found whole, however
   the index segmented it).  Pagefind's ranking is kept; the markup and class names are Pagefind
   UI's, so its stylesheet applies. */
(function () {
  "use strict";
  var PAGE_SIZE = 20;
  var SUB_RESULTS = 3;
  var CHECK_BATCH = 40;

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text) { node.textContent = text; }
    return node;
  }

  /* The query's words: split at any space (also the ideographic one), lower case for Latin text. */
  function words(query) {
    return query.toLowerCase().split(/\s+/).filter(Boolean);
  }

  function hasEvery(data, wanted) {
    var text = ((data.meta && data.meta.title) || "") + "\n" + (data.content || "");
    text = text.toLowerCase();
    return wanted.every(function (word) { return text.indexOf(word) !== -1; });
  }

  function start() {
    var box = document.getElementById("search");
    if (!box) { return; }
    var here = window.location.href;
    var base = new URL(box.getAttribute("data-root"), here).pathname;
    var bundle = new URL(box.getAttribute("data-bundle"), here).pathname;
    var merges = (box.getAttribute("data-merge") || "").split(" ").filter(Boolean).map(function (href) {
      return new URL(href, here).pathname;
    });

    var ui = element("div", "pagefind-ui");
    var form = element("form", "pagefind-ui__form");
    var input = element("input", "pagefind-ui__search-input");
    input.type = "search";
    input.name = "q";
    input.setAttribute("aria-label", "搜索词（空格分开的每个词都须出现）");
    input.setAttribute("placeholder", "搜索");
    input.setAttribute("autocomplete", "off");
    form.appendChild(input);
    var drawer = element("div", "pagefind-ui__drawer");
    var message = element("p", "pagefind-ui__message");
    message.setAttribute("role", "status");
    var list = element("ol", "pagefind-ui__results");
    var more = element("button", "pagefind-ui__button", "显示更多结果");
    more.type = "button";
    more.hidden = true;
    drawer.appendChild(message);
    drawer.appendChild(list);
    drawer.appendChild(more);
    ui.appendChild(form);
    ui.appendChild(drawer);
    box.appendChild(ui);

    var pagefind = null;
    function load() {
      if (!pagefind) {
        pagefind = import(bundle + "pagefind.js").then(function (api) {
          return api.options({ baseUrl: base, excerptLength: 30 }).then(function () {
            return merges.reduce(function (done, path) {
              return done.then(function () { return api.mergeIndex(path, { baseUrl: base }); });
            }, Promise.resolve());
          }).then(function () { return api; });
        });
      }
      return pagefind;
    }

    function resultItem(data) {
      var item = element("li", "pagefind-ui__result");
      var inner = element("div", "pagefind-ui__result-inner");
      var title = element("p", "pagefind-ui__result-title");
      var link = element("a", "pagefind-ui__result-link", (data.meta && data.meta.title) || data.url);
      link.href = data.url;
      title.appendChild(link);
      inner.appendChild(title);
      var excerpt = element("p", "pagefind-ui__result-excerpt");
      excerpt.innerHTML = data.excerpt; /* Pagefind's excerpt: the page's text, escaped, with <mark> */
      inner.appendChild(excerpt);
      var subs = (data.sub_results || []).filter(function (sub) {
        return sub.url !== data.url && sub.title !== (data.meta && data.meta.title);
      }).slice(0, SUB_RESULTS);
      subs.forEach(function (sub) {
        var nested = element("div", "pagefind-ui__result-nested");
        var subTitle = element("p", "pagefind-ui__result-title");
        var subLink = element("a", "pagefind-ui__result-link", sub.title);
        subLink.href = sub.url;
        subTitle.appendChild(subLink);
        nested.appendChild(subTitle);
        var subExcerpt = element("p", "pagefind-ui__result-excerpt");
        subExcerpt.innerHTML = sub.excerpt;
        nested.appendChild(subExcerpt);
        inner.appendChild(nested);
      });
      item.appendChild(inner);
      return item;
    }

    var latest = 0;
    function run(query) {
      var ticket = ++latest;
      var wanted = words(query);
      list.textContent = "";
      more.hidden = true;
      if (!wanted.length) { message.textContent = ""; return; }
      message.textContent = "正在搜索“" + query + "”…";
      load().then(function (api) {
        return api.search(query);
      }).then(function (search) {
        var results = (search && search.results) || [];
        var kept = [];
        /* Pagefind ranks; each result's text is read (one small fragment) to keep those with every word. */
        function check(from) {
          if (ticket !== latest) { return null; }
          if (from >= results.length) { return kept; }
          var batch = results.slice(from, from + CHECK_BATCH);
          return Promise.all(batch.map(function (result) { return result.data(); })).then(function (datas) {
            datas.forEach(function (data) { if (hasEvery(data, wanted)) { kept.push(data); } });
            return check(from + CHECK_BATCH);
          });
        }
        return check(0);
      }).then(function (kept) {
        if (!kept || ticket !== latest) { return; }
        message.textContent = kept.length
          ? "找到 " + kept.length + " 个 " + query + " 的相关结果"
          : "未找到 " + query + " 的相关结果";
        var shown = 0;
        function page() {
          kept.slice(shown, shown + PAGE_SIZE).forEach(function (data) { list.appendChild(resultItem(data)); });
          shown = Math.min(kept.length, shown + PAGE_SIZE);
          more.hidden = shown >= kept.length;
        }
        more.onclick = page;
        page();
      }).catch(function () {
        if (ticket === latest) { message.textContent = "搜索索引未能载入，请稍后再试。"; }
      });
    }

    var timer = null;
    input.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(function () { run(input.value.trim()); }, 300);
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      window.clearTimeout(timer);
      run(input.value.trim());
    });

    var query = new URLSearchParams(window.location.search).get("q");
    var header = document.getElementById("site-search-q");
    if (query) {
      input.value = query;
      if (header) { header.value = query; }
      run(query.trim());
    }
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
