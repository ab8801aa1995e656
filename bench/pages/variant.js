// Applies the variant named in the URL fragment, '&'-separated: #slight changes a few words and one
// colour, #heavy changes the theme and the layout, #seed=N replaces the page's digits with others
// drawn from N (the same page with other figures, for workloads of many distinct screenshots).
// No fragment: the baseline page.
(function () {
  var tokens = location.hash.replace('#', '').split('&');
  var variant = '';
  var seed = 0;
  tokens.forEach(function (t) {
    if (t.indexOf('seed=') === 0) seed = parseInt(t.substring(5), 10) || 0;
    else if (t) variant = t;
  });
  if (variant) document.documentElement.classList.add(variant);
  document.addEventListener('DOMContentLoaded', function () {
    if (variant === 'slight') {
      document.querySelectorAll('[data-slight]').forEach(function (el) {
        el.textContent = el.getAttribute('data-slight');
      });
    }
    if (variant === 'heavy') {
      var main = document.querySelector('main');
      if (main) {
        var kids = Array.prototype.slice.call(main.children).reverse();
        kids.forEach(function (k) { main.appendChild(k); });
      }
    }
    if (seed > 0) {
      var state = seed * 2654435761 % 4294967296;
      var next = function () { state = (state * 1103515245 + 12345) % 2147483648; return state; };
      var walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      for (var node = walker.nextNode(); node; node = walker.nextNode()) {
        node.nodeValue = node.nodeValue.replace(/[0-9]/g, function () { return String(next() % 10); });
      }
    }
  });
})();
