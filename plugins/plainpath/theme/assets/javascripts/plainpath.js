/* plainpath's only script, and nothing needs it: every step opens and closes without it.
   It adds the "Show all steps" / "Hide all steps" button to step-by-step lists, puts the
   page's address and today's date in the footer that is printed on every sheet, and makes the
   theme's menu and search buttons (labels of hidden checkboxes) reachable and usable by keyboard. */
(function () {
  "use strict";

  function setUpShowAll(list) {
    var controls = list.querySelector(".pp-step-by-step__controls");
    var button = controls && controls.querySelector(".pp-show-all");
    var steps = list.querySelectorAll(".pp-step__details");
    if (!button || !steps.length) return;
    function allOpen() {
      return Array.prototype.every.call(steps, function (step) { return step.open; });
    }
    function update() {
      var open = allOpen();
      button.setAttribute("aria-expanded", open ? "true" : "false");
      button.textContent = open ? button.getAttribute("data-hide") : button.getAttribute("data-show");
    }
    button.addEventListener("click", function () {
      var open = !allOpen();
      Array.prototype.forEach.call(steps, function (step) { step.open = open; });
      update();
    });
    Array.prototype.forEach.call(steps, function (step) { step.addEventListener("toggle", update); });
    controls.hidden = false;
    update();
  }

  function cssString(text) {
    return '"' + String(text).replace(/[\\"]/g, "\\$&").replace(/[\r\n]+/g, " ") + '"';
  }

  function dateLocale() {
    /* A UK council's English pages write "3 December 2026", not the US order. */
    var lang = document.documentElement.lang || "en";
    return lang === "en" ? "en-GB" : lang;
  }

  function fillPrintFooter() {
    /* The @page margin boxes in plainpath.css print these two custom properties. */
    var address = document.querySelector(".pp-print-footer__address");
    var date = document.querySelector(".pp-print-footer__date");
    var root = document.documentElement.style;
    if (address) {
      /* The address is isolated left-to-right (U+2066 ... U+2069), so an Arabic label beside it
         keeps its own order. */
      root.setProperty("--pp-print-address",
        cssString(address.getAttribute("data-label") + " \u2066" + window.location.href + "\u2069"));
    }
    if (date) {
      var today = new Date();
      var shown;
      try {
        shown = today.toLocaleDateString(dateLocale(), { year: "numeric", month: "long", day: "numeric" });
      } catch (error) {
        shown = today.toISOString().slice(0, 10);
      }
      root.setProperty("--pp-print-date", cssString(date.getAttribute("data-label") + " " + shown));
    }
  }

  var closedBeforePrinting = [];

  function openEveryStep() {
    /* A closed step would print as its heading alone; after printing, the resident's own
       choice of open and closed steps comes back. */
    closedBeforePrinting = Array.prototype.filter.call(
      document.querySelectorAll(".pp-step__details"), function (step) { return !step.open; });
    closedBeforePrinting.forEach(function (step) { step.open = true; });
  }

  function closeThemAgain() {
    closedBeforePrinting.forEach(function (step) { step.open = false; });
    closedBeforePrinting = [];
  }

  var HEADER_TOGGLES = ".md-header label.md-header__button[for]";

  function syncToggles() {
    Array.prototype.forEach.call(document.querySelectorAll(HEADER_TOGGLES), function (label) {
      var toggle = document.getElementById(label.htmlFor);
      if (toggle) label.setAttribute("aria-expanded", toggle.checked ? "true" : "false");
    });
  }

  function keyboardHeaderButtons() {
    /* mkdocs-material draws its menu and search buttons as <label for="__drawer"> and
       <label for="__search">: a mouse or a finger can press them, Tab never reaches them
       (WCAG 2.1.1). They become buttons with names in the page's language. Key presses are
       heard on the document, so a header the theme redraws keeps working. */
    var words = document.querySelector(".pp-header-words");
    var names = { __drawer: words && words.getAttribute("data-menu"), __search: words && words.getAttribute("data-search") };
    Array.prototype.forEach.call(document.querySelectorAll(HEADER_TOGGLES), function (label) {
      label.setAttribute("role", "button");
      label.setAttribute("tabindex", "0");
      if (names[label.htmlFor]) label.setAttribute("aria-label", names[label.htmlFor]);
    });
    syncToggles();
  }

  document.addEventListener("keydown", function (event) {
    var label = event.target.closest && event.target.closest(HEADER_TOGGLES);
    if (label && (event.key === "Enter" || event.key === " ")) {
      event.preventDefault();
      event.stopPropagation();  // the theme's own Enter handler on window would press it twice
      label.click();
      syncToggles();
    }
  });
  document.addEventListener("change", function (event) {
    if (event.target.classList && event.target.classList.contains("md-toggle")) syncToggles();
  });

  function start() {
    keyboardHeaderButtons();
    Array.prototype.forEach.call(document.querySelectorAll(".pp-step-by-step"), setUpShowAll);
    fillPrintFooter();
  }

  window.addEventListener("beforeprint", function () { fillPrintFooter(); openEveryStep(); });
  window.addEventListener("afterprint", closeThemAgain);
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
