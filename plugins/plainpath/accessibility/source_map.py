"""From a built page and a paragraph's text back to the file and line an editor wrote it in.

A gate finding is only useful to an editor with ``content/parking/apply.md:12``. English pages
come from their Markdown (or flow YAML) by MkDocs' own naming; a translated paragraph is found in
its language's PO file by its text, which gives the English segment (``msgid``) and the source
file (``msgctxt``); the line is where that text stands in the file.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import polib

from plainpath.settings_file import read_settings

# The facts the build adds after a download link, "(PDF, 9 kB)" or "(PDF, 9 kB, English)".
_DOWNLOAD_FACTS = re.compile(r"\s*\([^()]*\d\s?[kmg]?b\b[^()]*\)")
_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_INLINE_MARKUP = re.compile(r"[*_`]|<[^>]+>")
_BLOCK_MARKUP = re.compile(r"[#>|]")


def plain(text: str) -> str:
    """Text without Markdown or HTML markup, spaces folded, lower case: what a reader sees."""
    text = _BLOCK_MARKUP.sub(" ", _INLINE_MARKUP.sub("", _LINK.sub(r"\1", text)))
    return " ".join(unicodedata.normalize("NFC", text).split()).lower()


@dataclass(frozen=True)
class Segment:
    """The English a translated paragraph came from, and the file it was written in."""

    source_file: str
    english: str


@dataclass
class SourceMap:
    """Where a site's pages come from: its project folder, ``docs_dir``, flows and PO files."""

    project: Path
    docs_dir: str = "content"
    flows_dir: str = "flows"
    translations_dir: str = "translations"
    # Filled on first use, per language and per file; threads may fill one twice, harmlessly.
    _segments: dict[str, dict[str, list[Segment]]] = field(default_factory=dict, init=False, repr=False)
    _by_file: dict[str, dict[str, list[tuple[str, Segment]]]] = field(default_factory=dict, init=False, repr=False)
    _lines: dict[str, list[str]] = field(default_factory=dict, init=False, repr=False)

    @classmethod
    def of(cls, mkdocs_yml: Path) -> SourceMap:
        config = read_settings(mkdocs_yml)
        translations = "translations"
        flows = "flows"
        for plugin in config.get("plugins") or []:
            if isinstance(plugin, dict) and "plainpath/i18n" in plugin:
                translations = (plugin["plainpath/i18n"] or {}).get("translations_dir", translations)
            if isinstance(plugin, dict) and "plainpath/flows" in plugin:
                flows = (plugin["plainpath/flows"] or {}).get("flows_dir", flows)
        return cls(mkdocs_yml.parent, config.get("docs_dir", "docs"), flows, translations)

    def source_file(self, page: str, languages: set[str]) -> str | None:
        """The file a built page comes from, relative to the project (None for made-up pages
        such as reports and 404s)."""
        parts = page.removesuffix("index.html").strip("/").split("/") if page.strip("/") != "index.html" else [""]
        if parts and parts[0] in languages:
            parts = parts[1:]
        path = "/".join(part for part in parts if part)
        if path.startswith("flows/") and path.count("/") == 1:
            candidates = [f"{self.flows_dir}/{path.split('/', 1)[1]}.yml"]
        elif not path:
            candidates = [f"{self.docs_dir}/index.md", f"{self.docs_dir}/README.md"]
        else:
            candidates = [f"{self.docs_dir}/{path}.md", f"{self.docs_dir}/{path}/index.md",
                          f"{self.docs_dir}/{path}/README.md"]
        return next((name for name in candidates if (self.project / name).is_file()), None)

    def segment(self, lang: str, text: str, source_file: str | None) -> Segment | None:
        """The English segment a translated paragraph's text came from, by its PO entry."""
        by_text = self._segments_of(lang)
        seen = _DOWNLOAD_FACTS.sub("", plain(text))
        found = by_text.get(seen, [])
        for segment in found:
            if segment.source_file == source_file:
                return segment
        if found and source_file is None:  # a page made by the build (a report): any file will do
            return found[0]
        # The build may add words to a paragraph (a download's "(PDF, 9 kB)"): the longest
        # segment of the same file that the text starts with (that file's entries only: this
        # runs for every unmatched block of every translated page).
        candidates = [(key, item) for key, item in self._by_file.get(lang, {}).get(source_file, [])
                      if key and seen.startswith(key)]
        return max(candidates, key=lambda pair: len(pair[0]))[1] if candidates else None

    def line_of(self, source_file: str | None, *texts: str) -> int:
        """The first line of ``source_file`` holding the first of ``texts`` found (0: none)."""
        if not source_file:
            return 0
        lines = self._lines.get(source_file)
        if lines is None:
            path = self.project / source_file
            lines = [plain(line) for line in path.read_text(encoding="utf-8").splitlines()] if path.is_file() else []
            self._lines[source_file] = lines
        for text in texts:
            wanted = plain(text)
            for probe in (wanted, " ".join(wanted.split()[:5])):
                if probe:
                    for number, line in enumerate(lines, start=1):
                        if probe in line:
                            return number
        return 0

    def _segments_of(self, lang: str) -> dict[str, list[Segment]]:
        if lang not in self._segments:
            table: dict[str, list[Segment]] = {}
            by_file: dict[str, list[tuple[str, Segment]]] = {}
            path = self.project / self.translations_dir / f"{lang}.po"
            if path.is_file():
                for entry in polib.pofile(str(path)):
                    if entry.msgstr and not entry.obsolete:
                        key, segment = plain(entry.msgstr), Segment(entry.msgctxt or "", entry.msgid)
                        table.setdefault(key, []).append(segment)
                        by_file.setdefault(segment.source_file, []).append((key, segment))
            self._by_file[lang] = by_file  # before the table, which marks the language as read
            self._segments[lang] = table
        return self._segments[lang]
