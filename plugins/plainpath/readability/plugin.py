"""MkDocs glue for readability: lint before translating, score every page, write the reports.

Events only. The lint runs first in ``on_files`` (an editor hears about a long sentence before
translation starts); scores are taken from each page's rendered content; the report pages are
ordinary theme pages added per language, kept out of the public navigation and search.
"""

from __future__ import annotations

import datetime
from pathlib import Path

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from plainpath.languages import page_language
from plainpath.readability.lint import lint_sources
from plainpath.readability.report import (
    PageScore,
    append_history,
    language_medians,
    report_html,
    report_json,
)
from plainpath.readability.review_due import RULE as REVIEW_OVERDUE
from plainpath.readability.rules import LintFinding
from plainpath.readability.scores import score_html
from plainpath.readability.settings import glossary_terms, settings_from_plugin
from plainpath.translation.nav import remove_pages

log = get_plugin_logger(__name__)


class ReadabilityConfig(base.Config):
    """Options of the ``plainpath/readability`` plugin (see docs in README)."""

    enabled = c.Type(bool, default=True)
    report_path = c.Type(str, default="editors/readability")
    history_file = c.Type(str, default=".cache/readability-history.json")
    flows_dir = c.Type(str, default="flows")
    plain_words = c.Optional(c.Type(str))
    translates_well = c.Optional(c.Type(str))
    known_acronyms = c.Type(list, default=[])
    min_words_for_scores = c.Type(int, default=40)
    rules = c.Type(dict, default={})
    scores = c.Type(dict, default={})


class ReadabilityPlugin(BasePlugin[ReadabilityConfig]):
    """Scores and lints every page; error-level problems fail the build."""

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.root = Path(config.config_file_path).resolve().parent
        self.settings = settings_from_plugin(self.config, self.root, glossary_terms(config, self.root),
                                             config.config_file_path) if self.config.enabled else None
        self.linted: dict = {}  # findings by (page, source), kept while the rules stay the same
        self.linted_with = None
        self.findings_said_elsewhere = False  # plainpath check lists them itself, beside every other problem
        self.on_pre_build(config)
        return config

    def on_pre_build(self, config: MkDocsConfig) -> None:
        """What one build learns; the preview builds the site model again on every edit."""
        self.findings: list[LintFinding] = []
        self.page_scores: dict[str, list[PageScore]] = {}
        self.breaches: list[str] = []
        self.report_uris: dict[str, str] = {}

    @event_priority(100)  # before translation, so problems show in seconds
    def _lint_sources(self, files: Files, config: MkDocsConfig) -> Files:
        if not self.config.enabled:
            return files
        rulebook = self.settings.rulebook()
        if rulebook != self.linted_with:
            self.linted, self.linted_with = {}, rulebook
        self.findings = lint_sources(self.root, Path(config.docs_dir), files,
                                     self.root / self.config.flows_dir, rulebook, self.linted)
        if self.findings_said_elsewhere:  # the build's other checks still run: broken links, flows
            return files
        overdue = [f for f in self.findings if f.rule == REVIEW_OVERDUE and f.level == "warn"]
        for finding in self.findings:
            if finding.level == "warn" and finding.rule != REVIEW_OVERDUE:
                log.warning(finding.line_text())
        if overdue:  # a date passing must not fail a --strict build: the report lists them by owner
            log.info(f"{len(overdue)} page(s) are overdue for review; the readability report lists them by owner.")
        advice = [f for f in self.findings if f.level == "advice"]
        if advice:
            log.info(f"{len(advice)} word(s) are often translated wrongly; 'plainpath check' and the "
                     "readability report list them with what to write instead.")
        errors = [finding for finding in self.findings if finding.level == "error"]
        if errors:
            raise PluginError(
                f"{len(errors)} plain English problem(s) must be fixed before the site is built:\n"
                + "\n".join(finding.line_text() for finding in errors)
            )
        return files

    @event_priority(-100)  # after translation has added its languages
    def _add_report_pages(self, files: Files, config: MkDocsConfig) -> Files:
        if not self.config.enabled:
            return files
        translation = config.plugins.get("plainpath/i18n")
        codes = [""] + [code for code in getattr(translation, "languages", {})]
        for code in codes:
            src_uri = f"{code + '/' if code else ''}{self.config.report_path}/index.md"
            lang = f"lang: {code}\n" if code else ""
            source = (f"---\ntitle: Readability report\n{lang}search:\n  exclude: true\n"
                      "hide:\n  - navigation\n  - toc\n---\n\nThe report is written when the site is built.\n")
            files.append(File.generated(config, src_uri, content=source))
            self.report_uris[src_uri] = code or "en"
        return files

    on_files = CombinedEvent(_lint_sources, _add_report_pages)

    @event_priority(100)  # before the language split, so no language's menu lists a report
    def on_nav(self, nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
        if self.config.enabled:
            remove_pages(nav, set(self.report_uris))
        return nav

    def on_page_content(self, html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        if not self.config.enabled or page.file.src_uri in self.report_uris or page.meta.get("readability") == "skip":
            return html
        if page.meta.get("translation") == "untranslated":
            return html  # English shown in another language's site: scored once, in the English report
        code = page_language(page, config).code or "en"
        scores = score_html(html, code)
        scored = PageScore(page.file.url, page.title or page.file.src_uri, scores, is_flow="flow" in page.meta)
        if scores.words >= self.config.min_words_for_scores:
            scored.breaches = self._breaches(scored, code)
        self.page_scores.setdefault(code, []).append(scored)
        return html

    def _breaches(self, scored: PageScore, code: str) -> list[str]:
        found = []
        for name, limit in self.settings.scores.get(code, {}).items():
            value = scored.scores.formulas.get(name, getattr(scored.scores, name, None))
            if value is None or limit.get("level", "warn") == "off":
                continue
            if "max" in limit and value > limit["max"] or "min" in limit and value < limit["min"]:
                bound = f"at most {limit['max']}" if "max" in limit else f"at least {limit['min']}"
                text = f"{name} is {value}, the limit is {bound}"
                found.append(text)
                line = f"{scored.url or '/'} ({code}): readability: {text}. Use shorter sentences and shorter words."
                if limit.get("level", "warn") == "error":
                    self.breaches.append(line)
                else:
                    log.warning(line)
        return found

    def on_page_context(self, context, page: Page, config: MkDocsConfig, nav: Navigation):
        if not self.config.enabled or page.file.src_uri not in self.report_uris:
            return context
        code = self.report_uris[page.file.src_uri]
        page.content = self._report(code, page, config)
        return context

    def _report(self, code: str, page: Page, config: MkDocsConfig) -> str:
        if not hasattr(self, "_history"):
            medians = {lang: language_medians(pages) for lang, pages in self.page_scores.items()}
            self._history = append_history(self.root / self.config.history_file, medians,
                                           datetime.datetime.now(datetime.timezone.utc))
        translation = config.plugins.get("plainpath/i18n")
        languages = {lang.code: lang for lang in translation.config.languages} if translation else {}
        name = languages[code].name if code in languages else "English"
        direction = languages[code].dir if code in languages else "ltr"
        others = [
            (languages[other].name if other in languages else "English", get_relative_url(
                f"{other + '/' if other != 'en' else ''}{self.config.report_path}/", page.file.url))
            for other in self.report_uris.values() if other != code
        ]
        return report_html(
            code, name, direction, self.page_scores.get(code, []), self.findings, self._history,
            self.settings.scores.get(code, {}), lambda url: get_relative_url(url or ".", page.file.url),
            others,
        )

    def on_post_build(self, config: MkDocsConfig) -> None:
        if not self.config.enabled:
            return
        out = Path(config.site_dir) / self.config.report_path / "report.json"
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(report_json(self.page_scores, self.findings, self.settings.scores), encoding="utf-8")
        if self.breaches:
            raise PluginError(
                f"{len(self.breaches)} page(s) are harder to read than the limits in mkdocs.yml allow:\n"
                + "\n".join(self.breaches)
            )

