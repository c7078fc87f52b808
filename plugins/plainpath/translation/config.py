"""Options of the ``plainpath/i18n`` plugin: which languages, which engines, what to do without."""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c

ENGINE_NAMES = ("argos", "apertium")


class LanguageConfig(base.Config):
    """One published language. The translation memory is always tried before ``engines``."""

    code = c.Type(str)
    name = c.Type(str)
    dir = c.Choice(("ltr", "rtl"), default="ltr")
    engines = c.ListOfItems(c.Choice(ENGINE_NAMES), default=[])
    # What to do when no engine is installed for the language and its memory is empty:
    # "error" stops the build, "english" publishes English with a notice, "skip" leaves it out.
    when_no_engine = c.Choice(("error", "english", "skip"), default="error")


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
