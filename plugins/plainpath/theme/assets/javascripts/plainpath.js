/* plainpath's only script, and nothing needs it: without it every step is simply open.
   It adds each step's show/hide button and "Show all steps" / "Hide all steps" to step-by-step
   lists, puts the page's address and today's date in the footer that is printed on every sheet,
   and makes the theme's menu and search buttons (labels of hidden checkboxes) reachable and
   usable by keyboard. */
(function () {
  "use strict";

  /* GOV.UK's step-by-step: each step's heading gets a button that shows and hides the step,
     named by the heading's own words ("Step 3: Is the car registered to you?"), with its state
     (aria-expanded) and the part it controls (aria-controls). Steps stay open, as they are
     without this script; a closed step is hidden "until found", so the browser's find in page
     still reaches it, and a link to a step inside it opens it. */
  function stepParts(list) {
    return Array.prototype.map.call(list.querySelectorAll(":scope > .pp-steps > .pp-step"), function (item) {
      return {
        heading: item.querySelector(":scope > .pp-step__title"),
        content: item.querySelector(":scope > .pp-step__content"),
        includes: item.querySelector(":scope > .pp-step__includes"),
      };
    }).filter(function (step) { return step.heading && step.content && step.content.id; });
  }

  function setStepOpen(step, open) {
    step.button.setAttribute("aria-expanded", open ? "true" : "false");
    if (open) step.content.removeAttribute("hidden");
    else step.content.setAttribute("hidden", "until-found");
  }

  function setUpSteps(list) {
    var steps = stepParts(list);
    if (!steps.length) return;
    var controls = list.querySelector(".pp-step-by-step__controls");
    var showAll = controls && controls.querySelector(".pp-show-all");
    function allOpen() {
      return steps.every(function (step) { return step.button.getAttribute("aria-expanded") === "true"; });
    }
    function update() {
      if (!showAll) return;
      var open = allOpen();
      showAll.setAttribute("aria-expanded", open ? "true" : "false");
      showAll.textContent = open ? showAll.getAttribute("data-hide") : showAll.getAttribute("data-show");
    }
    steps.forEach(function (step) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "pp-step__toggle";
      button.setAttribute("aria-controls", step.content.id);
      if (step.includes && step.includes.id) button.setAttribute("aria-describedby", step.includes.id);
      while (step.heading.firstChild) button.appendChild(step.heading.firstChild);
      step.heading.appendChild(button);
      step.button = button;
      setStepOpen(step, true);
      button.addEventListener("click", function () {
        setStepOpen(step, button.getAttribute("aria-expanded") !== "true");
        update();
      });
      step.content.addEventListener("beforematch", function () { setStepOpen(step, true); update(); });
    });
    if (showAll) {
      showAll.setAttribute("aria-controls", steps.map(function (step) { return step.content.id; }).join(" "));
      showAll.addEventListener("click", function () {
        var open = !allOpen();
        steps.forEach(function (step) { setStepOpen(step, open); });
        update();
      });
      controls.hidden = false;
    }
    list.plainpathSteps = { steps: steps, update: update };
    update();
  }

  function everyStep() {
    return Array.prototype.concat.apply([], Array.prototype.map.call(
      document.querySelectorAll(".pp-step-by-step"), function (list) {
        return list.plainpathSteps ? list.plainpathSteps.steps.map(function (step) {
          return { step: step, update: list.plainpathSteps.update };
        }) : [];
      }));
  }

  function openStepHolding(target) {
    /* A link to a closed step, or to a step (or anything) inside one, opens it. */
    everyStep().forEach(function (entry) {
      var holds = target && (entry.step.content.contains(target) || entry.step.heading.parentNode === target);
      if (holds && entry.step.content.hasAttribute("hidden")) {
        setStepOpen(entry.step, true);
        entry.update();
      }
    });
  }

  function openLinkedStep() {
    var id = decodeURIComponent(window.location.hash.slice(1));
    if (id) openStepHolding(document.getElementById(id));
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
    closedBeforePrinting = everyStep().filter(function (entry) { return entry.step.content.hasAttribute("hidden"); });
    closedBeforePrinting.forEach(function (entry) { setStepOpen(entry.step, true); entry.update(); });
  }

  function closeThemAgain() {
    closedBeforePrinting.forEach(function (entry) { setStepOpen(entry.step, false); entry.update(); });
    closedBeforePrinting = [];
  }

  function syncToggles() {
    Array.prototype.forEach.call(document.querySelectorAll(".md-header button[data-pp-toggle]"), function (button) {
      var toggle = document.getElementById(button.getAttribute("data-pp-toggle"));
      if (toggle) button.setAttribute("aria-expanded", toggle.checked ? "true" : "false");
    });
  }

  function keyboardHeaderButtons() {
    /* mkdocs-material draws its menu and search buttons as <label for="__drawer"> and
       <label for="__search">: a mouse or a finger can press them, Tab never reaches them
       (WCAG 2.1.1). Each becomes a real <button>, named in the page's language, that presses
       the theme's own hidden checkbox: Enter and Space work as on any button. */
    var words = document.querySelector(".pp-header-words");
    var names = { __drawer: words && words.getAttribute("data-menu"), __search: words && words.getAttribute("data-search") };
    Array.prototype.forEach.call(document.querySelectorAll(".md-header label.md-header__button[for]"), function (label) {
      var toggle = document.getElementById(label.htmlFor);
      if (!toggle) return;
      var button = document.createElement("button");
      button.type = "button";
      button.className = label.className;
      button.innerHTML = label.innerHTML;
      button.setAttribute("data-pp-toggle", label.htmlFor);
      if (names[label.htmlFor]) button.setAttribute("aria-label", names[label.htmlFor]);
      button.addEventListener("click", function () {
        toggle.click();
        syncToggles();
        var input = toggle.checked && label.htmlFor === "__search" && document.querySelector(".md-search__input");
        if (input) input.focus();  // typing goes where the resident can see it
      });
      label.parentNode.replaceChild(button, label);
    });
    syncToggles();
  }

  /* On a phone the menu is a drawer over the page. While it is open, the page behind it is
     covered, so Tab must not go there (WCAG 2.4.3, 2.4.11): everything but the drawer is made
     inert, focus moves to the drawer's first link, and Escape closes it, back on the button.
     Where the navigation sits beside the page (the theme's 76.25em), nothing changes. */
  var drawerOverPage = window.matchMedia("(max-width: 76.234375em)");
  var BEHIND_DRAWER = ".md-skip, .pp-skip, .md-header, .md-content, .md-sidebar--secondary, .md-footer";

  function drawerOpen() {
    var drawer = document.getElementById("__drawer");
    return Boolean(drawer && drawer.checked && drawerOverPage.matches);
  }

  function keepFocusInDrawer(moveFocus) {
    var open = drawerOpen();
    Array.prototype.forEach.call(document.querySelectorAll(BEHIND_DRAWER), function (part) {
      if (open) part.setAttribute("inert", "");
      else part.removeAttribute("inert");
    });
    if (open && moveFocus) {
      var first = document.querySelector(".md-sidebar--primary a[href], .md-sidebar--primary button");
      if (first) first.focus();
    }
  }

  function closeDrawer() {
    var drawer = document.getElementById("__drawer");
    drawer.checked = false;
    keepFocusInDrawer(false);
    syncToggles();
    var button = document.querySelector('.md-header button[data-pp-toggle="__drawer"]');
    if (button) button.focus();
  }

  if (drawerOverPage.addEventListener) drawerOverPage.addEventListener("change", function () { keepFocusInDrawer(false); });
  document.addEventListener("change", function (event) {
    if (event.target.classList && event.target.classList.contains("md-toggle")) syncToggles();
    if (event.target.id === "__drawer") keepFocusInDrawer(true);
  });
  document.addEventListener("keydown", function (event) {
    /* Escape closes the theme's search and drops focus on the page: back to the button. */
    if (event.key !== "Escape") return;
    if (drawerOpen()) {
      closeDrawer();
      return;
    }
    var search = document.getElementById("__search");
    var wasOpen = search && search.checked;
    window.setTimeout(function () {
      var button = document.querySelector('.md-header button[data-pp-toggle="__search"]');
      syncToggles();
      if (wasOpen && !search.checked && button && button.offsetParent !== null &&
          (document.activeElement === document.body || !document.activeElement)) button.focus();
    }, 0);
  });

  function offerEnglishSearch() {
    /* A search in Arabic or Somali finds nothing when the site's pages are in English: say so,
       and offer the same words in the English pages' search (mkdocs-material opens its search
       with ?q= filled in). Only on pages that are not in English. */
    var words = document.querySelector(".pp-header-words");
    var home = words && words.getAttribute("data-english-home");
    var result = document.querySelector(".md-search-result");
    var input = document.querySelector(".md-search__input");
    if (!home || !result || !input) return;
    var offer = document.createElement("p");
    offer.className = "pp-search-english";
    offer.hidden = true;
    var link = document.createElement("a");
    link.textContent = words.getAttribute("data-english-search");
    offer.appendChild(link);
    result.insertBefore(offer, result.querySelector(".md-search-result__list"));
    new MutationObserver(function () {
      var list = result.querySelector(".md-search-result__list");
      var none = input.value.trim() !== "" && list && list.children.length === 0;
      link.href = home + "?q=" + encodeURIComponent(input.value.trim());
      if (offer.hidden !== !none) offer.hidden = !none;
    }).observe(result.querySelector(".md-search-result__meta") || result, { childList: true, characterData: true, subtree: true });
  }

  function start() {
    keyboardHeaderButtons();
    offerEnglishSearch();
    Array.prototype.forEach.call(document.querySelectorAll(".pp-step-by-step"), setUpSteps);
    openLinkedStep();
    fillPrintFooter();
  }

  window.addEventListener("beforeprint", function () { fillPrintFooter(); openEveryStep(); });
  window.addEventListener("afterprint", closeThemAgain);
  window.addEventListener("hashchange", openLinkedStep);
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
