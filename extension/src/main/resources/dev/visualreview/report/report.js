(function () {
  "use strict";
  var cards = Array.prototype.slice.call(document.querySelectorAll("section.snap"));
  var buttons = Array.prototype.slice.call(document.querySelectorAll("#filters button"));
  var shown = document.getElementById("shown");
  var empty = document.getElementById("empty");
  var served = document.body.getAttribute("data-served") === "true";
  var tokenMeta = document.querySelector("meta[name=review-token]");
  var token = tokenMeta ? tokenMeta.getAttribute("content") : "";
  var status = document.getElementById("review-status");

  function matches(card, filter) {
    if (filter === "all") return true;
    if (filter === "changes") return card.getAttribute("data-change") === "true";
    return card.getAttribute("data-result") === filter;
  }

  function applyFilter(filter) {
    buttons.forEach(function (b) {
      b.setAttribute("aria-pressed", String(b.getAttribute("data-filter") === filter));
    });
    var visible = 0;
    cards.forEach(function (c) {
      c.hidden = !matches(c, filter);
      if (!c.hidden) visible++;
      else c.classList.remove("current");
    });
    shown.textContent = visible + " shown";
    empty.hidden = visible !== 0;
    document.body.setAttribute("data-filter", filter);
  }

  buttons.forEach(function (b) {
    b.addEventListener("click", function () { applyFilter(b.getAttribute("data-filter")); });
  });

  // ---- compare: slider, toggle, blink
  function compare(wrap) {
    var range = wrap.querySelector("input[type=range]");
    var top = wrap.querySelector(".top");
    var divider = wrap.querySelector(".divider");
    var showing = wrap.querySelector(".showing");
    var modes = Array.prototype.slice.call(wrap.querySelectorAll(".compare-modes button"));
    var timer = null;
    var showBase = false;

    function slide() {
      top.style.clipPath = "inset(0 0 0 " + range.value + "%)";
      divider.style.left = range.value + "%";
    }
    function showOne(base) {
      showBase = base;
      top.style.clipPath = base ? "inset(0 0 0 100%)" : "inset(0 0 0 0)";
      showing.textContent = base ? "showing baseline" : "showing current";
    }
    function stopBlink() {
      if (timer !== null) { clearInterval(timer); timer = null; }
    }
    function setMode(mode) {
      stopBlink();
      wrap.setAttribute("data-compare", mode);
      modes.forEach(function (m) {
        m.setAttribute("aria-pressed", String(m.getAttribute("data-mode") === mode));
      });
      if (mode === "slider") {
        showing.textContent = "";
        slide();
      } else if (mode === "toggle") {
        showOne(!showBase);
      } else {
        showOne(true);
        timer = setInterval(function () { showOne(!showBase); }, 700);
      }
    }
    range.addEventListener("input", slide);
    modes.forEach(function (m) {
      m.addEventListener("click", function () {
        var mode = m.getAttribute("data-mode");
        // pressing Toggle again flips the image again
        if (mode === "toggle" && wrap.getAttribute("data-compare") === "toggle") showOne(!showBase);
        else setMode(mode);
      });
    });
    wrap.toggleView = function () {
      if (wrap.getAttribute("data-compare") === "toggle") showOne(!showBase);
      else setMode("toggle");
    };
    slide();
  }
  Array.prototype.forEach.call(document.querySelectorAll(".overlay-wrap"), compare);

  // ---- full-size viewer
  var viewer = document.getElementById("viewer");
  var viewerImg = document.getElementById("viewer-img");
  var viewerTitle = document.getElementById("viewer-title");
  var viewerRoles = viewer.querySelector(".viewer-roles");
  var lastFocus = null;

  function openViewer(card, role) {
    var links = Array.prototype.slice.call(card.querySelectorAll(".images a.zoom"));
    if (links.length === 0) return;
    lastFocus = document.activeElement;
    viewerRoles.textContent = "";
    function show(link) {
      viewerImg.src = link.getAttribute("href");
      viewerImg.alt = link.getAttribute("data-role") + " of " + card.getAttribute("data-identifier");
      viewerTitle.textContent = card.getAttribute("data-identifier") + " — " + link.getAttribute("data-role");
      Array.prototype.forEach.call(viewerRoles.querySelectorAll("button"), function (b) {
        b.setAttribute("aria-pressed", String(b.getAttribute("data-role") === link.getAttribute("data-role")));
      });
    }
    links.forEach(function (link) {
      var b = document.createElement("button");
      b.type = "button";
      b.textContent = link.getAttribute("data-role");
      b.setAttribute("data-role", link.getAttribute("data-role"));
      b.addEventListener("click", function () { show(link); });
      viewerRoles.appendChild(b);
    });
    show(links.filter(function (l) { return l.getAttribute("data-role") === role; })[0] || links[0]);
    viewer.hidden = false;
    document.getElementById("viewer-close").focus();
  }
  function closeViewer() {
    viewer.hidden = true;
    viewerImg.removeAttribute("src");
    if (lastFocus && lastFocus.focus) lastFocus.focus({ preventScroll: true });
  }
  Array.prototype.forEach.call(document.querySelectorAll(".images a.zoom"), function (link) {
    link.addEventListener("click", function (e) {
      if (e.button !== 0 || e.ctrlKey || e.metaKey || e.shiftKey) return;
      e.preventDefault();
      openViewer(link.closest("section.snap"), link.getAttribute("data-role"));
    });
  });
  document.getElementById("viewer-close").addEventListener("click", closeViewer);
  viewer.addEventListener("click", function (e) { if (e.target === viewer) closeViewer(); });

  // ---- keyboard navigation
  function select(card) {
    cards.forEach(function (c) { c.classList.remove("current"); });
    card.classList.add("current");
    card.focus({ preventScroll: true });
    card.scrollIntoView({ block: "start" });
  }

  function move(step) {
    var visible = cards.filter(function (c) { return !c.hidden; });
    var targets = visible.filter(function (c) { return c.getAttribute("data-change") === "true"; });
    if (targets.length === 0) targets = visible;
    if (targets.length === 0) return;
    var index = targets.indexOf(document.querySelector("section.snap.current"));
    index = index < 0 ? (step > 0 ? 0 : targets.length - 1)
                      : Math.max(0, Math.min(targets.length - 1, index + step));
    select(targets[index]);
  }

  function currentCard() {
    var c = document.querySelector("section.snap.current");
    return c && !c.hidden ? c : null;
  }

  document.addEventListener("keydown", function (e) {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    if (!viewer.hidden) {
      if (e.key === "Escape") { e.preventDefault(); closeViewer(); }
      return;
    }
    var t = e.target;
    var onSlider = t && t.tagName === "INPUT" && t.type === "range";
    if (e.key === "j" || e.key === "n" || (e.key === "ArrowRight" && !onSlider)) {
      e.preventDefault();
      move(1);
    } else if (e.key === "k" || e.key === "p" || (e.key === "ArrowLeft" && !onSlider)) {
      e.preventDefault();
      move(-1);
    } else if (e.key === "b") {
      var card = currentCard();
      var wrap = card && card.querySelector(".overlay-wrap");
      if (wrap) { e.preventDefault(); wrap.toggleView(); }
    } else if (e.key === "a" && served) {
      var c = currentCard();
      var accept = c && c.querySelector("button.accept");
      if (accept && !accept.disabled) { e.preventDefault(); accept.click(); }
    }
  });

  // ---- the served page: accept, prune, recompute, history, done
  function say(text, isError) {
    if (!status) return;
    status.textContent = text;
    status.className = isError ? "error" : "";
  }

  function request(method, path, body) {
    var init = { method: method, credentials: "same-origin", headers: { "X-Review-Token": token } };
    if (body !== undefined) {
      init.headers["Content-Type"] = "application/json";
      init.body = JSON.stringify(body);
    }
    return fetch(path, init).then(function (r) {
      return r.json().then(function (j) { return { ok: r.ok, body: j }; },
                           function () { return { ok: false, body: { error: "HTTP " + r.status } }; });
    }, function () {
      return { ok: false, body: { error: "The review server does not answer: is `review` still running?" } };
    });
  }

  function setBusy(busy) {
    Array.prototype.forEach.call(document.querySelectorAll(".review-bar button, .actions button"),
      function (b) { b.disabled = busy; });
  }

  function reloadWith(message, focus) {
    try {
      sessionStorage.setItem("review-message", message);
      if (focus) sessionStorage.setItem("review-focus", focus);
    } catch (ignored) { /* storage unavailable: the page still reloads */ }
    location.reload();
  }

  function act(path, body, busyText, focus) {
    setBusy(true);
    say(busyText, false);
    request("POST", path, body).then(function (r) {
      if (r.ok) {
        reloadWith((r.body.lines || []).join("\n"), focus);
      } else {
        setBusy(false);
        say(r.body.error || "The review server refused the request.", true);
      }
    });
  }

  if (served) {
    Array.prototype.forEach.call(document.querySelectorAll("button.accept"), function (b) {
      b.addEventListener("click", function () {
        var id = b.getAttribute("data-identifier");
        act("accept", { identifiers: [id] }, "Accepting " + id + "…", id);
      });
    });
    Array.prototype.forEach.call(document.querySelectorAll("button.prune"), function (b) {
      b.addEventListener("click", function () {
        var id = b.getAttribute("data-identifier");
        act("prune", { identifiers: [id] }, "Deleting the baseline of " + id + "…", id);
      });
    });
    var all = document.getElementById("accept-all");
    if (all) all.addEventListener("click", function () {
      act("accept", { all: true }, "Accepting every change…", null);
    });
    var recompute = document.getElementById("recompute");
    if (recompute) recompute.addEventListener("click", function () {
      act("recompute", {}, "Asking PostHog to recompute the run…", null);
    });
    document.getElementById("done").addEventListener("click", function () {
      setBusy(true);
      request("POST", "stop", {}).then(function (r) {
        say(r.ok ? "The review server has stopped: you can close this tab."
                 : (r.body.error || "The review server refused to stop."), !r.ok);
      });
    });
    Array.prototype.forEach.call(document.querySelectorAll("button.history"), function (b) {
      b.addEventListener("click", function () { history(b); });
    });
    try {
      var message = sessionStorage.getItem("review-message");
      var focus = sessionStorage.getItem("review-focus");
      sessionStorage.removeItem("review-message");
      sessionStorage.removeItem("review-focus");
      if (message) say(message, false);
      if (focus) {
        var target = cards.filter(function (c) { return c.getAttribute("data-identifier") === focus; })[0];
        if (target) setTimeout(function () { if (!target.hidden) select(target); }, 0);
      }
    } catch (ignored) { /* no storage: nothing to restore */ }
  }

  function history(button) {
    var list = button.closest("section.snap").querySelector(".history-list");
    if (!list.hidden) {
      list.hidden = true;
      button.setAttribute("aria-expanded", "false");
      return;
    }
    list.hidden = false;
    button.setAttribute("aria-expanded", "true");
    list.textContent = "Loading the history…";
    request("GET", "history?identifier=" + encodeURIComponent(button.getAttribute("data-identifier")))
      .then(function (r) {
        list.textContent = "";
        if (!r.ok) {
          list.textContent = r.body.error || "The history could not be loaded.";
          return;
        }
        var entries = r.body.entries || [];
        if (entries.length === 0) {
          list.textContent = "No earlier baselines of this snapshot on PostHog.";
          return;
        }
        var ol = document.createElement("ol");
        entries.forEach(function (e) {
          var li = document.createElement("li");
          if (e.image) {
            var img = document.createElement("img");
            img.src = e.image;
            img.alt = "image of run " + e.run_id;
            li.appendChild(img);
          }
          var text = document.createElement("span");
          text.textContent = [e.created_at, e.branch, e.commit, e.result, e.review_state, e.diff]
            .filter(function (x) { return x; }).join(" · ");
          li.appendChild(text);
          ol.appendChild(li);
        });
        list.appendChild(ol);
      });
  }

  applyFilter(document.body.getAttribute("data-filter") || "all");
})();
