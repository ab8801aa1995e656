(function () {
  "use strict";
  var cards = Array.prototype.slice.call(document.querySelectorAll("section.snap"));
  var buttons = Array.prototype.slice.call(document.querySelectorAll("#filters button"));
  var shown = document.getElementById("shown");
  var empty = document.getElementById("empty");

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

  Array.prototype.forEach.call(document.querySelectorAll(".overlay-wrap"), function (wrap) {
    var range = wrap.querySelector("input[type=range]");
    var top = wrap.querySelector(".top");
    var divider = wrap.querySelector(".divider");
    function update() {
      top.style.clipPath = "inset(0 0 0 " + range.value + "%)";
      divider.style.left = range.value + "%";
    }
    range.addEventListener("input", update);
    update();
  });

  function move(step) {
    var visible = cards.filter(function (c) { return !c.hidden; });
    var targets = visible.filter(function (c) { return c.getAttribute("data-change") === "true"; });
    if (targets.length === 0) targets = visible;
    if (targets.length === 0) return;
    var index = targets.indexOf(document.querySelector("section.snap.current"));
    index = index < 0 ? (step > 0 ? 0 : targets.length - 1)
                      : Math.max(0, Math.min(targets.length - 1, index + step));
    cards.forEach(function (c) { c.classList.remove("current"); });
    var card = targets[index];
    card.classList.add("current");
    card.focus({ preventScroll: true });
    card.scrollIntoView({ block: "start" });
  }

  document.addEventListener("keydown", function (e) {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    var t = e.target;
    var onSlider = t && t.tagName === "INPUT" && t.type === "range";
    if (e.key === "j" || e.key === "n" || (e.key === "ArrowRight" && !onSlider)) {
      e.preventDefault();
      move(1);
    } else if (e.key === "k" || e.key === "p" || (e.key === "ArrowLeft" && !onSlider)) {
      e.preventDefault();
      move(-1);
    }
  });

  applyFilter(document.body.getAttribute("data-filter") || "all");
})();
