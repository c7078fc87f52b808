"""HTML_CodeSniffer in the same page load as axe: the second engine pa11y runs.

Two engines find more than one: in GDS's audit of 142 barriers axe alone found 27%, axe with
HTML_CodeSniffer 35%. Its WCAG2AA errors (not its warnings and notices, which ask a person to
look, as pa11y's default leaves them) become findings in axe's shape, named
``htmlcs-<technique>`` (``htmlcs-H37``: an image without alt), with a CSS selector made by axe's
own ``getSelector``, so the source map, the allowlist and the reports treat them like axe's. The
level of the whole engine is the ``htmlcs`` rule in mkdocs.yml (``error`` by default).
"""

from __future__ import annotations

import re
from pathlib import Path

HTMLCS_VERSION = "2.5.1"
RULE = "htmlcs"  # its level in mkdocs.yml's rules: error, warning or off
HELP_URL = "https://squizlabs.github.io/HTML_CodeSniffer/Standards/WCAG2/"

_RUN = """
const done = arguments[arguments.length - 1];
const describe = (element) => {
  if (!element || element.nodeType !== 1) return {selector: 'html', html: ''};
  let selector = element.tagName.toLowerCase();
  try { selector = axe.utils.getSelector(element); } catch (e) { /* keep the tag name */ }
  return {selector: selector, html: element.outerHTML.slice(0, 300)};
};
try {
  HTMLCS.process('WCAG2AA', document, () => {
    const errors = HTMLCS.getMessages().filter(m => m.type === HTMLCS.ERROR);
    let ready = false;  // axe's tree, built once for all the selectors
    try { if (errors.length) { axe.setup(); ready = true; } } catch (e) { /* tag names then */ }
    try {
      done({messages: errors.map(m => Object.assign({code: m.code, message: m.msg}, describe(m.element)))});
    } finally {
      if (ready) axe.teardown();
    }
  }, (error) => done({error: String(error)}), 'en');
} catch (error) {
  done({error: String(error)});
}
"""
# WCAG2AA.Principle1.Guideline1_1.1_1_1.H37 -> criterion 1.1.1, technique H37
_CODE = re.compile(r"\.(\d+)_(\d+)_(\d+)\.(.+)$")


def htmlcs_script(axe_js: Path) -> Path:
    """HTML_CodeSniffer's build, installed by npm beside the pinned axe-core."""
    script = axe_js.parents[1] / "html_codesniffer" / "build" / "HTMLCS.js"
    if not script.exists():
        raise FileNotFoundError(f"{script} is missing. Run 'bash .ci/setup' (it runs 'npm ci') to install "
                                "HTML_CodeSniffer next to axe-core.")
    return script


def run_htmlcs(driver, script: Path) -> list[dict]:
    """HTML_CodeSniffer's WCAG2AA errors on the loaded page (axe must be loaded: its selectors)."""
    if not driver.execute_script("return !!window.HTMLCS"):
        driver.execute_script(script.read_text(encoding="utf-8"))
    raw = driver.execute_async_script(_RUN)
    if raw.get("error"):
        raise RuntimeError(f"HTML_CodeSniffer failed on the page: {raw['error']}")
    findings: dict[str, dict] = {}
    for message in raw["messages"]:
        match = _CODE.search(message["code"])
        criterion = ".".join(match.group(1, 2, 3)) if match else ""
        technique = match.group(4) if match else message["code"]
        rule = f"htmlcs-{technique}"
        finding = findings.setdefault(rule, {
            "id": rule, "impact": "serious", "tags": ["htmlcs"] + ([f"wcag{criterion.replace('.', '')}"] if criterion else []),
            "help": f"{message['message']} (HTML_CodeSniffer {message['code']})", "helpUrl": HELP_URL, "nodes": [],
        })
        if not any(node["target"] == [message["selector"]] for node in finding["nodes"]):
            finding["nodes"].append({"target": [message["selector"]], "html": message["html"]})
    return list(findings.values())
