/* recours — small enhancements. Every page works without this file.
   Plain JavaScript, no framework, no build; loaded with `defer` from our own
   host (CSP script-src 'self'). Each module is isolated: one failing never
   stops the others nor breaks the page. Texts shown come from the HTML
   (translated by Django), never from this file. */
(function () {
  "use strict";

  function safely(name, fn) {
    try {
      fn();
    } catch (error) {
      if (window.console && window.console.warn) {
        window.console.warn("recours: " + name + " disabled", error);
      }
    }
  }

  function each(selector, fn) {
    Array.prototype.forEach.call(document.querySelectorAll(selector), fn);
  }

  /* ---------- Quick exit ----------
     Click on the button, or Shift pressed three times within 5 seconds with no
     other key in between (GOV.UK "Exit this page"). Leaving: clear what the page
     stored, tell the server to end the session (beacon), blank the page and its
     title at once, then replace the current history entry by the neutral site. */
  function quickExit() {
    var link = document.querySelector('[data-module="quick-exit"]');
    if (!link) {
      return;
    }
    var neutralUrl = link.getAttribute("href");
    var exitUrl = link.getAttribute("data-exit-url");
    var leaving = false;

    function leave() {
      if (leaving) {
        return;
      }
      leaving = true;
      // Pages with a live connection (the chat) close it and erase what they show.
      try { document.dispatchEvent(new CustomEvent("recours:quick-exit")); } catch (e) { /* leaving matters more */ }
      try { window.sessionStorage.clear(); } catch (e) { /* storage may be disabled */ }
      try { window.localStorage.clear(); } catch (e) { /* idem */ }
      // The one thing kept, in this tab only: where to send a page of the site that Back
      // brings up again (exit-guard.js replaces it at once by the neutral site).
      try { window.sessionStorage.setItem("recours-exit", neutralUrl); } catch (e) { /* idem */ }
      try {
        if (exitUrl && navigator.sendBeacon) {
          var data = new FormData();
          var meta = document.querySelector('meta[name="csrf-token"]');
          if (meta && meta.getAttribute("content")) {
            data.append("csrfmiddlewaretoken", meta.getAttribute("content"));
          }
          navigator.sendBeacon(exitUrl, data);
        }
      } catch (e) { /* leaving matters more than the beacon */ }
      try {
        document.title = "";
        while (document.body.firstChild) {
          document.body.removeChild(document.body.firstChild);
        }
      } catch (e) { /* idem */ }
      window.location.replace(neutralUrl);
    }

    link.addEventListener("click", function (event) {
      event.preventDefault();
      leave();
    });

    var presses = 0;
    var timer = null;
    function reset() {
      presses = 0;
      if (timer) {
        window.clearTimeout(timer);
        timer = null;
      }
    }
    document.addEventListener("keydown", function (event) {
      if (event.key !== "Shift") {
        reset(); // another key in between: start again
      }
    }, true);
    document.addEventListener("keyup", function (event) {
      if (event.key !== "Shift") {
        return;
      }
      presses += 1;
      if (presses === 1) {
        timer = window.setTimeout(reset, 5000);
      }
      if (presses >= 3) {
        reset();
        leave();
      }
    }, true);

    var hint = document.getElementById("quick-exit-hint");
    if (hint) {
      hint.hidden = false;
      link.setAttribute("aria-describedby", hint.id);
    }
  }

  /* ---------- Error summary ----------
     Focus the summary when the page loads; a link in it focuses its field (or the
     first input of its fieldset) and brings the field's label or legend into view. */
  function labelFor(input) {
    var fieldset = input.closest("fieldset");
    if (fieldset && (input.type === "radio" || input.type === "checkbox") && fieldset.querySelector("legend")) {
      return fieldset.querySelector("legend");
    }
    if (input.id) {
      var label = document.querySelector('label[for="' + input.id.replace(/"/g, '\\"') + '"]');
      if (label) {
        return label;
      }
    }
    return input;
  }

  function errorSummary() {
    each('[data-module="error-summary"]', function (summary, index) {
      if (index === 0) {
        summary.focus();
      }
      summary.addEventListener("click", function (event) {
        var link = event.target.closest ? event.target.closest('a[href^="#"]') : null;
        if (!link) {
          return;
        }
        var target = document.getElementById(decodeURIComponent(link.getAttribute("href").slice(1)));
        if (!target) {
          return;
        }
        if (target.tagName === "FIELDSET") {
          target = target.querySelector("input, select, textarea") || target;
        }
        event.preventDefault();
        var label = labelFor(target);
        if (label.scrollIntoView) {
          label.scrollIntoView();
        }
        target.focus({ preventScroll: true });
      });
    });
  }

  /* ---------- Character count ----------
     For a textarea with a limit: the count shown as one types, and the same
     text in a polite live region once typing pauses (not on every key). */
  function charCount() {
    each('[data-module="char-count"]', function (box) {
      var textarea = document.getElementById(box.getAttribute("data-for"));
      var max = parseInt(box.getAttribute("data-maxlength"), 10);
      if (!textarea || !max) {
        return;
      }
      var visible = box.querySelector(".char-count__visible");
      var live = box.querySelector(".char-count__live");
      var debounce = null;

      function format(n) {
        try { return n.toLocaleString("fr-FR"); } catch (e) { return String(n); }
      }
      function message() {
        var remaining = max - textarea.value.length;
        var n = Math.abs(remaining);
        var key = remaining >= 0 ? "data-text-remaining" : "data-text-over";
        var template = box.getAttribute(n === 1 ? key + "-one" : key) || box.getAttribute(key) || "";
        box.classList.toggle("char-count--over", remaining < 0);
        return template.replace("{count}", format(n));
      }
      function update(announce) {
        var text = message();
        visible.textContent = text;
        if (announce) {
          if (debounce) {
            window.clearTimeout(debounce);
          }
          debounce = window.setTimeout(function () { live.textContent = text; }, 1000);
        }
      }
      box.hidden = false;
      update(false);
      textarea.addEventListener("input", function () { update(true); });
    });
  }

  /* ---------- One history entry ----------
     A form marked data-one-entry is sent with fetch; its answer is always a redirect
     to the same address (post/redirect/get), which location.replace() then loads: the
     page replaces the current history entry instead of adding one, so a whole report
     is one entry, and no entry is a POST the browser would offer to send again.
     Without fetch, or if the answer is not a redirect (network error, refused token),
     the form is sent the ordinary way. While it is sent, its buttons are disabled. */
  function oneEntryForms() {
    if (!window.fetch || !window.FormData) {
      return;
    }
    each("form[data-one-entry]", function (form) {
      var sending = false;
      function buttons(disabled) {
        Array.prototype.forEach.call(form.querySelectorAll("button"), function (button) {
          button.disabled = disabled;
        });
        form.setAttribute("aria-busy", disabled ? "true" : "false");
      }
      form.addEventListener("submit", function (event) {
        if (form.getAttribute("data-one-entry") === "native") {
          return;
        }
        event.preventDefault();
        if (sending) {
          return;
        }
        sending = true;
        var submitter = event.submitter || null;
        var data;
        try {
          data = new FormData(form, submitter);
        } catch (e) {
          data = new FormData(form);
          if (submitter && submitter.name) {
            data.append(submitter.name, submitter.value);
          }
        }
        // Not form.action: a field named "action" (our buttons) shadows it.
        var target = new URL(form.getAttribute("action") || "", window.location.href).href.split("#")[0];
        buttons(true);
        function ordinary() {
          buttons(false);
          sending = false;
          form.setAttribute("data-one-entry", "native");
          if (form.requestSubmit) {
            form.requestSubmit(submitter);
          } else {
            form.submit();
          }
        }
        window.fetch(target, { method: "POST", body: data, credentials: "same-origin", redirect: "manual" })
          .then(function (response) {
            if (response.type === "opaqueredirect") {
              window.location.replace(target);
            } else {
              ordinary();
            }
          }, ordinary);
      });
    });
    // A page brought back from the back-forward cache must not keep its buttons disabled.
    window.addEventListener("pageshow", function (event) {
      if (event.persisted) {
        each("form[data-one-entry] button", function (button) { button.disabled = false; });
      }
    });
  }

  function start() {
    document.documentElement.classList.add("js");
    safely("quick exit", quickExit);
    safely("one history entry", oneEntryForms);
    safely("error summary", errorSummary);
    safely("character count", charCount);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
