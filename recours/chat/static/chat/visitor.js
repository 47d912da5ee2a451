/* recours.chat — the visitor's chat. Plain JavaScript, no framework, served from our host.

   Protocol (docs/chat.md): the server stores every message before sending it; each
   message has an id (1, 2, 3... in the conversation). The page keeps in sessionStorage
   the conversation's token, the last id it has shown and the messages not yet
   acknowledged (outbox); after a cut it reconnects, asks for what came after the last
   id and sends the outbox again (the server stores a resent message once). The quick
   exit (recours.js) erases all of it. Texts come from the page (data-text-*). */
(function () {
  "use strict";

  var root = document.getElementById("chat");
  if (!root || !window.WebSocket) {
    return;
  }
  var KEY = "recours.chat";
  var $ = function (id) { return document.getElementById(id); };
  var text = function (name) { return root.getAttribute("data-text-" + name) || ""; };

  var startForm = $("chat-start");
  var statusLine = $("chat-status");
  var room = $("chat-room");
  var log = $("chat-log");
  var input = $("chat-input");
  var errorLine = $("chat-error");
  var typingLine = $("chat-typing");

  var state = load();
  var socket = null;
  var retry = 0;
  var leaving = false;
  var ended = false;
  var pendingStart = null;
  var typingTimer = null;
  var lastTypingSent = 0;

  function load() {
    try {
      var raw = window.sessionStorage.getItem(KEY);
      if (raw) { return JSON.parse(raw); }
    } catch (e) { /* storage disabled: the chat still works until the page closes */ }
    return { token: null, after: 0, outbox: [] };
  }
  function save() {
    try { window.sessionStorage.setItem(KEY, JSON.stringify(state)); } catch (e) { /* idem */ }
  }
  function forget() {
    state = { token: null, after: 0, outbox: [] };
    try { window.sessionStorage.removeItem(KEY); } catch (e) { /* idem */ }
  }

  function setStatus(message) { statusLine.textContent = message; }

  function newId() {
    var bytes = new Uint8Array(12);
    window.crypto.getRandomValues(bytes);
    return Array.prototype.map.call(bytes, function (b) { return ("0" + b.toString(16)).slice(-2); }).join("");
  }

  function itemFor(cid) {
    return cid ? log.querySelector('li[data-cid="' + cid + '"]') : null;
  }

  function render(from, body, cid, pending) {
    var li = document.createElement("li");
    li.className = "chat-from-" + from;
    if (cid) { li.setAttribute("data-cid", cid); }
    var who = document.createElement("span");
    who.className = "chat-who";
    who.textContent = text(from === "visitor" ? "you" : from) + " :";
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

  function confirm(li, id) {
    li.setAttribute("data-id", id);
    var mark = li.querySelector(".chat-pending");
    if (mark) { li.removeChild(mark); }
  }

  function showRoom() {
    startForm.hidden = true;
    room.hidden = false;
  }

  function send(frame) {
    if (socket && socket.readyState === 1) {
      socket.send(JSON.stringify(frame));
      return true;
    }
    return false;
  }

  function connect() {
    var scheme = window.location.protocol === "https:" ? "wss://" : "ws://";
    socket = new WebSocket(scheme + window.location.host + root.getAttribute("data-socket-path"));
    socket.onopen = function () {
      retry = 0;
      if (state.token) {
        send({ t: "resume", token: state.token, after: state.after });
        state.outbox.forEach(function (item) { send({ t: "msg", cid: item.cid, body: item.body }); });
      } else if (pendingStart) {
        send(pendingStart);
      }
    };
    socket.onmessage = function (event) {
      var frame;
      try { frame = JSON.parse(event.data); } catch (e) { return; }
      handle(frame);
    };
    socket.onclose = function (event) {
      socket = null;
      if (leaving || ended || (!state.token && !pendingStart)) { return; }
      setStatus(text("reconnecting"));
      if (event && event.code === 1012) {
        // Service restart (a server stopping, docs/operations.md): reconnect at once to another
        // one, within a second so that all its visitors do not come back in the same instant.
        retry = 0;
        window.setTimeout(connect, Math.random() * 1000);
        return;
      }
      retry = Math.min(retry + 1, 6);
      window.setTimeout(connect, Math.min(500 * Math.pow(2, retry - 1), 10000));
    };
  }

  function handle(frame) {
    switch (frame.t) {
      case "started":
        state.token = frame.token;
        state.after = 0;
        pendingStart = null;
        save();
        showRoom();
        if (frame.note) {
          // The place's own team is not online: which service answers, in general words.
          $("chat-routed").textContent = frame.note;
          $("chat-routed").hidden = false;
        }
        break;
      case "state":
        showRoom();
        if (frame.status === "waiting") {
          setStatus(text("waiting").replace("{minutes}", frame.wait_minutes));
        } else if (frame.status === "active") {
          setStatus(text("active"));
        } else if (frame.status === "ended") {
          end();
        }
        break;
      case "m":
        if (frame.id <= state.after) { return; } // already shown
        var li = frame.from === "visitor" ? itemFor(frame.cid) : null;
        // A confirmed message takes its place in the server's order (ids arrive in order).
        if (li) { log.appendChild(li); confirm(li, frame.id); } else { confirm(render(frame.from, frame.body, frame.cid, false), frame.id); }
        state.after = frame.id;
        state.outbox = state.outbox.filter(function (item) { return item.cid !== frame.cid; });
        save();
        if (frame.from === "adviser") { typingLine.hidden = true; }
        break;
      case "ack":
        state.outbox = state.outbox.filter(function (item) { return item.cid !== frame.cid; });
        save();
        break;
      case "refused":
        state.outbox = state.outbox.filter(function (item) { return item.cid !== frame.cid; });
        save();
        var failed = itemFor(frame.cid);
        if (failed) {
          var mark = failed.querySelector(".chat-pending");
          if (mark) { mark.textContent = " (" + text("not-sent") + ")"; }
          if (!input.value) { input.value = failed.childNodes[1] ? failed.childNodes[1].textContent : ""; }
        }
        errorLine.textContent = frame.message;
        break;
      case "error":
        errorLine.textContent = frame.message;
        break;
      case "typing":
        typingLine.hidden = false;
        window.clearTimeout(typingTimer);
        typingTimer = window.setTimeout(function () { typingLine.hidden = true; }, 4000);
        break;
      case "offline":
        pendingStart = null;
        $("chat-offline-message").textContent = frame.message;
        $("chat-offline-next").textContent = frame.next || "";
        $("chat-offline-zone").textContent = frame.zone ? " (" + frame.zone + ")" : "";
        var hours = $("chat-offline-hours");
        hours.textContent = "";
        (frame.hours || []).forEach(function (line) {
          var item = document.createElement("li");
          item.textContent = line;
          hours.appendChild(item);
        });
        $("chat-offline").hidden = false;
        setStatus("");
        if (socket) { socket.close(); }
        break;
      case "limited":
        // Too many chats or reports from this connection: said in the status line; the start
        // form stays as it was filled, to try again later.
        pendingStart = null;
        setStatus(frame.message);
        if (socket) { socket.close(); }
        break;
      case "place":
        // The place policy refused the postal code, or asks which of its communes (docs/geo.md).
        pendingStart = null;
        setStatus("");
        placeError.textContent = frame.message;
        postalInput.setAttribute("aria-invalid", "true");
        postalInput.setAttribute("aria-describedby", joinIds(postalInput.getAttribute("aria-describedby"), "chat-place-error"));
        communeChoices(frame.communes || []);
        break;
      case "receipt":
        // Shown once and never again: the block takes the focus, so it is seen and read out.
        $("chat-receipt-code").textContent = frame.code;
        $("chat-receipt").hidden = false;
        var heading = $("chat-receipt-title");
        heading.focus();
        if (heading.scrollIntoView) { heading.scrollIntoView({ block: "start" }); }
        break;
      case "unknown":
        forget();
        log.textContent = "";
        room.hidden = true;
        startForm.hidden = false;
        setStatus("");
        break;
    }
  }

  function end() {
    ended = true;
    setStatus(text("ended"));
    $("chat-compose").hidden = true;
    typingLine.hidden = true;
    // The conversation stays on screen until the page is left; nothing is kept to resume it.
    forget();
  }

  var postalInput = startForm.querySelector("[name=postal_code]");
  var placeError = $("chat-place-error");
  var communeBox = $("chat-commune");

  function joinIds(ids, id) {
    var list = (ids || "").split(" ").filter(function (item) { return item && item !== id; });
    list.push(id);
    return list.join(" ");
  }

  function radio(container, value, label, index) {
    var row = document.createElement("div");
    row.className = "choice";
    var input = document.createElement("input");
    input.type = "radio";
    input.name = "commune";
    input.value = value;
    input.id = "chat-commune-" + index;
    var caption = document.createElement("label");
    caption.className = "choice__label";
    caption.htmlFor = input.id;
    caption.textContent = label;
    row.appendChild(input);
    row.appendChild(caption);
    container.appendChild(row);
  }

  function communeChoices(communes) {
    var container = $("chat-commune-choices");
    container.textContent = "";
    communes.forEach(function (commune, index) { radio(container, commune[0], commune[1], index); });
    if (communes.length) { radio(container, "", container.getAttribute("data-text-unknown"), communes.length); }
    communeBox.hidden = !communes.length;
  }

  postalInput.addEventListener("input", function () {
    // Another code: its communes are not those offered.
    placeError.textContent = "";
    postalInput.removeAttribute("aria-invalid");
    communeChoices([]);
  });

  startForm.addEventListener("submit", function (event) {
    event.preventDefault();
    var data = new FormData(startForm);
    pendingStart = {
      t: "start",
      postal_code: data.get("postal_code") || "",
      ground: data.get("ground") || "",
      domain: data.get("domain") || "",
      entry: data.get("entry") || ""
    };
    if (!communeBox.hidden) {
      // The commune chosen, or "" (« Je ne sais pas », or no answer): the département routes the chat.
      pendingStart.commune = data.get("commune") || "";
    }
    placeError.textContent = "";
    $("chat-offline").hidden = true;
    setStatus(text("connecting"));
    if (!send(pendingStart)) { connect(); }
  });

  $("chat-compose").addEventListener("submit", function (event) {
    event.preventDefault();
    var body = input.value.trim();
    if (!body || ended) { return; }
    errorLine.textContent = "";
    var item = { cid: newId(), body: body };
    state.outbox.push(item);
    save();
    render("visitor", body, item.cid, true);
    input.value = "";
    lastTypingSent = 0; // the next keystroke is announced again
    send({ t: "msg", cid: item.cid, body: body }); // if the socket is down, the outbox goes at reconnection
  });

  input.addEventListener("input", function () {
    var now = Date.now();
    if (now - lastTypingSent > 2000) {
      lastTypingSent = now;
      send({ t: "typing" });
    }
  });

  $("chat-end").addEventListener("click", function () {
    send({ t: "end" });
  });

  // Quick exit (recours.js): leave the conversation, close the socket, erase the page and the storage.
  document.addEventListener("recours:quick-exit", function () {
    leaving = true;
    try { send({ t: "leave" }); } catch (e) { /* leaving matters more */ }
    try { if (socket) { socket.close(); } } catch (e) { /* idem */ }
    forget();
    log.textContent = "";
  });

  // Now and then, ask for anything missed: the server's wake-ups may be dropped under load.
  window.setInterval(function () {
    if (state.token && !ended) { send({ t: "sync" }); }
  }, 15000);

  startForm.hidden = false;
  if (state.token) {
    showRoom();
    setStatus(text("connecting"));
    // Show nothing twice: the server sends again everything after id 0.
    state.after = 0;
    connect();
  }
})();
