"""MkDocs glue for content pages: encoding, size, front matter and safe HTML, before rendering."""

from __future__ import annotations

import functools
import posixpath
from pathlib import Path

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from plainpath.editor_text import decode_editor_text
from plainpath.errors import EditorError, EditorErrors, SourceLocation, raise_all
from plainpath.languages import page_language
from plainpath.navigation.related import related_errors, related_pages
from plainpath.navigation.sections import place_of
from plainpath.pages.attachments import FileLinks, PageBeingRendered
from plainpath.pages.front_matter import check_front_matter
from plainpath.pages.raw_html import checked_html
from plainpath.safety.csp import SitePolicy
from plainpath.safety.files import disguised_name_error, link_errors
from plainpath.safety.html_boundary import HtmlPolicy
from plainpath.safety.templates import escape_by_default, mark_page_html
from plainpath.safety.scripts import script_errors
from plainpath.theme_setup import SCRIPTS, THEME_DIR, set_up_resident_theme, theme_words_language
from plainpath.ui_text import ENGLISH_UI

KIND = "page"
PUBLISHED_FILE_TYPES = (
    "png", "jpg", "jpeg", "gif", "webp", "avif", "pdf", "docx", "doc", "odt", "ods", "odp",
    "xlsx", "xls", "pptx", "csv", "txt", "rtf", "mp3", "mp4", "webm", "vtt", "ics", "zip",
)


class PagesConfig(base.Config):
    """Options of the ``plainpath/pages`` plugin."""

    enabled = c.Type(bool, default=True)
    docs_label = c.Type(str, default="content")
    max_page_kb = c.Type(int, default=1024)
    raw_html = c.Type(dict, default={})  # extra tags and attributes a council allows, e.g. {iframe: [src]}
    file_types = c.Type(list, default=list(PUBLISHED_FILE_TYPES))  # files editors may publish
    # Scripts the council has decided to run on every page (analytics, say): .js files in its
    # theme folder (custom_dir). None by default; no other setting may add a script.
    council_scripts = c.ListOfItems(c.Type(str), default=[])


class PagesPlugin(BasePlugin[PagesConfig]):
    """Checks every page an editor wrote (and every translation made from it) before it is published."""

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        if self.config.enabled:
            raise_all(script_errors(config, SCRIPTS, self.config.council_scripts, THEME_DIR))
            set_up_resident_theme(config)
            for script in self.config.council_scripts:
                if script not in [str(item) for item in config.extra_javascript]:
                    config.extra_javascript.append(script)
        self.policy = HtmlPolicy(self.config.raw_html)
        self.csp = SitePolicy()
        self.translations_dir = _translations_dir(config)
        if "tables" in config.markdown_extensions:  # alignment as an attribute, not inline CSS
            config.mdx_configs.setdefault("tables", {}).setdefault("use_align_attribute", True)
        self.file_links = FileLinks()
        self.files = Files([])
        if self.config.enabled:
            config.markdown_extensions.append(self.file_links)
        return config

    @event_priority(100)  # before translation, so a page that fails changes no PO file
    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        if self.config.enabled:
            root = Path(config.config_file_path).parent
            errors = link_errors(editor_folders(config), root)
            for file in files.documentation_pages():
                if file.generated_by is None:
                    errors += self._page_errors(file.content_bytes, self._display(file.src_uri))
            errors += self._file_type_errors(files, config)
            errors += [error for file in files if file.generated_by is None
                       and (error := disguised_name_error(self._display(file.src_uri))) is not None]
            errors += self._section_index_errors(files)
            raise_all(errors)
        self.files = files
        return files

    def _file_type_errors(self, files: Files, config: MkDocsConfig) -> list[EditorError]:
        """Files editors publish beside pages: documents and pictures, never HTML, SVG or script.

        MkDocs copies any other file in content/ as it is, so an ``.html``, ``.svg`` or ``.js``
        file would reach residents without passing the HTML boundary.
        """
        docs = Path(config.docs_dir).resolve()
        allowed = {kind.lower().lstrip(".") for kind in self.config.file_types}
        return [
            EditorError(
                "file", SourceLocation(self._display(file.src_uri)),
                f"files of type '.{file.src_uri.rsplit('.', 1)[-1]}' cannot be published, because "
                "they can carry script.",
                "Publish it as a page (.md), a picture (PNG, JPEG) or a document (PDF, DOCX, ODT). "
                f"Allowed types: {', '.join(sorted(allowed))}.",
            )
            for file in files
            if file.generated_by is None and file.inclusion.is_included()
            and not file.is_documentation_page()
            and file.abs_src_path and Path(file.abs_src_path).resolve().is_relative_to(docs)
            and file.src_uri.rsplit(".", 1)[-1].lower() not in allowed
        ]

    def _section_index_errors(self, files: Files) -> list[EditorError]:
        """Every folder of pages needs an ``index.md``: it names the section in every language,
        breadcrumbs lead to it, and it lists the section's pages for residents."""
        written = [file.src_uri for file in files.documentation_pages() if file.generated_by is None]
        folders = {posixpath.dirname(uri) for uri in written} - {""}
        while True:  # every folder above a folder of pages is a section too
            parents = {posixpath.dirname(folder) for folder in folders} - {""} - folders
            if not parents:
                break
            folders |= parents
        pages = set(written)
        return [
            EditorError(
                "folder", SourceLocation(self._display(folder) + "/"),
                "it has pages but no index.md, so its section has no page of its own and no title "
                "in other languages.",
                f"Add {self._display(folder)}/index.md with a title and summary (front matter like "
                "any page): it becomes the section's page, which lists the pages in the folder.",
            )
            for folder in sorted(folders)
            if f"{folder}/index.md" not in pages and f"{folder}/README.md" not in pages
        ]

    def _page_errors(self, data: bytes, display: str) -> list[EditorError]:
        """Size, encoding and front matter of one editor's page, checked once per distinct text."""
        return list(_checked_page(data, display, self.config.max_page_kb))

    @event_priority(-100)  # just before MkDocs converts the page
    def on_page_markdown(self, markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        """Check the page's related pages; tell the file-link extension which page, in which
        language, it converts next."""
        if self.config.enabled:
            language = page_language(page, config)
            if language.code is None and page.file.generated_by is None:
                raise_all(related_errors(page, files, self._display(page.file.src_uri)))
            english = files.get_file_from_path(language.english_src_uri)
            self.file_links.page = PageBeingRendered(
                page.file, language.english_src_uri, language.code,
                None if page.meta.get("translation") == "untranslated" else language.code, files,
                self._display(language.english_src_uri),
                lambda: english.content_string if english is not None else "",
            )
        return markdown

    @event_priority(100)  # before any plugin adds its own HTML: only what editors wrote
    def on_page_content(self, html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        """Every page's HTML crosses the sanitising boundary; what it returns is published."""
        if not self.config.enabled:
            return html
        language = page_language(page, config)
        if language.code is None:
            display = self._display(page.file.src_uri)
            return checked_html(html, self.policy, KIND, display, lambda: page.file.content_string)
        po_path = self.translations_dir / f"{language.code}.po"
        display = (f"{self._display(language.english_src_uri)}' as translated in "
                   f"'{po_path.relative_to(self.translations_dir.parent).as_posix()}")
        return checked_html(html, self.policy, KIND, display, lambda: _text_of(po_path))

    def _display(self, src_uri: str) -> str:
        return f"{self.config.docs_label}/{src_uri}"

    def on_env(self, env, config: MkDocsConfig, files: Files):
        """Templates escape by default and fall back to English interface words."""
        env.globals["pp_english_ui"] = ENGLISH_UI
        env.globals["pp_theme_words_language"] = lambda code: theme_words_language(env, code)
        return escape_by_default(env)

    @event_priority(-100)  # last: the policy hashes the page's final inline scripts
    def on_post_page(self, output: str, page: Page, config: MkDocsConfig) -> str:
        return self.csp.protect(output) if self.config.enabled else output

    @event_priority(-100)
    def on_post_template(self, output_content: str, template_name: str, config: MkDocsConfig) -> str:
        """The English 404 page is rendered as a theme template, not as a page."""
        if self.config.enabled and template_name.endswith(".html"):
            return self.csp.protect(output_content)
        return output_content

    @event_priority(-100)  # after every plugin has set the page's HTML, and the language's nav
    def on_page_context(self, context, page: Page, config: MkDocsConfig, nav):
        mark_page_html(page)
        language_nav = context.get("nav") or nav
        if self.config.enabled and language_nav is not None:
            context["pp_place"] = place_of(page, language_nav)
            prefix = page_language(page, config).prefix
            context["pp_related"] = related_pages(page, self.files, prefix)
        return context


def editor_folders(config: MkDocsConfig) -> list[Path]:
    """The folders editors and translators write: pages, flows, translations."""
    root = Path(config.config_file_path).parent
    flows = config.plugins.get("plainpath/flows")
    flows_dir = root / (flows.config.flows_dir if flows is not None else "flows")
    return [Path(config.docs_dir), flows_dir, _translations_dir(config)]


def _translations_dir(config: MkDocsConfig) -> Path:
    """Where the PO files are, to name the one a translated page came from."""
    translation = config.plugins.get("plainpath/i18n")
    folder = translation.config.translations_dir if translation is not None else "translations"
    return Path(config.config_file_path).parent / folder


def _text_of(path) -> str:
    return path.read_text(encoding="utf-8") if path.is_file() else ""


@functools.lru_cache(maxsize=16384)  # the preview checks the site again on every save
def _checked_page(data: bytes, display: str, max_page_kb: int) -> tuple[EditorError, ...]:
    return tuple(_page_problems(data, display, max_page_kb))


def _page_problems(data: bytes, display: str, max_page_kb: int) -> list[EditorError]:
    """Size, encoding and front matter of one editor's page."""
    if len(data) > max_page_kb * 1024:
        return [EditorError(
            KIND, SourceLocation(display, 1), f"the page is {len(data) / 1048576:.1f} MB, over the "
            f"limit of {max_page_kb} KB.",
            "Split it into several pages: long pages are slow and hard to read on a phone.")]
    try:
        text = decode_editor_text(data, display, KIND)
        check_front_matter(text, display)
    except EditorErrors as problems:
        return problems.errors
    except EditorError as problem:
        return [problem]
    return []
