"""The one sanitising boundary every HTML fragment from an editor, translator or engine crosses.

Markdown lets raw HTML through, and each parser we might check it with (``html.parser``,
Python-Markdown, markdown-it) reads comments, CDATA and odd attributes differently from a browser.
So the fragment as rendered is given to ammonia (``nh3``, an allowlist sanitiser on html5ever, a
browser-grade HTML5 parser), and the fragment is published only if sanitising changes nothing a
browser would see: both versions are parsed with html5lib (the WHATWG algorithm) and compared.
What ammonia returns is what is published, so the checked text and the published text are one.
"""

from __future__ import annotations

import re

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any
from xml.etree import ElementTree

import html5lib
import nh3

from plainpath.safety.urls import is_safe_link, is_site_file, url_scheme

ALLOWED_TAGS: dict[str, frozenset[str]] = {
    tag: frozenset(attributes)
    for tag, attributes in {
        "a": {"href", "hreflang"}, "abbr": set(), "b": set(), "blockquote": set(), "br": set(),
        "caption": set(), "code": set(), "dd": set(), "del": set(), "details": {"open"},
        "div": {"class"}, "dl": set(), "dt": set(), "em": set(), "figcaption": set(),
        "figure": set(), "h1": set(), "h2": set(), "h3": set(), "h4": set(), "h5": set(),
        "h6": set(), "hr": set(), "i": set(), "img": {"src", "alt", "width", "height"},
        "ins": set(), "kbd": set(), "li": set(), "mark": set(), "ol": {"start"},
        "p": {"class"}, "pre": set(), "s": set(), "small": {"data-search-exclude"}, "span": {"class"},
        "strong": set(), "sub": set(), "summary": set(), "sup": set(), "table": set(),
        "tbody": set(), "td": {"colspan", "rowspan", "align"}, "tfoot": set(),
        "th": {"scope", "colspan", "rowspan", "align"}, "thead": set(), "tr": set(), "u": set(),
        "ul": set(),
    }.items()
}
ALLOWED_EVERYWHERE = frozenset({"lang", "dir", "id", "title"})
NEVER = frozenset({
    "script", "style", "iframe", "frame", "frameset", "object", "embed", "applet", "form",
    "input", "button", "textarea", "select", "base", "meta", "link", "svg", "math", "template",
    "noscript", "portal",
})
# Python-Markdown writes void elements the XHTML way, "<img ... />"; ammonia writes "<img ...>".
_XHTML_VOID = re.compile(r"<(img|br|hr|wbr)(\b[^<>]*?)\s*/>")
NEVER_ATTRIBUTES = frozenset({"style", "srcdoc", "formaction", "action", "srcset", "xlink:href"})
ADMONITIONS = frozenset({
    "admonition", "admonition-title", "note", "abstract", "info", "tip", "success", "question",
    "warning", "failure", "danger", "bug", "example", "quote",
})
RESERVED_ID_PREFIXES = ("__", "md-", "pp-", "chart-", "flow-chart")
RESERVED_IDS = frozenset({"main-content"})
URL_ATTRIBUTES = frozenset({"href", "src", "cite"})
NEVER_FIX = "Remove it: scripts, styles, embedded pages and event handlers are never published."
ALLOWLIST_FIX = (
    "Use Markdown instead (for example [text](page.md) for a link), or ask a developer to add it "
    "to 'raw_html' in mkdocs.yml if it is really needed."
)


@dataclass(frozen=True)
class Problem:
    """One thing the boundary refused, in an editor's words, with text to find its line by."""

    description: str
    needles: tuple[str, ...]
    fix: str = ""


@dataclass(frozen=True)
class Checked:
    """A fragment after the boundary: the HTML to publish and what was refused (empty if none)."""

    html: str
    problems: tuple[Problem, ...]


class HtmlPolicy:
    """The allowlist, widened per council in ``mkdocs.yml`` but never past ``NEVER``."""

    def __init__(self, extra: Mapping[str, Iterable[str]] | None = None) -> None:
        tags = {tag: set(attributes) for tag, attributes in ALLOWED_TAGS.items()}
        for tag, attributes in (extra or {}).items():
            tag = str(tag).lower()
            if tag not in NEVER:
                wanted = {str(a).lower() for a in attributes or []}
                tags.setdefault(tag, set()).update(a for a in wanted if _attribute_allowed(a))
        self.tags = {tag: frozenset(attributes) for tag, attributes in tags.items()}
        self.classes = {tag: ADMONITIONS for tag, attrs in self.tags.items() if "class" in attrs}

    def check(self, fragment: str) -> Checked:
        """Sanitise ``fragment``; problems list everything sanitising would change."""
        clean = self.clean(fragment)
        if clean == _XHTML_VOID.sub(r"<\1\2>", fragment):  # ammonia changed nothing but
            return Checked(clean, ())                    # Markdown's "<img ... />": no need to parse twice more
        problems = self._describe(fragment)
        if not problems and _tree(fragment, drop_comments=True) != _tree(clean):
            problems = [Problem(
                f"the HTML '{_snippet(fragment, clean)}' cannot be published as written", (), NEVER_FIX)]
        return Checked(clean, tuple(problems))

    def clean(self, fragment: str) -> str:
        """What ammonia keeps of ``fragment``: the text we publish."""
        attributes = {tag: set(attrs - {"class"}) for tag, attrs in self.tags.items()}
        attributes["*"] = set(ALLOWED_EVERYWHERE)
        return nh3.clean(
            fragment,
            tags=set(self.tags),
            clean_content_tags=set(NEVER - set(self.tags)),
            attributes=attributes,
            attribute_filter=_filter_attribute,
            strip_comments=True,
            link_rel=None,
            url_schemes={"http", "https", "mailto", "tel"},
            allowed_classes={tag: set(classes) for tag, classes in self.classes.items()},
        )

    def _describe(self, fragment: str) -> list[Problem]:
        problems: list[Problem] = []
        root = _parse(fragment)
        for element in root.iter():
            if element is root or not isinstance(element.tag, str):
                continue
            tag = _local_name(element.tag)
            if tag not in self.tags:
                fix = NEVER_FIX if tag in NEVER else ALLOWLIST_FIX
                problems.append(Problem(f"the HTML tag <{tag}> is not allowed", (f"<{tag}",), fix))
                continue
            for name, value in element.attrib.items():
                problem = self._attribute_problem(tag, _local_name(name), value)
                if problem is not None:
                    problems.append(problem)
        return _unique(problems)

    def _attribute_problem(self, tag: str, name: str, value: str) -> Problem | None:
        if name.startswith("on") or name in NEVER_ATTRIBUTES or (
            name not in self.tags[tag] and name not in ALLOWED_EVERYWHERE
        ):
            fix = ALLOWLIST_FIX if _attribute_allowed(name) else NEVER_FIX
            return Problem(f"the attribute '{name}' on <{tag}> is not allowed", (f"{name}=", name), fix)
        if name in URL_ATTRIBUTES:
            return _url_problem(tag, name, value)
        if name == "class":
            refused = sorted(set(value.split()) - self.classes.get(tag, frozenset()))
            if refused:
                return Problem(f"the class '{refused[0]}' on <{tag}> is not allowed", (refused[0],),
                               "Remove it: pages may only use the admonition classes (note, warning, ...).")
        if name == "id" and _reserved_id(value):
            return Problem(f"the id '{value}' is kept for the page layout", (value,),
                           "Choose another id or reword the heading it comes from.")
        return None


def _url_problem(tag: str, name: str, value: str) -> Problem | None:
    shown = value.strip()[:60]
    needles = (shown[:20], f"{name}=")
    if not is_safe_link(value):
        scheme = url_scheme(value)
        return Problem(f"the link to '{shown}' uses '{scheme}:', which is not allowed", needles,
                       "Link to a page of this site or to an https:// address.")
    if tag == "img" and not is_site_file(value):
        return Problem(f"the image '{shown}' is on another website", needles,
                       "Save the image in content/ and show it from there: pages must not load "
                       "anything from another website.")
    return None


def _filter_attribute(tag: str, name: str, value: str) -> str | None:
    """Ammonia's last word on each kept attribute: the same rules ``_describe`` reports."""
    if name == "id" and _reserved_id(value):
        return None
    if name in URL_ATTRIBUTES and (not is_safe_link(value) or (tag == "img" and not is_site_file(value))):
        return None
    return value


def _attribute_allowed(name: str) -> bool:
    return not name.startswith("on") and name not in NEVER_ATTRIBUTES


def _reserved_id(value: str) -> bool:
    return value in RESERVED_IDS or value.startswith(RESERVED_ID_PREFIXES)


def _parse(fragment: str) -> ElementTree.Element:
    return html5lib.parseFragment(fragment, treebuilder="etree", namespaceHTMLElements=False)


def _tree(fragment: str, drop_comments: bool = False) -> Any:
    """The fragment as a browser builds it: a nested tuple of tags, attributes and text."""
    return _canonical(_parse(fragment), drop_comments)


def _canonical(element: ElementTree.Element, drop_comments: bool) -> Any:
    children: list[Any] = [element.text or ""]
    for child in element:
        if not isinstance(child.tag, str):  # a comment
            if not drop_comments:
                children.append(("#comment", child.text))
        else:
            children.append(_canonical(child, drop_comments))
        children.append(child.tail or "")
    return (element.tag, sorted(element.attrib.items()), _join_text(children))


def _join_text(children: list[Any]) -> tuple[Any, ...]:
    """Adjacent text runs merged, empty ones dropped: comments removed must leave no seam."""
    merged: list[Any] = []
    for child in children:
        if isinstance(child, str) and merged and isinstance(merged[-1], str):
            merged[-1] += child
        elif child != "":
            merged.append(child)
    return tuple(merged)


def _local_name(name: str) -> str:
    return name.rsplit("}", 1)[-1].lower()


def _snippet(fragment: str, clean: str) -> str:
    start = next((i for i, (a, b) in enumerate(zip(fragment, clean)) if a != b), min(len(fragment), len(clean)))
    return fragment[max(0, start - 10): start + 40].replace("\n", " ")


def _unique(problems: list[Problem]) -> list[Problem]:
    seen: dict[str, Problem] = {}
    for problem in problems:
        seen.setdefault(problem.description, problem)
    return list(seen.values())
