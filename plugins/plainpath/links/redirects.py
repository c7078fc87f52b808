"""Redirect rules an editor writes once, expanded to every language, as static pages and server rules.

A rule maps an old page or folder to a new one (``parking/apply.md: permits/apply.md`` or
``parking/: permits/``). Each becomes, for English and every built language, an HTML page at the
old URL with ``rel=canonical``, a meta refresh and a one-line script that keeps ``#anchors``
(a meta refresh drops them), plus lines for nginx and for Netlify-style ``_redirects`` files.

mkdocs-redirects does the static pages for one language; it knows nothing of our ``<code>/``
variants or folder rules, so this module does the whole job in one place.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from pathlib import Path

from mkdocs.exceptions import PluginError

from plainpath.errors import did_you_mean
from plainpath.links.urls import relative, rule_url


@dataclass(frozen=True)
class Redirect:
    """One old URL and where it now leads (both site-relative, like ``es/parking/apply/``)."""

    old: str
    new: str
    lang: str
    dir: str


def expand_rules(
    rules: dict[str, str],
    published: set[str],
    current: set[str],
    languages: dict[str, str],
    language_codes: set[str] | None = None,
) -> list[Redirect]:
    """Every redirect the rules produce, for English and each language in ``languages`` (code: dir).

    ``published`` are the locked URLs (folder rules move each of them); ``current`` the URLs this
    build has. A rule whose target does not exist, or whose old URL is still a page, is an error;
    so is a side that is not a plain English page path (``language_codes`` are every language
    configured, built or not).
    """
    redirects: dict[str, Redirect] = {}
    english_pages = {url for url in current if not _language_prefix(url, languages)}
    codes = set(languages) | set(language_codes or ())
    for old_rule, new_rule in (rules or {}).items():
        for side in (old_rule, new_rule):
            _check_rule_side(old_rule, side, codes)
        old, new = rule_url(str(old_rule)), rule_url(str(new_rule))
        if new not in english_pages and not any(url.startswith(new) for url in english_pages):
            raise _rule_error(old_rule, f"its target '{new_rule}' is not a page of this site.",
                              did_you_mean(new, english_pages))
        if old in english_pages:
            raise _rule_error(old_rule, f"'{old_rule}' is still a page, so it cannot be redirected.",
                              "Remove the rule, or move the page first.")
        pairs = [(old, new)]
        if old_rule.endswith("/"):  # a folder: move every published page under it
            pairs += [(url, new + url[len(old):]) for url in published
                      if not _language_prefix(url, languages) and url.startswith(old) and url != old]
        for old_url, new_url in pairs:
            for code, direction in [("", "ltr"), *[(c, d) for c, d in languages.items()]]:
                prefix = f"{code}/" if code else ""
                target = prefix + new_url
                if target not in current:
                    target = prefix + new if prefix + new in current else (prefix or "")
                redirects[prefix + old_url] = Redirect(prefix + old_url, target, code or "en", direction)
    return sorted(redirects.values(), key=lambda r: r.old)


RULE_PATH = re.compile(r"^(?:[A-Za-z0-9_][A-Za-z0-9._~-]*/)*(?:[A-Za-z0-9_][A-Za-z0-9._~-]*\.md)?$")


def _check_rule_side(rule: object, side: object, language_codes: set[str]) -> None:
    """A rule's side must be an English page (``x/y.md``) or folder (``x/``) inside the site."""
    text = str(side) if isinstance(side, str) else ""
    if not text or not RULE_PATH.match(text) or ".." in text.split("/"):
        raise _rule_error(
            rule, f"{_shown(side)} is not a page path of this site.",
            "Write the path of a page as it is in content/, like 'parking/apply.md', or of a "
            "folder, like 'parking/', using letters, numbers, '-', '_' and '.'.")
    if text.split("/", 1)[0] in language_codes:
        raise _rule_error(
            rule, f"{_shown(side)} starts with a language code.",
            "Write redirects in English paths only: each rule already works in every language.")


def _shown(value: object) -> str:
    """A value as an editor can read it, with invisible characters spelled out."""
    text = str(value)
    return "'" + "".join(ch if ch.isprintable() else ascii(ch)[1:-1] for ch in text)[:80] + "'"


def inside_site(site: Path, url: str) -> Path:
    """The folder for ``url`` under ``site``; never outside it, whatever ``url`` holds."""
    folder = (site / url).resolve()
    if not folder.is_relative_to(site.resolve()):
        raise PluginError(f"Error in mkdocs.yml, plugin 'plainpath/links': the redirect '{url}' "
                          "would write outside the site folder. Write it as a page path.")
    return folder


def _language_prefix(url: str, languages: dict[str, str]) -> str:
    first = url.split("/", 1)[0]
    return first if first in languages and "/" in url else ""


def _rule_error(rule: object, problem: str, fix: str) -> PluginError:
    return PluginError(
        f"Error in mkdocs.yml, plugin 'plainpath/links', redirect {_shown(rule)}: {problem} {fix}".strip()
    )


def redirect_page(redirect: Redirect, site_url: str) -> str:
    """A static page that sends the reader on, keeping the ``#anchor`` they asked for."""
    link = relative(redirect.new, redirect.old)
    canonical = site_url.rstrip("/") + "/" + redirect.new if site_url else link
    return f"""<!doctype html>
<html lang="{redirect.lang}" dir="{redirect.dir}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>This page has moved</title>
<meta name="robots" content="noindex">
<meta name="plainpath-redirect" content="{html.escape(redirect.new)}">
<link rel="canonical" href="{html.escape(canonical)}">
<script>location.replace({_js_string(link)} + location.hash)</script>
<meta http-equiv="refresh" content="0; url={html.escape(link)}">
</head>
<body>
<main><p lang="en"><a href="{html.escape(link)}">This page has moved. Go to its new address.</a></p></main>
</body>
</html>
"""


def _js_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("<", "\\u003c") + '"'


def nginx_rules(redirects: list[Redirect], not_found: dict[str, str], base: str, csp: str = "") -> str:
    """``location`` blocks for nginx: permanent redirects, a 404 page per language, the CSP header."""
    lines = ["# Generated by plainpath: include inside your server { } block."]
    if csp:
        lines.append(f'add_header Content-Security-Policy "{csp}" always;')
    lines.append('add_header X-Content-Type-Options "nosniff" always;  # a PDF or picture is never run as a page')
    for redirect in redirects:
        lines.append(f"location = {base}{redirect.old} {{ return 301 {base}{redirect.new}; }}")
    for prefix, page in sorted(not_found.items(), key=lambda item: -len(item[0])):
        lines.append(f"location {base}{prefix} {{ error_page 404 {base}{page}; }}")
    return "\n".join(lines) + "\n"


def netlify_headers(csp: str, base: str) -> str:
    """A ``_headers`` file (Netlify, Cloudflare Pages) giving every page the site's CSP, and
    ``nosniff`` so a browser never runs an uploaded file as a page or a script."""
    return f"{base}*\n  Content-Security-Policy: {csp}\n  X-Content-Type-Options: nosniff\n"


def netlify_rules(redirects: list[Redirect], not_found: dict[str, str], base: str) -> str:
    """A ``_redirects`` file (Netlify, Cloudflare Pages and others read this format)."""
    lines = [f"{base}{r.old} {base}{r.new} 301" for r in redirects]
    lines += [f"{base}{prefix}* {base}{page} 404"
              for prefix, page in sorted(not_found.items(), key=lambda item: -len(item[0]))]
    return "\n".join(lines) + "\n"
