"""Options of the ``plainpath/i18n`` plugin: which languages, which engines, what to do without."""

from __future__ import annotations

import locale

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.exceptions import PluginError

from plainpath.errors import did_you_mean

ENGINE_NAMES = ("argos", "apertium", "libretranslate")


class LanguageConfig(base.Config):
    """One published language. The translation memory is always tried before ``engines``."""

    code = c.Type(str)
    name = c.Type(str)
    dir = c.Choice(("ltr", "rtl"), default="ltr")
    engines = c.ListOfItems(c.Choice(ENGINE_NAMES), default=[])
    # What to do when no engine is installed for the language and its memory is empty:
    # "error" stops the build, "english" publishes English with a notice, "skip" leaves it out.
    when_no_engine = c.Choice(("error", "english", "skip"), default="error")
    # Which machine text is published: "machine" all of it, "checked" only text that passes
    # every meaning check (the rest is shown in English with a note), "reviewed" none of it.
    publish = c.Choice(("machine", "checked", "reviewed"), default="checked")
    # Text a resident acts on (titles, must and must not, amounts, deadlines, who can: risk.py):
    # "checked" publishes its machine translation only when every check ran and passed, with
    # the stricter round trip; "reviewed" only a person's translation; "like-other-text" as
    # ``publish`` says for all text.
    risky_text = c.Choice(("checked", "reviewed", "like-other-text"), default="checked")


class MeaningChecksConfig(base.Config):
    """The automatic meaning checks on machine text (plainpath/translation/meaning_checks.py)."""

    enabled = c.Type(bool, default=True)
    # Translated back to English (where Apertium can), a segment must score at least this chrF
    # against the English. 20 keeps false alarms under 5% on tests/fixtures/mt_reference_es.yml.
    round_trip_min_chrf = c.Optional(c.Type((int, float)))
    # The round trip text a resident acts on must pass (risky_text: checked).
    risky_round_trip_min_chrf = c.Optional(c.Type((int, float)))


class LibreTranslateConfig(base.Config):
    """A LibreTranslate server the authoring team shares (translation/libretranslate_engine.py).

    ``url`` may come from the environment: ``url: !ENV [PLAINPATH_LIBRETRANSLATE_URL, ""]``.
    The API key is never written here: it is read from the variable ``api_key_env`` names.
    """

    url = c.Optional(c.URL())  # empty (an unset !ENV variable): no server
    api_key_env = c.Type(str, default="LIBRETRANSLATE_API_KEY")
    timeout = c.Type((int, float), default=120)  # seconds for one batch's answer
    retries = c.Type(int, default=3)  # after a refused connection, a timeout, 429 or 5xx
    batch_size = c.Type(int, default=32)  # segments a request

    def validate(self):
        failed, warnings = super().validate()
        url = self.get("url")
        if isinstance(url, str) and url and url.split(":", 1)[0].lower() not in ("http", "https"):
            failed.append(("url", ValueError(
                f"'{url}' is not a web address: write the server's address as http://host:port "
                "or https://host")))
        for key, smallest in (("timeout", 1), ("retries", 0), ("batch_size", 1)):
            value = self.get(key)
            if isinstance(value, (int, float)) and value < smallest:
                failed.append((key, ValueError(f"must be at least {smallest}, not {value}")))
        return failed, warnings


class TranslationConfig(base.Config):
    """Where the memory, glossary and models live, and how stale reviewed text is shown."""

    enabled = c.Type(bool, default=True)
    source_language = c.Type(str, default="en")
    source_name = c.Type(str, default="English")
    languages = c.ListOfItems(c.SubConfig(LanguageConfig), default=[])
    translations_dir = c.Type(str, default="translations")
    glossary = c.Type(str, default="translations/glossary.yml")
    models_dir = c.Type(str, default="translations/models")
    stale_shows = c.Choice(("reviewed", "english"), default="reviewed")
    meaning_checks = c.SubConfig(MeaningChecksConfig)
    libretranslate = c.SubConfig(LibreTranslateConfig)


# Two-letter ISO 639-1 codes the C library knows a locale for (Python ships the list).
KNOWN_CODES = frozenset(
    code for code in (alias.split("_")[0].split(".")[0].split("@")[0] for alias in locale.locale_alias)
    if len(code) == 2 and code.isalpha()
)


def check_languages(languages, source_language: str, libretranslate_url: str | None = None) -> None:
    """Unknown, repeated or source-language codes are mistakes: say which and what to write."""
    seen: set[str] = set()
    for language in languages:
        code = language.code
        where = f"Error in mkdocs.yml, plugin 'plainpath/i18n', language '{code}'"
        if "libretranslate" in language.engines and not libretranslate_url:
            raise PluginError(
                f"{where}: it asks for the 'libretranslate' engine, but no server is set. Add the "
                "server's address under the plugin, for example 'libretranslate: {url: "
                "http://translate.council.internal:5000}', or remove 'libretranslate' from its engines."
            )
        if code not in KNOWN_CODES:
            hint = did_you_mean(code, KNOWN_CODES) if len(code) <= 3 else ""
            raise PluginError(
                f"{where}: '{code}' is not a language code. Use its two-letter ISO 639-1 code, "
                f"for example 'es' for Spanish or 'ar' for Arabic. {hint}".strip()
            )
        if code == source_language:
            raise PluginError(f"{where}: this is the language the pages are written in; remove it.")
        if code in seen:
            raise PluginError(f"{where}: it is listed twice; keep one.")
        seen.add(code)
