/* recours.chat — on every console page: the adviser's presence for the whole console session,
   and the chats waiting in their teams announced (count, document title, a polite live region,
   and the console's one optional sound, off by default). Plain JavaScript; texts come from the page.

   The count arrives as `waiting {count}` frames on the adviser socket. On the chat's own pages
   console.js already holds that socket (and beats): it passes its frames on as
   `recours:chat-frame` events, and this script opens no second one. */
(function () {
  "use strict";

  var root = document.getElementById("chat-waiting");
  if (!root) { return; }
  var live = document.getElementById("chat-waiting-live");
  var baseTitle = document.title;
  var current = live.querySelector("a") ? parseInt(live.textContent, 10) || 0 : 0;

  // The console's notifications (theme/console.js) own the title when present: they add
  // the chats to the other news.
  function setTitle(count) {
    if (window.recoursConsoleAlerts) { window.recoursConsoleAlerts.chats(count); return; }
    document.title = count > 0 ? "(" + count + ") " + baseTitle : baseTitle;
  }

  function show(count) {
    var previous = current;
    current = count;
    setTitle(count);
    if (count > 0) {
      var text = count === 1 ? root.getAttribute("data-text-one") : root.getAttribute("data-text-many").replace("{n}", count);
      var link = live.querySelector("a");
      if (!link) {
        link = document.createElement("a");
        link.href = root.getAttribute("data-queue-url");
        live.appendChild(link);
      }
      if (link.textContent !== text) { link.textContent = text; }
    } else {
      live.textContent = "";
    }
    // One sound for every console notification, the adviser's one choice (theme/console.js).
    if (count > previous && window.recoursConsoleAlerts) { window.recoursConsoleAlerts.ring(); }
  }

  function handle(frame) {
    if (frame && frame.t === "waiting" && typeof frame.count === "number") { show(frame.count); }
  }

  root.setAttribute("data-ready", "true"); // the script runs (tests wait for it)

  setTitle(current);

  // The chat's own pages: console.js holds the socket and passes its frames on; on every
  // console page, the notifications' poll passes the count on the same way.
  document.addEventListener("recours:chat-frame", function (event) { handle(event.detail); });
  if (document.querySelector('[data-module="chat-console"]')) { return; }
  if (!window.WebSocket) { return; }

  var socket = null;
  var retry = 0;
  var stopped = false;

  function connect() {
    var scheme = window.location.protocol === "https:" ? "wss://" : "ws://";
    socket = new WebSocket(scheme + window.location.host + root.getAttribute("data-socket-path"));
    socket.onopen = function () {
      retry = 0;
      socket.send(JSON.stringify({ t: "beat" })); // present at once, and the count as it is now
    };
    socket.onmessage = function (event) {
      var frame;
      try { frame = JSON.parse(event.data); } catch (e) { return; }
      if (frame.t === "closed") { stopped = true; return; } // the session ended: no reconnection
      handle(frame);
    };
    socket.onclose = function (event) {
      socket = null;
      // 4403: not allowed (no second factor, no team); 4401: the session ended.
      if (stopped || event.code === 4403 || event.code === 4401) { return; }
      retry = Math.min(retry + 1, 6);
      window.setTimeout(connect, Math.min(500 * Math.pow(2, retry - 1), 10000));
    };
  }

  // Presence for as long as a console page is open.
  window.setInterval(function () {
    if (socket && socket.readyState === 1) { socket.send(JSON.stringify({ t: "beat" })); }
  }, 15000);
  connect();
})();
