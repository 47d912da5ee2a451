/* recours — the picker (components/picker.html): filter a long list of checkboxes as you type,
   legal sources on demand, the chosen set read back. Plain JavaScript, no inline script (CSP).
   Without it the picker is a fieldset of grouped, collapsible lists: nothing is lost. */
(function () {
  "use strict";

  function fold(text) {
    return (text || "").toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/[’']/g, " ");
  }

  function setUp(root) {
    if (root.getAttribute("data-ready")) { return; }
    root.setAttribute("data-ready", "1");
    var tools = root.querySelector(".picker__tools");
    var filter = root.querySelector(".picker__filter");
    var count = root.querySelector(".picker__count");
    var chosen = root.querySelector(".picker__chosen");
    var sources = root.querySelector(".picker__sources-toggle");
    var options = Array.prototype.slice.call(root.querySelectorAll(".picker__option"));
    var groups = Array.prototype.slice.call(root.querySelectorAll(".picker__group"));
    var wasOpen = groups.map(function (group) { return group.open; });
    var timer = null;

    tools.hidden = false;
    root.classList.add("picker--js");

    function label(option) { return option.querySelector(".choice__label").textContent.trim(); }

    function summary() {
      var names = options.filter(function (option) { return option.querySelector("input").checked; }).map(label);
      names.sort(function (a, b) { return a.localeCompare(b, "fr"); });
      chosen.textContent = names.length ? root.getAttribute("data-text-chosen") + " " + names.join(" · ") : root.getAttribute("data-text-none");
    }

    function apply() {
      var words = fold(filter.value).split(/\s+/).filter(Boolean);
      var shown = 0;
      options.forEach(function (option) {
        var haystack = fold(option.getAttribute("data-search"));
        var match = words.every(function (word) { return haystack.indexOf(word) !== -1; });
        option.hidden = !match;
        if (match) { shown += 1; }
      });
      groups.forEach(function (group, index) {
        var any = group.querySelector(".picker__option:not([hidden])") !== null;
        group.hidden = words.length > 0 && !any;
        group.open = words.length ? any : wasOpen[index];
      });
      if (!words.length) { count.textContent = ""; return; }
      window.clearTimeout(timer); // announce once typing pauses, not at every key
      timer = window.setTimeout(function () {
        count.textContent = shown === 1 ? root.getAttribute("data-text-results-one")
          : root.getAttribute("data-text-results-many").replace("{n}", shown);
      }, 300);
    }

    filter.addEventListener("input", apply);
    filter.addEventListener("keydown", function (event) {
      if (event.key === "Enter") {
        event.preventDefault(); // never submits the qualification half-done
        var first = root.querySelector(".picker__option:not([hidden]) input");
        if (first) { first.focus(); }
      } else if (event.key === "Escape" && filter.value) {
        event.preventDefault();
        filter.value = "";
        apply();
      }
    });
    groups.forEach(function (group, index) {
      group.addEventListener("toggle", function () { if (!filter.value) { wasOpen[index] = group.open; } });
    });
    root.addEventListener("change", function (event) {
      if (event.target.matches(".picker__option input")) { summary(); }
    });
    sources.addEventListener("click", function () {
      var on = sources.getAttribute("aria-pressed") !== "true";
      sources.setAttribute("aria-pressed", on ? "true" : "false");
      root.classList.toggle("picker--sources", on);
    });
  }

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll('[data-module="picker"]'), setUp);
  }

  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", init); } else { init(); }
})();
