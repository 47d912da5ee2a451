/* recours — the console's notifications (console/_notifications.html). Plain JavaScript, no
   inline script (the CSP is script-src 'self'); texts come from the page's data attributes.

   Every RECOURS_CONSOLE_POLL_SECONDS it asks console:notifications for numbers (never a word of
   a case), then: updates the navigation's counts ([data-count-for]), the document's title
   ("(3) …", the sum of the alerts), announces in the polite live region what went up, and
   beeps if the adviser turned the sound on. Waiting chats are handed to the chat's own widget
   (chat/console_waiting.js, which also hears them from its socket) as a `recours:chat-frame`
   event, so they are announced once, by that widget. The poll only reads the session
   (recours/core/sessions.py): it neither keeps the session alive nor races page loads. */
(function () {
  "use strict";

  var root = document.getElementById("console-alerts");
  if (!root || !root.getAttribute("data-url") || !window.fetch) { return; }
  var live = document.getElementById("console-alerts-live");
  var soundButton = document.getElementById("console-alerts-sound");
  var SOUND_KEY = "recours.console.sound";
  var SEEN_KEY = "recours.console.seen";
  var ANNOUNCED = ["messages", "callbacks", "advice_answered"];
  var baseTitle = document.title.replace(/^\(\d+\) /, "");
  var alerts = null; // the last numbers received
  var chats = 0;

  function soundOn() {
    try { return window.localStorage.getItem(SOUND_KEY) === "on"; } catch (e) { return false; }
  }

  function beep() {
    var Context = window.AudioContext || window.webkitAudioContext;
    if (!Context) { return; }
    try {
      var context = new Context();
      var tone = context.createOscillator();
      var gain = context.createGain();
      tone.frequency.value = 520;
      gain.gain.value = 0.08;
      tone.connect(gain);
      gain.connect(context.destination);
      tone.start();
      tone.stop(context.currentTime + 0.2);
      tone.onended = function () { context.close(); };
    } catch (e) { /* no sound: the title and the announcement still say it */ }
  }

  function text(kind, n) {
    var one = root.getAttribute("data-text-" + kind + "-one");
    return n === 1 ? one : root.getAttribute("data-text-" + kind + "-many").replace("{n}", n);
  }

  function title() {
    var total = chats;
    if (alerts) { ANNOUNCED.forEach(function (kind) { total += alerts[kind] || 0; }); }
    document.title = total > 0 ? "(" + total + ") " + baseTitle : baseTitle;
  }

  // The chat widget tells the chats it knows of (its socket is quicker than the poll).
  // It rings through this script's one sound setting, never a second one.
  window.recoursConsoleAlerts = {
    chats: function (count) { chats = count; title(); },
    ring: function () { if (soundOn()) { beep(); } }
  };

  // What was last announced, kept for this tab: a page change does not read the same news again.
  function stored() {
    try { return JSON.parse(window.sessionStorage.getItem(SEEN_KEY) || "null"); } catch (e) { return null; }
  }

  function store(current) {
    try { window.sessionStorage.setItem(SEEN_KEY, JSON.stringify(current)); } catch (e) { /* this page only */ }
  }

  function announce(current) {
    var previous = alerts || stored();
    var changed = !previous || ANNOUNCED.some(function (kind) { return (current[kind] || 0) !== (previous[kind] || 0); });
    store(current);
    if (!changed && live.childNodes.length) { return; } // nothing new: nothing read out again
    var rose = false;
    live.textContent = "";
    ANNOUNCED.forEach(function (kind) {
      var n = current[kind] || 0;
      if (n > 0) {
        var link = document.createElement("a");
        link.href = root.getAttribute("data-url-" + kind);
        link.textContent = text(kind, n);
        if (live.childNodes.length) { live.appendChild(document.createTextNode(" · ")); }
        live.appendChild(link);
      }
      if (previous && n > (previous[kind] || 0)) { rose = true; }
    });
    if (rose && soundOn()) { beep(); }
  }

  function counts(numbers) {
    Object.keys(numbers).forEach(function (section) {
      var holder = document.querySelector('[data-count-for="' + section + '"]');
      if (!holder) { return; }
      var badge = holder.querySelector(".badge");
      if (badge && badge.textContent !== String(numbers[section])) { badge.textContent = numbers[section]; }
      holder.hidden = !numbers[section];
    });
  }

  function poll() {
    window.fetch(root.getAttribute("data-url"), { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (data) {
        if (!data) { return; }
        counts(data.counts || {});
        // A page may follow a count of its own (the queue: new cases appear without a reload).
        document.dispatchEvent(new CustomEvent("recours:console-counts", { detail: data.counts || {} }));
        var current = data.alerts || {};
        announce(current);
        alerts = current;
        document.dispatchEvent(new CustomEvent("recours:chat-frame", { detail: { t: "waiting", count: current.chats || 0 } }));
        chats = current.chats || 0;
        title();
      })
      .catch(function () { /* next time */ });
  }

  if (soundButton) {
    soundButton.hidden = false;
    soundButton.setAttribute("aria-pressed", soundOn() ? "true" : "false");
    soundButton.addEventListener("click", function () {
      var on = !soundOn();
      try { window.localStorage.setItem(SOUND_KEY, on ? "on" : "off"); } catch (e) { /* this page only */ }
      soundButton.setAttribute("aria-pressed", on ? "true" : "false");
    });
  }

  var seconds = parseInt(root.getAttribute("data-interval"), 10) || 20;
  window.setInterval(function () { if (!document.hidden) { poll(); } }, seconds * 1000);
})();
