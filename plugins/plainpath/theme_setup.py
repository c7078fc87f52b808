"""The resident-facing theme is set up by the plugins, not by each council's ``mkdocs.yml``.

A council that starts from a minimal ``mkdocs.yml`` (``theme: material`` and the plugins) must
still get the accessible site: our templates and stylesheets, colours that pass WCAG contrast,
and no web fonts (mkdocs-material's default loads Roboto from Google, a request to another host).
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import get_plugin_logger

log = get_plugin_logger(__name__)
THEME_DIR = Path(__file__).parent / "theme"
STYLESHEETS = ("assets/stylesheets/plainpath.css", "assets/stylesheets/a11y.css")
SCRIPTS = ("assets/javascripts/plainpath.js",)
PALETTE = {"scheme": "default", "primary": "custom", "accent": "custom"}


def set_up_resident_theme(config: MkDocsConfig) -> None:
    """Put our theme folder before mkdocs-material's (after the council's own ``custom_dir``,
    so a council's override wins), add our stylesheets and script, set our palette, switch web fonts and the theme's English "Made with" line off."""
    theme = config.theme
    if theme.name != "material":
        return
    resolved = [Path(folder).resolve() for folder in theme.dirs]
    if THEME_DIR.resolve() not in resolved:
        theme.dirs.insert(1 if theme.custom_dir else 0, str(THEME_DIR))
    for sheet in STYLESHEETS:
        if sheet not in [str(item) for item in config.extra_css]:
            config.extra_css.append(sheet)
    for script in SCRIPTS:
        if script not in [str(item) for item in config.extra_javascript]:
            config.extra_javascript.append(script)
    # mkdocs-material's "Made with Material for MkDocs" is English in every language and opens a
    # new window on another host: off unless the council's mkdocs.yml asks for it.
    if "generator" not in config.extra:
        config.extra["generator"] = False
    if not theme.get("palette"):
        theme["palette"] = dict(PALETTE)
    if theme.get("font") is not False:
        if theme.get("font"):
            log.info("Web fonts are switched off (theme: font: false): they load from Google's servers, "
                     "and residents' browsers must not be sent to another host.")
        theme["font"] = False


def theme_words_language(env, code: str) -> str:
    """The language of mkdocs-material's own words (search, skip link) for a page in ``code``:
    ``code`` when the theme ships them, else English (Somali has none); our own interface words
    are written per language regardless (translation/written/)."""
    try:
        env.get_template(f"partials/languages/{code}.html")
    except Exception:  # noqa: BLE001 - jinja2.TemplateNotFound, or a broken partial: English then
        return "en"
    return code
