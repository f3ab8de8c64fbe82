// folio preview only (never in the built edition): reloads the page when the manuscript changes and
// shows the check messages (errors and warnings) in an overlay. Events come from the preview server
// as Server-Sent Events: `reload` ({pages, ms}) and `diagnostics` ([Diagnostic]).
(function () {
  'use strict';
  var SCROLL_KEY = 'folio-preview-scroll:' + location.pathname;
  var saved = sessionStorage.getItem(SCROLL_KEY);
  if (saved !== null) {
    sessionStorage.removeItem(SCROLL_KEY);
    window.addEventListener('load', function () { window.scrollTo(0, Number(saved)); });
  }

  var events = new EventSource('/__folio/events');
  events.addEventListener('reload', function () {
    sessionStorage.setItem(SCROLL_KEY, String(window.scrollY));
    location.reload();
  });
  events.addEventListener('diagnostics', function (event) {
    show(JSON.parse(event.data).filter(function (d) { return d.severity !== 'info'; }));
  });

  var overlay = null;
  function show(diagnostics) {
    if (overlay) overlay.remove();
    overlay = null;
    if (diagnostics.length === 0) return;
    overlay = document.createElement('aside');
    overlay.id = 'folio-preview-overlay';
    overlay.setAttribute('role', 'status');
    overlay.setAttribute('aria-label', 'folio check');
    overlay.style.cssText = 'position:fixed;right:1rem;bottom:1rem;z-index:1000;max-width:min(40rem,calc(100vw - 2rem));max-height:50vh;overflow:auto;' +
      'padding:.8rem 1rem;background:#fff;color:#1f1d1a;border:2px solid #8a2a12;border-radius:.4rem;box-shadow:0 .3rem 1.2rem rgb(0 0 0/25%);' +
      'font:14px/1.5 FolioSans,sans-serif;text-align:left';
    var close = document.createElement('button');
    close.type = 'button';
    close.textContent = '×';
    close.setAttribute('aria-label', 'close');
    close.style.cssText = 'float:right;border:0;background:none;font-size:1.2rem;cursor:pointer';
    close.onclick = function () { overlay.remove(); overlay = null; };
    var list = document.createElement('ul');
    list.style.cssText = 'margin:0;padding:0;list-style:none';
    diagnostics.forEach(function (d) {
      var item = document.createElement('li');
      item.style.cssText = 'margin:.2rem 0;text-indent:0';
      var where = document.createElement('code');
      where.textContent = d.file + ':' + d.line + ':' + d.column;
      var severity = document.createElement('strong');
      severity.textContent = d.severity + ' ';
      severity.style.color = d.severity === 'error' ? '#a11' : '#7a5200';
      item.append(severity, where, ' ' + d.message + ' ', Object.assign(document.createElement('small'), { textContent: d.ruleId }));
      list.appendChild(item);
    });
    overlay.append(close, list);
    document.body.appendChild(overlay);
  }
})();
