"""Check an editor's files without building the site: flows and every page's front matter.

``plainpath check`` runs this so an editor gets every problem in a few seconds, each as
``file:line:col: message``, without waiting for translation or rendering: front matter, flows,
and the plain English lint.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import get_files

from plainpath.editor_text import decode_editor_text
from plainpath.errors import EditorError, EditorErrors, SourceLocation
from plainpath.flows.catalogue import load_catalogue
from plainpath.flows.lint import Finding
from plainpath.flows.markdown_body import BodyMarkdown
from plainpath.pages.front_matter import check_front_matter, split_body
from plainpath.pages.plugin import editor_folders
from plainpath.pages.raw_html import checked_html
from plainpath.preview.site_model import Problem, SiteModel, broken_links, collected_warnings, convert_page, problems_of
from plainpath.safety.files import link_errors
from plainpath.safety.html_boundary import HtmlPolicy
from plainpath.readability.lint import lint_sources
from plainpath.readability.rules import LintFinding
from plainpath.readability.settings import glossary_terms, settings_from_plugin
from plainpath.translation.po_check import check_po_file


@dataclass
class CheckReport:
    """What ``plainpath check`` found: errors stop a build, warnings fail ``--strict``."""

    errors: list[EditorError] = field(default_factory=list)
    warnings: list[Finding] = field(default_factory=list)
    readability: list[LintFinding] = field(default_factory=list)
    build: list[Problem] = field(default_factory=list)  # found by the build's own events

    @property
    def error_count(self) -> int:
        return (len(self.errors) + sum(1 for f in self.readability if f.level == "error")
                + sum(1 for p in self.build if p.level == "error"))

    @property
    def notice_count(self) -> int:
        """Things a person must act on that stop nothing (a translation to update)."""
        return sum(1 for p in self.build if p.level == "notice")

    @property
    def advice_count(self) -> int:
        return sum(1 for f in self.readability if f.level == "advice")

    @property
    def warning_count(self) -> int:
        return (len(self.warnings) + sum(1 for f in self.readability if f.level == "warn")
                + sum(1 for p in self.build if p.level == "warning"))

    def lines(self) -> list[str]:
        """One ``file:line:col: message`` line per finding, errors first."""
        found = [(error.where, error.message) for error in self.errors]
        found += [(warning.where, warning.message) for warning in self.warnings]
        lines = [f"{where.prefix()} {where.unsaid(text)}" for where, text in found]
        by_level = sorted(self.readability, key=lambda f: (f.level != "error", f.path, f.line, f.column))
        build = sorted(self.build, key=lambda p: (p.level != "error", p.where.path if p.where else "",
                                                   (p.where.line or 0) if p.where else 0))
        return lines + [f.line_text() for f in by_level] + [p.line() for p in build]

    def add_build_problems(self, problems: list[Problem]) -> None:
        """Keep what the build's events found that the checks above did not already say."""
        said = "\n".join([error.message for error in self.errors] + [warning.message for warning in self.warnings]
                         + [finding.line_text() for finding in self.readability] + [p.text for p in self.build])
        for problem in problems:
            parts = [part.strip() for part in problem.text.splitlines() if part.strip()]
            # New unless said already; a heading over lines said already is not new either.
            if parts and any(part not in said for part in (parts[1:] if len(parts) > 1 else parts)):
                self.build.append(problem)
                said += "\n" + problem.text


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
    readable: dict[str, str] = {}
    for file in pages:
        display = f"{docs_label}/{file.src_uri}"
        text = _collect(report, lambda: decode_editor_text(file.content_bytes, display, "page"))
        if text is not None and _collect(report, lambda: check_front_matter(text, display)) is not None:
            readable[display] = text
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
    linted: dict = {}
    rulebook = None
    if readability is not None and readability.config.enabled:
        # Also beside other errors: the build's own lint would otherwise be reported as one
        # block of text with no place ("mkdocs.yml: 1 plain English problem(s) ...").
        settings = _collect(report, lambda: settings_from_plugin(
            readability.config, root, glossary_terms(config, root), config.config_file_path))
        rulebook = settings.rulebook() if settings is not None else None
        flows_dir = root / readability.config.flows_dir
        found = _collect(report, lambda: lint_sources(root, Path(config.docs_dir), get_files(config), flows_dir,
                                                      rulebook, linted)) if rulebook is not None else None
        report.readability = found or []

    def reuse_lint(model_config: MkDocsConfig) -> None:
        """The build's lint finds the same: no second pass, and its errors, listed above, must
        not stop the build's other checks (a long sentence hid a broken link in the same page)."""
        plugin = model_config.plugins.get("plainpath/readability")
        if plugin is not None and rulebook is not None:
            plugin.linted, plugin.linted_with = linted, rulebook
            plugin.findings_said_elsewhere = True

    def without_broken_settings(model_config: MkDocsConfig) -> None:
        """Settings reported above as wrong (a misspelt rule) must not hide every other problem:
        the build's own checks run without the readability plugin."""
        plugin = model_config.plugins.get("plainpath/readability")
        if plugin is not None and readability is not None and readability.config.enabled and rulebook is None:
            plugin.config.enabled = False

    problems, converted = build_problems(Path(config.config_file_path), reuse_lint, without_broken_settings)
    if not converted:  # the build stopped before converting pages: check each page's HTML alone
        for display, text in readable.items():
            _collect(report, lambda: _check_page_html(text, display, body, policy))
    report.add_build_problems(problems)
    return report


def build_problems(config_file: Path, prepare=None, before_plugins=None) -> tuple[list[Problem], bool]:
    """What the build itself stops on, found by running its own events without an engine or a
    template: MkDocs' files and navigation events (every plugin's site-wide checks, the URL lock,
    the redirects, each PO entry used by a page), then each editor's page converted to HTML
    (links to pages and files that do not exist, attributes, embedded flows). Also says
    whether the pages were converted (not when a site-wide problem stopped the build first)."""
    with tempfile.TemporaryDirectory(prefix="plainpath-check-") as site_dir:
        model = SiteModel(config_file, Path(site_dir), translate=False, prepare=prepare, before_plugins=before_plugins)
        model.refresh(reload_config=True)
        if model.errors or model.state is None:
            return model.errors, False
        problems = list(model.state.warnings)
        converted = []
        for file in model.state.files.documentation_pages():
            if file.generated_by is not None or file.page is None:
                continue
            errors: list[Problem] = []  # each plugin's, the page's other steps still checked
            try:
                with collected_warnings() as warnings:
                    convert_page(file.page, model.state, errors)
            except Exception as error:  # the build stops on it: so does check
                problems += problems_of(error)
                continue
            problems += errors
            converted.append(file)
            page = SourceLocation(f"content/{file.src_uri}")
            problems += [Problem(w.text, w.level, w.where or page) for w in warnings]
        return problems + broken_links(model.state, converted), True


def _check_page_html(source: str, display: str, body: BodyMarkdown, policy: HtmlPolicy) -> str:
    """The page's Markdown rendered and put through the same HTML boundary as the build."""
    html = body.markdown.reset().convert(split_body(source)[0])
    return checked_html(html, policy, "page", display, lambda: source)


def _collect(report: CheckReport, action):
    """``action``'s result; its editor errors kept in ``report``, each place and message once
    (the readability lint reads the flows too: a broken flow is one problem, not two)."""
    try:
        return action()
    except EditorErrors as problems:
        found = problems.errors
    except EditorError as problem:
        found = [problem]
    said = {(error.where.prefix(), error.message) for error in report.errors}
    report.errors += [error for error in found if (error.where.prefix(), error.message) not in said]
    return None
