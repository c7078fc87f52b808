"""Pictures and documents linked from pages: one copy in the site, reachable from every language.

A translated page lives under ``<code>/``, so its relative link ``../forms/form.pdf`` would point
to ``<code>/forms/form.pdf``, which does not exist. Before MkDocs resolves links, each link to a
file in ``content/`` is pointed at the language's own version (``form.es.pdf`` beside
``form.pdf``) when there is one, else at the English file. A link to a document gets GOV.UK's
attachment facts after its text, "(PDF, 120 kB)", with sizes written the page's language's way
(CLDR, through Babel) and the language's name for English when the reader gets the English file.
A link to a file that does not exist is an editor error naming the line.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit, urlunsplit
from xml.etree import ElementTree

from babel import Locale, UnknownLocaleError
from babel.units import format_unit
from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor
from mkdocs.structure.files import File, Files

from plainpath.errors import EditorError, SourceLocation, raise_all
from plainpath.pages.raw_html import find_line

PAGE_SUFFIXES = ("", ".md", ".html", ".htm")
PICTURE_SUFFIXES = frozenset({".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif"})
ARABIC_SCRIPT = frozenset({"ar", "fa", "ur", "ps", "ckb", "sd"})  # their comma is "،"


@dataclass
class PageBeingRendered:
    """The page whose Markdown is being converted, and what its links may reach."""

    file: File
    english_src_uri: str
    code: str | None  # None for English
    words: str | None  # the language the page's words are in: None when shown in English
    files: Files
    display: str  # the editor's file, for errors: "content/parking/apply.md"
    source: Callable[[], str]  # the editor's text, read only when a line must be found


def language_version(src_uri: str, code: str | None, files: Files) -> File | None:
    """The file a reader of ``code`` gets for ``src_uri``: ``name.<code>.ext`` if it exists."""
    if code:
        stem, suffix = posixpath.splitext(src_uri)
        translated = files.get_file_from_path(f"{stem}.{code}{suffix}")
        if translated is not None:
            return translated
    return files.get_file_from_path(src_uri)


def file_facts(file: File, code: str | None, english_file: bool) -> str:
    """"(PDF, 120 kB)" in the reader's language; ", English" added when the file is English."""
    kind = posixpath.splitext(file.src_uri)[1].lstrip(".").upper()
    size = Path(file.abs_src_path).stat().st_size if file.abs_src_path else len(file.content_bytes)
    locale = _locale(code)
    if size >= 1_000_000:
        amount = format_unit(round(size / 1_000_000, 1), "digital-megabyte", length="short", locale=locale)
    else:
        amount = format_unit(max(1, round(size / 1000)), "digital-kilobyte", length="short", locale=locale)
    facts = [kind, amount]
    if english_file and code:
        facts.append(_language_name("en", locale))
    comma = "، " if locale.character_order == "right-to-left" and locale.language in ARABIC_SCRIPT else ", "
    return f"({comma.join(facts)})"


def _locale(code: str | None) -> Locale:
    try:
        return Locale.parse(code or "en")
    except (UnknownLocaleError, ValueError):
        return Locale.parse("en")


def _language_name(code: str, locale: Locale) -> str:
    return locale.languages.get(code) or "English"


class FileLinkTreeprocessor(Treeprocessor):
    """Points links and pictures at the reader's version of a file and labels documents."""

    def __init__(self, md: Markdown, owner: FileLinks) -> None:
        super().__init__(md)
        self.owner = owner

    def run(self, root: ElementTree.Element) -> None:
        page = self.owner.page
        self.owner.page = None  # one page per conversion: flow bodies converted later are not pages
        if page is None:
            return
        errors = []
        for element in list(root.iter()):
            if element.tag == "img" and not _has_words_or_is_decoration(element) and page.code is None:
                errors.append(_no_alt(page, element.get("src") or ""))
            key = {"a": "href", "img": "src"}.get(element.tag)
            url = element.get(key) if key else None
            if not url:
                continue
            scheme, netloc, path, query, fragment = urlsplit(url)
            if scheme or netloc or url.startswith(("/", "\\")) or posixpath.splitext(path)[1].lower() in PAGE_SUFFIXES:
                continue
            english_target = posixpath.normpath(posixpath.join(posixpath.dirname(page.english_src_uri), unquote(path)))
            english = page.files.get_file_from_path(english_target)
            if english is None or english.is_documentation_page():
                errors.append(_missing(page, url, english_target))
                continue
            chosen = language_version(english_target, page.code, page.files)
            relative = posixpath.relpath(chosen.src_uri, posixpath.dirname(page.file.src_uri) or ".")
            element.set(key, urlunsplit(("", "", relative, query, fragment)))
            if element.tag == "a" and posixpath.splitext(path)[1].lower() not in PICTURE_SUFFIXES:
                _add_facts(element, file_facts(chosen, page.words, english_file=chosen is english))
                if page.code and chosen is english:
                    element.set("hreflang", "en")
        raise_all(errors)


DECORATIVE = "decorative"  # ![](border.png "decorative"): a picture that says nothing, on purpose


def _has_words_or_is_decoration(picture: ElementTree.Element) -> bool:
    """A Markdown picture has alt text, or is marked decorative (the mark is then removed: it
    is not a tooltip). ``![](bins.png)`` is far more often a forgotten alt than a decoration,
    and axe and Sa11y pass an empty alt as decorative, so only the editor can say which."""
    if (picture.get("title") or "").strip().lower() == DECORATIVE:
        del picture.attrib["title"]
        picture.set("alt", "")
        return True
    return bool((picture.get("alt") or "").strip())


def _no_alt(page: PageBeingRendered, src: str) -> EditorError:
    return EditorError(
        "page", SourceLocation(page.display, find_line(page.source(), (f"]({src}", src))),
        f"the picture '{src}' has no alt text, so a reader who cannot see it is not told what it shows.",
        f"Write what it shows between the brackets: ![Bins put out at the kerb]({src}). If it is only "
        f"decoration, say so: ![]({src} \"decorative\").",
    )


def _add_facts(link: ElementTree.Element, facts: str) -> None:
    """Facts go inside the link, so its name says what the reader will download (WCAG 2.4.4)."""
    text = "".join(link.itertext())
    if facts.split(",")[0] in text:  # the editor already wrote "(PDF"
        return
    children = list(link)
    if children:
        children[-1].tail = (children[-1].tail or "") + f" {facts}"
    else:
        link.text = f"{link.text or ''} {facts}"


def _missing(page: PageBeingRendered, url: str, target: str) -> EditorError:
    lines = page.source().split("\n")
    line = next((number for number, text in enumerate(lines, 1) if url in text), None)
    return EditorError(
        "page", SourceLocation(page.display, line),
        f"the link '{url}' goes to 'content/{target}', but there is no such file.",
        "Add the file to content/ there, or correct the link.",
    )


class FileLinks(Extension):
    """The Markdown extension; the pages plugin tells it which page is converted next."""

    def __init__(self) -> None:
        super().__init__()
        self.page: PageBeingRendered | None = None

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Python-Markdown's name)
        # Above MkDocs' own "relpath" (0), which then checks and rewrites what we chose.
        md.treeprocessors.register(FileLinkTreeprocessor(md, self), "plainpath_file_links", 0.5)
