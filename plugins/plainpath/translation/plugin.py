"""MkDocs glue for translation: generated pages per language, per-language navigation. Events only."""

from __future__ import annotations

import copy
from pathlib import Path
from urllib.parse import urlsplit

from filelock import FileLock
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from plainpath.build_outcome import build_will_succeed
from plainpath.errors import log_notice
from plainpath.flows.page_parts import LanguageView
from plainpath.languages import page_language
from plainpath.pages.front_matter import markdown_and_meta
from plainpath.translation.config import TranslationConfig, check_languages
from plainpath.translation.engine import EngineError
from plainpath.translation.engines import how_to_enable, make_engines
from plainpath.translation.english_labels import hoist_english
from plainpath.translation.libretranslate_engine import settings_from_config
from plainpath.translation.glossary import load_glossary
from plainpath.translation.memory import TranslationMemory
from plainpath.translation.nav import split_by_language, title_sections
from plainpath.translation.page_translation import PageSource
from plainpath.translation.check_report import write_check_reports
from plainpath.translation.meaning_checks import DEFAULT_RISKY_ROUND_TRIP_MIN, DEFAULT_ROUND_TRIP_MIN
from plainpath.translation.pipeline import LanguageTranslator
from plainpath.translation.search_split import split_search_index
from plainpath.translation.site_translation import (
    SITE_CONTEXT, TranslatedLanguage, prepare_languages, site_segments, translate_site,
)
from plainpath.ui_text import ENGLISH_UI
from plainpath.translation.warm import WarmLanguages

log = get_plugin_logger(__name__)
LOCK_TIMEOUT_SECONDS = 900
NOT_FOUND_TEMPLATE = "404.html"
# The meaning checks' report per language, beside the accessibility reports (not published).
CHECK_REPORTS = Path("reports") / "translation-checks"


class TranslationPlugin(BasePlugin[TranslationConfig]):
    """Publishes every page and flow in every configured language it can translate."""

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        if "attr_list" not in config.markdown_extensions:  # translated headings keep English ids
            config.markdown_extensions.append("attr_list")
        self.root = Path(config.config_file_path).parent
        self.site_name = config.site_name
        check_languages(self.config.languages, self.config.source_language, self.config.libretranslate.url)
        self.libretranslate = settings_from_config(self.config.libretranslate)
        self.warm = WarmLanguages()
        self.engines_off = False  # plainpath check: read the memory, translate nothing
        self.read_only = False  # the preview and check: never write translations/, so take no lock
        self.lock: FileLock | None = None
        self.on_pre_build(config)
        return config

    def on_pre_build(self, config: MkDocsConfig) -> None:
        """What one build learns; the preview builds the site model again on every edit."""
        self.languages: dict[str, TranslatedLanguage] = {}
        self.navs: dict[str, Navigation] = {}
        self.sent_to_engine: dict[str, int] = {}
        self.files = Files([])
        self.memories: list[TranslationMemory] = []
        self.configs: dict[str, MkDocsConfig] = {}  # the site's name, translated, per language

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        if not self.config.enabled:
            return files
        if "plainpath/flows" not in config.plugins:
            raise PluginError(f"{config.config_file_path}: plainpath/i18n translates flows too, so it needs "
                              "plainpath/flows: add '- plainpath/flows' above it under 'plugins:'.")
        flows_plugin = config.plugins["plainpath/flows"]
        flows = list(flows_plugin.catalogue.flows.values())
        flow_pages = {flow.url_path for flow in flows}
        docs = Path(config.docs_dir).relative_to(self.root).as_posix()
        english = {
            file.src_uri: PageSource.parse(file.content_string, f"{docs}/{file.src_uri}")
            for file in files.documentation_pages()
            if file.src_uri not in flow_pages and file.src_uri != flows_plugin.index_uri
        }
        glossary = load_glossary(self.root / self.config.glossary, self.config.glossary)
        translations_dir = self.root / self.config.translations_dir
        if not self.read_only:  # PO files are replaced atomically: a reader needs no lock
            translations_dir.mkdir(parents=True, exist_ok=True)
            # Held until the build ends, so a second build reads what this one saved.
            self.lock = FileLock(str(translations_dir / ".plainpath.lock"), timeout=LOCK_TIMEOUT_SECONDS)
            self.lock.acquire()
            for leftover in translations_dir.glob(".*.po.*.tmp"):  # from a build that was killed
                leftover.unlink(missing_ok=True)
        translators = [found for found in (self._translator(language, glossary) for language in self.config.languages)
                       if found is not None]
        try:
            prepare_languages([translator for _, translator in translators], site_segments(english, flows, self.site_name))
        except EngineError as error:  # a server that is down, a model that will not load: say so plainly
            raise PluginError(f"Translation stopped, nothing was saved: {error}") from error
        for language, translator in translators:
            translated = self._translate(language, translator, english, flows)
            self._add_files(files, config, translated, flows_plugin, flows)
        self.files = files
        return files

    def _translator(self, language, glossary) -> tuple[object, LanguageTranslator] | None:
        """The language's memory and engines; None when it is skipped."""
        code = language.code
        display = f"{self.config.translations_dir}/{code}.po"
        memory = self.warm.memory(self.root, code, display)
        engines = [] if self.engines_off else self.warm.engines(
            code, lambda: make_engines(language.engines, self.root / self.config.models_dir, self.libretranslate))
        serving = [engine for engine in engines if engine.can_serve("en", code)]
        if not serving and len(memory) == 0 and not self.engines_off:
            if language.when_no_engine == "skip":
                log.info(f"Skipped '{code}' ({language.name}): no translation engine and no "
                         f"translations. To publish it, {how_to_enable(code, language.engines, engines)}.")
                return None
            if language.when_no_engine == "error":
                raise PluginError(
                    f"Error in mkdocs.yml: the language '{code}' ({language.name}) has no "
                    f"translation engine installed and {display} has no translations. To fix it, "
                    f"{how_to_enable(code, language.engines, engines)}; or set 'when_no_engine: english' "
                    "to publish English with a notice, or 'skip'."
                )
        checks = self.config.meaning_checks
        round_trip = checks.round_trip_min_chrf if checks.round_trip_min_chrf is not None else DEFAULT_ROUND_TRIP_MIN
        risky_min = (checks.risky_round_trip_min_chrf if checks.risky_round_trip_min_chrf is not None
                     else DEFAULT_RISKY_ROUND_TRIP_MIN)
        return language, LanguageTranslator(code, memory, serving, glossary, log.warning, self.config.stale_shows,
                                            publish=language.publish, check_meaning=checks.enabled,
                                            round_trip_min=round_trip, label_contexts=frozenset({SITE_CONTEXT}),
                                            risky_text=language.risky_text, risky_round_trip_min=risky_min,
                                            notice=lambda text, where: log_notice(log, text, where))

    def _translate(self, language, translator: LanguageTranslator, english, flows) -> TranslatedLanguage:
        code = language.code
        translated = translate_site(code, translator, english, flows, self.site_name, self.warm.pages(code))
        self.memories.append(translator.memory)  # saved in on_post_build, only if the whole build succeeds
        self.sent_to_engine[code] = translator.sent_to_engine
        self.languages[code] = translated
        counts = ", ".join(f"{n} {status}" for status, n in sorted(translated.statuses.items()))
        say = log.debug if self.engines_off else log.info  # check and the preview translate nothing
        say(f"Translated '{code}' ({language.name}): {counts}; "
                 f"{translator.sent_to_engine} segment(s) sent to an engine.")
        return translated

    def _add_files(self, files, config, translated, flows_plugin, flows) -> None:
        code = translated.code
        for src_uri, source in translated.pages.items():
            files.append(File.generated(config, f"{code}/{src_uri}", content=source))
        for flow in flows:
            flow_t = translated.flows[flow.id]
            meta = {"lang": code, "translation": translated.flow_status[flow.id]}
            source = flows_plugin.parts.flow_page_source(flow_t, meta)
            files.append(File.generated(config, f"{code}/{flow.url_path}", content=source))
            flows_plugin.titles[f"{code}/{flow.url_path}"] = flow_t.title
        for src_uri, source in translated.pages.items():
            flows_plugin.titles[f"{code}/{src_uri}"] = str(markdown_and_meta(source)[1].get("title", ""))
        if flows_plugin.index_uri:
            flows_plugin.add_index_page(files, config, f"{code}/", translated.ui, {"lang": code})

    def flow_view(self, code: str) -> LanguageView:
        """Translated flows and interface words for the flows plugin."""
        translated = self.languages[code]
        rtl = self._language(code).dir == "rtl"
        return LanguageView(lambda flow_id: translated.flows[flow_id], translated.ui, rtl)

    def _language(self, code: str):
        return next(language for language in self.config.languages if language.code == code)

    def on_nav(self, nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
        if not self.config.enabled:
            return nav
        self.navs = split_by_language(nav, self.languages)
        titles = config.plugins["plainpath/flows"].titles
        for language_nav in [nav, *self.navs.values()]:
            title_sections(language_nav.items, titles)
        return nav

    def on_page_context(self, context, page: Page, config: MkDocsConfig, nav: Navigation):
        if not self.config.enabled:
            return context
        language = page_language(page, config)
        if language.code in self.navs:
            context["nav"] = self.navs[language.code]
        context["pp_languages"] = self._alternates(page, language, context["base_url"], config)
        if language.code in self.languages:
            context["pp_search_base"] = get_relative_url(f"{language.code}/", page.file.url)
        ui = self.languages[language.code].ui if language.code in self.languages else None
        english = config.plugins["plainpath/flows"].parts.english.t
        context["pp_ui"] = ui or english
        if language.code in self.languages and page.meta.get("translation") != "untranslated":
            context["config"] = self._config_in(language.code, config)
        return context

    def on_template_context(self, context, template_name: str, config: MkDocsConfig):
        """The English "page not found" page (a theme template MkDocs builds with no page) offers
        every language's home page, as each language's own copy does."""
        if self.config.enabled and template_name == NOT_FOUND_TEMPLATE:
            # The site's own path, not its full address: the page works wherever it is served
            # (a preview, a staging host), as each language's copy does.
            context["pp_home_url"] = urlsplit(config.site_url or "/").path.rstrip("/") + "/"
        if self.config.enabled and template_name == NOT_FOUND_TEMPLATE and self.languages:
            root = urlsplit(config.site_url or "/").path.rstrip("/") + "/"
            context["pp_languages"] = [
                {"code": self.config.source_language, "name": self.config.source_name, "dir": "ltr", "url": root, "current": True},
                *({"code": lang.code, "name": lang.name, "dir": lang.dir, "url": f"{root}{lang.code}/", "current": False}
                  for lang in self.config.languages if lang.code in self.languages)]
        return context

    def on_post_page(self, output: str, page: Page, config: MkDocsConfig) -> str:
        """Titles this language shows in English are marked lang="en" in its menus and header;
        a block that is all English says so itself."""
        translated = self.languages.get(page_language(page, config).code) if self.config.enabled else None
        return hoist_english(translated.english_labels.mark(output)) if translated is not None else output

    def _config_in(self, code: str, config: MkDocsConfig) -> MkDocsConfig:
        """The theme reads the site's name from ``config``: a copy names it in the page's language."""
        if code not in self.configs:
            self.configs[code] = copy.copy(config)
            self.configs[code]["site_name"] = self.languages[code].site_name or config.site_name
        return self.configs[code]

    def _split_search(self, config: MkDocsConfig) -> None:
        if self.config.enabled and self.languages:
            def steps_to(code: str) -> str:
                return (self.languages[code].ui if code in self.languages else ENGLISH_UI)("steps_to")

            counts = split_search_index(Path(config.site_dir), self.languages, steps_to)
            log.info("Search index per language: " + ", ".join(f"{c} {n}" for c, n in counts.items()) + " documents.")

    @event_priority(-100)  # after every check of the build: a failed build changes no PO file
    def _save_memories(self, config: MkDocsConfig) -> None:
        try:
            if self.config.enabled and build_will_succeed(config):
                for memory in self.memories:
                    memory.save()
                if not self.read_only and self.config.meaning_checks.enabled:
                    policies = {language.code: language.publish for language in self.config.languages}
                    folder = write_check_reports(self.root / CHECK_REPORTS, self.memories, policies)
                    log.info(f"Translation checks: {folder.relative_to(self.root)}/<language>.html")
        finally:
            self._release_lock()

    def on_build_error(self, error: Exception) -> None:
        self._release_lock()

    def _release_lock(self) -> None:
        if getattr(self, "lock", None) is not None:
            self.lock.release(force=True)
            self.lock = None

    on_post_build = CombinedEvent(_split_search, _save_memories)

    def _alternates(self, page: Page, language, base_url: str, config: MkDocsConfig) -> list[dict]:
        files = self.files
        variants = [(self.config.source_language, self.config.source_name, "ltr", "")]
        variants += [
            (lang.code, lang.name, lang.dir, f"{lang.code}/")
            for lang in self.config.languages
            if lang.code in self.languages
        ]
        # A "page not found" page offers each language's home page: its own 404 copies lead nowhere.
        not_found = page.meta.get("template") == NOT_FOUND_TEMPLATE
        alternates = []
        for code, name, direction, prefix in variants:
            target = files.get_file_from_path(prefix + ("index.md" if not_found else language.english_src_uri))
            if target is None:
                continue
            alternates.append({
                "code": code, "name": name, "dir": direction,
                "url": get_relative_url(target.url, page.file.url),
                "current": (language.code or self.config.source_language) == code,
            })
        return alternates
