/* The 全部文件（zip） button of a package: the browser fetches the package's published files
   (the same files the page lists, each stored once on the site) and packs them into one zip,
   as tests/test_browser.py's _zip_stored does with Python's zipfile: entries sorted, under
   "<package id>/", dated 1980-01-01 00:00, mode 644: the same bytes.  Without JavaScript the
   button stays hidden and every file is still a link. */
(function () {
  "use strict";
  var TABLE = [];
  for (var n = 0; n < 256; n++) {
    var c = n;
    for (var k = 0; k < 8; k++) { c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1; }
    TABLE[n] = c >>> 0;
  }
  function crc32(bytes) {
    var crc = 0xffffffff;
    for (var i = 0; i < bytes.length; i++) { crc = TABLE[(crc ^ bytes[i]) & 0xff] ^ (crc >>> 8); }
    return (crc ^ 0xffffffff) >>> 0;
  }
  var DOS_DATE = (0 << 9) | (1 << 5) | 1;  /* 1980-01-01 */
  function header(size, fields) {
    var view = new DataView(new ArrayBuffer(size));
    fields.forEach(function (field) {
      if (field[1] === 4) { view.setUint32(field[0], field[2], true); } else { view.setUint16(field[0], field[2], true); }
    });
    return view.buffer;
  }
  /* entries: [{name, bytes}] in order; a zip without compression (the CSVs are small). */
  function zip(entries) {
    var encoder = new TextEncoder();
    var parts = [], central = [], offset = 0, centralSize = 0;
    entries.forEach(function (entry) {
      var name = encoder.encode(entry.name), size = entry.bytes.length, crc = crc32(entry.bytes);
      var flags = /[^\x00-\x7f]/.test(entry.name) ? 0x0800 : 0;  /* the UTF-8 flag, as Python sets it */
      parts.push(header(30, [
        [0, 4, 0x04034b50], [4, 2, 20], [6, 2, flags], [8, 2, 0], [10, 2, 0], [12, 2, DOS_DATE],
        [14, 4, crc], [18, 4, size], [22, 4, size], [26, 2, name.length], [28, 2, 0]
      ]), name, entry.bytes);
      central.push(header(46, [
        [0, 4, 0x02014b50], [4, 2, 0x0314], [6, 2, 20], [8, 2, flags], [10, 2, 0], [12, 2, 0],
        [14, 2, DOS_DATE], [16, 4, crc], [20, 4, size], [24, 4, size], [28, 2, name.length],
        [30, 2, 0], [32, 2, 0], [34, 2, 0], [36, 2, 0], [38, 4, 0x01a40000], [42, 4, offset]
      ]), name);
      offset += 30 + name.length + size;
      centralSize += 46 + name.length;
    });
    var end = header(22, [
      [0, 4, 0x06054b50], [4, 2, 0], [6, 2, 0], [8, 2, entries.length], [10, 2, entries.length],
      [12, 4, centralSize], [16, 4, offset], [20, 2, 0]
    ]);
    return new Blob(parts.concat(central, [end]), { type: "application/zip" });
  }
  function fetchBytes(url) {
    return fetch(url).then(function (response) {
      if (!response.ok) { throw new Error(url + ": " + response.status); }
      return response.arrayBuffer();
    }).then(function (buffer) { return new Uint8Array(buffer); });
  }
  function pack(button) {
    var base = button.getAttribute("data-base"), root = button.getAttribute("data-root");
    var names = button.getAttribute("data-files").split(" ").sort();
    button.disabled = true;
    Promise.all(names.map(function (name) { return fetchBytes(base + name); })).then(function (contents) {
      var blob = zip(names.map(function (name, i) { return { name: root + "/" + name, bytes: contents[i] }; }));
      var link = document.createElement("a");
      link.href = URL.createObjectURL(blob);
      link.download = button.getAttribute("data-name");
      document.body.appendChild(link);
      link.click();
      link.remove();
      window.setTimeout(function () { URL.revokeObjectURL(link.href); }, 60000);
    }).catch(function (error) {
      button.setAttribute("data-error", String(error));
    }).then(function () { button.disabled = false; });
  }
  document.querySelectorAll("button.zip-download").forEach(function (button) {
    button.addEventListener("click", function () { pack(button); });
    button.parentNode.hidden = false;
  });
})();
