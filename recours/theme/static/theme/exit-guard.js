/* recours — after a quick exit, Back must not show the site again.
   The quick exit (recours.js) leaves "recours-exit" (the neutral site's address) in this
   tab's sessionStorage. Loaded without `defer`, first in <head>, so it runs before
   anything is painted: a page of the site that comes back through the history (Back,
   Forward, or the back-forward cache) is replaced by the neutral site at once, which
   also replaces its history entry. A page reached on purpose (a typed address, a link,
   a reload) forgets the mark and shows normally. */
(function () {
  "use strict";
  var KEY = "recours-exit";

  function exitUrl() {
    try { return window.sessionStorage.getItem(KEY); } catch (e) { return null; }
  }

  function leave(url) {
    document.documentElement.className += " recours-leaving";
    window.location.replace(url);
  }

  function throughHistory() {
    try {
      var entry = window.performance.getEntriesByType("navigation")[0];
      if (entry) {
        return entry.type === "back_forward";
      }
    } catch (e) { /* older browsers: below */ }
    return window.performance && window.performance.navigation && window.performance.navigation.type === 2;
  }

  var url = exitUrl();
  if (url) {
    if (throughHistory()) {
      leave(url);
    } else {
      try { window.sessionStorage.removeItem(KEY); } catch (e) { /* nothing more to do */ }
    }
  }
  window.addEventListener("pageshow", function (event) {
    var again = exitUrl();
    if (event.persisted && again) {
      leave(again);
    }
  });
})();
