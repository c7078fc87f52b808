"""Checks axe leaves to people, done in the browser: reflow, text spacing, keyboard, language.

Each returns a list of findings shaped like axe's (``id``, ``help``, ``nodes``) so the gate, the
allowlist and the reports treat them the same way.
"""

from __future__ import annotations

from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

REFLOW_WIDTH = 320

_OVERFLOWING = """
const root = document.scrollingElement;
return root.scrollWidth > root.clientWidth + 1 ? [root.scrollWidth, root.clientWidth] : null;
"""

_SPACING = """
const style = document.createElement('style');
style.textContent = '* { line-height: 1.5 !important; letter-spacing: 0.12em !important;'
  + ' word-spacing: 0.16em !important; } p { margin-bottom: 2em !important; }';
const clipped = (el) => {
  const s = getComputedStyle(el);
  const hides = ['hidden', 'clip'].includes(s.overflowX) || ['hidden', 'clip'].includes(s.overflowY);
  return hides && el.offsetParent !== null && el.clientWidth > 2 && el.clientHeight > 2 &&
    (el.scrollHeight > el.clientHeight + 1 || el.scrollWidth > el.clientWidth + 1) &&
    el.innerText.trim().length > 0;
};
const scope = [...document.querySelectorAll('article *')];
const before = new Set(scope.filter(clipped));
document.head.appendChild(style);
const after = scope.filter(el => clipped(el) && !before.has(el));
style.remove();
return after.slice(0, 5).map(el => el.outerHTML.slice(0, 200));
"""

_LANG = """
const html = document.documentElement;
return {lang: html.getAttribute('lang'), dir: document.body.getAttribute('dir')};
"""

_HEADERLESS_TABLES = """
return [...document.querySelectorAll('article table')]
  .filter(t => t.getAttribute('role') !== 'presentation' && t.rows.length > 1 && !t.querySelector('th'))
  .slice(0, 5).map(t => t.outerHTML.slice(0, 200));
"""

_STYLE = "const style = (el) => { const s = getComputedStyle(el); return {outline: s.outlineStyle + ' ' + s.outlineWidth, shadow: s.boxShadow}; };"
_SKIP_LINK_STYLE = _STYLE + """
const skip = document.querySelector('.pp-skip');
return skip ? style(skip) : null;
"""
_FOCUSED = _STYLE + """
const el = document.activeElement || document.body;
return {href: el.getAttribute('href') ? el.href : '', tag: el.tagName.toLowerCase(), style: style(el)};
"""


# What both keyboard scripts mean by a Tab stop (tabindex >= 0, rendered, not disabled, not
# inert), and how they name one.
_TAB_STOP_HELPERS = r"""
const rendered = (el) => el.checkVisibility({visibilityProperty: true, contentVisibilityAuto: true});
const tabbable = (el) => el.tabIndex >= 0 && !el.disabled && !el.closest('[inert]') && rendered(el)
  && !(el.tagName === 'INPUT' && el.type === 'hidden');
const focusable = () => [...document.querySelectorAll('a[href], button, input, select, textarea, summary, [tabindex], label')];
const describe = (el) => {
  const text = (el.getAttribute('aria-label') || el.innerText || el.value || '').trim().replace(/\s+/g, ' ');
  let path = el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + [...el.classList].slice(0, 2).map(c => '.' + c).join('');
  return {target: path, text: text.slice(0, 60), html: el.outerHTML.slice(0, 200)};
};
"""

# Every Tab stop of the page as the browser orders it, each measured as a keyboard user sees it
# when it has focus: a stop that is still invisible then (transparent, no size, off the side of
# the screen, scrolled out of its box) is a Tab press that shows nothing. Elements invisible
# until focused (the skip link) are focused to be measured; the page's toggles are put back
# afterwards. And what looks pressable in the header (a pointer cursor) but is no Tab stop is a
# control a keyboard cannot reach.
_TAB_STOPS = _TAB_STOP_HELPERS + r"""
const seen = (el) => {
  const r = el.getBoundingClientRect();
  if (r.width < 2 || r.height < 2) return false;
  if (r.right <= 0 || r.left >= innerWidth || r.bottom <= 0 || r.top >= innerHeight) return false;
  for (let n = el; n; n = n.parentElement) if (parseFloat(getComputedStyle(n).opacity) < 0.1) return false;
  return true;
};
const toggles = [...document.querySelectorAll('input.md-toggle')].map(t => [t, t.checked]);
const active = document.activeElement;
const scroll = [scrollX, scrollY];
const invisible = [];
const all = focusable();
for (const el of all.filter(tabbable)) {
  el.scrollIntoView({block: 'center', inline: 'nearest'});
  if (seen(el)) continue;
  el.focus({preventScroll: true});
  const shown = document.activeElement === el && seen(el);
  el.blur();
  if (!shown) invisible.push(describe(el));
}
toggles.forEach(([t, checked]) => { if (t.checked !== checked) t.click(); });
if (active && active.focus) active.focus({preventScroll: true});
scrollTo(scroll[0], scroll[1]);
const stops = all.filter(tabbable).map(el => el.getBoundingClientRect());
const insideAStop = (el) => { const r = el.getBoundingClientRect(), x = r.left + r.width / 2, y = r.top + r.height / 2;
  return stops.some(s => x >= s.left && x <= s.right && y >= s.top && y <= s.bottom); };  // an icon in a search box
const header = document.querySelector('.md-header, header');
const unreachable = header ? [...header.querySelectorAll('*')].filter(el =>
  getComputedStyle(el).cursor === 'pointer' && rendered(el) && seen(el)
  && !el.closest('a[href], button, input, select, textarea, summary, [tabindex]:not([tabindex="-1"])')
  && !el.querySelector('a[href], button, input, select, textarea, [tabindex]:not([tabindex="-1"])')
  && !insideAStop(el)
  && !(el.parentElement && getComputedStyle(el.parentElement).cursor === 'pointer' && header.contains(el.parentElement) && el.parentElement !== header)
).map(describe) : [];
return {invisible: invisible.slice(0, 10), unreachable: unreachable.slice(0, 10)};
"""


# The phone's menu opened as a resident opens it: what Tab can still reach that the open menu
# covers (the theme's drawer is a checkbox, #__drawer, pressed by the header's menu button).
_COVERED_BY_OPEN_MENU = _TAB_STOP_HELPERS + r"""
const done = arguments[arguments.length - 1];
const toggle = document.getElementById('__drawer');
const menu = document.querySelector('.md-header [data-pp-toggle="__drawer"], .md-header label[for="__drawer"]');
if (!toggle || !menu || !menu.checkVisibility() || toggle.checked) { done(null); return; }
const active = document.activeElement;
menu.click();
// Two frames: the overlay that covers the page is laid out (the drawer's own slide is not waited
// for: its links are not what is measured).
requestAnimationFrame(() => requestAnimationFrame(() => {
  const drawer = document.querySelector('.md-sidebar--primary');
  const covered = focusable().filter(tabbable).filter(el => {
    if (drawer && drawer.contains(el)) return false;
    const r = el.getBoundingClientRect();
    if (r.width < 2 || r.height < 2 || r.bottom <= 0 || r.top >= innerHeight || r.right <= 0 || r.left >= innerWidth) return false;
    const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
    return hit !== null && hit !== el && !el.contains(hit);
  }).map(describe);
  if (toggle.checked) menu.click();
  if (toggle.checked) { toggle.checked = false; toggle.dispatchEvent(new Event('change', {bubbles: true})); }
  if (active && active.focus) active.focus({preventScroll: true});
  done(covered.slice(0, 10));
}));
"""


def finding(rule: str, help_text: str, targets: list[str], html: str = "") -> dict:
    """A browser finding in axe's shape."""
    return {
        "id": rule, "impact": "serious", "help": help_text, "tags": ["plainpath"],
        "helpUrl": "https://www.w3.org/WAI/WCAG22/quickref/",
        "nodes": [{"target": [target], "html": html} for target in targets],
    }


def check_reflow(browser) -> list[dict]:
    """WCAG 1.4.10: at 320 CSS px the loaded page itself must not scroll sideways; and WCAG 2.5.8
    at that width too, where the theme lays out its links differently (axe, already injected)."""
    browser.resize(REFLOW_WIDTH)
    overflow = browser.driver.execute_script(_OVERFLOWING)
    small_targets = browser.driver.execute_async_script(_TARGETS_AT_THIS_WIDTH)
    findings = check_tab_stops(browser) + check_open_menu(browser)
    browser.resize(1280)
    findings += check_tab_stops(browser) + [
        finding("target-size", f"At {REFLOW_WIDTH}px: {node['failureSummary'] or 'a target is too small'}",
                node["target"], node["html"])
        for node in small_targets or []
    ]
    if overflow:
        width, client = overflow
        findings.append(finding("reflow-320", f"The page is {width}px wide at {client}px: it scrolls sideways.", ["html"]))
    return findings


_TARGETS_AT_THIS_WIDTH = """
const done = arguments[arguments.length - 1];
if (!window.axe) { done([{target: ["html"], html: "", failureSummary: "axe-core was not in the page, so this was not checked"}]); return; }
axe.run(document, {runOnly: {type: "rule", values: ["target-size"]}, resultTypes: ["violations"]})
  .then(r => done(r.violations.flatMap(v => v.nodes.map(n => ({target: n.target.map(String), html: n.html, failureSummary: n.failureSummary || ""})))))
  .catch(e => done([{target: ["html"], html: "", failureSummary: "axe-core failed, so this was not checked: " + e}]));
"""


def check_text_spacing(browser) -> list[dict]:
    """WCAG 1.4.12: wider letter, word, line and paragraph spacing must not clip text."""
    clipped = browser.driver.execute_script(_SPACING)
    return [finding("text-spacing", "Text is cut off when spacing is increased.", ["article"], html) for html in clipped]


def check_tables(browser) -> list[dict]:
    """WCAG 1.3.1: a data table names its columns or rows with header cells.

    axe only judges tables larger than 3 by 3 that look like data; editors write small ones too.
    """
    tables = browser.driver.execute_script(_HEADERLESS_TABLES)
    return [finding("table-headers", "A table has no header cells.", ["article table"], html) for html in tables]


def check_language(browser, expected_lang: str, expected_dir: str) -> list[dict]:
    """WCAG 3.1.1: the page says its language, and right-to-left pages say so."""
    found = browser.driver.execute_script(_LANG)
    problems = []
    if found["lang"] != expected_lang:
        problems.append(finding("page-language", f"html lang is {found['lang']!r}, not {expected_lang!r}.", ["html"]))
    if (found["dir"] or "ltr") != expected_dir:
        problems.append(finding("page-direction", f"body dir is {found['dir']!r}, not {expected_dir!r}.", ["body"]))
    return problems


def check_tab_stops(browser) -> list[dict]:
    """WCAG 2.1.1 and 2.4.7 at the browser's width: no Tab stop that shows nothing when it has
    focus, and no control in the header that looks pressable but Tab never reaches."""
    found = browser.driver.execute_script(_TAB_STOPS)
    width = browser.width
    findings = [
        finding("focus-invisible", f"At {width}px a Tab stop shows nothing when it has focus "
                f"('{item['text']}'): hide it from Tab while it is out of sight.", [item["target"]], item["html"])
        for item in found["invisible"]
    ]
    findings += [
        finding("keyboard-unreachable", f"At {width}px a control in the header ('{item['text']}') can be "
                "pressed with a mouse or a finger but Tab never reaches it.", [item["target"]], item["html"])
        for item in found["unreachable"]
    ]
    return findings


def check_open_menu(browser) -> list[dict]:
    """WCAG 2.4.3 and 2.4.11 on a phone: with the menu open, Tab must not reach what the menu
    covers (a resident's focus would go behind it, out of sight). The gate missed this once:
    every stop was visible with the menu closed."""
    covered = browser.driver.execute_async_script(_COVERED_BY_OPEN_MENU) or []
    return [
        finding("focus-obscured", f"At {browser.width}px, with the menu open, Tab reaches '{item['text']}', "
                "which the open menu covers: make the page behind the menu inert while it is open.",
                [item["target"]], item["html"])
        for item in covered
    ]


def check_keyboard(browser) -> list[dict]:
    """WCAG 2.4.1 and 2.4.7: on the freshly loaded page, Tab first reaches the skip link, which is
    visibly focused and moves focus to the main content. Real key presses; the page is read
    back in one script each time (every WebDriver round trip costs a page's worth of time)."""
    driver = browser.driver
    unfocused = driver.execute_script(_SKIP_LINK_STYLE)
    driver.find_element(By.TAG_NAME, "body").send_keys(Keys.TAB)
    first = driver.execute_script(_FOCUSED)
    if not first["href"].endswith("#main-content"):
        return [finding("skip-link-first", "The first Tab stop is not the skip link.", [first["tag"]])]
    problems = []
    if first["style"] == unfocused or first["style"]["outline"].startswith("none"):
        problems.append(finding("focus-visible", "The focused skip link has no visible focus outline.", [".pp-skip"]))
    driver.switch_to.active_element.send_keys(Keys.ENTER)
    if driver.execute_script("return document.activeElement && document.activeElement.id") != "main-content":
        problems.append(finding("skip-link-target", "The skip link does not move focus to the main content.", [".pp-skip"]))
    return problems
