// Theme from ?theme=dark|light (default light), a toggle button, and a live clock.
(function () {
  var root = document.documentElement;
  var params = new URLSearchParams(window.location.search);
  root.dataset.theme = params.get("theme") === "dark" ? "dark" : "light";

  function pad(n) { return (n < 10 ? "0" : "") + n; }
  function tick() {
    var clock = document.getElementById("clock");
    if (!clock) return;
    var now = new Date();
    clock.textContent = pad(now.getHours()) + ":" + pad(now.getMinutes()) + ":" + pad(now.getSeconds());
  }

  document.addEventListener("DOMContentLoaded", function () {
    var toggle = document.getElementById("theme-toggle");
    if (toggle) {
      var label = function () { toggle.textContent = root.dataset.theme === "dark" ? "Light theme" : "Dark theme"; };
      label();
      toggle.addEventListener("click", function () {
        root.dataset.theme = root.dataset.theme === "dark" ? "light" : "dark";
        params.set("theme", root.dataset.theme);
        history.replaceState(null, "", "?" + params.toString());
        label();
      });
    }
    tick();
    setInterval(tick, 1000);

    var form = document.getElementById("signin-form");
    if (form) {
      form.addEventListener("submit", function (event) {
        event.preventDefault();
        var email = form.elements.email.value.trim();
        var password = form.elements.password.value;
        var error = document.getElementById("form-error");
        if (email.indexOf("@") < 1) {
          error.textContent = "Enter the email address you registered with.";
        } else if (password.length < 8) {
          error.textContent = "Passwords have at least 8 characters.";
        } else {
          error.textContent = "Welcome back, " + email + ".";
          error.className = "form-ok";
        }
        error.hidden = false;
      });
    }
  });
})();
