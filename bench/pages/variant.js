// Applies the variant named in the URL fragment: #slight changes a few words and one colour,
// #heavy changes the theme and the layout. No fragment: the baseline page.
(function () {
  var variant = location.hash.replace('#', '');
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
  });
})();
