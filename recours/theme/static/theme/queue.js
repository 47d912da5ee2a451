/* recours — the queue's keyboard and its new cases (casework/queue.html): j / k go to the next / previous case,
   Enter opens it (the focused link), a assigns it to me, x ticks it for the bulk actions, ? opens the list of keys (a native
   <dialog>, closed by Escape). Keys are ignored while typing in a field or with a modifier.
   Rows are looked up at each key press: htmx may have replaced the table meanwhile. */
(function () {
  "use strict";

  var help = document.getElementById("queue-keys");
  var helpButton = document.getElementById("queue-keys-open");
  if (!help) { return; }

  function rows() { return Array.prototype.slice.call(document.querySelectorAll("#queue tbody tr")); }

  function current(list) {
    var active = document.activeElement;
    for (var i = 0; i < list.length; i += 1) { if (list[i].contains(active)) { return i; } }
    return -1;
  }

  function go(step) {
    var list = rows();
    if (!list.length) { return; }
    var index = current(list);
    var next = index === -1 ? (step > 0 ? 0 : list.length - 1) : Math.min(list.length - 1, Math.max(0, index + step));
    list.forEach(function (row) { row.classList.remove("queue__row--current"); });
    list[next].classList.add("queue__row--current");
    var link = list[next].querySelector(".queue__open");
    if (link) { link.focus(); }
  }

  function typing(target) {
    if (target && target.tagName === "INPUT" && target.type === "checkbox") { return false; }  // the rows' ticks
    return target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
  }

  if (helpButton) {
    helpButton.hidden = false;
    helpButton.addEventListener("click", function () { help.showModal(); });
  }
  help.querySelector("button").addEventListener("click", function () { help.close(); });

  // New cases (the notifications poll's count of new cases, theme/console.js): said in the
  // polite live region, and the table reloaded in place (htmx) unless the focus is in it.
  var live = document.getElementById("queue-live");
  var badge = document.querySelector('[data-count-for="queue"] .badge');
  var known = badge ? parseInt(badge.textContent, 10) || 0 : null;
  document.addEventListener("recours:console-counts", function (event) {
    var count = event.detail.queue;
    if (typeof count !== "number") { return; }
    if (known !== null && count > known && live) {
      var added = count - known;
      live.textContent = added === 1 ? live.getAttribute("data-text-one") : live.getAttribute("data-text-many").replace("{n}", added);
      var results = document.getElementById("queue-results");
      if (window.htmx && results && !results.contains(document.activeElement)) {
        window.htmx.ajax("GET", window.location.pathname + window.location.search, { target: "#queue-results", swap: "outerHTML" });
      }
    }
    known = count;
  });

  // Bulk actions: "every case of this page" ticks the rows (and sends page_dossiers, also without
  // script); unticking a row unticks it. Delegated: htmx may replace the table.
  document.addEventListener("change", function (event) {
    var target = event.target;
    var all = document.getElementById("queue-select-all");
    if (!all) { return; }
    if (target === all) {
      document.querySelectorAll("#queue .queue__row-check").forEach(function (box) { box.checked = all.checked; });
    } else if (target.classList && target.classList.contains("queue__row-check") && !target.checked) {
      all.checked = false;
    }
  });

  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey || typing(event.target) || help.open) { return; }
    if (event.key === "j") { event.preventDefault(); go(1); }
    else if (event.key === "k") { event.preventDefault(); go(-1); }
    else if (event.key === "?") { event.preventDefault(); help.showModal(); }
    else if (event.key === "x") {
      var ticked = rows();
      var at = current(ticked);
      var box = at === -1 ? null : ticked[at].querySelector(".queue__row-check");
      if (box) { event.preventDefault(); box.click(); }
    }
    else if (event.key === "a") {
      var list = rows();
      var index = current(list);
      var assign = index === -1 ? null : list[index].querySelector(".queue__assign");
      if (assign) { event.preventDefault(); assign.click(); }
    }
  });
})();
