/* Akimat of Zhasyl District: version for the visually impaired.
   Toggles the class "low-vision" on <html> and keeps the choice in localStorage, so it
   persists on the next page. ?special=1 / ?special=0 in a URL also switches it. */
(function () {
  "use strict";
  var KEY = "zhasyl-low-vision";
  var CLASS = "low-vision";
  var root = document.documentElement;

  function load() {
    try { return window.localStorage.getItem(KEY) === "on"; } catch (e) { return false; }
  }
  function save(on) {
    try {
      if (on) { window.localStorage.setItem(KEY, "on"); } else { window.localStorage.removeItem(KEY); }
    } catch (e) { /* storage disabled: the mode lasts for this page only */ }
  }
  function apply(on) {
    if (on) { root.classList.add(CLASS); } else { root.classList.remove(CLASS); }
  }

  var match = /[?&]special=([01])(?:&|$)/.exec(window.location.search);
  if (match) { save(match[1] === "1"); }
  apply(load());

  document.addEventListener("DOMContentLoaded", function () {
    var buttons = document.querySelectorAll("[data-lv]");
    Array.prototype.forEach.call(buttons, function (button) {
      button.addEventListener("click", function () {
        var on = button.getAttribute("data-lv") === "on";
        save(on);
        apply(on);
        var other = document.querySelector('[data-lv="' + (on ? "off" : "on") + '"]');
        if (other) { other.focus(); }
      });
    });
  });
})();
