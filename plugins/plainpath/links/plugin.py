"""MkDocs glue for stable links: URL lock, redirects in every language, 404 pages, link check.

Events only; the work is in ``url_lock``, ``redirects``, ``not_found`` and ``link_check``.
"""

from __future__ import annotations

import logging
import posixpath
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from plainpath.build_outcome import build_will_succeed
from plainpath.errors import SourceLocation, closest_page
from plainpath.languages import page_language
from plainpath.links.link_check import SiteLinks, source_position
from plainpath.links.not_found import NOT_FOUND_SOURCE, absolute_links
from plainpath.links.redirects import (
    Redirect,
    expand_rules,
    inside_site,
    netlify_headers,
    netlify_rules,
    nginx_rules,
    redirect_page,
)
from plainpath.links.url_lock import missing_urls, read_lock, write_lock
from plainpath.safety.csp import SitePolicy
from plainpath.translation.nav import remove_pages

log = get_plugin_logger(__name__)


class LinksConfig(base.Config):
    """Options of the ``plainpath/links`` plugin."""

    enabled = c.Type(bool, default=True)
    lock_file = c.Type(str, default="published-urls.txt")
    redirects = c.Type(dict, default={})
    check_links = c.Type(bool, default=True)


class LinksPlugin(BasePlugin[LinksConfig]):
    """Keeps every published URL working and every internal link pointing somewhere real."""

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.root = Path(config.config_file_path).resolve().parent
        self.lock_path = self.root / self.config.lock_file
        self.site_path = urlsplit(config.site_url or "/").path or "/"
        if self.config.enabled and self.config.check_links:  # ours names the line, once per link
            config.validation.links.not_found = logging.DEBUG
        self.on_pre_build(config)
        return config

    def on_pre_build(self, config: MkDocsConfig) -> None:
        """What one build learns; the preview builds the site model again on every edit."""
        self.not_found: dict[str, str] = {}  # src_uri -> language code
        self.current: set[str] = set()
        self.redirects: list[Redirect] = []
        self.built: dict[str, tuple[Page, Path]] = {}
        self.english_pages: list[str] = []  # what a broken link may have meant

    @event_priority(-50)  # after translation has added its languages
    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        if not self.config.enabled:
            return files
        for code in self._languages(config):
            file = File.generated(config, f"{code}/404.md", content=NOT_FOUND_SOURCE.format(code=code))
            file.dest_uri = f"{code}/404.html"
            file.url = f"{code}/404.html"
            files.append(file)
            self.not_found[file.src_uri] = code
        return files

    @event_priority(90)  # before the language split, so no menu lists a 404 page
    def on_nav(self, nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
        if not self.config.enabled:
            return nav
        remove_pages(nav, set(self.not_found))
        unpublished = set(self.not_found) | set(getattr(config.plugins.get("plainpath/readability"), "report_uris", {}))
        self.current = {_public(file.url) for file in files.documentation_pages() if file.src_uri not in unpublished}
        self.english_pages = sorted(file.src_uri for file in files.documentation_pages() if file.generated_by is None)
        languages = self._languages(config)
        locked = read_lock(self.lock_path)
        self.redirects = expand_rules(self.config.redirects, {e.url for e in locked}, self.current,
                                      languages, _configured_codes(config))
        skipped = self._skipped_prefixes(config, languages)
        broken = missing_urls(locked, self.current, {r.old for r in self.redirects}, skipped)
        for prefix in sorted(p for p in skipped if any(e.url.startswith(p) for e in locked)):
            log.warning(f"'{prefix}' pages were published before but this build has no '{prefix[:-1]}' "
                        "translation engine: their links break until it is installed again.")
        if broken:
            prefixes = {f"{code}/" for code in languages} | skipped
            raise PluginError("\n".join(self._broken_message(entry, guess, prefixes) for entry, guess in broken))
        return nav

    def _broken_message(self, entry, guess: str, language_prefixes: set[str]) -> str:
        """Name the URL, the likely new page, and the one rule (in English paths) that fixes it."""
        where = f"Error in '{self.config.lock_file}', line {entry.line}"
        old = entry.url or "/"
        if guess:
            english = [_without_prefix(url, language_prefixes) for url in (entry.url, guess)]
            rule = f"'{_source(english[0])}: {_source(english[1])}'"
            return (f"{where}: the published page '{old}' no longer exists. Did you mean '{guess}'? "
                    f"Add a redirect in mkdocs.yml under plainpath/links, redirects: {rule}.")
        return (f"{where}: the published page '{old}' no longer exists. Add a redirect to the page "
                "that replaces it in mkdocs.yml under plainpath/links, redirects.")

    @event_priority(-50)  # after translation has set the language's interface words (pp_ui)
    def on_page_context(self, context, page: Page, config: MkDocsConfig, nav: Navigation):
        if self.config.enabled and page.file.src_uri in self.not_found:
            context["pp_home_url"] = "./"  # made absolute with the rest: /<code>/
            ui = context.get("pp_ui")
            if ui is not None:  # the theme's header shows the title: in the page's language
                page.meta["title"] = page.title = ui("not_found_title")
        return context

    def on_post_page(self, output: str, page: Page, config: MkDocsConfig) -> str:
        if not self.config.enabled:
            return output
        if page.file.src_uri in self.not_found:
            return absolute_links(output, page.file.url, self.site_path)
        self.built[_public(page.file.url)] = (page, Path(page.file.abs_dest_path))
        return output

    def _write_site_files(self, config: MkDocsConfig) -> None:
        if not self.config.enabled:
            return
        site = Path(config.site_dir)
        csp = getattr(config.plugins.get("plainpath/pages"), "csp", None) or SitePolicy()
        for redirect in self.redirects:
            target = inside_site(site, redirect.old) / "index.html"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(csp.protect(redirect_page(redirect, config.site_url or "")), encoding="utf-8")
        not_found = {f"{code}/": f"{code}/404.html" for code in self.not_found.values()}
        rules = nginx_rules(self.redirects, not_found, self.site_path, csp.header())
        (site / "redirects.nginx.conf").write_text(rules, encoding="utf-8")
        (site / "_redirects").write_text(netlify_rules(self.redirects, not_found, self.site_path), encoding="utf-8")
        (site / "_headers").write_text(netlify_headers(csp.header(), self.site_path), encoding="utf-8")
        if self.config.check_links:
            self._check_links(site, config)

    @event_priority(-100)  # after every check of the build: a failed build locks no URL
    def _write_lock(self, config: MkDocsConfig) -> None:
        if not self.config.enabled or not build_will_succeed(config):
            return
        if write_lock(self.lock_path, {e.url for e in read_lock(self.lock_path)} | self.current):
            log.info(f"Updated {self.config.lock_file} with this build's new URLs: commit it.")

    on_post_build = CombinedEvent(_write_site_files, _write_lock)

    def _check_links(self, site: Path, config: MkDocsConfig) -> None:
        links = SiteLinks(site)
        found = [self.describe(page, broken, config)
                 for url, (page, html_file) in sorted(self.built.items())
                 for broken in links.check_page(url, html_file)]
        problems = [message for _, message in one_message_per_link(found)]
        if problems:
            raise PluginError("\n".join(problems) + f"\n{len(problems)} broken link(s): fix each line above.")

    def describe(self, page: Page, broken, config: MkDocsConfig) -> BrokenLinkReport:
        """Where the editor wrote the link (their file and line) and what is wrong with it."""
        language = page_language(page, config)
        flows = config.plugins.get("plainpath/flows")
        flow = flows.parts.flow_of_page(language.english_src_uri) if flows else None
        docs = Path(config.docs_dir).resolve().relative_to(self.root).as_posix()
        source_file = self.root / flow.source_path if flow else Path(config.docs_dir) / language.english_src_uri
        display = flow.source_path if flow else f"{docs}/{language.english_src_uri}"
        line, column, written_as = (source_position(source_file.read_text(encoding="utf-8"), broken)
                                    if source_file.exists() else None) or (None, None, broken.href)
        where = SourceLocation(display, line, column).describe()
        target = broken.target.removeprefix(f"{language.code}/") if language.code else broken.target
        written = urlsplit(broken.href).path
        if written.endswith(".md") and not flow:
            # A Markdown link MkDocs could not resolve stays as written in the HTML, so the built
            # page's folder is the wrong base: name the file the editor meant, beside their page.
            base = "" if written.startswith("/") else posixpath.dirname(language.english_src_uri)
            target = posixpath.normpath(posixpath.join(base, unquote(written).lstrip("/")))
        guess = ""
        if broken.problem == "there is no page there":
            wanted = target if target.endswith(".md") else _source(target.split("#")[0])
            if target.endswith(".md"):
                target = f"{docs}/{target}" if not target.startswith("..") else f"{target}, outside {docs}/"
            page = closest_page(wanted, self.english_pages, itself=language.english_src_uri)
            if page and not flow:  # written as the link from this page, so it works when pasted
                guess = f" Did you mean '{posixpath.relpath(page, posixpath.dirname(language.english_src_uri) or '.')}'?"
            elif page:
                guess = f" Did you mean '{page}' (a page under {docs}/)?"
        message = (f"Error in {where}{{versions}}: the link '{written_as}' goes to '{target}', but "
                   f"{broken.problem}.{guess} Correct the link or add the missing page or heading.")
        return BrokenLinkReport((display, line, column, broken.href, broken.problem), language.code, message)

    def _languages(self, config: MkDocsConfig) -> dict[str, str]:
        translation = config.plugins.get("plainpath/i18n")
        if translation is None or not translation.config.enabled:
            return {}
        built = getattr(translation, "languages", {})
        return {lang.code: lang.dir for lang in translation.config.languages if lang.code in built}

    def _skipped_prefixes(self, config: MkDocsConfig, languages: dict[str, str]) -> set[str]:
        return {f"{code}/" for code in _configured_codes(config) - set(languages)}


@dataclass(frozen=True)
class BrokenLinkReport:
    key: tuple  # the editor's file, line, column, link and problem: the same in every language
    language: str | None  # None for English
    message: str  # with "{versions}" where the languages go


def one_message_per_link(found: list[BrokenLinkReport]) -> list[tuple[tuple, str]]:
    """A link broken in English is broken in every language: say so once, in English paths.
    A link broken only in some translations names them. Returns (file, line, ...), message."""
    by_key: dict[tuple, list[BrokenLinkReport]] = {}
    for report in found:
        by_key.setdefault(report.key, []).append(report)
    messages = []
    for reports in by_key.values():
        codes = sorted({r.language for r in reports if r.language})
        in_english = any(r.language is None for r in reports)
        versions = "" if in_english else f" (in the {', '.join(codes)} version{'s' if len(codes) > 1 else ''})"
        messages.append((reports[0].key, reports[0].message.replace("{versions}", versions, 1)))
    return messages


def _configured_codes(config: MkDocsConfig) -> set[str]:
    """Every language in mkdocs.yml, whether this build could translate it or not."""
    translation = config.plugins.get("plainpath/i18n")
    return {lang.code for lang in translation.config.languages} if translation else set()


def _public(url: str) -> str:
    """MkDocs calls the home page ``./``; the lock and the redirects call it ``''``."""
    return "" if url in ("./", ".") else url


def _without_prefix(url: str, prefixes: set[str]) -> str:
    return next((url[len(p):] for p in prefixes if url.startswith(p)), url)


def _source(url: str) -> str:
    """The Markdown path an editor writes for a page URL (``parking/apply/`` -> ``parking/apply.md``)."""
    return (url.rstrip("/") + ".md") if url else "index.md"
