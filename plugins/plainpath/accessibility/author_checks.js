// Runs in the page after axe (same load): Sa11y headless with the page's language pack, and the
// text of each paragraph-like block of the article, for the word checks done in Python.
// arguments[0]: the global name of the Sa11y language pack already injected (e.g. Sa11yLangEs).
const done = arguments[arguments.length - 1];
const packName = arguments[0];
const BLOCKS = "p, li, td, th, h1, h2, h3, h4, h5, h6, dt, dd, figcaption, summary, caption";

const cssPath = (el) => {
  const parts = [];
  while (el && el.nodeType === 1 && el !== document.documentElement) {
    if (el.id) { parts.unshift(`${el.tagName.toLowerCase()}#${CSS.escape(el.id)}`); break; }
    const siblings = el.parentElement ? [...el.parentElement.children].filter((c) => c.tagName === el.tagName) : [];
    const nth = siblings.length > 1 ? `:nth-of-type(${siblings.indexOf(el) + 1})` : "";
    parts.unshift(el.tagName.toLowerCase() + nth);
    el = el.parentElement;
  }
  return parts.join(" > ");
};
const langOf = (el) => (el.closest("[lang]") || document.documentElement).getAttribute("lang") || "";
const blockOf = (el) => (el && el.closest ? el.closest(BLOCKS) : null);
const textOf = (el) => (el ? (el.innerText || el.textContent || "").replace(/\s+/g, " ").trim() : "");

const article = document.querySelector("article") || document.body;
const blocks = [...article.querySelectorAll(BLOCKS)]
  .filter((el) => !el.querySelector(BLOCKS)) // closed steps too: their words are the editor's
  .map((el) => ({ selector: cssPath(el), text: textOf(el), lang: langOf(el), html: el.outerHTML.slice(0, 200) }))
  .filter((block) => block.text);
const abbrs = [...document.querySelectorAll("abbr[title]")].map((el) => textOf(el));

const finish = (results) => done({
  blocks, abbrs,
  sa11y: results.filter((r) => r.type !== "good").map((r) => {
    const el = r.element && r.element.nodeType === 1 ? r.element : null;
    const block = blockOf(el);
    const own = el ? (el.getAttribute("alt") !== null && el.tagName === "IMG" ? el.getAttribute("alt") : textOf(el)) : "";
    return {
      test: r.test, type: r.type,
      message: (new DOMParser().parseFromString(r.content || "", "text/html").body.textContent || "").trim(),
      selector: el ? cssPath(el) : "html", html: el ? el.outerHTML.slice(0, 200) : "",
      text: own, block: textOf(block) || own, lang: el ? langOf(el) : langOf(document.documentElement),
    };
  }),
});

if (!window.Sa11y) {
  done({ blocks, abbrs, sa11y: [], error: "Sa11y was not in the page, so its checks did not run" });
} else {
  Sa11y.Lang.addI18n((window[packName] || window.Sa11yLangEn).strings);
  document.addEventListener("sa11y-check-complete", (event) => finish(event.detail.results), { once: true });
  new Sa11y.Sa11y({
    headless: true, checkRoot: "article", contrastPlugin: false, readabilityPlugin: false,
    exportResultsPlugin: false, colourFilterPlugin: false, dismissAnnotations: false,
  });
}
