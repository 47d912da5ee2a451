/* recours.chat — the adviser's side. On the chat screen: presence (a heartbeat while the
   page is open; console_waiting.js beats on the other console pages) and the lists reloaded
   when they change. On a conversation: the messages
   over the WebSocket, with the same ids, acknowledgements and resending as the visitor's
   page (visitor.js). Texts come from the page. */
(function () {
  "use strict";

  var root = document.querySelector('[data-module="chat-console"]');
  if (!root || !window.WebSocket) {
    return;
  }
  var $ = function (id) { return document.getElementById(id); };
  var text = function (name) { return root.getAttribute("data-text-" + name) || ""; };
  var conv = parseInt(root.getAttribute("data-conversation") || "0", 10);
  var holds = root.hasAttribute("data-holds");
  var after = parseInt(root.getAttribute("data-after") || "0", 10);
  var log = $("chat-log");
  var input = $("chat-input");
  var outbox = [];
  var socket = null;
  var retry = 0;
  var typingTimer = null;
  var lastTypingSent = 0;
  var sessionEnded = false;

  function send(frame) {
    if (socket && socket.readyState === 1) {
      socket.send(JSON.stringify(frame));
      return true;
    }
    return false;
  }

  function newId() {
    var bytes = new Uint8Array(12);
    window.crypto.getRandomValues(bytes);
    return Array.prototype.map.call(bytes, function (b) { return ("0" + b.toString(16)).slice(-2); }).join("");
  }

  function render(from, body, cid, pending) {
    var li = document.createElement("li");
    li.className = "chat-from-" + from;
    if (cid) { li.setAttribute("data-cid", cid); }
    var who = document.createElement("span");
    who.className = "chat-who";
    who.textContent = text(from) + " :";
    li.appendChild(who);
    li.appendChild(document.createTextNode(body));
    if (pending) {
      var mark = document.createElement("span");
      mark.className = "chat-pending";
      mark.textContent = " (" + text("sending") + ")";
      li.appendChild(mark);
    }
    log.appendChild(li);
    return li;
  }

  function refreshQueue() {
    var url = root.getAttribute("data-fragment-url");
    if (!url) { return; }
    window.fetch(url, { credentials: "same-origin" }).then(function (response) {
      if (response.ok) { return response.text(); }
      return null;
    }).then(function (html) {
      if (html !== null && html !== undefined) { root.innerHTML = html; }
    }).catch(function () { /* next change or beat will try again */ });
  }

  function handle(frame) {
    switch (frame.t) {
      case "queue":
        refreshQueue();
        break;
      case "m":
        if (frame.conv !== conv || frame.id <= after) { return; }
        var li = frame.from === "adviser" && frame.cid ? log.querySelector('li[data-cid="' + frame.cid + '"]') : null;
        // A confirmed message takes its place in the server's order (ids arrive in order).
        if (li) { log.appendChild(li); } else { li = render(frame.from, frame.body, frame.cid, false); }
        var mark = li.querySelector(".chat-pending");
        if (mark) { li.removeChild(mark); }
        li.setAttribute("data-id", frame.id);
        after = frame.id;
        outbox = outbox.filter(function (item) { return item.cid !== frame.cid; });
        if (frame.from === "visitor") { $("chat-typing").hidden = true; }
        break;
      case "ack":
        outbox = outbox.filter(function (item) { return item.cid !== frame.cid; });
        break;
      case "refused":
      case "error":
        outbox = outbox.filter(function (item) { return item.cid !== frame.cid; });
        if ($("chat-error")) { $("chat-error").textContent = frame.message; }
        break;
      case "typing":
        $("chat-typing").hidden = false;
        window.clearTimeout(typingTimer);
        typingTimer = window.setTimeout(function () { $("chat-typing").hidden = true; }, 4000);
        break;
      case "closed":
        // Logged out, timed out, deactivated or out of the team: no reconnection; the page
        // reloads to the login form, or says so where a message is being written.
        sessionEnded = true;
        if ($("chat-error")) { $("chat-error").textContent = frame.message; } else { window.location.reload(); }
        break;
      case "state":
        if (frame.conv === conv && $("chat-changed")) { $("chat-changed").textContent = text("changed"); }
        break;
    }
  }

  function connect() {
    var scheme = window.location.protocol === "https:" ? "wss://" : "ws://";
    socket = new WebSocket(scheme + window.location.host + root.getAttribute("data-socket-path"));
    socket.onopen = function () {
      retry = 0;
      if (conv && holds) {
        send({ t: "watch", conv: conv, after: after });
        outbox.forEach(function (item) { send({ t: "msg", conv: conv, cid: item.cid, body: item.body }); });
      }
      refreshQueue();
    };
    socket.onmessage = function (event) {
      var frame;
      try { frame = JSON.parse(event.data); } catch (e) { return; /* a bad frame is ignored */ }
      handle(frame);
      // The console-wide announcement of waiting chats (console_waiting.js) listens here.
      document.dispatchEvent(new window.CustomEvent("recours:chat-frame", { detail: frame }));
    };
    socket.onclose = function (event) {
      socket = null;
      if (sessionEnded) { return; }
      if (event && event.code === 1012) {
        // Service restart: reconnect at once to another server, spread over a second.
        retry = 0;
        window.setTimeout(connect, Math.random() * 1000);
        return;
      }
      retry = Math.min(retry + 1, 6);
      window.setTimeout(connect, Math.min(500 * Math.pow(2, retry - 1), 10000));
    };
  }

  // Presence, and a catch-up on the chats watched (the server's wake-ups may be dropped under load).
  window.setInterval(function () { send({ t: "beat" }); }, 15000);

  var compose = $("chat-compose");
  if (compose) {
    compose.addEventListener("submit", function (event) {
      event.preventDefault();
      var body = input.value.trim();
      if (!body) { return; }
      if ($("chat-error")) { $("chat-error").textContent = ""; }
      var item = { cid: newId(), body: body };
      outbox.push(item);
      render("adviser", body, item.cid, true);
      input.value = "";
      lastTypingSent = 0; // the next keystroke is announced again
      send({ t: "msg", conv: conv, cid: item.cid, body: body });
    });
    input.addEventListener("input", function () {
      var now = Date.now();
      if (now - lastTypingSent > 2000) {
        lastTypingSent = now;
        send({ t: "typing", conv: conv });
      }
    });
    var canned = $("chat-canned");
    if (canned) {
      canned.addEventListener("change", function () {
        if (canned.value) {
          input.value = input.value ? input.value + "\n" + canned.value : canned.value;
          canned.value = "";
        }
      });
    }
  }
  connect();
})();
