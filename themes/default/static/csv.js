// Files the pages make for the user to keep: CSV tables (sop.js's run export, collect.js's
// summary) and the download itself. One home for the CSV rules, so every export guards
// against formulas the same way. Load it before the scripts that use it.
(function (global) {
  "use strict";

  // A cell that starts like a formula would run in Excel: prefix it with an apostrophe.
  function cell(value) {
    var s = value == null ? "" : String(value);
    if (/^[=+\-@\t\r]/.test(s) && !/^-?\d+(\.\d+)?$/.test(s)) s = "'" + s;
    return '"' + s.replace(/"/g, '""') + '"';
  }

  // Rows of values → the text of a CSV file: UTF-8 with a byte-order mark, so Excel opens
  // Chinese text correctly, and CRLF line ends.
  function text(rows) {
    return "\uFEFF" + rows.map(function (row) { return row.map(cell).join(","); }).join("\r\n") + "\r\n";
  }

  // Hand `content` to the browser as a file named `name` (no server: a blob URL).
  function download(name, type, content) {
    var url = URL.createObjectURL(new Blob([content], { type: type }));
    var a = document.createElement("a");
    a.href = url;
    a.download = name;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
  }

  global.lectern = global.lectern || {};
  global.lectern.csv = { cell: cell, text: text };
  global.lectern.download = download;
})(window);
