"""A headless Chromium that notices any script an attacker's payload manages to run.

Before any page script runs, a DevTools hook replaces ``alert``, ``confirm``, ``prompt`` and
``print`` with recorders and listens for Content-Security-Policy violations. Every page of a
built site is loaded; every element in it is hovered, focused and clicked (links are checked for
script URLs rather than followed, so the page stays put), and chart links are treated the same.
"""

from __future__ import annotations

import time
from pathlib import Path

from plainpath.accessibility.browser import Browser
from plainpath.static_server import serve

TRAP = """
window.__ppRan = [];
window.__ppCsp = [];
for (const name of ['alert', 'confirm', 'prompt', 'print']) {
  window[name] = (...args) => { window.__ppRan.push(name + ': ' + args.join(' ')); };
}
document.addEventListener('securitypolicyviolation', (e) => {
  window.__ppCsp.push(e.violatedDirective + ' ' + e.blockedURI + ' ' + (e.sample || ''));
});
"""
ACTIVATE = """
const safe = new Set(['http:', 'https:', 'mailto:', 'tel:']);
const found = [];
for (const el of document.querySelectorAll('body *')) {
  for (const type of ['mouseover', 'mouseenter', 'focus', 'pointerdown', 'animationstart']) {
    el.dispatchEvent(new Event(type, {bubbles: true}));
  }
  const href = el.getAttribute('href') ?? el.getAttributeNS('http://www.w3.org/1999/xlink', 'href');
  if (href !== null) {
    let protocol = '';
    try { protocol = new URL(href, location.href).protocol; } catch (e) { protocol = 'invalid:'; }
    if (!safe.has(protocol)) found.push('a link with ' + protocol + ' ' + href.slice(0, 60));
  } else if (!el.closest('a, form, label')) {
    el.dispatchEvent(new MouseEvent('click', {bubbles: true, cancelable: true}));
  }
}
return found;
"""


class TrappedBrowser:
    """One trapped Chromium, reused for every site a test module builds."""

    def __init__(self) -> None:
        self.browser = Browser()
        self.browser.cdp("Page.addScriptToEvaluateOnNewDocument", {"source": TRAP})

    def visit_site(self, site: Path) -> list[str]:
        """What ran or was blocked on any page of ``site``, as readable findings (none is good)."""
        server, base = serve(site)
        findings: list[str] = []
        try:
            for page in sorted(site.rglob("*.html")):
                url = base + page.relative_to(site).as_posix()
                findings += [f"{url}: {item}" for item in self._visit(url)]
        finally:
            server.shutdown()
        return findings

    def _visit(self, url: str) -> list[str]:
        driver = self.browser.driver
        driver.get(url)
        if driver.current_url.split("#")[0] != url:  # a redirect page sent us on: check there too
            time.sleep(0.1)
        bad_links = driver.execute_script(ACTIVATE)
        time.sleep(0.05)
        ran = driver.execute_script("return window.__ppRan || []")
        csp = driver.execute_script("return window.__ppCsp || []")
        return [f"script ran: {r}" for r in ran] + [f"CSP: {c}" for c in csp] + bad_links

    def close(self) -> None:
        self.browser.close()
