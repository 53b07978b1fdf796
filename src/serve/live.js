// kennis serve's live reload: served at __kennis/live.js and injected into HTML responses
// only (never into the site's files). It asks the server what changed since the version the
// page was served at, reloads when its own page, a stylesheet or a script changed (keeping
// the scroll position), and lists every problem the site has in an overlay.
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script || !window.fetch || !window.URL) return;
  var newsUrl = new URL("news", script.src);
  var version = script.getAttribute("data-version") || "0";
  var run = script.getAttribute("data-run") || "";
  var page = script.getAttribute("data-page") || "";
  var scrollKey = "kennis-serve-scroll";
  var dismissedKey = "kennis-serve-dismissed";
  var retry = 250;

  function storage() {
    try { return window.sessionStorage; } catch (e) { return null; }
  }

  function restoreScroll() {
    var store = storage();
    if (!store) return;
    var saved = null;
    try { saved = JSON.parse(store.getItem(scrollKey) || "null"); } catch (e) { saved = null; }
    store.removeItem(scrollKey);
    if (!saved || saved.path !== location.pathname) return;
    var apply = function () { window.scrollTo(saved.x, saved.y); };
    if (document.readyState === "complete") apply(); else window.addEventListener("load", apply);
    apply();
  }

  function reload() {
    var store = storage();
    if (store) {
      store.setItem(scrollKey, JSON.stringify({ path: location.pathname, x: window.scrollX, y: window.scrollY }));
    }
    location.reload();
  }

  function showsThisPage(changed) {
    if (changed === null) return true;
    for (var i = 0; i < changed.length; i++) {
      var path = changed[i];
      // The page, or a stylesheet or script it may load; the search index's files are
      // scripts too, but a page only loads them on a query, so their change reloads nothing.
      if (path === page || (/\.(css|js)$/.test(path) && path.indexOf("search/") !== 0)) return true;
    }
    return false;
  }

  // The overlay: built with DOM calls and textContent only, in a shadow root so that the
  // site's styles neither reach it nor are reached by it.
  var host = null;

  function removeOverlay() {
    if (host) { host.remove(); host = null; }
  }

  function element(tag, style, text) {
    var node = document.createElement(tag);
    if (style) node.setAttribute("style", style);
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function showProblems(problems) {
    var signature = JSON.stringify(problems);
    var store = storage();
    if (!problems.length) {
      removeOverlay();
      if (store) store.removeItem(dismissedKey);
      return;
    }
    if (store && store.getItem(dismissedKey) === signature) { removeOverlay(); return; }
    if (host && host.getAttribute("data-problems") === signature) return;
    removeOverlay();
    host = element("div");
    host.id = "kennis-serve-problems";
    host.setAttribute("data-problems", signature);
    var root = host.attachShadow ? host.attachShadow({ mode: "open" }) : host;
    var panel = element("section",
      "position:fixed;z-index:2147483647;left:0;right:0;bottom:0;max-height:50vh;overflow:auto;" +
      "margin:0;padding:12px 16px;background:#fff8f6;color:#1a1a1a;border-top:3px solid #b3261e;" +
      "font:14px/1.45 system-ui,sans-serif;box-shadow:0 -4px 16px rgba(0,0,0,.25)");
    panel.setAttribute("role", "alert");
    var heading = element("div", "display:flex;align-items:center;gap:12px;margin-bottom:6px");
    var errors = problems.filter(function (p) { return p.severity === "error"; }).length;
    var title = errors ? (errors === 1 ? "1 error" : errors + " errors") : "";
    var warnings = problems.length - errors;
    if (warnings) title += (title ? ", " : "") + (warnings === 1 ? "1 warning" : warnings + " warnings");
    heading.appendChild(element("strong", "flex:1", "kennis: " + title + " (the last good version is shown)"));
    var close = element("button", "font:inherit;cursor:pointer;padding:2px 10px", "Dismiss");
    close.type = "button";
    close.addEventListener("click", function () {
      if (store) store.setItem(dismissedKey, signature);
      removeOverlay();
    });
    heading.appendChild(close);
    panel.appendChild(heading);
    var list = element("ol", "margin:0;padding-left:20px");
    problems.forEach(function (problem) {
      var item = element("li", "margin:4px 0");
      item.className = "problem";
      var where = problem.file ? problem.file + ":" + problem.line + ":" + problem.column : "";
      if (where) item.appendChild(element("code", "font-weight:600;margin-right:8px", where));
      var color = problem.severity === "error" ? "#b3261e" : "#7a5900";
      item.appendChild(element("span", "color:" + color + ";margin-right:6px", problem.severity + ":"));
      item.appendChild(element("span", "", problem.message));
      if (problem.hint) item.appendChild(element("div", "color:#444;margin-left:12px", "hint: " + problem.hint));
      list.appendChild(item);
    });
    panel.appendChild(list);
    root.appendChild(panel);
    document.body.appendChild(host);
  }

  // A browser opens at most six connections to one server, and each tab's poll holds one:
  // only a visible tab polls, so that many open tabs never stall the one being read. A tab
  // shown again asks at once what changed while it was hidden.
  var asking = null;
  var waiting = null;

  function stop() {
    if (asking) { asking.abort(); asking = null; }
    if (waiting) { clearTimeout(waiting); waiting = null; }
  }

  function ask(wait) {
    stop();
    if (document.hidden) return;
    var url = newsUrl.href + "?v=" + encodeURIComponent(version) + "&run=" + encodeURIComponent(run) +
      "&page=" + encodeURIComponent(page) + (wait ? "" : "&wait=0");
    var mine = window.AbortController ? new AbortController() : { abort: function () {} };
    asking = mine;
    fetch(url, { cache: "no-store", signal: mine.signal })
      .then(function (response) {
        if (!response.ok) throw new Error("news: " + response.status);
        return response.json();
      })
      .then(function (news) {
        if (asking !== mine) return;
        asking = null;
        retry = 250;
        if (news.run !== run || showsThisPage(news.changed)) { reload(); return; }
        version = String(news.version);
        showProblems(news.problems || []);
        ask(true);
      })
      .catch(function () {
        if (asking !== mine) return;
        asking = null;
        // The server stopped or is restarting: ask again, less and less often.
        waiting = setTimeout(function () { waiting = null; ask(true); }, retry);
        retry = Math.min(retry * 2, 5000);
      });
  }

  document.addEventListener("visibilitychange", function () {
    if (document.hidden) stop(); else ask(false);
  });
  restoreScroll();
  ask(false);
})();
