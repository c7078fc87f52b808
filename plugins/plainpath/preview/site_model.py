"""The site as MkDocs knows it after its navigation events, kept in one process between saves.

``mkdocs serve`` rebuilds the whole site on every save: every page in every language is read,
translated, converted and written, minutes at council scale. The preview instead runs MkDocs'
events up to ``on_nav`` again after a save (the plugins keep their memories, engines and lint
results warm, so that costs well under a second at 1,000 pages x 5 languages) and renders a page
only when a browser asks for it, with the same plugin events as ``mkdocs build``. Nothing is
written outside a temporary folder: no PO file, no URL lock.
"""

from __future__ import annotations

import functools
import json
import logging
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import lxml.html
from mkdocs.commands.build import get_context
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, InclusionLevel, get_files, set_exclusions
from mkdocs.structure.nav import Navigation, get_navigation
from mkdocs.structure.pages import Page

from plainpath.errors import EditorError, EditorErrors, SourceLocation, collected_notices
from plainpath.links.link_check import ModelLinks
from plainpath.links.plugin import one_message_per_link
from plainpath.pages.front_matter import markdown_and_meta
from plainpath.translation.search_split import LUNR_LANGUAGES


@dataclass
class Problem:
    """One message for the editor, as the command line prints it."""

    text: str
    level: str  # "error" stops the build; "warning" stops a strict build; "notice" stops nothing
    where: SourceLocation | None = None

    def line(self) -> str:
        """``file:line:col: message``, as ``plainpath check`` prints it."""
        where = self.where or SourceLocation("mkdocs.yml")
        return f"{where.prefix()} {where.unsaid(self.text)}"


@dataclass
class ModelState:
    """One run of the site model: what a request needs to render a page."""

    config: MkDocsConfig
    files: Files
    nav: Navigation
    env: object
    by_dest: dict[str, File]
    warnings: list[Problem] = field(default_factory=list)


class _Collector(logging.Handler):
    """The warnings MkDocs and the plugins log while the model runs or a page renders."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.records: list[Problem] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(Problem(record.getMessage(), "warning"))


@contextmanager
def collected_warnings():
    """The warnings logged inside the block, then the notices (``log_notice``: warnings for the
    editor though the build goes on), each a ``Problem``."""
    handler = _Collector()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    try:
        with collected_notices() as notices:
            yield handler.records
    finally:
        logger.removeHandler(handler)
        handler.records += [Problem(text, "notice", where) for where, text in notices]


class SiteModel:
    """The warm site: loaded once, refreshed after each save, pages rendered on request."""

    def __init__(self, config_file: Path, site_dir: Path, translate: bool = True, prepare=None,
                 before_plugins=None) -> None:
        self.config_file = config_file
        self.site_dir = site_dir
        self.translate = translate  # False: no engine is called, a segment not in memory stays English
        self.prepare = prepare  # called with the loaded configuration, before the first run
        self.before_plugins = before_plugins  # called with mkdocs.yml as read, before the plugins see it
        self.lock = threading.RLock()  # plugins keep per-page state: one render at a time
        self.config: MkDocsConfig | None = None
        self.env = None  # the theme's templates, compiled once per configuration
        self.state: ModelState | None = None  # the last good run, for the error page's theme
        self.errors: list[Problem] = []  # why the last run failed; empty when it succeeded
        self.generation = 0
        self.rendered: dict[str, tuple[bytes, list[Problem]]] = {}  # this generation's pages
        self.last_refresh_seconds = 0.0

    def refresh(self, reload_config: bool = False) -> None:
        """Run the model again; on failure keep the message (and the last good state)."""
        with self.lock:
            started = time.perf_counter()
            try:
                with collected_warnings() as warnings:
                    if reload_config or self.config is None:
                        self.config = self._load_config()
                        self.env = self.config.theme.get_env()
                    self.state = self._run(self.config)
                    self.state.warnings = warnings  # the notices join it as the block ends
                self.errors = []
            except Exception as error:  # an editor's mistake: shown in the browser, never raised
                self.errors = problems_of(error)
                if self.config is not None:
                    self.config.plugins.on_build_error(error=error)
                if reload_config:
                    self.config = None  # a broken mkdocs.yml is read again on the next save
            self.rendered = {}
            self.generation += 1
            self.last_refresh_seconds = time.perf_counter() - started

    def _load_config(self) -> MkDocsConfig:
        config = load_config(str(self.config_file), site_dir=str(self.site_dir))
        if self.before_plugins is not None:
            self.before_plugins(config)
        config = config.plugins.on_config(config)
        translation = config.plugins.get("plainpath/i18n")
        if translation is not None:
            translation.read_only = True  # a build may be writing translations/: never wait for it
            translation.engines_off = not self.translate
        if self.prepare is not None:
            self.prepare(config)
        return config

    def _run(self, config: MkDocsConfig) -> ModelState:
        """MkDocs' build up to the navigation, then every page's front matter (titles for menus)."""
        config.plugins.on_pre_build(config=config)
        files = get_files(config)
        env = self.env
        files.add_files_from_theme(env, config)
        files = config.plugins.on_files(files, config=config)
        set_exclusions(files, config)
        nav = get_navigation(files, config)
        nav = config.plugins.on_nav(nav, config=config, files=files)
        for file in files.documentation_pages(inclusion=InclusionLevel.is_in_serve):
            if file.page is None:
                Page(None, file, config)
            file.page.markdown, file.page.meta = markdown_and_meta(file.content_string)
        env = config.plugins.on_env(env, config=config, files=files)
        by_dest = {file.dest_uri: file for file in files if file.inclusion.is_in_serve()}
        return ModelState(config, files, nav, env, by_dest)

    def file_for(self, path: str) -> File | None:
        """The file a URL path names (``/parking/apply/`` is ``parking/apply/index.html``)."""
        if self.state is None:
            return None
        dest = path.lstrip("/")
        if dest == "" or dest.endswith("/"):
            dest += "index.html"
        return self.state.by_dest.get(dest)

    def search_index(self, path: str) -> bytes | None:
        """A language's search index from its pages' titles and summaries (the build indexes
        their text too; the preview answers without rendering every page)."""
        if self.state is None or not path.endswith("search/search_index.json"):
            return None
        prefix = path.lstrip("/").removesuffix("search/search_index.json")
        translation = self.state.config.plugins.get("plainpath/i18n")
        codes = {f"{code}/" for code in getattr(translation, "languages", {})}
        if prefix and prefix not in codes:
            return None
        docs = []
        for file in self.state.files.documentation_pages(inclusion=InclusionLevel.is_in_serve):
            in_language = file.src_uri.startswith(prefix) if prefix else not any(map(file.src_uri.startswith, codes))
            if in_language and file.page is not None and file.page.meta.get("search", {}) != {"exclude": True}:
                docs.append({"location": file.url[len(prefix):], "title": str(file.page.meta.get("title", "")),
                             "text": str(file.page.meta.get("summary", ""))})
        code = prefix.rstrip("/") or "en"
        lunr = {"lang": [code], "pipeline": ["stopWordFilter"]} if code in LUNR_LANGUAGES else \
            {"lang": ["en"], "pipeline": ["trimmer"]}
        fields = {"title": {"boost": 1000.0}, "text": {"boost": 1.0}, "tags": {"boost": 1000000.0}}
        index = {"config": {"separator": r"[\s\-]+", **lunr, "fields": fields}, "docs": docs}
        return json.dumps(index, ensure_ascii=False).encode("utf-8")

    def render(self, file: File) -> tuple[bytes, list[Problem]]:
        """The page's HTML exactly as ``mkdocs build`` writes it, and the warnings it caused.
        Call it holding ``lock`` from the moment ``file`` was looked up."""
        with self.lock:
            if file.dest_uri not in self.rendered:
                with collected_warnings() as warnings:
                    html = render_page(file.page, self.state)
                # The build's link check runs on the whole site once it is written; the preview
                # runs it on the page it shows, so a broken link is named there, not only at build.
                warnings += broken_links(self.state, [file])
                self.rendered[file.dest_uri] = (html, warnings)
            return self.rendered[file.dest_uri]


def convert_page(page: Page, state: ModelState, problems: list[Problem] | None = None) -> Page:
    """MkDocs' ``_populate_page``: the page's Markdown through every plugin to its HTML body.

    With ``problems``, an editor's error in one plugin's step is kept there and the next steps
    still run on the page as it was, so ``plainpath check`` lists all of a page's problems in
    one run (an unknown flow, an unsafe attribute and a broken link), not the first one only."""
    config, files = state.config, state.files
    run = config.plugins.run_event if problems is None else functools.partial(_run_collecting, config.plugins, problems)
    config._current_page = page
    try:
        page = run("pre_page", page, config=config, files=files)
        page.read_source(config)
        page.markdown = run("page_markdown", page.markdown, page=page, config=config, files=files)
        page.render(config, files)
        page.content = run("page_content", page.content, page=page, config=config, files=files)
        return page
    finally:
        config._current_page = None


def _run_collecting(plugins, problems: list[Problem], event: str, item, **kwargs):
    """``PluginCollection.run_event``, each plugin's editor errors kept instead of raised
    (``problems`` is the page's own list)."""
    for handler in plugins.events[event]:
        try:
            result = handler(item, **kwargs)
        except (EditorError, EditorErrors) as error:
            problems += problems_of(error)
            continue
        except Exception:
            if problems:  # a step tripping over an error already kept (an unknown flow's box)
                continue
            raise
        if result is not None:
            item = result
    return item


def render_page(page: Page, state: ModelState) -> bytes:
    """MkDocs' ``_populate_page`` and ``_build_page`` for one page, returning the HTML."""
    config, files, nav, env = state.config, state.files, state.nav, state.env
    page = convert_page(page, state)
    config._current_page = page
    try:
        page.active = True
        doc_files = files.documentation_pages(inclusion=InclusionLevel.is_in_serve)
        context = get_context(nav, doc_files, config, page)
        template = env.get_template(page.meta.get("template", "main.html"))
        context = config.plugins.on_page_context(context, page=page, config=config, nav=nav)
        output = template.render(context)
        output = config.plugins.on_post_page(output, page=page, config=config)
        return output.encode("utf-8", errors="xmlcharrefreplace")
    finally:
        page.active = False
        config._current_page = None


def broken_links(state: ModelState, converted) -> list[Problem]:
    """The build's link check on each converted page's HTML, before anything is written:
    ``plainpath check`` on every page, the preview on the page it shows."""
    links_plugin = state.config.plugins.get("plainpath/links")
    if links_plugin is None or not links_plugin.config.enabled or not links_plugin.config.check_links:
        return []
    published = {file.dest_uri for file in state.files if file.inclusion.is_included()}  # no drafts
    links = ModelLinks(published, {file.dest_uri: file.page.content for file in converted})
    found = []
    for file in converted:
        body = lxml.html.fromstring(f"<div>{file.page.content or ''}</div>")
        for broken in links.check_content(file.url, file.dest_uri, body):
            found.append(links_plugin.describe(file.page, broken, state.config))
    return [Problem(message, "error", SourceLocation(*key[:3])) for key, message in one_message_per_link(found)]


def problems_of(error: BaseException) -> list[Problem]:
    """The editor's messages in an exception: one per editor error, else its text."""
    if isinstance(error, EditorErrors):
        return [Problem(problem.message, "error", problem.where) for problem in error.errors]
    if isinstance(error, EditorError):
        return [Problem(error.message, "error", error.where)]
    return [Problem(str(error).strip() or type(error).__name__, "error")]
