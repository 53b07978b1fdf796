// kennis default theme: small enhancements only; every page works without this script.
// - a "copy" button on code blocks (labels from data-copy-* attributes on <body>)
// - wide code blocks become keyboard-scrollable
// - respond buttons name their new file at click time (date and a random part), and date
//   it today where the site has no git history
// No network requests.
(function () {
  "use strict";

  var body = document.body;
  var labels = {
    copy: body.getAttribute("data-copy-label") || "Copy",
    copied: body.getAttribute("data-copied-label") || "Copied",
    failed: body.getAttribute("data-copy-failed-label") || "Copy failed"
  };

  // One polite live region announces the result to screen readers.
  var status = document.createElement("span");
  status.className = "visually-hidden";
  status.setAttribute("role", "status");
  body.appendChild(status);

  function announce(text) {
    status.textContent = "";
    window.setTimeout(function () { status.textContent = text; }, 50);
  }

  // Clipboard API when available (needs https or localhost), else a hidden textarea.
  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text);
    }
    return new Promise(function (resolve, reject) {
      var area = document.createElement("textarea");
      area.value = text;
      area.setAttribute("readonly", "");
      area.style.position = "fixed";
      area.style.opacity = "0";
      body.appendChild(area);
      area.select();
      var ok = false;
      try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
      body.removeChild(area);
      if (ok) { resolve(); } else { reject(new Error("copy failed")); }
    });
  }

  function enhance(pre) {
    if (pre.parentNode && pre.parentNode.classList && pre.parentNode.classList.contains("code-block")) {
      return;
    }
    var wrapper = document.createElement("div");
    wrapper.className = "code-block";
    pre.parentNode.insertBefore(wrapper, pre);
    wrapper.appendChild(pre);

    var button = document.createElement("button");
    button.type = "button";
    button.className = "copy-button";
    button.textContent = labels.copy;
    var timer = null;
    button.addEventListener("click", function () {
      var code = pre.querySelector("code") || pre;
      copyText(code.textContent.replace(/\n$/, "")).then(function () {
        button.textContent = labels.copied;
        announce(labels.copied);
      }, function () {
        button.textContent = labels.failed;
        announce(labels.failed);
      }).then(function () {
        button.classList.add("is-done");
        window.clearTimeout(timer);
        timer = window.setTimeout(function () {
          button.textContent = labels.copy;
          button.classList.remove("is-done");
        }, 2000);
      });
    });
    wrapper.appendChild(button);

    // A scrollable region must be reachable by keyboard.
    if (pre.scrollWidth > pre.clientWidth + 1 && !pre.hasAttribute("tabindex")) {
      pre.setAttribute("tabindex", "0");
    }
  }

  var blocks = document.querySelectorAll("pre.code");
  for (var i = 0; i < blocks.length; i++) {
    enhance(blocks[i]);
  }

  // Respond buttons: the link opens the git host's editor on a new file under a dated
  // name the build knew to be free. When it is followed, the name becomes today's date
  // and a short random part, so two readers answering the same day never pick one name.
  // Only attributes are read and only the href is written.
  function two(n) { return (n < 10 ? "0" : "") + n; }

  function randomPart() {
    var letters = "abcdefghijkmnpqrstuvwxyz23456789";
    var values = new Uint8Array(4);
    if (window.crypto && window.crypto.getRandomValues) {
      window.crypto.getRandomValues(values);
    } else {
      for (var k = 0; k < values.length; k++) { values[k] = Math.floor(Math.random() * 256); }
    }
    var part = "";
    for (var j = 0; j < values.length; j++) { part += letters.charAt(values[j] % letters.length); }
    return part;
  }

  function today() {
    var now = new Date();
    return now.getFullYear() + "-" + two(now.getMonth() + 1) + "-" + two(now.getDate());
  }

  function freshName(link) {
    if (link.getAttribute("data-named") === "1") { return; }
    var day = today();
    var name = link.getAttribute("data-new-file-prefix") + "-" + day + "-" + randomPart();
    // Without git history the content carries its date: "%7Bdate%7D" is "{date}" encoded.
    link.href = link.getAttribute("data-new-file-url").split("{name}").join(encodeURIComponent(name))
      .split("%7Bdate%7D").join(day);
    link.setAttribute("data-named", "1");
  }

  // Without git history the text to paste (for an editor that takes no content from the
  // URL) says `date:` the day the build knew; it becomes today, as the name does.
  var pastes = document.querySelectorAll("pre.respond-text code");
  for (var p = 0; p < pastes.length; p++) {
    pastes[p].textContent = pastes[p].textContent.replace(/^date: .*$/m, "date: " + today());
  }

  var responds = document.querySelectorAll("a[data-new-file-url]");
  for (var r = 0; r < responds.length; r++) {
    (function (link) {
      var rename = function () { freshName(link); };
      link.addEventListener("click", rename);
      link.addEventListener("auxclick", rename);
      link.addEventListener("contextmenu", rename);
    })(responds[r]);
  }
})();
