"""Check an editor's files without building the site: flows and every page's front matter.

``plainpath check`` runs this so an editor gets every problem in a few seconds, each as
``file:line:col: message``, without waiting for translation or rendering: front matter, flows,
and the plain English lint.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import get_files

from plainpath.errors import EditorError, EditorErrors
from plainpath.flows.catalogue import load_catalogue
from plainpath.flows.lint import Finding
from plainpath.flows.markdown_body import BodyMarkdown
from plainpath.pages.front_matter import check_front_matter, split_body
from plainpath.pages.plugin import editor_folders
from plainpath.pages.raw_html import checked_html
from plainpath.safety.files import link_errors
from plainpath.safety.html_boundary import HtmlPolicy
from plainpath.readability.lint import lint_sources
from plainpath.readability.rules import LintFinding
from plainpath.readability.settings import settings_from_plugin
from plainpath.translation.po_check import check_po_file


@dataclass
class CheckReport:
    """What ``plainpath check`` found: errors stop a build, warnings fail ``--strict``."""

    errors: list[EditorError] = field(default_factory=list)
    warnings: list[Finding] = field(default_factory=list)
    readability: list[LintFinding] = field(default_factory=list)

    @property
    def error_count(self) -> int:
        return len(self.errors) + sum(1 for f in self.readability if f.level == "error")

    @property
    def warning_count(self) -> int:
        return len(self.warnings) + sum(1 for f in self.readability if f.level == "warn")

    def lines(self) -> list[str]:
        """One ``file:line:col: message`` line per finding, errors first."""
        found = [(error.where, error.message) for error in self.errors]
        found += [(warning.where, warning.message) for warning in self.warnings]
        lines = [f"{where.path}:{where.line or 0}:{where.column or 0}: {text}" for where, text in found]
        by_level = sorted(self.readability, key=lambda f: (f.level != "error", f.path, f.line, f.column))
        return lines + [f.line_text() for f in by_level]


def check_project(config: MkDocsConfig, flows_dir_name: str = "flows") -> CheckReport:
    """Every input problem the build would stop on, found without translating or rendering pages."""
    report = CheckReport()
    root = Path(config.config_file_path).resolve().parent
    report.errors += link_errors(editor_folders(config), root)
    if report.errors:  # never read through a link
        return report
    docs_label = Path(config.docs_dir).resolve().relative_to(root).as_posix()
    pages = get_files(config).documentation_pages()
    pages_plugin = config.plugins.get("plainpath/pages")
    policy = HtmlPolicy(pages_plugin.config.raw_html if pages_plugin is not None else None)
    body = BodyMarkdown(config.markdown_extensions, config.mdx_configs, (), policy)
    for file in pages:
        display = f"{docs_label}/{file.src_uri}"
        if _collect(report, lambda: check_front_matter(file.content_string, display)) is not None:
            _collect(report, lambda: _check_page_html(file.content_string, display, body, policy))
    known = {file.src_uri for file in pages}
    catalogue = _collect(report, lambda: load_catalogue(root / flows_dir_name, root, known))
    if catalogue is not None:
        report.warnings += catalogue.warnings
        for flow in catalogue.flows.values():
            for step in flow.steps:
                if step.body:
                    _collect(report, lambda: body.checked(flow, step))
    for po_file in sorted(editor_folders(config)[2].glob("*.po")):
        display = po_file.relative_to(root).as_posix()
        _collect(report, lambda: check_po_file(po_file, display))
    readability = config.plugins.get("plainpath/readability")
    if readability is not None and readability.config.enabled and not report.errors:
        rulebook = settings_from_plugin(readability.config, root).rulebook()
        flows_dir = root / readability.config.flows_dir
        report.readability = lint_sources(root, Path(config.docs_dir), get_files(config), flows_dir, rulebook)
    return report


def _check_page_html(source: str, display: str, body: BodyMarkdown, policy: HtmlPolicy) -> str:
    """The page's Markdown rendered and put through the same HTML boundary as the build."""
    html = body.markdown.reset().convert(split_body(source)[0])
    return checked_html(html, policy, "page", display, lambda: source)


def _collect(report: CheckReport, action):
    try:
        return action()
    except EditorErrors as problems:
        report.errors += problems.errors
    except EditorError as problem:
        report.errors.append(problem)
    return None
